import * as React from "react";
import type { LoadedRun, PipelinesRepository } from "../data/PipelinesRepository";
import { buildApprovalProperties } from "../domain/approvalProperties";
import { COMMENT_MAX_LENGTH, validateAdminNote, validateComment, type CommentProblem } from "../domain/comments";
import type { DecisionRoute } from "../domain/decisionRules";
import { approvalStateOf } from "../domain/status";
import type { CurrentUser, DataError, DecisionRequest, DecisionValue, Guid, PanelConfig, RefusalKind } from "../domain/types";
import { PANEL_VERSION } from "../version";
import type { ReloadOptions } from "./usePanelData";

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
  | { kind: "relayFailed"; decision: DecisionValue; message: string | null }
  /** The relay row is still pending after the time limit: an admin has to look at the flow. */
  | { kind: "relayTimedOut"; decision: DecisionValue; relayId: Guid };

export interface DecisionState {
  comment: string;
  adminNote: string;
  setComment(text: string): void;
  setAdminNote(text: string): void;
  /** Shown only after the user tried to decide (or typed too much). */
  commentProblem: CommentProblem | null;
  adminNoteProblem: "tooLong" | null;
  /** The decision waiting in the confirmation dialog. */
  confirming: DecisionValue | null;
  /** Approve/Reject click: validates the comment, then opens the confirmation. Returns false when blocked. */
  requestDecision(decision: DecisionValue): boolean;
  cancelConfirmation(): void;
  /** The dialog's Confirm: re-read, then send. Repeated calls while one is in flight do nothing. */
  confirm(): void;
  /** After a relay time-out: follow the same relay row again. */
  checkRelayAgain(): void;
  phase: DecisionPhase;
  /** True from Confirm until the server (or the relay flow) answered. */
  busy: boolean;
}

export interface UseDecisionArgs {
  repository: PipelinesRepository;
  runId: Guid | null;
  loaded: LoadedRun | null;
  user: CurrentUser;
  config: PanelConfig;
  /** The route evaluateDecision chose; null when the user cannot decide. */
  route: DecisionRoute | null;
  /** Reloads the panel after a decision (or when the run was decided elsewhere). */
  reload(options?: ReloadOptions): Promise<void>;
  /** A relay row of this user was created or reached an outcome other than applied: the list of decisions is stale. */
  onRelayRowChanged?(): void;
  disposeSignal?: AbortSignal;
}

function refusalOf(error: DataError): RefusalKind {
  switch (error.kind) {
    case "forbidden":
    case "unauthorized":
      return "noPrivilege";
    case "throttled":
      return "throttled";
    case "offline":
    case "noHost":
      return "offline";
    case "timeout":
      return "timeout";
    case "server":
      return "server";
    default:
      return "unknown";
  }
}

export function isBusyPhase(phase: DecisionPhase): boolean {
  return phase.kind === "checking" || phase.kind === "submitting" || phase.kind === "relayRecording" || phase.kind === "relayWaiting";
}

/**
 * The approve/reject flow: comment and note, confirmation, a re-read before sending (so nothing is applied to a run
 * decided elsewhere, and a retry never applies twice), the direct action or the relay row, and following the relay
 * row with back-off. A ref-based guard makes the send happen once however often Confirm fires.
 * Timers and requests stop on unmount, on dispose and when the record changes.
 */
