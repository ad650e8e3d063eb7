import * as React from "react";
import type { LoadedRun, PipelinesRepository } from "../data/PipelinesRepository";
import { COMMENT_MAX_LENGTH, validateAdminNote, validateComment, type CommentProblem } from "../domain/comments";
import type { DecisionRoute } from "../domain/decisionRules";
import type { ReviewInput } from "../domain/fingerprint";
import { tickedItems, type ApprovalPolicy } from "../domain/policy";
import { ApprovalStatusValue, type CurrentUser, type DecisionValue, type Guid, type PanelConfig } from "../domain/types";
import { followRelayRow, isBusyPhase, runDecisionFlow, type DecisionPhase, type FlowContext, type FlowEnd } from "./decisionFlow";
import type { ReloadOptions } from "./usePanelData";
import { useShallowStable } from "./useShallowStable";

export { isBusyPhase, RELAY_FOLLOW_LIMIT_MS, RELAY_POLL_DELAYS_MS, type DecisionPhase } from "./decisionFlow";

export interface DecisionState {
  comment: string;
  adminNote: string;
  setComment(text: string): void;
  setAdminNote(text: string): void;
  /** The policy checklist's boxes, by item index. */
  ticked: boolean[];
  setTicked(index: number, value: boolean): void;
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
  /** The form's properties with the stage policy's rules applied (configWithPolicy). */
  config: PanelConfig;
  /** The stage's policy, when it has one: its checklist goes into ApprovalProperties with the review fingerprint. */
  policy?: ApprovalPolicy | null;
  /** What the approver is shown, for the review fingerprint (with the "What changes" summary once opened). */
  review?: ReviewInput | null;
  /** Whether a policy rule stops Approve for these ticks (expired, checklist not ticked, already counted); Reject works. */
  approveBlocked?: (ticked: readonly boolean[]) => boolean;
  /** The route evaluateDecision chose; null when the user cannot decide. */
  route: DecisionRoute | null;
  /** Reloads the panel after a decision (or when the run was decided elsewhere). */
  reload(options?: ReloadOptions): Promise<void>;
  /** A relay row of this user was created or reached an outcome other than applied: the list of decisions is stale. */
  onRelayRowChanged?(): void;
  disposeSignal?: AbortSignal;
}

/**
 * The approve/reject state around the flow in decisionFlow.ts: comment and note, the confirmation, and the phase to
 * show. A ref-based guard makes the send happen once however often Confirm fires, and is released in a finally
 * whatever the flow does. Timers and requests stop on unmount, on dispose and when the record changes.
 */
