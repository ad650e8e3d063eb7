import * as React from "react";
import { Button, MessageBar, MessageBarBody, ProgressBar, Spinner, Text, useId } from "@fluentui/react-components";
import type { ArtifactDiffFailed, ArtifactDiffState } from "../../hooks/useArtifactDiff";
import type { StageRun } from "../../domain/types";
import type { ValidationSummary } from "../../domain/validationResults";
import type { ArtifactComparison } from "../../solution/fromZip";
import type { DeploymentSettingsDiff } from "../../solution/settingsDiff";
import { SectionCard } from "../shared/SectionCard";
import { formatText, type PanelText, type Translate } from "../shared/text";
import { baselineText, hasBaseline, introText, newerBaselineText } from "./baselineText";
import { useChangesStyles, type ChangesStyles } from "./changes.styles";
import { failureTextKey, sizeText } from "./changeText";
import { DiffSummary } from "./DiffSummary";
import { failureDetailText, RETRYABLE_FAILURES } from "./failureText";
import { IMPACT_INTENT, impactOf, impactText } from "./impactText";
import type { KindContext } from "./KindList";
import { ReportActions } from "./ReportActions";
import type { ReportInput } from "./report/reportModel";
import { RiskList } from "./RiskList";
import { SettingsChanges } from "./SettingsChanges";

export { PAGE_SIZE } from "./KindList";

export interface ChangesSectionProps extends PanelText {
  state: ArtifactDiffState;
  /** The target environment (or the stage) as the approver knows it. */
  targetName: string;
  /** The run last deployed to the stage, null when there is none (a first deployment). */
  baselineRun: StageRun | null;
  /** The last deployment could not be read: the comparison lists the contents, and says why instead of "first deployment". */
  baselineUnknown?: boolean;
  /** This run has no artifact to download: the section says so instead of offering a comparison that cannot run. */
  noCurrentFile?: boolean;
  /** This run's deployment settings against the last deployment's; null when either could not be read. */
  settingsDiff?: DeploymentSettingsDiff | null;
  /** The run's validation results, to show each message and missing dependency beside the change it names. */
  validation?: ValidationSummary | null;
  /** The run on the form, for the report (its solution, version and id); without it there is no report. */
  run?: StageRun | null;
  /** The review fingerprint of what is shown, for the report; null while it is computed or where it cannot be. */
  fingerprint?: string | null;
  onStart(): void;
  onCancel(): void;
  onRetry(): void;
}

type DoneProps = Omit<ChangesSectionProps, "state" | "noCurrentFile" | "onStart" | "onCancel" | "onRetry"> & {
  comparison: ArtifactComparison;
  styles: ChangesStyles;
};