export function useDecision(args: UseDecisionArgs): DecisionState {
  const { repository, runId, loaded, user, config, route, reload, onRelayRowChanged, disposeSignal } = args;
  const [comment, setCommentState] = React.useState("");
  const [adminNote, setAdminNoteState] = React.useState("");
  const [attempted, setAttempted] = React.useState<DecisionValue | null>(null);
  const [confirming, setConfirming] = React.useState<DecisionValue | null>(null);
  const [phase, setPhase] = React.useState<DecisionPhase>({ kind: "idle" });

  const inFlight = React.useRef(false);
  const controller = React.useRef<AbortController | null>(null);
  const timer = React.useRef<ReturnType<typeof setTimeout> | null>(null);
  const disposed = React.useRef(false);

  // Latest values for the async flow, without restarting anything when the host re-renders.
  const latest = React.useRef({ repository, runId, loaded, user, config, route, reload, onRelayRowChanged, comment, adminNote });
  latest.current = { repository, runId, loaded, user, config, route, reload, onRelayRowChanged, comment, adminNote };

  const stopAll = React.useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    inFlight.current = false;
  }, []);

  // A new record: drop whatever was going on for the previous one.
  React.useEffect(() => {
    setCommentState("");
    setAdminNoteState("");
    setAttempted(null);
    setConfirming(null);
    setPhase({ kind: "idle" });
    return stopAll;
  }, [runId, stopAll]);

  React.useEffect(() => {
    if (disposeSignal === undefined) return undefined;
    const stop = (): void => {
      disposed.current = true;
      stopAll();
    };
    if (disposeSignal.aborted) {
      stop();
      return undefined;
    }
    disposeSignal.addEventListener("abort", stop);
    return () => disposeSignal.removeEventListener("abort", stop);
  }, [disposeSignal, stopAll]);

  React.useEffect(
    () => () => {
      disposed.current = true;
      stopAll();
    },
    [stopAll],
  );

  const commentCheck = attempted !== null ? validateComment(comment, attempted, config) : null;
  // "Too long" shows as soon as it happens; "required" only after a click.
  const commentProblem: CommentProblem | null = commentCheck ?? (comment.length > COMMENT_MAX_LENGTH ? "tooLong" : null);
  const adminNoteProblem = validateAdminNote(adminNote);

  const setComment = React.useCallback((text: string) => setCommentState(text), []);
  const setAdminNote = React.useCallback((text: string) => setAdminNoteState(text), []);

  const requestDecision = React.useCallback(
    (decision: DecisionValue): boolean => {
      if (inFlight.current) return false;
      const { comment: text, adminNote: note, config: cfg } = latest.current;
      setAttempted(decision);
      if (validateComment(text, decision, cfg) !== null || validateAdminNote(note) !== null) return false;
      setConfirming(decision);
      return true;
    },
    [],
  );

  const cancelConfirmation = React.useCallback(() => setConfirming(null), []);

  /** Whether a flow is still the live one (not superseded, aborted or disposed). */
  const alive = React.useCallback(
    (ctrl: AbortController): boolean => !disposed.current && controller.current === ctrl && !ctrl.signal.aborted,
    [],
  );

  const finishSent = React.useCallback(async (ctrl: AbortController, decision: DecisionValue, via: DecisionRoute) => {
    inFlight.current = false;
    setCommentState("");
    setAdminNoteState("");
    setAttempted(null);
    setPhase({ kind: "sent", decision, via });
    // The decision changed this run only: re-read it and update its history row, without the history request.
    await latest.current.reload({ history: false });
    if (controller.current === ctrl) controller.current = null;
  }, []);

  const follow = React.useCallback(
    (ctrl: AbortController, table: string, relayId: Guid, decision: DecisionValue) => {
      let attempt = 0;
      let waited = 0;
      const schedule = (): void => {
        if (!alive(ctrl)) return;
        if (waited >= RELAY_FOLLOW_LIMIT_MS) {
          inFlight.current = false;
          setPhase({ kind: "relayTimedOut", decision, relayId });
          latest.current.onRelayRowChanged?.();
          return;
        }
        const delay = Math.min(RELAY_POLL_DELAYS_MS[Math.min(attempt, RELAY_POLL_DELAYS_MS.length - 1)], RELAY_FOLLOW_LIMIT_MS - waited);
        attempt++;
        waited += delay;
        timer.current = setTimeout(() => {
          timer.current = null;
          void latest.current.repository.getRelayDecision(table, relayId, ctrl.signal).then((result) => {
            if (!alive(ctrl)) return;
            // A failed read is retried at the next step: the row and the flow are still there.
            if (!result.ok) return schedule();
            const row = result.value;
            if (row.outcome === "applied") return void finishSent(ctrl, decision, "relay");
            if (row.outcome === "refused" || row.outcome === "failed") {
              inFlight.current = false;
              setPhase({ kind: row.outcome === "refused" ? "relayRefused" : "relayFailed", decision, message: row.outcomeMessage });
              latest.current.onRelayRowChanged?.();
              return;
            }
            schedule();
          });
        }, delay);
      };
      setPhase({ kind: "relayWaiting", decision, relayId });
      schedule();
    },
    [alive, finishSent],
  );

  const confirm = React.useCallback(() => {
    const decision = confirming;
    // The guard is a ref, not state: a double click or a repeated Enter arrives before React re-renders.
    if (decision === null || inFlight.current) return;
    const current = latest.current;
    if (current.runId === null || current.loaded === null || current.route === null) return;
    inFlight.current = true;
    setConfirming(null);
    controller.current?.abort();
    const ctrl = new AbortController();
    controller.current = ctrl;
    const { repository: repo, runId: id, loaded: loadedRun, user: who, config: cfg, route: way, comment: text, adminNote: note } = current;
    setPhase({ kind: "checking", decision });

    void (async () => {
      const reread = await repo.rereadRun(id, ctrl.signal);
      if (!alive(ctrl)) return;
      if (!reread.ok) {
        // Without the current state nothing is sent: a retry re-reads first.
        inFlight.current = false;
        setPhase({ kind: "refused", decision, reason: refusalOf(reread.error), serverMessage: reread.error.serverMessage ?? null });
        return;
      }
      const state = approvalStateOf(reread.value);
      if (state === "approved" || state === "rejected" || state === "other") {
        inFlight.current = false;
        setPhase({ kind: "decidedElsewhere" });
        await latest.current.reload();
        return;
      }
      const request: DecisionRequest = {
        stageRunId: id,
        decision,
        comments: text.trim(),
        approvalProperties: buildApprovalProperties({ user: who, decision, decidedAt: new Date(), panelVersion: PANEL_VERSION, adminNote: note.trim() }),
        runName: loadedRun.run.name,
      };
      if (way === "relay" && cfg.decisionRelayTable !== null) {
        const table = cfg.decisionRelayTable;
        setPhase({ kind: "relayRecording", decision });
        const created = await repo.createRelayDecision(table, request, ctrl.signal);
        if (!alive(ctrl)) return;
        if (!created.ok) {
          inFlight.current = false;
          setPhase({ kind: "refused", decision, reason: refusalOf(created.error), serverMessage: created.error.serverMessage ?? null });
          return;
        }
        follow(ctrl, table, created.value, decision);
        latest.current.onRelayRowChanged?.();
        return;
      }
      setPhase({ kind: "submitting", decision });
      const result = await repo.submitDecision(request, ctrl.signal);
      if (!alive(ctrl)) return;
      if (result.kind === "sent") {
        await finishSent(ctrl, decision, "action");
        return;
      }
      if (result.reason === "notPending") {
        // Someone else decided between the re-read and the send (another tab, another approver): the host refused
        // this one. Read again, so the user sees the decision that was applied instead of a retry that cannot work.
        const after = await repo.rereadRun(id, ctrl.signal);
        if (!alive(ctrl)) return;
        const now = after.ok ? approvalStateOf(after.value) : null;
        if (now === "approved" || now === "rejected" || now === "other") {
          inFlight.current = false;
          setPhase({ kind: "decidedElsewhere" });
          await latest.current.reload();
          return;
        }
      }
      inFlight.current = false;
      setPhase({ kind: "refused", decision, reason: result.reason, serverMessage: result.serverMessage ?? null });
    })();
  }, [confirming, alive, follow, finishSent]);

  const checkRelayAgain = React.useCallback(() => {
    if (phase.kind !== "relayTimedOut" || inFlight.current) return;
    const table = latest.current.config.decisionRelayTable;
    if (table === null) return;
    inFlight.current = true;
    controller.current?.abort();
    const ctrl = new AbortController();
    controller.current = ctrl;
    follow(ctrl, table, phase.relayId, phase.decision);
  }, [phase, follow]);

  return {
    comment,
    adminNote,
    setComment,
    setAdminNote,
    commentProblem,
    adminNoteProblem,
    confirming,
    requestDecision,
    cancelConfirmation,
    confirm,
    checkRelayAgain,
    phase,
    busy: isBusyPhase(phase),
  };
}
