import * as React from "react";
import { sameGuid } from "../../domain/ids";
import type { Guid, RelayDecision } from "../../domain/types";
import { ApprovalStatusValue } from "../../domain/types";
import type { Part } from "../../app/panelLoadState";
import { dataErrorText } from "../shared/dataError";
import { SectionMessage } from "../shared/SectionMessage";
import { formatText, type FormatDateTime, type Translate } from "../shared/text";

export interface RelayRowsNoticeProps {
  rows: Part<RelayDecision[]>;
  t: Translate;
  formatDateTime: FormatDateTime;
  onRetry(): void;
  /** The row this session's decision is following: its progress is shown already. */
  followingId?: Guid | null;
}

/**
 * Decisions recorded in the relay table that the flow has not applied yet (for example from another session),
 * so nobody records the same decision twice without knowing. Rows already applied show in the run itself.
 */
export function RelayRowsNotice({ rows, t, formatDateTime, onRetry, followingId }: RelayRowsNoticeProps): React.ReactElement | null {
  if (rows.status === "error") {
    return (
      <SectionMessage intent="warning" message={t("Relay_ListFailed")} detail={dataErrorText(rows.error, t)} onRetry={onRetry} retryLabel={t("Panel_Retry")} />
    );
  }
  if (rows.status !== "ready") return null;
  const pending = rows.value.find((row) => row.outcome === "pending" && !sameGuid(row.id, followingId ?? null));
  if (pending === undefined) return null;
  const what = pending.decision === ApprovalStatusValue.Rejected ? t("Relay_DecisionRejected") : t("Relay_DecisionApproved");
  const who = pending.decidedBy?.name ?? t("Relay_Someone");
  const when = pending.decidedOn ? formatDateTime(pending.decidedOn) : "";
  return <SectionMessage intent="info" message={formatText(t("Relay_PendingRow"), who, what, when)} detail={t("Relay_AdminCheck")} />;
}