function Done(props: DoneProps): React.ReactElement {
  const { comparison, baselineRun, baselineUnknown = false, settingsDiff, validation = null, targetName, styles, t, locale, formatDateTime } = props;
  const newerBaseline = newerBaselineText(comparison, baselineRun, targetName, t);
  const baselineKnown = !baselineUnknown && (baselineRun === null || hasBaseline(baselineRun));
  const impact = React.useMemo(() => impactOf(comparison, baselineKnown, t), [comparison, baselineKnown, t]);
  const ctx = React.useMemo<KindContext>(
    () => ({
      styles,
      t,
      locale,
      validation,
      versions: { before: comparison.baseline?.version || t("Common_NotSet"), after: comparison.current.version || t("Common_NotSet") },
    }),
    [styles, t, locale, validation, comparison],
  );
  const report: ReportInput | null =
    props.run !== undefined && props.run !== null
      ? {
          comparison,
          run: props.run,
          baselineRun,
          baselineUnknown,
          targetName,
          settingsDiff: settingsDiff ?? null,
          validation,
          fingerprint: props.fingerprint ?? null,
        }
      : null;
  return (
    <>
      <MessageBar intent={IMPACT_INTENT[impact.state]} layout="multiline" data-impact={impact.state}>
        <MessageBarBody>
          <span className={`${styles.text} ${styles.impact}`}>{impactText(impact, targetName, t, locale)}</span>
        </MessageBarBody>
      </MessageBar>
      <Text className={styles.text}>{baselineText(comparison, baselineRun, { baselineUnknown, targetName }, t, formatDateTime)}</Text>
      {newerBaseline !== null ? (
        <MessageBar intent="warning" layout="multiline" data-baseline="newer">
          <MessageBarBody>
            <span className={styles.text}>{newerBaseline}</span>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <RiskList risks={comparison.risks} styles={styles} t={t} locale={locale} />
      {settingsDiff !== undefined ? <SettingsChanges diff={settingsDiff} styles={styles} t={t} /> : null}
      <DiffSummary diff={comparison.diff} ctx={ctx} />
      {report !== null ? <ReportActions input={report} styles={styles} t={t} locale={locale} formatDateTime={formatDateTime} /> : null}
    </>
  );
}

function Failed({ state, styles, t, onRetry }: { state: ArtifactDiffFailed; styles: ChangesStyles; t: Translate; onRetry(): void }): React.ReactElement {
  const detail = failureDetailText(state.reason, state.detail, t);
  return (
    <>
      <MessageBar intent="error" layout="multiline" data-reason={state.reason}>
        <MessageBarBody>
          <span className={styles.text}>{t(failureTextKey(state.reason))}</span>
          {state.side !== undefined && state.reason !== "noArtifact" ? (
            <span className={styles.text}> {t(state.side === "baseline" ? "Changes_Side_baseline" : "Changes_Side_current")}</span>
          ) : null}
        </MessageBarBody>
      </MessageBar>
      {detail !== null ? (
        <Text className={styles.detail} dir="auto">
          {detail}
        </Text>
      ) : null}
      {RETRYABLE_FAILURES.has(state.reason) ? (
        <div className={styles.actions}>
          <Button onClick={onRetry}>{t("Common_Retry")}</Button>
        </div>
      ) : null}
    </>
  );
}

/**
 * "What changes in {target}": this deployment's solution against the one last deployed to the stage, on the approver's
 * request (the files can be large). Whether approving deletes anything first, then the risks, then what changed by kind.
 * Every name from the files is shown as text.
 */
function ChangesSectionView(props: ChangesSectionProps): React.ReactElement {
  const { state, targetName, baselineRun, baselineUnknown = false, noCurrentFile = false, t, locale, formatDateTime, onStart, onCancel, onRetry } = props;
  const styles = useChangesStyles();
  const progressId = useId("apnl-changes-progress-");
  const showButton = (
    <div className={styles.actions}>
      <Button appearance="primary" onClick={onStart}>
        {t("Changes_Show")}
      </Button>
    </div>
  );
  let content: React.ReactNode;
  switch (state.status) {
    case "idle":
      content = noCurrentFile ? (
        <Text className={styles.text}>{t("Changes_Failed_noArtifact")}</Text>
      ) : (
        <>
          <Text className={styles.text}>{introText(baselineRun, baselineUnknown, targetName, t, formatDateTime)}</Text>
          {showButton}
        </>
      );
      break;
    case "downloading": {
      const known = state.total !== null && state.total > 0;
      const label = known
        ? formatText(t("Changes_Downloading"), sizeText(state.received, t, locale), sizeText(state.total as number, t, locale))
        : formatText(t("Changes_DownloadingSize"), sizeText(state.received, t, locale));
      content = (
        <>
          <Text id={progressId} className={styles.text}>
            {label}
          </Text>
          <ProgressBar aria-labelledby={progressId} value={known ? Math.min(1, state.received / (state.total as number)) : undefined} max={1} />
          <div className={styles.actions}>
            <Button onClick={onCancel}>{t("Changes_Cancel")}</Button>
          </div>
        </>
      );
      break;
    }
    case "reading":
      content = <Spinner size="tiny" labelPosition="after" label={t("Changes_Reading")} />;
      break;
    case "done":
      content = <Done {...props} comparison={state.comparison} styles={styles} />;
      break;
    case "failed":
      content = <Failed state={state} styles={styles} t={t} onRetry={onRetry} />;
      break;
    case "cancelled":
      content = (
        <>
          <Text className={styles.text}>{t("Changes_Cancelled")}</Text>
          {showButton}
        </>
      );
      break;
    default: {
      const unhandled: never = state;
      content = String(unhandled);
    }
  }
  return (
    <SectionCard title={formatText(t("Changes_Title"), targetName)}>
      <div className={styles.body} data-changes-status={state.status} aria-busy={state.status === "downloading" || state.status === "reading"}>
        {content}
      </div>
    </SectionCard>
  );
}

export const ChangesSection = React.memo(ChangesSectionView);
