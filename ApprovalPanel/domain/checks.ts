/**
 * "Before you decide": the comparisons an approver would otherwise do in their head, computed from what the panel
 * has read (the run, its stage, the first history page, the last successful deployment to the stage).
 * Pure functions: no React, no PCF, no OData. Each check carries the facts it was computed from, so the
 * components only choose words for them. What a check is (its types) is in checkTypes.ts.
 */
import { approvalStateOf, StageRunStatusValue } from "./status";
import { parseDeploymentSettings } from "./deploymentSettings";
import { parseValidationResults } from "./validationResults";
import { sameGuid } from "./ids";
import type { Check, CheckInput, CheckMessage, CheckResult, CheckSource, CheckTarget, HistoryFacts, RunFact } from "./checkTypes";
import { SEVERITY_RANK, type CheckId } from "./checkTypes";
import type { Guid, Stage, StageRun } from "./types";
import { ApprovalStatusValue } from "./types";
import { compareVersions } from "./version";

/** Checks of the same severity keep this order: the one closest to "is this the right deployment?" first. */
const CHECK_ORDER: readonly CheckId[] = [
  "expiry",
  "superseded",
  "target",
  "previousStage",
  "validation",
  "connections",
  "variables",
  "settings",
  "source",
  "waiting",
];

/** A request waiting longer than this gets a line of its own. */
export const LONG_WAIT_DAYS = 7;
const DAY_MS = 86_400_000;

const timeOf = (iso: string | null | undefined): number | null => {
  if (typeof iso !== "string") return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
};

const isSucceeded = (run: StageRun): boolean => run.stageRunStatus?.value === StageRunStatusValue.Succeeded;

/** A run that can no longer deploy: failed, canceled, or rejected by its approver. */
const isClosedWithoutDeploying = (run: StageRun): boolean =>
  run.stageRunStatus?.value === StageRunStatusValue.Failed ||
  run.stageRunStatus?.value === StageRunStatusValue.Canceled ||
  run.approvalStatus?.value === ApprovalStatusValue.Rejected;

export function runFact(run: StageRun): RunFact {
  return {
    id: run.id,
    version: run.artifactVersion,
    on: isSucceeded(run) ? (run.endTime ?? run.requestedOn) : run.requestedOn,
    stageName: run.stage?.name ?? null,
  };
}

function sameSolution(a: StageRun, b: StageRun): boolean {
  return a.artifactName !== null && b.artifactName !== null && a.artifactName.toLowerCase() === b.artifactName.toLowerCase();
}

function inStage(run: StageRun, stageId: Guid | null | undefined): boolean {
  return stageId !== null && stageId !== undefined && run.stage !== null && sameGuid(run.stage.id, stageId);
}

function sameVersion(a: string | null, b: string | null): boolean {
  const compared = compareVersions(a, b);
  return compared === null ? a !== null && a === b : compared === 0;
}

interface NewerRuns {
  succeeded: StageRun[];
  pending: StageRun[];
  /** The page reaches back to this run (or is the whole history), so no newer run is missing from it. */
  reachedBack: boolean;
}

/** Runs of this solution in this stage requested after this one, newest first, from the first history page. */
export function newerRunsOf(run: StageRun, history: HistoryFacts): NewerRuns {
  const created = timeOf(run.requestedOn);
  const stageId = run.stage?.id;
  const succeeded: StageRun[] = [];
  const pending: StageRun[] = [];
  let reachedBack = history.complete;
  for (const row of history.rows) {
    const rowTime = timeOf(row.requestedOn);
    if (sameGuid(row.id, run.id) || (created !== null && rowTime !== null && rowTime <= created)) {
      reachedBack = true;
      continue;
    }
    if (created === null || rowTime === null || !inStage(row, stageId) || !sameSolution(row, run)) continue;
    if (isSucceeded(row)) succeeded.push(row);
    else if (!isClosedWithoutDeploying(row)) pending.push(row);
  }
  return { succeeded, pending, reachedBack };
}

