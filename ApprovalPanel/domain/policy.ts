import type { StagePolicyPresence } from "./decisionRules";
import { sameGuid } from "./ids";
import { ApprovalStatusValue, type DelegationMode, type Guid, type LookupRef, type PanelConfig, type RelayDecision } from "./types";

/**
 * A stage's approval policy (docs/approval-policy.md): one active row of the policy table per stage. Admins write the
 * row by hand, so every value is checked here: a bad value gets a safe default and a problem the panel names.
 */

/** A policy row as the data layer read it: values typed as the Web API gave them, not yet checked. */
export interface PolicyRow {
  id: Guid;
  name: string | null;
  requiredApprovals: unknown;
  commentOnApprove: unknown;
  commentOnReject: unknown;
  allowSelfApproval: unknown;
  approverTeam: LookupRef | null;
  checklist: unknown;
  expiryHours: unknown;
}

export interface ApprovalPolicy {
  id: Guid;
  name: string | null;
  /** 1 to 5. */
  requiredApprovals: number;
  commentOnApprove: boolean;
  commentOnReject: boolean;
  allowSelfApproval: boolean;
  approverTeam: LookupRef | null;
  checklist: string[];
  /** Null: no expiry. */
  expiryHours: number | null;
}

export const POLICY_MAX_APPROVALS = 5;
export const POLICY_MAX_CHECKLIST_ITEMS = 10;
export const POLICY_MAX_CHECKLIST_ITEM_LENGTH = 200;
/** A year: the policy table's own range for the expiry column. */
export const POLICY_MAX_EXPIRY_HOURS = 8760;

export type PolicyProblem =
  | { kind: "requiredApprovals"; value: string; used: number }
  | { kind: "checklistItems"; count: number }
  | { kind: "checklistItemLength"; count: number }
  | { kind: "expiry"; value: string }
  | { kind: "several"; count: number }
  /** More than one approval asked for, on a stage whose decision is one call of UpdateApprovalStatus. */
  | { kind: "quorumNeedsRelay"; required: number };

export interface StagePolicy {
  /** Null: the stage has no policy, the form's properties apply. */
  policy: ApprovalPolicy | null;
  problems: PolicyProblem[];
}

const shown = (value: unknown): string => (typeof value === "string" ? value : (JSON.stringify(value) ?? String(value)));

function flag(value: unknown, fallback: boolean): boolean {
  return typeof value === "boolean" ? value : fallback;
}

