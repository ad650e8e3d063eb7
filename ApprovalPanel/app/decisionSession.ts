import type { LoadedRun, PipelinesRepository } from "../data/PipelinesRepository";
import { COMMENT_MAX_LENGTH, validateAdminNote, validateComment, type CommentProblem } from "../domain/comments";
import type { DecisionRoute } from "../domain/decisionRules";
import type { ReviewInput } from "../domain/fingerprint";
import { tickedItems, type ApprovalPolicy } from "../domain/policy";
import { ApprovalStatusValue, type CurrentUser, type DecisionValue, type Guid, type PanelConfig } from "../domain/types";
import { followRelayRow, runDecisionFlow, type DecisionPhase, type FlowContext, type FlowEnd } from "./decisionFlow";
import type { ReloadOptions } from "./panelLoadState";

/** What the decision needs from the panel; read when the user acts, so a re-render of the host restarts nothing. */
export interface DecisionInputs {
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
}

/** What the user typed and ticked, and where the decision stands. */
export interface DecisionFields {
  comment: string;
  adminNote: string;
  /** The policy checklist's boxes, by item index. */
  ticked: boolean[];
  /** The decision last clicked: from then on a missing comment shows as a problem. */
  attempted: DecisionValue | null;
  /** The decision waiting in the confirmation dialog. */
  confirming: DecisionValue | null;
  phase: DecisionPhase;
}

export interface DecisionSession {
  readonly fields: DecisionFields;
  setComment: (text: string) => void;
  setAdminNote: (text: string) => void;
  setTicked: (index: number, value: boolean) => void;
  /** Approve/Reject click: validates the comment, then opens the confirmation. Returns false when blocked. */
  requestDecision: (decision: DecisionValue) => boolean;
  cancelConfirmation: () => void;
  /** The dialog's Confirm: re-read, then send. Repeated calls while one is in flight do nothing. */
  confirm: () => void;
  /** After a relay time-out: follow the same relay row again. */
  checkRelayAgain: () => void;
  /** A new record: drop whatever was going on for the previous one. */
  reset: () => void;
  /** Stops the flow in flight: its requests and its relay timer. */
  stop: () => void;
  /** Stops for good (unmount, the control's destroy()): a flow still answering shows nothing. */
  dispose: () => void;
}

const NOTHING_TICKED: boolean[] = [];

export const initialDecisionFields: DecisionFields = {
  comment: "",
  adminNote: "",
  ticked: NOTHING_TICKED,
  attempted: null,
  confirming: null,
  phase: { kind: "idle" },
};

/** The problems to show: "too long" as soon as it happens, "required" only after a click. */
export function decisionProblems(fields: DecisionFields, config: PanelConfig): { commentProblem: CommentProblem | null; adminNoteProblem: "tooLong" | null } {
  const commentCheck = fields.attempted !== null ? validateComment(fields.comment, fields.attempted, config) : null;
  return {
    commentProblem: commentCheck ?? (fields.comment.length > COMMENT_MAX_LENGTH ? "tooLong" : null),
    adminNoteProblem: validateAdminNote(fields.adminNote),
  };
}

/**
 * The approve/reject state around the flow in decisionFlow.ts: comment and note, the confirmation, and the phase to
 * show. A guard makes the send happen once however often Confirm fires, and is released in a finally whatever the
 * flow does. `inputs` gives the panel's latest values; `onChange` gets every new state of the fields.
 */
