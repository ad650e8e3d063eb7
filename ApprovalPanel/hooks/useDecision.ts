import * as React from "react";
import { isBusyPhase, type DecisionPhase } from "../app/decisionFlow";
import { createDecisionSession, decisionProblems, initialDecisionFields, type DecisionFields, type DecisionInputs } from "../app/decisionSession";
import type { CommentProblem } from "../domain/comments";
import type { DecisionValue } from "../domain/types";
import { useDisposeSignal } from "./useDisposeSignal";
import { useShallowStable } from "./useShallowStable";

export { isBusyPhase, RELAY_FOLLOW_LIMIT_MS, RELAY_POLL_DELAYS_MS, type DecisionPhase } from "../app/decisionFlow";

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

export interface UseDecisionArgs extends DecisionInputs {
  disposeSignal?: AbortSignal;
}

/**
 * The decision session (app/decisionSession.ts) for React: its fields as this component's state. Timers and
 * requests stop on unmount, on dispose and when the record changes.
 */
export function useDecision(args: UseDecisionArgs): DecisionState {
  const { runId, config, disposeSignal } = args;
  // Latest values for the async flow, without restarting anything when the host re-renders.
  const latest = React.useRef<DecisionInputs>(args);
  latest.current = args;
  const [fields, setFields] = React.useState<DecisionFields>(initialDecisionFields);
  const [session] = React.useState(() => createDecisionSession(() => latest.current, setFields));

  // A new record: drop whatever was going on for the previous one.
  React.useEffect(() => {
    session.reset();
    return session.stop;
  }, [session, runId]);

  useDisposeSignal(disposeSignal, session.dispose);
  React.useEffect(() => session.dispose, [session]);

  // One object per change of what it holds, not per render: the decision section is memoized, and an answer that
  // concerns other parts (the history, the last deployment) then leaves it alone.
  return useShallowStable({
    comment: fields.comment,
    adminNote: fields.adminNote,
    setComment: session.setComment,
    setAdminNote: session.setAdminNote,
    ticked: fields.ticked,
    setTicked: session.setTicked,
    ...decisionProblems(fields, config),
    confirming: fields.confirming,
    requestDecision: session.requestDecision,
    cancelConfirmation: session.cancelConfirmation,
    confirm: session.confirm,
    checkRelayAgain: session.checkRelayAgain,
    phase: fields.phase,
    busy: isBusyPhase(fields.phase),
  });
}
