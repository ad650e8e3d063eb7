/** What the decision session's and the decision hook's tests share: run A as loaded, the user deciding, the panel's config. */
import type { CurrentUser, PanelConfig } from "../../ApprovalPanel/domain/types";
import { FAKE, fakeLoadedRun } from "./fakeRepository";

export const RUN = FAKE.runA;
export const user: CurrentUser = { id: "5d0c2a1e-7b3f-4e8a-9c61-2f4d8b7a1e03", name: "Megan Bowen", securityRoleIds: [] };
export const config: PanelConfig = {
  requireRejectComment: true,
  requireApproveComment: false,
  allowSelfApproval: false,
  historyPageSize: 20,
  decisionRelayTable: "apnl_approvaldecision",
  approvalPolicyTable: null,
};
export const loaded = fakeLoadedRun(RUN);
