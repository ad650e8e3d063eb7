import * as React from "react";
import { Button, makeStyles, MessageBar, MessageBarBody, ProgressBar, shorthands, Spinner, Text, tokens, useId } from "@fluentui/react-components";
import type { ArtifactDiffState } from "../../hooks/useArtifactDiff";
import type { StageRun } from "../../domain/types";
import { compareVersions } from "../../domain/version";
import { COMPONENT_KINDS, type ComponentKind, type SolutionComponent } from "../../solution/components";
import type { KindDiff, SolutionDiff } from "../../solution/diff";
import type { ArtifactComparison } from "../../solution/fromZip";
import type { RiskComponent, RiskFlag } from "../../solution/risks";
import type { DeploymentSettingsDiff } from "../../solution/settingsDiff";
import { countText } from "../shared/counts";
import { lookupText } from "../shared/fields";
import { SectionCard } from "../shared/SectionCard";
import { COLUMN_STACK, INLINE_ROW, STACKED_LIST, TECHNICAL_TEXT, VALUE_TEXT } from "../shared/styles";
import { SubHeading } from "../shared/SubHeading";
import { formatText, type FormatDateTime, type Translate } from "../shared/text";
import { VISUALLY_HIDDEN } from "../shared/visuallyHidden";
import { SettingsChanges } from "./SettingsChanges";
import {
  CHANGE_GROUPS,
  FAILURE_TEXT_KEYS,
  GROUP_TEXT_KEYS,
  kindSummaryText,
  MAX_PRIVILEGES,
  MAX_RISK_NAMES,
  privilegeRaiseText,
  riskText,
  SEVERITY_INTENT,
  SEVERITY_TEXT_KEYS,
  sizeText,
  stepText,
  type ChangeGroup,
} from "./changeText";

/** Components a group lists at first, and how many more each "Show more" adds. */
export const PAGE_SIZE = 50;