export function useDecision(args: UseDecisionArgs): DecisionState {
  const { repository, runId, loaded, user, config, route, reload, onRelayRowChanged, disposeSignal } = args;
  const policy = args.policy ?? null;
  const review = args.review ?? null;
  const approveBlocked = args.approveBlocked ?? null;
  const [comment, setCommentState] = React.useState("");
  const [ticked, setTickedState] = React.useState<boolean[]>([]);
  const [adminNote, setAdminNoteState] = React.useState("");
  const [attempted, setAttempted] = React.useState<DecisionValue | null>(null);
  const [confirming, setConfirming] = React.useState<DecisionValue | null>(null);
  const [phase, setPhase] = React.useState<DecisionPhase>({ kind: "idle" });

  const inFlight = React.useRef(false);
  const controller = React.useRef<AbortController | null>(null);
  const disposed = React.useRef(false);

  // Latest values for the async flow, without restarting anything when the host re-renders.
  const latest = React.useRef({
    repository,
    runId,
    loaded,
    user,
    config,
    route,
    reload,
    onRelayRowChanged,
    comment,
    adminNote,
    policy,
    review,
    ticked,
    approveBlocked,
  });
  latest.current = { repository, runId, loaded, user, config, route, reload, onRelayRowChanged, comment, adminNote, policy, review, ticked, approveBlocked };

  // Aborting the flow's signal also clears its relay timer (decisionFlow waits with an abortable timer).
  const stopAll = React.useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    inFlight.current = false;
  }, []);

  // A new record: drop whatever was going on for the previous one.
  React.useEffect(() => {
    setCommentState("");
    setAdminNoteState("");
    setTickedState([]);
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
  const setTicked = React.useCallback((index: number, value: boolean) => {
    setTickedState((current) => {
      const next = [...current];
      next[index] = value;
      return next;
    });
  }, []);

  const requestDecision = React.useCallback((decision: DecisionValue): boolean => {
    if (inFlight.current) return false;
    const { comment: text, adminNote: note, config: cfg, approveBlocked: blocked } = latest.current;
    if (decision === ApprovalStatusValue.Approved && blocked !== null && blocked(latest.current.ticked)) return false;
    setAttempted(decision);
    if (validateComment(text, decision, cfg) !== null || validateAdminNote(note) !== null) return false;
    setConfirming(decision);
    return true;
  }, []);

  const cancelConfirmation = React.useCallback(() => setConfirming(null), []);

  /** Whether a flow is still the live one (not superseded, aborted or disposed). */
  const alive = React.useCallback((ctrl: AbortController): boolean => !disposed.current && controller.current === ctrl && !ctrl.signal.aborted, []);

  /** Shows where a flow ended, and what follows from it (the reload after a decision, the stale relay list). */
  const show = React.useCallback(async (end: NonNullable<FlowEnd>): Promise<void> => {
    if (end.kind === "sent" || end.kind === "relayCounted") {
      setCommentState("");
      setAdminNoteState("");
      setTickedState([]);
      setAttempted(null);
    }
    setPhase(end);
    if (end.kind === "sent") {
      // The decision changed this run only: re-read it and update its history row, without the history request.
      await latest.current.reload({ history: false });
    } else if (end.kind === "decidedElsewhere") {
      await latest.current.reload();
    } else if (end.kind === "relayRefused" || end.kind === "relayFailed" || end.kind === "relayTimedOut" || end.kind === "relayCounted") {
      latest.current.onRelayRowChanged?.();
    }
  }, []);

  /** Runs one flow as the only one in flight; the guard is released whatever the flow does (try/finally). */
  const start = React.useCallback(
    (decision: DecisionValue, flow: (ctx: FlowContext) => Promise<FlowEnd>): void => {
      inFlight.current = true;
      controller.current?.abort();
      const ctrl = new AbortController();
      controller.current = ctrl;
      const ctx: FlowContext = {
        repository: latest.current.repository,
        signal: ctrl.signal,
        onProgress: (step) => {
          if (alive(ctrl)) setPhase(step);
        },
        onRelayRowCreated: () => {
          if (alive(ctrl)) latest.current.onRelayRowChanged?.();
        },
      };
      void (async () => {
        let end: FlowEnd;
        try {
          end = await flow(ctx);
        } catch {
          // The flow functions never reject; should one still do, the user gets the buttons back with a refusal.
          end = { kind: "refused", decision, reason: "unknown", serverMessage: null };
        } finally {
          if (controller.current === ctrl) inFlight.current = false;
        }
        if (end === null || !alive(ctrl)) return;
        await show(end);
        if (controller.current === ctrl) controller.current = null;
      })();
    },
    [alive, show],
  );

  const confirm = React.useCallback(() => {
    const decision = confirming;
    // The guard is a ref, not state: a double click or a repeated Enter arrives before React re-renders.
    if (decision === null || inFlight.current) return;
    const current = latest.current;
    if (current.runId === null || current.loaded === null || current.route === null) return;
    setConfirming(null);
    const input = {
      decision,
      runId: current.runId,
      runName: current.loaded.run.name,
      user: current.user,
      route: current.route,
      relayTable: current.config.decisionRelayTable,
      comment: current.comment,
      adminNote: current.adminNote,
      policy:
        current.policy !== null && current.review !== null
          ? { policyId: current.policy.id, checklist: tickedItems(current.policy, current.ticked), review: current.review }
          : null,
    };
    start(decision, (ctx) => runDecisionFlow(input, ctx));
  }, [confirming, start]);

  const checkRelayAgain = React.useCallback(() => {
    if (phase.kind !== "relayTimedOut" || inFlight.current) return;
    const relayTable = latest.current.config.decisionRelayTable;
    if (relayTable === null) return;
    const { decision, relayId } = phase;
    start(decision, (ctx) => followRelayRow({ decision, relayTable, relayId }, ctx));
  }, [phase, start]);

  // One object per change of what it holds, not per render: the decision section is memoized, and an answer that
  // concerns other parts (the history, the last deployment) then leaves it alone.
  return useShallowStable({
    comment,
    adminNote,
    setComment,
    setAdminNote,
    ticked,
    setTicked,
    commentProblem,
    adminNoteProblem,
    confirming,
    requestDecision,
    cancelConfirmation,
    confirm,
    checkRelayAgain,
    phase,
    busy: isBusyPhase(phase),
  });
}
