/**
 * The vocabulary of "Before you decide": what a check is (its id, severity, message with the facts it was computed from,
 * and where it sends the approver), and what the checks are computed from. The rules are in checks.ts.
 */
import type { Guid, Stage, StageRun } from "./types";

export type CheckSeverity = "blocker" | "warning" | "info" | "ok";

/** Most severe first. */
export const SEVERITY_RANK: Readonly<Record<CheckSeverity, number>> = { blocker: 0, warning: 1, info: 2, ok: 3 };

export type CheckId = "expiry" | "superseded" | "target" | "source" | "previousStage" | "connections" | "variables" | "settings" | "validation" | "waiting";

/** One run as a check names it: the version, when it happened, and in which stage. */
export interface RunFact {
  id: Guid;
  version: string | null;
  /** When it finished (succeeded runs) or was requested (others); ISO UTC, or null when the host gave neither. */
  on: string | null;
  stageName: string | null;
}

export type CheckMessage =
  /** waiting: the newer requests that still wait beside the deployed one (what the app's inbox will retire). */
  | { key: "supersededSucceeded"; newest: RunFact; waiting: { count: number; newest: RunFact } | null }
  | { key: "supersededPending"; count: number; newest: RunFact }
  | { key: "supersededMoreThan"; count: number; newest: RunFact }
  | { key: "supersededNotReached"; count: number }
  | { key: "supersededNone" }
  | { key: "historyUnavailable" }
  | { key: "targetOlder"; version: string; deployed: RunFact }
  | { key: "targetSame"; deployed: RunFact }
  | { key: "targetLast"; deployed: RunFact }
  | { key: "targetFirst" }
  | { key: "targetUnavailable" }
  | { key: "sourceMovedOn"; sourceVersion: string; version: string }
  | { key: "previousSucceeded"; version: string; previousStage: string | null; run: RunFact }
  | { key: "previousNever"; version: string; previousStage: string | null }
  | { key: "previousNotFound"; version: string; previousStage: string | null; count: number }
  | { key: "previousUnavailable"; previousStage: string | null }
  | { key: "connectionsMissing"; names: string[] }
  | { key: "variablesMissing"; names: string[] }
  | { key: "settingsUnreadable" }
  | { key: "validationErrors"; errors: number; warnings: number }
  | { key: "validationFailed" }
  | { key: "validationWarnings"; warnings: number }
  | { key: "validationPassed" }
  | { key: "validationNotRun" }
  | { key: "validationUnreadable" }
  | { key: "waitingLong"; days: number }
  | { key: "expired"; at: string }
  | { key: "expiresOn"; at: string };

export type CheckMessageKey = CheckMessage["key"];

/** Where a check sends the approver: another run, or a section of this panel. */
export type CheckTarget = { kind: "run"; run: RunFact } | { kind: "section"; section: "validation" | "settings" | "history" };

export interface Check {
  id: CheckId;
  severity: CheckSeverity;
  message: CheckMessage;
  target?: CheckTarget;
}

/** One input of the checks: still loading, failed, not applicable to this run, or read. */
export type CheckSource<T> = { status: "loading" } | { status: "error" } | { status: "unavailable" } | { status: "ready"; value: T };

export interface HistoryFacts {
  /** The first page of this solution's run history, newest first. */
  rows: StageRun[];
  /** No further page exists: the rows are the whole history. */
  complete: boolean;
  /** The rows cover every stage of the pipeline (not only this stage), so the previous stage is in them. */
  coversPipeline: boolean;
}

export interface CheckInput {
  run: StageRun;
  /** The run's stage; null when the run has none or it could not be read. */
  stage: Stage | null;
  history: CheckSource<HistoryFacts>;
  /** The latest succeeded run of this solution in this stage (newer requests included: what the stage holds); null when there is none. */
  lastDeployment: CheckSource<StageRun | null>;
  /** Milliseconds since 1970 (Date.now()). */
  now: number;
  /** When the stage's approval policy lets this request expire (ISO UTC); null or absent: no expiry, or not read. */
  expiresAt?: string | null;
}

export interface CheckResult {
  /** Most severe first. */
  checks: Check[];
  /** Some checks wait for data that is still loading. */
  waiting: boolean;
}
