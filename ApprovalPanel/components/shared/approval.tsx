import * as React from "react";
import type { ApprovalState } from "../../domain/status";
import { approvalTone } from "../../domain/status";
import type { OptionValue } from "../../domain/types";
import { StatusBadge } from "./StatusBadge";
import { optionLabel, type Translate } from "./text";

/** Words for an approval state; "other" shows the host's own label. */
export function approvalLabel(state: ApprovalState, option: OptionValue | null | undefined, t: Translate): string {
  switch (state) {
    case "pending":
      return t("Status_PendingApproval");
    case "approved":
      return t("Status_Approved");
    case "rejected":
      return t("Status_Rejected");
    case "empty":
      return t("Common_NotSet");
    case "notInHost":
      return t("Status_ApprovalNotRecorded");
    default:
      return option ? optionLabel(option, t) : t("Common_NotSet");
  }
}

export function ApprovalBadge({ state, option, t }: { state: ApprovalState; option: OptionValue | null | undefined; t: Translate }): React.ReactElement {
  return <StatusBadge tone={approvalTone(state)} label={approvalLabel(state, option, t)} />;
}
