import { refusalForErrorKind } from "../data/errors";
import type { DecisionGateway, RelayStore } from "../data/PipelinesRepository";
import { resultOf, wait } from "../data/request";
import { buildApprovalProperties, type PolicyProperties } from "../domain/approvalProperties";
import { reviewFingerprint, type ReviewInput } from "../domain/fingerprint";
import type { DecisionRoute } from "../domain/decisionRules";
import { approvalStateOf } from "../domain/status";
import type { CurrentUser, DataError, DecisionRequest, DecisionValue, Guid, RefusalKind, StageRun, SubmitResult } from "../domain/types";
import { PANEL_VERSION } from "../version";

/**
 * The approve/reject flow as plain async functions, without React: re-read the run, then send the action or record
 * the relay row, then follow the relay row. They report progress through a callback, resolve with the phase the
 * flow ended in, and never reject: a repository that throws ends the flow as an "unknown" refusal.
 */

/** Relay polling: wait 2 s, 4 s, 8 s, then every 15 s, for at most 3 minutes of waiting. */
export const RELAY_POLL_DELAYS_MS: readonly number[] = [2000, 4000, 8000, 15000];
export const RELAY_FOLLOW_LIMIT_MS = 3 * 60 * 1000;

export type DecisionPhase =
  | { kind: "idle" }
  /** Re-reading the run before sending. */
  | { kind: "checking"; decision: DecisionValue }
  | { kind: "submitting"; decision: DecisionValue }
  | { kind: "relayRecording"; decision: DecisionValue }
  | { kind: "relayWaiting"; decision: DecisionValue; relayId: Guid }
  /** The decision reached the run (directly or through the relay flow); the panel reloads. */
  | { kind: "sent"; decision: DecisionValue; via: DecisionRoute }
  | { kind: "decidedElsewhere" }
  | { kind: "refused"; decision: DecisionValue; reason: RefusalKind; serverMessage: string | null }
  | { kind: "relayRefused"; decision: DecisionValue; message: string | null }
  /** The relay flow counted the approval; the stage's policy needs more approvals before the run moves on. */
  | { kind: "relayCounted"; decision: DecisionValue; message: string | null }
  | { kind: "relayFailed"; decision: DecisionValue; message: string | null }
  /** The relay row is still pending after the time limit: an admin has to look at the flow. */
  | { kind: "relayTimedOut"; decision: DecisionValue; relayId: Guid };

/** Where a flow ended; null when it was stopped (its signal aborted) and nothing may be shown for it. */
export type FlowEnd = Exclude<DecisionPhase, { kind: "idle" | "checking" | "submitting" | "relayRecording" | "relayWaiting" }> | null;

export function isBusyPhase(phase: DecisionPhase): boolean {
  return phase.kind === "checking" || phase.kind === "submitting" || phase.kind === "relayRecording" || phase.kind === "relayWaiting";
}

export interface FlowContext {
  repository: DecisionGateway & RelayStore;
  /** Aborted when the record changes, the panel unmounts or the control is destroyed. */
  signal: AbortSignal;
  /** A step of a flow still running (checking, submitting, relayRecording, relayWaiting). */
  onProgress(phase: DecisionPhase): void;
  /** The user's relay row was created: the list of relay rows is stale. */
  onRelayRowCreated?(): void;
  now?(): Date;
}

export interface DecisionInput {
  decision: DecisionValue;
  runId: Guid;
  /** Names the relay row. */
  runName: string | null;
  user: CurrentUser;
  route: DecisionRoute;
  /** The configured relay table; the relay route needs one. */
  relayTable: string | null;
  comment: string;
  adminNote: string;
  /** The stage's policy: what the approver ticked and what they were shown (for the review fingerprint). */
  policy?: { policyId: Guid; checklist: string[]; review: ReviewInput } | null;
}

export interface FollowInput {
  decision: DecisionValue;
  relayTable: string;
  relayId: Guid;
}

const refusedBy = (decision: DecisionValue, error: DataError): FlowEnd => ({
  kind: "refused",
  decision,
  reason: refusalForErrorKind(error.kind),
  serverMessage: error.serverMessage ?? null,
});

/** Whether the run no longer waits for a decision (someone else decided, or it moved on). */
function decided(run: StageRun): boolean {
  const state = approvalStateOf(run);
  return state === "approved" || state === "rejected" || state === "other";
}