function supersededCheck(run: StageRun, history: CheckSource<HistoryFacts>): Check | null {
  if (history.status === "unavailable" || history.status === "loading") return null;
  if (history.status === "error")
    return { id: "superseded", severity: "info", message: { key: "historyUnavailable" }, target: { kind: "section", section: "history" } };
  const newer = newerRunsOf(run, history.value);
  if (newer.succeeded.length > 0) {
    const newest = runFact(newer.succeeded[0]);
    const waiting = newer.pending.length > 0 ? { count: newer.pending.length, newest: runFact(newer.pending[0]) } : null;
    return { id: "superseded", severity: "warning", message: { key: "supersededSucceeded", newest, waiting }, target: { kind: "run", run: newest } };
  }
  if (newer.pending.length > 0) {
    const newest = runFact(newer.pending[0]);
    const message: CheckMessage = newer.reachedBack
      ? { key: "supersededPending", count: newer.pending.length, newest }
      : { key: "supersededMoreThan", count: newer.pending.length, newest };
    return { id: "superseded", severity: "info", message, target: { kind: "run", run: newest } };
  }
  if (!newer.reachedBack) {
    return {
      id: "superseded",
      severity: "info",
      message: { key: "supersededNotReached", count: history.value.rows.length },
      target: { kind: "section", section: "history" },
    };
  }
  return { id: "superseded", severity: "ok", message: { key: "supersededNone" } };
}

function targetCheck(run: StageRun, history: CheckSource<HistoryFacts>, last: CheckSource<StageRun | null>): Check | null {
  if (last.status === "unavailable" || last.status === "loading") return null;
  if (last.status === "error") return { id: "target", severity: "info", message: { key: "targetUnavailable" } };
  // The last deployment is what the target holds now (the last to finish deploying). A newer success on the
  // history's first page stands in only when that read found none.
  const newerSuccess = history.status === "ready" ? newerRunsOf(run, history.value).succeeded[0] : undefined;
  const deployedRun = last.value ?? newerSuccess ?? null;
  if (deployedRun === null) return { id: "target", severity: "info", message: { key: "targetFirst" } };
  const deployed = runFact(deployedRun);
  const compared = compareVersions(run.artifactVersion, deployedRun.artifactVersion);
  const target: CheckTarget = { kind: "run", run: deployed };
  if (compared === -1 && run.artifactVersion !== null) {
    return { id: "target", severity: "warning", message: { key: "targetOlder", version: run.artifactVersion, deployed }, target };
  }
  if (compared === 0) return { id: "target", severity: "warning", message: { key: "targetSame", deployed }, target };
  return { id: "target", severity: "info", message: { key: "targetLast", deployed }, target };
}

function sourceCheck(run: StageRun): Check | null {
  const source = run.artifactDevCurrentVersion;
  const version = run.artifactVersion;
  if (source === null || version === null || compareVersions(source, version) !== 1) return null;
  return { id: "source", severity: "info", message: { key: "sourceMovedOn", sourceVersion: source, version } };
}

function previousStageCheck(run: StageRun, stage: Stage | null, history: CheckSource<HistoryFacts>): Check | null {
  const previous = stage?.previousStage;
  const version = run.artifactVersion;
  if (previous === null || previous === undefined || version === null || history.status === "unavailable" || history.status === "loading") return null;
  const previousStage = previous.name;
  if (history.status === "error" || !history.value.coversPipeline) {
    return { id: "previousStage", severity: "info", message: { key: "previousUnavailable", previousStage } };
  }
  const success = history.value.rows.find(
    (row) => inStage(row, previous.id) && sameSolution(row, run) && isSucceeded(row) && sameVersion(row.artifactVersion, version),
  );
  if (success !== undefined) {
    const fact = runFact(success);
    return {
      id: "previousStage",
      severity: "ok",
      message: { key: "previousSucceeded", version, previousStage, run: fact },
      target: { kind: "run", run: fact },
    };
  }
  if (history.value.complete) return { id: "previousStage", severity: "warning", message: { key: "previousNever", version, previousStage } };
  return {
    id: "previousStage",
    severity: "info",
    message: { key: "previousNotFound", version, previousStage, count: history.value.rows.length },
    target: { kind: "section", section: "history" },
  };
}