const useStyles = makeStyles({
  body: {
    ...COLUMN_STACK,
    ...shorthands.gap(tokens.spacingVerticalM),
  },
  text: VALUE_TEXT,
  hidden: VISUALLY_HIDDEN,
  actions: {
    ...INLINE_ROW,
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  part: {
    ...COLUMN_STACK,
    ...shorthands.gap(tokens.spacingVerticalXS),
  },
  list: {
    ...STACKED_LIST,
    ...shorthands.gap(tokens.spacingVerticalXS),
  },
  summary: {
    cursor: "pointer",
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: "anywhere",
    // A target of at least 24 px (WCAG 2.2 target size): the summary line is the only thing that opens the kind.
    minHeight: tokens.spacingVerticalXXL,
  },
  kindBody: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalS),
    paddingTop: tokens.spacingVerticalXS,
    paddingInlineStart: tokens.spacingHorizontalL,
    minWidth: 0,
  },
  groupHeading: {
    ...shorthands.margin(0),
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  components: {
    ...STACKED_LIST,
    ...shorthands.gap(tokens.spacingVerticalXXS),
  },
  component: {
    ...INLINE_ROW,
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalNone,
    minWidth: 0,
  },
  name: { minWidth: 0, overflowWrap: "anywhere" },
  technical: {
    ...TECHNICAL_TEXT,
    color: tokens.colorNeutralForeground3,
  },
  riskDetails: {
    ...STACKED_LIST,
    ...shorthands.gap(tokens.spacingVerticalXXS),
    paddingTop: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  privileges: {
    ...STACKED_LIST,
    paddingInlineStart: tokens.spacingHorizontalL,
    minWidth: 0,
  },
  detail: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
});

export interface ChangesSectionProps {
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
  t: Translate;
  locale: string | undefined;
  formatDateTime: FormatDateTime;
  onStart(): void;
  onCancel(): void;
  onRetry(): void;
}

type Styles = ReturnType<typeof useStyles>;

function hasBaseline(run: StageRun | null): run is StageRun {
  return run !== null && typeof run.artifact?.id === "string" && run.artifact.id !== "";
}

function deployedOn(run: StageRun, t: Translate, formatDateTime: FormatDateTime): string {
  const on = run.endTime ?? run.startTime ?? run.requestedOn;
  return on !== null ? formatDateTime(on) : t("Common_NotSet");
}

/** The stage holds a deployment whose artifact has no file any more (removed, or never kept): not a first deployment. */
function noFileText(baselineRun: StageRun, targetName: string, t: Translate, formatDateTime: FormatDateTime): string {
  return formatText(t("Changes_BaselineNoFile"), baselineRun.artifactVersion || t("Common_NotSet"), targetName, deployedOn(baselineRun, t, formatDateTime));
}

/** Before the comparison: what it will be made with. */
function introText(baselineRun: StageRun | null, baselineUnknown: boolean, targetName: string, t: Translate, formatDateTime: FormatDateTime): string {
  if (hasBaseline(baselineRun)) return formatText(t("Changes_Intro"), targetName);
  if (baselineRun !== null) return noFileText(baselineRun, targetName, t, formatDateTime);
  return baselineUnknown ? formatText(t("Changes_BaselineUnknown"), targetName) : t("Changes_IntroFirst");
}

function baselineText(
  comparison: ArtifactComparison,
  baselineRun: StageRun | null,
  unknown: { baselineUnknown: boolean; targetName: string },
  t: Translate,
  formatDateTime: FormatDateTime,
): string {
  if (baselineRun !== null && !hasBaseline(baselineRun)) return noFileText(baselineRun, unknown.targetName, t, formatDateTime);
  if ((comparison.diff.first || baselineRun === null) && unknown.baselineUnknown) return formatText(t("Changes_BaselineUnknown"), unknown.targetName);
  if (comparison.diff.first || baselineRun === null) return formatText(t("Changes_FirstContents"), comparison.current.version || t("Common_NotSet"));
  const version = comparison.baseline?.version || baselineRun.artifactVersion || t("Common_NotSet");
  const on = deployedOn(baselineRun, t, formatDateTime);
  const by = baselineRun.requestedBy;
  return by !== null
    ? formatText(t("Changes_ComparedWithBy"), version, on, unknown.targetName, lookupText(by, t))
    : formatText(t("Changes_ComparedWith"), version, on, unknown.targetName);
}

/**
 * When the stage already holds a later version than this request (a newer request succeeded first), approving puts
 * the older one back: say so, since the lists then read backwards (what the later version brought shows as removed).
 */
function newerBaselineText(comparison: ArtifactComparison, baselineRun: StageRun | null, targetName: string, t: Translate): string | null {
  if (comparison.diff.first || baselineRun === null) return null;
  const held = comparison.baseline?.version || baselineRun.artifactVersion;
  const brought = comparison.current.version;
  if (compareVersions(brought, held) !== -1) return null;
  return formatText(t("Changes_BaselineNewer"), targetName, held as string, brought);
}

function entriesOf(kind: KindDiff, group: ChangeGroup): SolutionComponent[] {
  return group === "changed" ? kind.changed.map((c) => c.current) : kind[group];
}

function ComponentList({ components, styles, t }: { components: SolutionComponent[]; styles: Styles; t: Translate }): React.ReactElement {
  const [shown, setShown] = React.useState(PAGE_SIZE);
  return (
    <>
      <ul className={styles.components}>
        {components.slice(0, shown).map((component) => (
          <li key={component.key} className={styles.component} data-component={component.key}>
            <span className={styles.name}>{component.name || component.key}</span>
            <code className={styles.technical} dir="ltr">
              {component.logicalName ?? component.key}
            </code>
          </li>
        ))}
      </ul>
      {components.length > shown ? (
        <div>
          <Button size="small" appearance="subtle" onClick={() => setShown((n) => n + PAGE_SIZE)}>
            {t("Common_ShowMore")}
          </Button>
        </div>
      ) : null}
    </>
  );
}

function KindDetails({
  kind,
  changes,
  styles,
  t,
  locale,
}: {
  kind: ComponentKind;
  changes: KindDiff;
  styles: Styles;
  t: Translate;
  locale: string | undefined;
}): React.ReactElement {
  const headingId = useId("apnl-changes-group-");
  return (
    <details data-kind={kind}>
      <summary className={styles.summary}>{kindSummaryText(kind, changes.counts, t, locale)}</summary>
      <div className={styles.kindBody}>
        {CHANGE_GROUPS.filter((group) => entriesOf(changes, group).length > 0).map((group) => (
          <div key={group} className={styles.part} data-group={group}>
            <Text as="h4" id={`${headingId}${group}`} className={styles.groupHeading}>
              {t(GROUP_TEXT_KEYS[group])}
            </Text>
            <div aria-labelledby={`${headingId}${group}`} role="group">
              <ComponentList components={entriesOf(changes, group)} styles={styles} t={t} />
            </div>
          </div>
        ))}
      </div>
    </details>
  );
}

/** What a role gains, where a step runs, which connector: the facts behind a risk line, for the first few components. */
function RiskDetails({ flag, styles, t, locale }: { flag: RiskFlag; styles: Styles; t: Translate; locale: string | undefined }): React.ReactElement | null {
  const shown = flag.components.slice(0, MAX_RISK_NAMES).filter((c: RiskComponent) => (c.privileges?.length ?? 0) > 0 || c.step !== undefined || c.connectorId);
  if (shown.length === 0) return null;
  return (
    <ul className={styles.riskDetails}>
      {shown.map((c) => (
        <li key={c.key} className={styles.name} data-risk-component={c.key}>
          <span className={styles.text}>{c.name || c.key}</span>
          {c.step !== undefined ? <span className={styles.text}> {stepText(c.step, t)}</span> : null}
          {c.connectorId ? (
            <>
              {" "}
              <code className={styles.technical} dir="ltr">
                {c.connectorId}
              </code>
            </>
          ) : null}
          {c.privileges !== undefined && c.privileges.length > 0 ? (
            <ul className={styles.privileges}>
              {c.privileges.slice(0, MAX_PRIVILEGES).map((p) => (
                <li key={p.name} className={styles.component}>
                  <code className={styles.technical} dir="ltr">
                    {p.name}
                  </code>
                  <span className={styles.text}>{privilegeRaiseText(p, t)}</span>
                </li>
              ))}
              {c.privileges.length > MAX_PRIVILEGES ? (
                <li className={styles.text}>{countText(t, locale, "Changes_AndMore", c.privileges.length - MAX_PRIVILEGES)}</li>
              ) : null}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Summary({ diff, styles, t, locale }: { diff: SolutionDiff; styles: Styles; t: Translate; locale: string | undefined }): React.ReactElement {
  const kinds = COMPONENT_KINDS.filter((kind) => {
    const c = diff.kinds[kind]?.counts;
    return c !== undefined && c.added + c.removed + c.changed > 0;
  });
  return (
    <div className={styles.part}>
      <SubHeading level={2}>{t("Changes_SummaryHeading")}</SubHeading>
      {kinds.length === 0 ? (
        <Text className={styles.text}>{t("Changes_NoChanges")}</Text>
      ) : (
        <ul className={styles.list}>
          {kinds.map((kind) => (
            <li key={kind}>
              <KindDetails kind={kind} changes={diff.kinds[kind]} styles={styles} t={t} locale={locale} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Done({
  comparison,
  baselineRun,
  baselineUnknown,
  settingsDiff,
  targetName,
  styles,
  t,
  locale,
  formatDateTime,
}: {
  comparison: ArtifactComparison;
  baselineRun: StageRun | null;
  baselineUnknown: boolean;
  settingsDiff: DeploymentSettingsDiff | null | undefined;
  targetName: string;
  styles: Styles;
} & Pick<ChangesSectionProps, "t" | "locale" | "formatDateTime">): React.ReactElement {
  const newerBaseline = newerBaselineText(comparison, baselineRun, targetName, t);
  return (
    <>
      <Text className={styles.text}>{baselineText(comparison, baselineRun, { baselineUnknown, targetName }, t, formatDateTime)}</Text>
      {newerBaseline !== null ? (
        <MessageBar intent="warning" layout="multiline" data-baseline="newer">
          <MessageBarBody>
            <span className={styles.text}>{newerBaseline}</span>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.part}>
        <SubHeading level={2}>{t("Changes_RisksHeading")}</SubHeading>
        <ul className={styles.list}>
          {comparison.risks.length === 0 ? (
            <li data-risk="none">
              <MessageBar intent="success" layout="multiline">
                <MessageBarBody>{t("Changes_NoRisks")}</MessageBarBody>
              </MessageBar>
            </li>
          ) : null}
          {comparison.risks.map((flag) => (
            <li key={flag.id} data-risk={flag.id} data-severity={flag.severity}>
              <MessageBar intent={SEVERITY_INTENT[flag.severity]} layout="multiline">
                <MessageBarBody>
                  <span className={styles.hidden}>{t(SEVERITY_TEXT_KEYS[flag.severity])} </span>
                  <span className={styles.text}>{riskText(flag, t, locale)}</span>
                  <RiskDetails flag={flag} styles={styles} t={t} locale={locale} />
                </MessageBarBody>
              </MessageBar>
            </li>
          ))}
        </ul>
      </div>
      {settingsDiff !== undefined ? <SettingsChanges diff={settingsDiff} styles={styles} t={t} /> : null}
      <Summary diff={comparison.diff} styles={styles} t={t} locale={locale} />
    </>
  );
}

/**
 * "What changes in {target}": this deployment's solution against the one last deployed to the stage, on the approver's
 * request (the files can be large). Risks first, then what changed by kind. Every name from the files is shown as text.
 */
function ChangesSectionView({
  state,
  targetName,
  baselineRun,
  baselineUnknown = false,
  noCurrentFile = false,
  settingsDiff,
  t,
  locale,
  formatDateTime,
  onStart,
  onCancel,
  onRetry,
}: ChangesSectionProps): React.ReactElement {
  const styles = useStyles();
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
      content = (
        <Done
          comparison={state.comparison}
          baselineRun={baselineRun}
          baselineUnknown={baselineUnknown}
          settingsDiff={settingsDiff}
          targetName={targetName}
          styles={styles}
          t={t}
          locale={locale}
          formatDateTime={formatDateTime}
        />
      );
      break;
    case "failed":
      content = (
        <>
          <MessageBar intent="error" layout="multiline" data-reason={state.reason}>
            <MessageBarBody>
              <span className={styles.text}>{t(FAILURE_TEXT_KEYS[state.reason])}</span>
              {state.side !== undefined && state.reason !== "noArtifact" ? (
                <span className={styles.text}> {t(state.side === "baseline" ? "Changes_Side_baseline" : "Changes_Side_current")}</span>
              ) : null}
            </MessageBarBody>
          </MessageBar>
          {state.detail !== undefined && state.detail !== "" ? <Text className={styles.detail}>{formatText(t("Changes_Detail"), state.detail)}</Text> : null}
          {state.reason !== "noArtifact" ? (
            <div className={styles.actions}>
              <Button onClick={onRetry}>{t("Common_Retry")}</Button>
            </div>
          ) : null}
        </>
      );
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