/** Confirm → re-read → submit (or record the relay row and follow it). Sends at most once; never rejects. */
export async function runDecisionFlow(input: DecisionInput, ctx: FlowContext): Promise<FlowEnd> {
  try {
    return await decide(input, ctx);
  } catch {
    // A repository broke its "never rejects" promise. Nothing is retried: the user sees a refusal and may try again.
    return ctx.signal.aborted ? null : { kind: "refused", decision: input.decision, reason: "unknown", serverMessage: null };
  }
}

async function decide(input: DecisionInput, ctx: FlowContext): Promise<FlowEnd> {
  const { repository: repo, signal } = ctx;
  const { decision, runId } = input;
  ctx.onProgress({ kind: "checking", decision });
  const reread = await repo.rereadRun(runId, signal);
  if (signal.aborted) return null;
  // Without the current state nothing is sent: a retry re-reads first.
  if (!reread.ok) return refusedBy(decision, reread.error);
  if (decided(reread.value)) return { kind: "decidedElsewhere" };

  let policy: PolicyProperties | null = null;
  if (input.policy) {
    const fingerprint = await reviewFingerprint(input.policy.review);
    if (signal.aborted) return null;
    policy = { policyId: input.policy.policyId, checklist: input.policy.checklist, fingerprint };
  }

  const request: DecisionRequest = {
    stageRunId: runId,
    decision,
    comments: input.comment.trim(),
    approvalProperties: buildApprovalProperties({
      user: input.user,
      decision,
      decidedAt: ctx.now?.() ?? new Date(),
      panelVersion: PANEL_VERSION,
      // Relay rows are readable by every approver: the admin-only note stays out of them.
      adminNote: input.route === "relay" ? "" : input.adminNote.trim(),
      policy,
    }),
    runName: input.runName,
  };

  if (input.route === "relay" && input.relayTable !== null) {
    const relayTable = input.relayTable;
    ctx.onProgress({ kind: "relayRecording", decision });
    const created = await repo.createRelayDecision(relayTable, request, signal);
    if (signal.aborted) return null;
    if (!created.ok) return refusedBy(decision, created.error);
    ctx.onRelayRowCreated?.();
    return followRelayRow({ decision, relayTable, relayId: created.value }, ctx);
  }

  ctx.onProgress({ kind: "submitting", decision });
  const result: SubmitResult = await repo.submitDecision(request, signal);
  if (signal.aborted) return null;
  if (result.kind === "sent") return { kind: "sent", decision, via: "action" };
  if (result.reason === "notPending") {
    // Someone else decided between the re-read and the send (another tab, another approver): the host refused
    // this one. Read again, so the user sees the decision that was applied instead of a retry that cannot work.
    const after = await repo.rereadRun(runId, signal);
    if (signal.aborted) return null;
    if (after.ok && decided(after.value)) return { kind: "decidedElsewhere" };
  }
  return { kind: "refused", decision, reason: result.reason, serverMessage: result.serverMessage ?? null };
}

/**
 * Follows one relay row with back-off until the relay flow applied, refused or failed it, or the time limit passed.
 * A failed (or throwing) read is retried at the next step: the row and the flow are still there. Never rejects;
 * leaves no timer once it resolved or its signal aborted.
 */
export async function followRelayRow(input: FollowInput, ctx: FlowContext): Promise<FlowEnd> {
  const { decision, relayTable, relayId } = input;
  const { repository: repo, signal } = ctx;
  ctx.onProgress({ kind: "relayWaiting", decision, relayId });
  let waited = 0;
  for (let attempt = 0; waited < RELAY_FOLLOW_LIMIT_MS; attempt++) {
    const delay = Math.min(RELAY_POLL_DELAYS_MS[Math.min(attempt, RELAY_POLL_DELAYS_MS.length - 1)], RELAY_FOLLOW_LIMIT_MS - waited);
    if (!(await wait(delay, signal))) return null;
    waited += delay;
    const result = await resultOf(() => repo.getRelayDecision(relayTable, relayId, signal));
    if (signal.aborted) return null;
    if (!result.ok) continue;
    const row = result.value;
    if (row.outcome === "applied") return { kind: "sent", decision, via: "relay" };
    if (row.outcome === "refused") return { kind: "relayRefused", decision, message: row.outcomeMessage };
    if (row.outcome === "counted") return { kind: "relayCounted", decision, message: row.outcomeMessage };
    if (row.outcome === "failed") return { kind: "relayFailed", decision, message: row.outcomeMessage };
  }
  return { kind: "relayTimedOut", decision, relayId };
}
