import * as React from "react";
import { makeStyles, shorthands, Text, tokens } from "@fluentui/react-components";
import { parseApprovalProperties } from "../../domain/approvalProperties";
import { approvalStateOf } from "../../domain/status";
import type { StageRun } from "../../domain/types";
import { ApprovalBadge } from "../shared/approval";
import { ExpandableText } from "../shared/ExpandableText";
import { DataText } from "../shared/fields";
import { KeyValueList } from "../shared/KeyValueList";
import { SectionCard } from "../shared/SectionCard";
import { INLINE_ROW } from "../shared/styles";
import { SubSection } from "../shared/SubHeading";
import type { Translate } from "../shared/text";

const useStyles = makeStyles({
  status: {
    ...INLINE_ROW,
    ...shorthands.gap(tokens.spacingHorizontalS),
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface OutcomeSectionProps {
  run: StageRun;
  /**
   * Used only when the run carries no comments column: the comments of the decision recorded through the relay
   * flow, or null when the panel can read them nowhere (said so in words).
   */
  relayComments?: string | null;
  /** ApprovalProperties are admin information in the host: shown only when true. */
  isAdmin: boolean;
  t: Translate;
  headingLevel?: 2 | 3;
  /** Shown at the end of the section (the decisions recorded for the relay flow). */
  children?: React.ReactNode;
}

function AdminProperties({ text, t, level }: { text: string | null; t: Translate; level: 2 | 3 }): React.ReactElement {
  const parsed = React.useMemo(() => parseApprovalProperties(text), [text]);
  const empty = parsed === null || parsed.entries.length === 0;
  return (
    <SubSection level={level} title={t("Outcome_AdminProperties")} emptyText={empty ? t("Outcome_NoProperties") : null}>
      {parsed === null ? null : (
        <KeyValueList
          items={parsed.entries.map((entry, index) => ({
            id: `${index}`,
            label: entry.key === "" ? t("Outcome_RawProperties") : entry.key,
            value: <DataText text={entry.value} />,
          }))}
        />
      )}
    </SubSection>
  );
}

/** The decision once made: outcome, the approver's comments and (admins only) the approval properties. */
function OutcomeSectionView({ run, relayComments, isAdmin, t, headingLevel = 2, children }: OutcomeSectionProps): React.ReactElement {
  const styles = useStyles();
  const state = approvalStateOf(run);
  const decided = state === "approved" || state === "rejected" || state === "other";
  const comments = run.approvalComments;

  let statusLine: React.ReactNode;
  if (state === "notInHost") {
    statusLine = <Text className={styles.muted}>{t("Outcome_NotRecorded")}</Text>;
  } else if (state === "empty") {
    statusLine = <Text className={styles.muted}>{t("Outcome_NoStatus")}</Text>;
  } else {
    statusLine = (
      <div className={styles.status}>
        <ApprovalBadge state={state} option={run.approvalStatus} t={t} />
        {state === "pending" ? <Text>{t("Outcome_NotYetDecided")}</Text> : null}
      </div>
    );
  }

  return (
    <SectionCard title={t("Section_Outcome")} headingLevel={headingLevel}>
      {statusLine}
      {comments !== undefined && (decided || (comments !== null && comments.trim() !== "")) ? (
        <SubSection level={headingLevel} title={t("Outcome_Comments")} emptyText={comments === null || comments.trim() === "" ? t("Outcome_NoComments") : null}>
          {comments === null ? null : <ExpandableText text={comments} t={t} />}
        </SubSection>
      ) : null}
      {comments === undefined && relayComments !== undefined ? (
        <SubSection level={headingLevel} title={t("Outcome_Comments")} emptyText={relayComments === null ? t("Outcome_CommentsNotExposed") : null}>
          {relayComments !== null ? (
            <>
              <ExpandableText text={relayComments} t={t} />
              <Text size={200} className={styles.muted}>
                {t("Outcome_CommentsFromRelay")}
              </Text>
            </>
          ) : null}
        </SubSection>
      ) : null}
      {isAdmin && run.approvalProperties !== undefined ? <AdminProperties text={run.approvalProperties} t={t} level={headingLevel} /> : null}
      {children}
    </SectionCard>
  );
}

/** Memoized: the panel re-renders on every status change, and this section only needs to when its own props change. */
export const OutcomeSection = React.memo(OutcomeSectionView);