/** Lines of the checklist column: trimmed, empty lines dropped (the relay flow reads it the same way). */
export function checklistItems(value: unknown): string[] {
  if (typeof value !== "string") return [];
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/**
 * The policy from the rows read for a stage (newest first). Safe defaults for bad values: an approval count below 1
 * counts as 1 and above 5 as 5 (the stricter reading of a typo like 9); an expiry that is not a positive number of
 * hours is ignored; a checklist longer than the limits is kept whole (the relay flow asks for every line) and named.
 */
export function readPolicy(rows: readonly PolicyRow[]): StagePolicy {
  const problems: PolicyProblem[] = [];
  const row = rows[0];
  if (row === undefined) return { policy: null, problems };
  if (rows.length > 1) problems.push({ kind: "several", count: rows.length });

  let requiredApprovals = 1;
  const raw = row.requiredApprovals;
  if (raw !== null && raw !== undefined) {
    const n = typeof raw === "number" ? raw : NaN;
    requiredApprovals = Number.isInteger(n) ? Math.min(Math.max(n, 1), POLICY_MAX_APPROVALS) : 1;
    if (requiredApprovals !== n) problems.push({ kind: "requiredApprovals", value: shown(raw), used: requiredApprovals });
  }

  const checklist = checklistItems(row.checklist);
  if (checklist.length > POLICY_MAX_CHECKLIST_ITEMS) problems.push({ kind: "checklistItems", count: checklist.length });
  const longItems = checklist.filter((item) => item.length > POLICY_MAX_CHECKLIST_ITEM_LENGTH).length;
  if (longItems > 0) problems.push({ kind: "checklistItemLength", count: longItems });

  let expiryHours: number | null = null;
  if (row.expiryHours !== null && row.expiryHours !== undefined) {
    const h = row.expiryHours;
    if (typeof h === "number" && Number.isFinite(h) && h > 0 && h <= POLICY_MAX_EXPIRY_HOURS) expiryHours = h;
    else problems.push({ kind: "expiry", value: shown(h) });
  }

  return {
    policy: {
      id: row.id,
      name: row.name,
      requiredApprovals,
      commentOnApprove: flag(row.commentOnApprove, false),
      commentOnReject: flag(row.commentOnReject, true),
      allowSelfApproval: flag(row.allowSelfApproval, false),
      approverTeam: row.approverTeam,
      checklist,
      expiryHours,
    },
    problems,
  };
}

/**
 * What the panel says about a stage's policy: the row's own problems, and more than one approval asked for on a stage
 * that is not a service-principal stage (UpdateApprovalStatus takes one decision; only the relay flow counts several).
 */
export function policyProblems(stagePolicy: StagePolicy, mode: DelegationMode): PolicyProblem[] {
  const { policy, problems } = stagePolicy;
  if (policy === null || policy.requiredApprovals <= 1 || mode === "servicePrincipal") return problems;
  return [...problems, { kind: "quorumNeedsRelay", required: policy.requiredApprovals }];
}

/** How many active policies the stage has, from what was read; null (not read, or unreadable) is unknown. */
export function policyPresenceOf(stagePolicy: StagePolicy | null): StagePolicyPresence {
  if (stagePolicy === null) return "unknown";
  if (stagePolicy.policy === null) return "none";
  return stagePolicy.problems.some((p) => p.kind === "several") ? "several" : "one";
}

/** A stage's policy replaces the form's properties for that stage; without one the form's properties apply. */
export function configWithPolicy(config: PanelConfig, policy: ApprovalPolicy | null): PanelConfig {
  if (policy === null) return config;
  return {
    ...config,
    requireApproveComment: policy.commentOnApprove,
    requireRejectComment: policy.commentOnReject,
    allowSelfApproval: policy.allowSelfApproval,
  };
}

/** When the request stops being approvable; null without an expiry or without a request time. */
export function expiresAt(policy: ApprovalPolicy | null, requestedOn: string | null): Date | null {
  if (policy?.expiryHours == null || requestedOn === null) return null;
  const start = Date.parse(requestedOn);
  return Number.isFinite(start) ? new Date(start + policy.expiryHours * 3_600_000) : null;
}

export interface Quorum {
  required: number;
  /** Distinct approvers whose approval the relay flow counted, oldest first. */
  counted: Array<{ decidedBy: LookupRef | null; decidedOn: string | null }>;
  /** The signed-in user is among them: a second approval by them would be refused. */
  youCounted: boolean;
}

/** Counted approvals of the run's relay rows (outcome 50), each approver once, as the relay flow counts them. */
export function quorumOf(policy: ApprovalPolicy | null, rows: readonly RelayDecision[], userId: Guid): Quorum {
  const counted: Quorum["counted"] = [];
  const seen = new Set<string>();
  const oldestFirst = [...rows].reverse();
  for (const row of oldestFirst) {
    if (row.decision !== ApprovalStatusValue.Approved || row.outcome !== "counted") continue;
    const key = row.decidedBy?.id.toLowerCase() ?? `row:${row.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counted.push({ decidedBy: row.decidedBy, decidedOn: row.decidedOn });
  }
  return {
    required: policy?.requiredApprovals ?? 1,
    counted,
    youCounted: counted.some((c) => sameGuid(c.decidedBy?.id, userId)),
  };
}

/** Why Approve is not possible while Reject still is. */
export type ApproveBlock = "expired" | "checklist" | "alreadyCounted";

export function approveBlocks(input: {
  policy: ApprovalPolicy | null;
  expiry: Date | null;
  now: number;
  ticked: readonly boolean[];
  quorum: Quorum | null;
}): ApproveBlock[] {
  const blocks: ApproveBlock[] = [];
  if (input.expiry !== null && input.now >= input.expiry.getTime()) blocks.push("expired");
  const items = input.policy?.checklist.length ?? 0;
  if (items > 0 && !Array.from({ length: items }, (_, i) => input.ticked[i] === true).every(Boolean)) blocks.push("checklist");
  if (input.quorum?.youCounted) blocks.push("alreadyCounted");
  return blocks;
}

/** The ticked items' text, in the policy's order, for ApprovalProperties (the relay flow compares the texts). */
export function tickedItems(policy: ApprovalPolicy | null, ticked: readonly boolean[]): string[] {
  return policy === null ? [] : policy.checklist.filter((_, i) => ticked[i] === true);
}
