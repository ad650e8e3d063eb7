import * as React from "react";
import { makeStyles, shorthands, Text, tokens } from "@fluentui/react-components";
import { approvalStateOf, runStatusTone } from "../../domain/status";
import type { Stage, StageRun } from "../../domain/types";
import { ApprovalBadge, approvalLabel } from "../shared/approval";
import { DataText, lookupText } from "../shared/fields";
import { RelativeTime } from "../shared/RelativeTime";
import { StatusBadge } from "../shared/StatusBadge";
import { formatText, optionLabel, type FormatDateTime, type Translate } from "../shared/text";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalXS),
    minWidth: 0,
  },
  titleRow: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    ...shorthands.gap(tokens.spacingHorizontalM, tokens.spacingVerticalXS),
  },
  title: {
    ...shorthands.margin(0),
    overflowWrap: "anywhere",
  },
  badges: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    ...shorthands.gap(tokens.spacingHorizontalS),
  },
  line: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "baseline",
    columnGap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
    overflowWrap: "anywhere",
  },
  strong: { color: tokens.colorNeutralForeground1 },
});

export interface SummaryHeaderProps {
  run: StageRun;
  /** The run's stage when it could be read (for the pipeline's name). */
  stage?: Stage | null;
  /** Who decided, when the panel knows (a relay row, or the approval properties for administrators). */
  decidedBy: string | null;
  t: Translate;
  locale: string | undefined;
  formatDateTime: FormatDateTime;
  now: number;
}

/** Separates the parts of a summary line; punctuation, not words, so it needs no translation. */
const DOT = "·";

/**
 * What is being deployed, from where to where, who asked and how long ago, and where the request stands: the first
 * thing an approver reads. Replaces the run's generated name, which says the same less clearly.
 */
function SummaryHeaderView({ run, stage, decidedBy, t, locale, formatDateTime, now }: SummaryHeaderProps): React.ReactElement {
  const styles = useStyles();
  const approval = approvalStateOf(run);
  const solution = run.artifactName ?? run.name ?? t("Common_Unnamed");
  const source = run.sourceEnvironment !== null ? lookupText(run.sourceEnvironment, t) : null;
  const target = run.targetEnvironment !== null ? lookupText(run.targetEnvironment, t) : null;
  const where = [stage?.pipeline ? lookupText(stage.pipeline, t) : null, run.stage ? lookupText(run.stage, t) : null].filter((x): x is string => x !== null);
  const runStatusLabel = run.stageRunStatus !== null ? optionLabel(run.stageRunStatus, t) : null;
  const approvalText = approval !== "notInHost" && approval !== "empty" ? approvalLabel(approval, run.approvalStatus, t) : null;
  // Hosts whose run status reads "Pending Approval" would show the same words twice.
  const showApproval = approvalText !== null && approvalText.trim().toLowerCase() !== runStatusLabel?.trim().toLowerCase();
  const decidedText =
    decidedBy === null
      ? null
      : approval === "approved"
        ? formatText(t("Summary_ApprovedBy"), decidedBy)
        : approval === "rejected"
          ? formatText(t("Summary_RejectedBy"), decidedBy)
          : null;

  return (
    <section className={styles.root} aria-label={t("Summary_Label")}>
      <div className={styles.titleRow}>
        <Text as="h2" size={600} weight="semibold" className={styles.title}>
          <DataText text={solution} />
          {run.artifactVersion !== null ? (
            <>
              {" "}
              <DataText text={run.artifactVersion} />
            </>
          ) : null}
        </Text>
        <div className={styles.badges}>
          {runStatusLabel !== null ? <StatusBadge tone={runStatusTone(run.stageRunStatus)} label={runStatusLabel} /> : null}
          {showApproval ? <ApprovalBadge state={approval} option={run.approvalStatus} t={t} /> : null}
          {decidedText !== null ? <Text className={styles.strong}>{decidedText}</Text> : null}
        </div>
      </div>
      {source !== null || target !== null || where.length > 0 ? (
        <Text className={styles.line}>
          {source !== null && target !== null ? (
            <span className={styles.strong}>{formatText(t("Summary_Route"), source, target)}</span>
          ) : (
            <span className={styles.strong}>
              <DataText text={target ?? source ?? ""} />
            </span>
          )}
          {where.map((part) => (
            <React.Fragment key={part}>
              <span aria-hidden="true">{DOT}</span>
              <DataText text={part} />
            </React.Fragment>
          ))}
        </Text>
      ) : null}
      <Text className={styles.line}>
        <span>{run.requestedBy !== null ? formatText(t("Summary_RequestedBy"), lookupText(run.requestedBy, t)) : t("Summary_Requested")}</span>
        {run.requestedOn !== null ? (
          <>
            <span aria-hidden="true">{DOT}</span>
            <RelativeTime iso={run.requestedOn} now={now} t={t} locale={locale} formatDateTime={formatDateTime} />
          </>
        ) : null}
      </Text>
    </section>
  );
}

/** Memoized: the panel re-renders on every status change. */
export const SummaryHeader = React.memo(SummaryHeaderView);
