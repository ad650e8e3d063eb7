import type { DecisionAdvisory, DecisionBlockReason, DecisionEligibility } from "../../domain/decisionRules";
import { formatText, type Translate, type ResxKey } from "./text";

/**
 * Why the current user cannot decide, as one sentence. Exported so the decision form can show the same
 * sentence next to its disabled buttons. Keys are typed template strings: a new reason without words fails to compile.
 */
export function blockReasonText(reason: DecisionBlockReason, eligibility: DecisionEligibility, t: Translate): string {
  if (reason === "notStageOwner") {
    const owner = eligibility.decider.kind === "stageOwner" ? eligibility.decider.owner : null;
    return owner?.name ? formatText(t("Gate_Block_notStageOwner"), owner.name) : t("Gate_Block_notStageOwnerUnnamed");
  }
  const key: ResxKey = `Gate_Block_${reason}`;
  return t(key);
}

export function advisoryText(advisory: DecisionAdvisory, t: Translate): string {
  const key: ResxKey = `Gate_Advisory_${advisory}`;
  return t(key);
}

/** "You can approve or reject", or the reason why not. */
export function eligibilityText(eligibility: DecisionEligibility, t: Translate): string {
  if (eligibility.canDecide) {
    return eligibility.route === "relay" ? t("Gate_CanDecideRelay") : t("Gate_CanDecide");
  }
  return eligibility.blockReason ? blockReasonText(eligibility.blockReason, eligibility, t) : t("Gate_CannotDecide");
}
