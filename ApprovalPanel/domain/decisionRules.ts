import { sameGuid } from "./ids";
import { approvalStateOf } from "./status";
import type { CurrentUser, DelegationMode, LookupRef, PanelConfig, Result, Stage, StageRun } from "./types";

export type DecisionBlockReason =
  "noStage" | "notDelegated" | "notPending" | "ownRequest" | "notStageOwner" | "servicePrincipalNoRelay" | "relayNoPolicy" | "relaySeveralPolicies";
/**
 * What the panel read of the stage's approval policies: one active row, none, several, or not known (not read yet, or
 * unreadable). The relay flow decides only stages with exactly one active policy (default deny, docs/approval-policy.md).
 */
export type StagePolicyPresence = "one" | "none" | "several" | "unknown";
export type DecisionAdvisory = "approvalStatusUnknown" | "delegationUnknown";
export type DecisionRoute = "action" | "relay";
export type Decider =
  | { kind: "stageOwner"; owner: LookupRef | null }
  | { kind: "servicePrincipal"; clientId: string | null }
  | { kind: "unknown" } // delegated, but the mode could not be read
  | { kind: "none" }; // stage not delegated: no approval gate

export interface DecisionEligibility {
  canDecide: boolean;
  route: DecisionRoute | null;
  blockReason: DecisionBlockReason | null;
  advisories: DecisionAdvisory[];
  mode: DelegationMode;
  decider: Decider;
}

/** delegateddeploymenttype: 1 Stage Owner, 2 Service Principal (values unconfirmed; the UI choices are documented). */
export const DelegationTypeValue = { StageOwner: 1, ServicePrincipal: 2 } as const;

export function delegationModeOf(stage: Stage): DelegationMode {
  switch (stage.delegationType?.value) {
    case DelegationTypeValue.StageOwner:
      return "stageOwner";
    case DelegationTypeValue.ServicePrincipal:
      return "servicePrincipal";
    default:
      return "unknown";
  }
}

function deciderOf(stage: Stage, mode: DelegationMode): Decider {
  if (stage.isDelegated === false) return { kind: "none" };
  if (mode === "stageOwner") return { kind: "stageOwner", owner: stage.owner };
  if (mode === "servicePrincipal") return { kind: "servicePrincipal", clientId: stage.servicePrincipalClientId ?? null };
  return { kind: "unknown" };
}

/**
 * Whether the signed-in user may decide on this run, and how the decision travels.
 * These checks only advise: UpdateApprovalStatus enforces the real rules on the server
 * (Microsoft Learn, delegated deployments), so where the client cannot tell, it lets the user try.
 */
export function evaluateDecision(input: {
  run: StageRun;
  stage: Result<Stage | null>;
  user: CurrentUser;
  config: PanelConfig;
  /** Unknown by default: the relay flow then decides (it refuses a stage without exactly one active policy). */
  policyPresence?: StagePolicyPresence;
}): DecisionEligibility {
  const { run, stage: stageResult, user, config, policyPresence = "unknown" } = input;
  const advisories: DecisionAdvisory[] = [];
  const advise = (advisory: DecisionAdvisory): void => {
    if (!advisories.includes(advisory)) advisories.push(advisory);
  };

  // 1. The stage decides the gate. Unreadable stage: the server decides, the client only advises.
  const stage = stageResult.ok ? stageResult.value : null;
  const mode: DelegationMode = stage !== null ? delegationModeOf(stage) : "unknown";
  const decider: Decider = stage !== null ? deciderOf(stage, mode) : { kind: "unknown" };
  const block = (blockReason: DecisionBlockReason): DecisionEligibility => ({
    canDecide: false,
    route: null,
    blockReason,
    advisories,
    mode,
    decider,
  });
  const allow = (route: DecisionRoute): DecisionEligibility => ({
    canDecide: true,
    route,
    blockReason: null,
    advisories,
    mode,
    decider,
  });

  if (stageResult.ok && stage === null) return block("noStage");
  if (!stageResult.ok) advise("delegationUnknown");

  // 2. Delegation: only delegated stages have an approval gate.
  if (stage !== null) {
    if (stage.isDelegated === false) return block("notDelegated");
    if (stage.isDelegated === undefined || stage.isDelegated === null) advise("delegationUnknown");
  }

  // 3. Only a pending run can be decided.
  const state = approvalStateOf(run);
  if (state === "approved" || state === "rejected" || state === "other") return block("notPending");
  if (state === "notInHost" || state === "empty") advise("approvalStatusUnknown");

  // 4. Requesters do not approve their own deployments unless the form allows it.
  if (!config.allowSelfApproval && sameGuid(run.requestedBy?.id, user.id)) return block("ownRequest");

  if (stage === null) return allow("action"); // stage unreadable (rule 1)

  // 5. Stage Owner mode: only the stage owner may call the action.
  if (mode === "stageOwner") {
    if (stage.owner === null) {
      advise("delegationUnknown");
      return allow("action");
    }
    return sameGuid(stage.owner.id, user.id) ? allow("action") : block("notStageOwner");
  }

  // 6. Service Principal mode: only the service principal may call the action, so the decision goes
  //    through the relay table for a flow running as that principal to apply. The flow refuses a stage without
  //    exactly one active approval policy (setting one is the opt-in), so the panel says so before anyone tries.
  if (mode === "servicePrincipal") {
    const relay = config.decisionRelayTable;
    if (relay === null || relay.trim() === "") return block("servicePrincipalNoRelay");
    if (policyPresence === "none") return block("relayNoPolicy");
    if (policyPresence === "several") return block("relaySeveralPolicies");
    return allow("relay");
  }

  // 7. Mode unknown: try the action and show the server's answer.
  advise("delegationUnknown");
  return allow("action");
}