function settingsChecks(run: StageRun): Check[] {
  const parsed = parseDeploymentSettings(run.deploymentSettingsJson);
  const target: CheckTarget = { kind: "section", section: "settings" };
  if (!parsed.ok) return parsed.problem === "empty" ? [] : [{ id: "settings", severity: "warning", message: { key: "settingsUnreadable" }, target }];
  const checks: Check[] = [];
  const connections = parsed.value.connectionReferences.filter((c) => c.connectionId === null).map((c) => c.logicalName);
  const variables = parsed.value.environmentVariables.filter((v) => v.value === null || v.value.trim() === "").map((v) => v.schemaName);
  if (connections.length > 0) checks.push({ id: "connections", severity: "warning", message: { key: "connectionsMissing", names: connections }, target });
  if (variables.length > 0) checks.push({ id: "variables", severity: "warning", message: { key: "variablesMissing", names: variables }, target });
  return checks;
}

function validationCheck(run: StageRun): Check {
  const target: CheckTarget = { kind: "section", section: "validation" };
  const parsed = parseValidationResults(run.validationResults);
  if (!parsed.ok) {
    return parsed.problem === "empty"
      ? { id: "validation", severity: "info", message: { key: "validationNotRun" } }
      : { id: "validation", severity: "warning", message: { key: "validationUnreadable" }, target };
  }
  const { messages, status } = parsed.value;
  const errors = messages.filter((m) => m.type !== null && /error/i.test(m.type)).length;
  const warnings = messages.filter((m) => m.type !== null && /warning/i.test(m.type)).length;
  if (errors > 0) return { id: "validation", severity: "blocker", message: { key: "validationErrors", errors, warnings }, target };
  if (status !== null && /fail/i.test(status)) return { id: "validation", severity: "blocker", message: { key: "validationFailed" }, target };
  if (warnings > 0) return { id: "validation", severity: "warning", message: { key: "validationWarnings", warnings }, target };
  return { id: "validation", severity: "ok", message: { key: "validationPassed" }, target };
}

/** Whether the run still waits for a decision (the approval column when the host has it, else the run's own state). */
export function awaitsDecision(run: StageRun): boolean {
  const state = approvalStateOf(run);
  if (state === "pending") return true;
  if (state !== "notInHost" && state !== "empty") return false;
  return run.endTime === null && !isSucceeded(run) && !isClosedWithoutDeploying(run);
}

function waitingCheck(run: StageRun, now: number): Check | null {
  const requested = timeOf(run.requestedOn);
  if (requested === null || !awaitsDecision(run)) return null;
  const days = Math.floor((now - requested) / DAY_MS);
  return days > LONG_WAIT_DAYS ? { id: "waiting", severity: "info", message: { key: "waitingLong", days } } : null;
}

/**
 * The stage policy's expiry (docs/approval-policy.md): once passed, Approve is refused (the panel and the relay flow)
 * while Reject stays possible, which is the first thing an approver must know; before that, when it will happen.
 */
function expiryCheck(run: StageRun, expiresAt: string | null | undefined, now: number): Check | null {
  const at = timeOf(expiresAt);
  if (at === null || typeof expiresAt !== "string" || !awaitsDecision(run)) return null;
  return now >= at
    ? { id: "expiry", severity: "blocker", message: { key: "expired", at: expiresAt } }
    : { id: "expiry", severity: "info", message: { key: "expiresOn", at: expiresAt } };
}

function bySeverity(a: Check, b: Check): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || CHECK_ORDER.indexOf(a.id) - CHECK_ORDER.indexOf(b.id);
}

/** Every check that applies to this run, most severe first. */
export function computeChecks(input: CheckInput): CheckResult {
  const { run, stage, history, lastDeployment, now } = input;
  const checks = [
    expiryCheck(run, input.expiresAt, now),
    supersededCheck(run, history),
    targetCheck(run, history, lastDeployment),
    sourceCheck(run),
    previousStageCheck(run, stage, history),
    ...settingsChecks(run),
    validationCheck(run),
    waitingCheck(run, now),
  ].filter((c): c is Check => c !== null);
  const previousWaits = stage?.previousStage != null && history.status === "loading";
  const waiting = history.status === "loading" || lastDeployment.status === "loading" || previousWaits;
  return { checks: checks.sort(bySeverity), waiting };
}

/** True when no check asks for attention (nothing above info). */
export function nothingToWarn(result: CheckResult): boolean {
  return !result.waiting && result.checks.every((c) => c.severity === "info" || c.severity === "ok");
}