export function createDecisionSession(inputs: () => DecisionInputs, onChange: (fields: DecisionFields) => void): DecisionSession {
  let fields = initialDecisionFields;
  let inFlight = false;
  let controller: AbortController | null = null;
  let disposed = false;

  const set = (patch: Partial<DecisionFields>): void => {
    const next = { ...fields, ...patch };
    if ((Object.keys(patch) as Array<keyof DecisionFields>).every((key) => Object.is(fields[key], next[key]))) return;
    fields = next;
    onChange(fields);
  };

  // Aborting the flow's signal also clears its relay timer (decisionFlow waits with an abortable timer).
  const stop = (): void => {
    controller?.abort();
    controller = null;
    inFlight = false;
  };

  /** Whether a flow is still the live one (not superseded, aborted or disposed). */
  const alive = (ctrl: AbortController): boolean => !disposed && controller === ctrl && !ctrl.signal.aborted;

  /** Shows where a flow ended, and what follows from it (the reload after a decision, the stale relay list). */
  async function show(end: NonNullable<FlowEnd>): Promise<void> {
    const cleared = end.kind === "sent" || end.kind === "relayCounted";
    set(cleared ? { ...initialDecisionFields, confirming: fields.confirming, phase: end } : { phase: end });
    if (end.kind === "sent") {
      // The decision changed this run only: re-read it and update its history row, without the history request.
      await inputs().reload({ history: false });
    } else if (end.kind === "decidedElsewhere") {
      await inputs().reload();
    } else if (end.kind === "relayRefused" || end.kind === "relayFailed" || end.kind === "relayTimedOut" || end.kind === "relayCounted") {
      inputs().onRelayRowChanged?.();
    }
  }

  /** Runs one flow as the only one in flight; the guard is released whatever the flow does (try/finally). */
  function start(decision: DecisionValue, flow: (ctx: FlowContext) => Promise<FlowEnd>): void {
    inFlight = true;
    controller?.abort();
    const ctrl = new AbortController();
    controller = ctrl;
    const ctx: FlowContext = {
      repository: inputs().repository,
      signal: ctrl.signal,
      onProgress: (step) => {
        if (alive(ctrl)) set({ phase: step });
      },
      onRelayRowCreated: () => {
        if (alive(ctrl)) inputs().onRelayRowChanged?.();
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
        if (controller === ctrl) inFlight = false;
      }
      if (end === null || !alive(ctrl)) return;
      await show(end);
      if (controller === ctrl) controller = null;
    })();
  }

  return {
    get fields() {
      return fields;
    },
    setComment: (text) => set({ comment: text }),
    setAdminNote: (text) => set({ adminNote: text }),
    setTicked: (index, value) => {
      const ticked = [...fields.ticked];
      ticked[index] = value;
      set({ ticked });
    },
    requestDecision: (decision) => {
      if (inFlight) return false;
      const { config, approveBlocked } = inputs();
      if (decision === ApprovalStatusValue.Approved && approveBlocked?.(fields.ticked) === true) return false;
      const valid = validateComment(fields.comment, decision, config) === null && validateAdminNote(fields.adminNote) === null;
      set(valid ? { attempted: decision, confirming: decision } : { attempted: decision });
      return valid;
    },
    cancelConfirmation: () => set({ confirming: null }),
    confirm: () => {
      const decision = fields.confirming;
      // A plain flag, not rendered state: a double click or a repeated Enter arrives before React re-renders.
      if (decision === null || inFlight) return;
      const current = inputs();
      if (current.runId === null || current.loaded === null || current.route === null) return;
      set({ confirming: null });
      const { policy = null, review = null } = current;
      const input = {
        decision,
        runId: current.runId,
        runName: current.loaded.run.name,
        user: current.user,
        route: current.route,
        relayTable: current.config.decisionRelayTable,
        comment: fields.comment,
        adminNote: fields.adminNote,
        policy: policy !== null && review !== null ? { policyId: policy.id, checklist: tickedItems(policy, fields.ticked), review } : null,
      };
      start(decision, (ctx) => runDecisionFlow(input, ctx));
    },
    checkRelayAgain: () => {
      const phase = fields.phase;
      const relayTable = inputs().config.decisionRelayTable;
      if (phase.kind !== "relayTimedOut" || inFlight || relayTable === null) return;
      start(phase.decision, (ctx) => followRelayRow({ decision: phase.decision, relayTable, relayId: phase.relayId }, ctx));
    },
    reset: () => set(initialDecisionFields),
    stop,
    dispose: () => {
      disposed = true;
      stop();
    },
  };
}
