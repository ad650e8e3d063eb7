import * as React from "react";
import { makeStyles, shorthands, Text, tokens, useId } from "@fluentui/react-components";
import { parseApprovalProperties } from "../../domain/approvalProperties";
import type { StatusTone } from "../../domain/status";
import { ApprovalStatusValue, type RelayDecision, type RelayOutcome } from "../../domain/types";
import type { Part } from "../../app/panelLoadState";
import { dataErrorText } from "../shared/dataError";
import { SectionMessage } from "../shared/SectionMessage";
import { StatusBadge } from "../shared/StatusBadge";
import { INLINE_ROW, ITEM_CARD, STACKED_LIST } from "../shared/styles";
import { SubSection } from "../shared/SubHeading";
import { formatText, type FormatDateTime, type Translate } from "../shared/text";

const useStyles = makeStyles({
  list: {
    ...STACKED_LIST,
    ...shorthands.gap(tokens.spacingVerticalS),
  },
  item: {
    ...ITEM_CARD,
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalXXS),
  },
  line: {
    ...INLINE_ROW,
    ...shorthands.gap(tokens.spacingHorizontalS),
  },
  muted: { color: tokens.colorNeutralForeground3 },
  text: { whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  properties: {
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
});

const OUTCOME_TONE: Record<RelayOutcome, StatusTone> = {
  pending: "informative",
  applied: "success",
  refused: "warning",
  failed: "danger",
  counted: "informative",
  unknown: "subtle",
};

export function relayOutcomeLabel(outcome: RelayOutcome, t: Translate): string {
  return t(`Relay_Outcome_${outcome}`);
}

export function RelayOutcomeBadge({ outcome, t }: { outcome: RelayOutcome; t: Translate }): React.ReactElement {
  return <StatusBadge tone={OUTCOME_TONE[outcome]} label={relayOutcomeLabel(outcome, t)} />;
}

/** "Avery Owner approved" / "… rejected", from the row's creator (the decider) and decision. */
export function relayDecisionText(row: RelayDecision, t: Translate): string {
  const who = row.decidedBy?.name ?? t("Relay_Someone");
  if (row.decision === ApprovalStatusValue.Approved) return formatText(t("Relay_ItemApproved"), who);
  if (row.decision === ApprovalStatusValue.Rejected) return formatText(t("Relay_ItemRejected"), who);
  return formatText(t("Relay_ItemUnreadable"), who);
}

export interface RelayDecisionsListProps {
  rows: Part<RelayDecision[]>;
  /** Approval properties of each row are admin information, like the run's own. */
  isAdmin: boolean;
  t: Translate;
  formatDateTime: FormatDateTime;
  /** Where no other part of the panel reports a failed read of the rows (the decision form has RelayRowsNotice). */
  showError: boolean;
  onRetry(): void;
  headingLevel?: 2 | 3;
}

/**
 * Every decision recorded in the relay table for this run, newest first: who decided, when, approve or reject, the
 * flow's outcome and its message (why it refused or failed). Nothing when no relay table is set or no row exists.
 */
export function RelayDecisionsList(props: RelayDecisionsListProps): React.ReactElement | null {
  const { rows, isAdmin, t, formatDateTime, showError, onRetry, headingLevel = 2 } = props;
  const styles = useStyles();
  const headingId = useId("apnl-relay-decisions-");
  if (rows.status === "error") {
    return showError ? (
      <SectionMessage intent="warning" message={t("Relay_ListFailed")} detail={dataErrorText(rows.error, t)} onRetry={onRetry} retryLabel={t("Panel_Retry")} />
    ) : null;
  }
  if (rows.status !== "ready" || rows.value.length === 0) return null;
  return (
    <SubSection level={headingLevel} headingId={headingId} title={t("Relay_DecisionsHeading")}>
      <ul className={styles.list} aria-labelledby={headingId}>
        {rows.value.map((row) => (
          <RelayDecisionItem key={row.id} row={row} isAdmin={isAdmin} t={t} formatDateTime={formatDateTime} />
        ))}
      </ul>
    </SubSection>
  );
}

function RelayDecisionItem({
  row,
  isAdmin,
  t,
  formatDateTime,
}: {
  row: RelayDecision;
  isAdmin: boolean;
  t: Translate;
  formatDateTime: FormatDateTime;
}): React.ReactElement {
  const styles = useStyles();
  const properties = isAdmin ? parseApprovalProperties(row.approvalProperties) : null;
  const showMessage = row.outcomeMessage !== null && row.outcomeMessage.trim() !== "";
  return (
    <li className={styles.item}>
      <span className={styles.line}>
        <Text weight="semibold">{relayDecisionText(row, t)}</Text>
        <RelayOutcomeBadge outcome={row.outcome} t={t} />
      </span>
      {row.decidedOn || row.outcomeOn ? (
        <span className={styles.line}>
          {row.decidedOn ? (
            <Text size={200} className={styles.muted}>
              {formatText(t("Relay_RecordedOn"), formatDateTime(row.decidedOn))}
            </Text>
          ) : null}
          {row.outcomeOn ? (
            <Text size={200} className={styles.muted}>
              {formatText(t("Relay_AnsweredOn"), formatDateTime(row.outcomeOn))}
            </Text>
          ) : null}
        </span>
      ) : null}
      {row.comments !== null && row.comments.trim() !== "" ? <Text className={styles.text}>{formatText(t("Relay_ItemComments"), row.comments)}</Text> : null}
      {showMessage ? <Text className={styles.text}>{formatText(t("Relay_FlowSaid"), row.outcomeMessage ?? "")}</Text> : null}
      {properties !== null && properties.entries.length > 0 ? (
        <div>
          <Text size={200} className={styles.muted}>
            {t("Outcome_AdminProperties")}
          </Text>
          <div className={styles.properties} dir="auto">
            {properties.entries.map((entry) => (entry.key === "" ? entry.value : `${entry.key}: ${entry.value}`)).join("\n")}
          </div>
        </div>
      ) : null}
    </li>
  );
}
