import { awaitsDecision } from "../domain/checks";
import type { CheckInput } from "../domain/checkTypes";
import { evaluateDecision, type DecisionBlockReason, type DecisionEligibility, type DecisionRoute } from "../domain/decisionRules";
import type { ReviewInput } from "../domain/fingerprint";
import {
  approveBlocks,
  configWithPolicy,
  expiresAt,
  policyPresenceOf,
  quorumOf,
  type ApprovalPolicy,
  type ApproveBlock,
  type PolicyProblem,
  type Quorum,
} from "../domain/policy";
import type { Guid, PanelConfig, StageRun } from "../domain/types";
import type { HostInfo } from "../host/HostAdapter";
import type { DecisionPhase } from "./decisionFlow";
import type { PanelLoadState } from "./panelLoadState";
import { checkInputOf, decidedByName, policyGateOf, relayCommentsOf, reviewOf } from "./panelParts";
import type { LoadedRun } from "./ports";

/**
 * What the panel shows, from the load, the host and the decision: the stage policy applied to the form's properties,
 * who may decide and how, the quorum, the expiry, what the checks and the review fingerprint read, and which sections
 * show. Pure: the components render what this says, and its tests check the derivations without rendering.
 */

/** Below this width (the form's allocatedWidth) every section takes the full width. */
export const NARROW_WIDTH_PX = 480;
/** From this width (the form's allocatedWidth) the decision gets its own column beside the checks and details. */
export const WIDE_WIDTH_PX = 900;

export type PanelLoad = Pick<PanelLoadState, "run" | "isAdministrator" | "relayDecisions" | "history" | "lastDeployment" | "policy">;
export type PanelHost = Pick<HostInfo, "user" | "config" | "allocatedWidth">;

/** What the decision's state adds: its phase, the checklist's ticks, and whether a decision is under way. */
export interface PanelDecision {
  phase: DecisionPhase;
  ticked: readonly boolean[];
  busy: boolean;
}

export interface PanelInput {
  load: PanelLoad;
  host: PanelHost;
  /** What the approver saw of "What changes", once it was shown: part of the review fingerprint. */
  changesShown: ChangesShown | null;
}

/** What changes as shown: its summary, and the whole comparison as language-neutral text when the section gives it. */
export interface ChangesShown {
  summary: Record<string, unknown> | null;
  comparison: string | null;
}

export interface PanelClock {
  /** Milliseconds since 1970, at this render: Approve's expiry block reads it. */
  now: number;
  /** When the run was (re)loaded: "now" for relative times and the waiting check. */
  loadedAt: number;
  /** The expiry has passed while the panel stayed open: the checks then read `now`. */
  expired: boolean;
}

export interface PanelViewInput extends PanelInput {
  decision: PanelDecision;
  clock: PanelClock;
}

/** What the decision needs before it starts: derived from the load and the host only. */
export interface DecisionBasis {
  loaded: LoadedRun | null;
  /** The stage's policy once read (null: none, or not read). */
  policy: ApprovalPolicy | null;
  /** The form's properties with the stage policy applied. */
  config: PanelConfig;
  /** Null until the run is loaded. */
  eligibility: DecisionEligibility | null;
  /** The route evaluateDecision chose; null when the user cannot decide. */
  route: DecisionRoute | null;
  /** Counted relay approvals: only on the relay route with a policy and the relay rows read. */
  quorum: Quorum | null;
  expiry: Date | null;
  review: ReviewInput | null;
}

export interface PanelSections {
  /** The decision form: the user may decide, is a would-be approver who is blocked, or a decision is under way. */
  form: boolean;
  /** The read-only outcome: the run is decided, or it is the user's own request. */
  outcome: boolean;
  /** The checks and What changes: the run awaits a decision, or the form shows. */
  checks: boolean;
  history: boolean;
  /** The administrator check failed: a warning with Retry. */
  adminCheckFailed: boolean;
  /** The "Check this host" link: administrators only. */
  hostCheck: boolean;
}

/** The stage policy's line in the gate: shown when the form reads a policy table. */
export interface PolicyGateView {
  table: string;
  problems: PolicyProblem[];
  /**
   * What "open the policy" opens for an administrator: the stage's policy, or a new one's form with the stage filled in
   * (values null: the table's name gives no columns, and the link does nothing); null: no link.
   */
  open: { kind: "existing"; id: Guid } | { kind: "new"; values: Record<string, string> | null } | null;
}

/** The parts of the view that need a loaded run. */
export interface ReadyView {
  run: StageRun;
  loaded: LoadedRun;
  eligibility: DecisionEligibility;
  checkInput: CheckInput;
  approveBlocks: ApproveBlock[];
  show: PanelSections;
  /** The approver's comments when the run has no comments column (see relayCommentsOf). */
  relayComments: string | null | undefined;
  decidedBy: string | null;
  /** The relay row the decision follows (waiting or timed out), for the notice of the user's own rows. */
  followingRelayId: Guid | null;
  policyGate: PolicyGateView | null;
}

export interface PanelView extends DecisionBasis {
  isAdmin: boolean;
  narrow: boolean;
  wide: boolean;
  /** Null while the run loads or when it failed (`load.run.status` says which). */
  ready: ReadyView | null;
}

/** Reasons for which the decision form is shown (disabled, with the reason): the user is a would-be approver. */
const FORM_BLOCK_REASONS: ReadonlySet<DecisionBlockReason> = new Set<DecisionBlockReason>([
  "notStageOwner",
  "servicePrincipalNoRelay",
  "relayNoPolicy",
  "relaySeveralPolicies",
]);

