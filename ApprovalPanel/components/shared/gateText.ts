import type { DecisionAdvisory, DecisionBlockReason, DecisionEligibility } from "../../domain/decisionRules";
import { formatText, type Translate, type ResxKey } from "./text";

/**
 * Why the current user cannot decide, as one sentence. Exported so the decision form can show the same
 * sentence next to its disabled buttons.
 */
export function blockReasonText(reason: DecisionBlockReason, eligibility: DecisionEligibility, t: Translate): string {
  if (reason === "notStageOwner") {
    const owner = eligibility.decider.kind === "stageOwner" ? eligibility.decider.owner : null;
    return owner?.name ? formatText(t("Gate_Block_notStageOwner"), owner.name) : t("Gate_Block_notStageOwnerUnnamed");
  }
  return t(GATE_BLOCK_KEYS[reason]);
}

/** Typed maps, not template strings: a new reason without words fails to compile instead of showing a raw key. */
const GATE_BLOCK_KEYS: Readonly<Record<Exclude<DecisionBlockReason, "notStageOwner">, ResxKey>> = {
  noStage: "Gate_Block_noStage",
  notDelegated: "Gate_Block_notDelegated",
  notPending: "Gate_Block_notPending",
  ownRequest: "Gate_Block_ownRequest",
  servicePrincipalNoRelay: "Gate_Block_servicePrincipalNoRelay",
  relayNoPolicy: "Gate_Block_relayNoPolicy",
  relaySeveralPolicies: "Gate_Block_relaySeveralPolicies",
};

const ADVISORY_KEYS: Readonly<Record<DecisionAdvisory, ResxKey>> = {
  approvalStatusUnknown: "Gate_Advisory_approvalStatusUnknown",
  delegationUnknown: "Gate_Advisory_delegationUnknown",
};

export function advisoryText(advisory: DecisionAdvisory, t: Translate): string {
  return t(ADVISORY_KEYS[advisory]);
}

/** "You can approve or reject", or the reason why not. */
export function eligibilityText(eligibility: DecisionEligibility, t: Translate): string {
  if (eligibility.canDecide) {
    return eligibility.route === "relay" ? t("Gate_CanDecideRelay") : t("Gate_CanDecide");
  }
  return eligibility.blockReason ? blockReasonText(eligibility.blockReason, eligibility, t) : t("Gate_CannotDecide");
}