/** Why Approve is blocked for these ticks at `now` (expired, checklist not ticked, already counted); Reject still works. */
export function approveBlocksOf(basis: Pick<DecisionBasis, "policy" | "expiry" | "quorum">, ticked: readonly boolean[], now: number): ApproveBlock[] {
  return approveBlocks({ policy: basis.policy, expiry: basis.expiry, now, ticked, quorum: basis.quorum });
}

/** One remembered answer: the same key (by identity) gives the same object, so memoized sections skip a render. */
function remembered<R>(): (key: readonly unknown[], compute: () => R) => R {
  let last: { key: readonly unknown[]; value: R } | null = null;
  return (key, compute) => {
    if (last !== null && last.key.length === key.length && last.key.every((k, i) => Object.is(k, key[i]))) return last.value;
    last = { key, value: compute() };
    return last.value;
  };
}

export interface PanelDeriver {
  basis(input: PanelInput): DecisionBasis;
  view(basis: DecisionBasis, input: PanelViewInput): PanelView;
}

/**
 * derivePanel in two steps, remembering each derivation's last answer: the decision starts from the basis, and the
 * view adds what the decision state changes. A panel keeps one deriver, so unchanged inputs keep their objects.
 */
export function createPanelDeriver(): PanelDeriver {
  const config = remembered<PanelConfig>();
  const eligibility = remembered<DecisionEligibility | null>();
  const quorum = remembered<Quorum | null>();
  const expiry = remembered<Date | null>();
  const review = remembered<ReviewInput | null>();
  const checkInput = remembered<CheckInput | null>();
  const policyGate = remembered<PolicyGateView | null>();

  return {
    basis({ load, host, changesShown }) {
      const loaded = load.run.status === "ready" ? load.run.value : null;
      const stagePolicy = load.policy.status === "ready" ? load.policy.value : null;
      const policy = stagePolicy?.policy ?? null;
      // A stage's policy replaces the form's comment and self-approval rules for that stage (docs/approval-policy.md).
      const cfg = config([host.config, policy], () => configWithPolicy(host.config, policy));
      const presence = policyPresenceOf(stagePolicy);
      const elig = eligibility([loaded, host.user, cfg, presence], () =>
        loaded === null ? null : evaluateDecision({ run: loaded.run, stage: loaded.stage, user: host.user, config: cfg, policyPresence: presence }),
      );
      const route = elig !== null && elig.canDecide ? elig.route : null;
      const relay = load.relayDecisions;
      return {
        loaded,
        policy,
        config: cfg,
        eligibility: elig,
        route,
        quorum: quorum([route, policy, relay, host.user.id], () =>
          route === "relay" && policy !== null && relay.status === "ready" ? quorumOf(policy, relay.value, host.user.id) : null,
        ),
        expiry: expiry([policy, loaded], () => expiresAt(policy, loaded?.run.requestedOn ?? null)),
        review: review([loaded, changesShown], () => (loaded === null ? null : reviewOf(loaded.run, changesShown))),
      };
    },

    view(basis, { load, host, decision, clock }) {
      const isAdmin = load.isAdministrator.status === "ready" && load.isAdministrator.value;
      const width = host.allocatedWidth;
      const frame = { ...basis, isAdmin, narrow: width !== null && width >= 0 && width < NARROW_WIDTH_PX, wide: width !== null && width >= WIDE_WIDTH_PX };
      const { loaded, eligibility: elig, expiry: exp } = basis;
      const checks = checkInput([loaded, load.history, load.lastDeployment, clock.loadedAt, exp, clock.expired], () =>
        loaded === null ? null : checkInputOf(loaded, load, clock.expired ? clock.now : clock.loadedAt, exp),
      );
      if (loaded === null || elig === null || checks === null) return { ...frame, ready: null };

      const { run } = loaded;
      const form = elig.canDecide || (elig.blockReason !== null && FORM_BLOCK_REASONS.has(elig.blockReason)) || decision.busy;
      const phase = decision.phase;
      return {
        ...frame,
        ready: {
          run,
          loaded,
          eligibility: elig,
          checkInput: checks,
          approveBlocks: approveBlocksOf(basis, decision.ticked, clock.now),
          show: {
            form,
            outcome: !form && (elig.blockReason === "notPending" || elig.blockReason === "ownRequest"),
            checks: awaitsDecision(run) || form,
            history: load.history.status !== "unavailable",
            adminCheckFailed: load.isAdministrator.status === "error",
            hostCheck: isAdmin,
          },
          relayComments: relayCommentsOf(run, load.relayDecisions),
          decidedBy: decidedByName(run, load.relayDecisions, isAdmin),
          followingRelayId: phase.kind === "relayWaiting" || phase.kind === "relayTimedOut" ? phase.relayId : null,
          policyGate: policyGate([host.config.approvalPolicyTable, load.policy, basis.policy, loaded, elig, isAdmin], () =>
            policyGateOf(host.config.approvalPolicyTable, load.policy, basis.policy, loaded, elig, isAdmin),
          ),
        },
      };
    },
  };
}

/** What the panel shows for this load, host and decision state (one step; a panel keeps a deriver instead). */
export function derivePanel(input: PanelViewInput): PanelView {
  const deriver = createPanelDeriver();
  return deriver.view(deriver.basis(input), input);
}
