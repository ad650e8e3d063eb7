/**
 * The report for the audit: the whole comparison as the approver saw it (the run, the baseline, whether approving deletes
 * anything, the risks, every change with its detail lines and the validation lines beside it, the settings changes and the
 * review fingerprint), in the approver's language. A plain tree of lines, written out as text or HTML by its writers.
 */
import type { StageRun } from "../../../domain/types";
import type { ValidationSummary } from "../../../domain/validationResults";
import type { ArtifactComparison } from "../../../solution/fromZip";
import type { RiskFlag } from "../../../solution/risks";
import type { DeploymentSettingsDiff } from "../../../solution/settingsDiff";
import { detailsOfChange } from "../../../solution/changeDetail";
import { lookupText } from "../../shared/fields";
import { formatText, type FormatDateTime, type Translate } from "../../shared/text";
import { baselineText, hasBaseline, newerBaselineText } from "../baselineText";
import { CHANGE_GROUPS, groupTextKey, kindSummaryText, riskText, severityTextKey } from "../changeText";
import { riskDetails } from "../riskDetails";
import { detailLineText } from "../detailText";
import { changedKinds } from "../DiffSummary";
import { impactOf, impactText } from "../impactText";
import { settingLineText, settingsLines } from "../settingsLines";
import { validationNotes } from "../validationNotes";

export interface ReportInput {
  comparison: ArtifactComparison;
  run: StageRun;
  baselineRun: StageRun | null;
  baselineUnknown: boolean;
  targetName: string;
  settingsDiff: DeploymentSettingsDiff | null;
  validation: ValidationSummary | null;
  /** "sha256:…", or null where it could not be computed. */
  fingerprint: string | null;
}

export interface ReportLine {
  text: string;
  /** A technical name shown after the text (a logical name, a privilege). */
  code?: string;
  children?: ReportLine[];
}

export interface ReportBlock {
  heading: string;
  lines: ReportLine[];
}

export interface ChangesReport {
  title: string;
  /** What the report is of: the solution, the run, the baseline, when it was made, the fingerprint. */
  about: string[];
  blocks: ReportBlock[];
}

function riskLines(flag: RiskFlag, t: Translate, locale: string | undefined): ReportLine {
  const children = riskDetails(flag, t, locale).flatMap((d): ReportLine[] => {
    const facts = [
      // A privilege raised or lowered alike: the words, then its name as every technical name in the report.
      ...d.privileges.map((p): ReportLine => ({ text: `${p.before.trim()} ${p.after.trim()}`.trim(), code: p.name })),
      ...(d.more !== undefined ? [{ text: d.more }] : []),
      ...d.facts.map((text): ReportLine => ({ text })),
    ];
    // One component: the sentence names it, so its facts stand under the sentence directly.
    if (d.name === null) return d.code !== undefined ? [{ text: d.code }, ...facts] : facts;
    return [{ text: d.name, ...(d.code !== undefined ? { code: d.code } : {}), children: facts }];
  });
  return { text: `${t(severityTextKey(flag.severity))} ${riskText(flag, t, locale)}`, ...(children.length > 0 ? { children } : {}) };
}

function changeLines(input: ReportInput, t: Translate, locale: string | undefined): ReportLine[] {
  const { diff } = input.comparison;
  const kinds = changedKinds(diff);
  if (kinds.length === 0) return [{ text: t("Changes_NoChanges") }];
  return kinds.map((kind) => {
    const changes = diff.kinds[kind];
    const groups = CHANGE_GROUPS.filter((group) => changes[group].length > 0).map((group): ReportLine => ({
      text: t(groupTextKey(group)),
      children:
        group === "changed"
          ? changes.changed.map((change) => {
              const c = change.current;
              const lines = [
                ...detailsOfChange(change).map((item): ReportLine => ({ text: detailLineText(kind, item, t, locale) })),
                ...validationNotes(c, input.validation, t).map((text): ReportLine => ({ text })),
              ];
              return { text: c.name || c.key, code: c.logicalName ?? c.key, ...(lines.length > 0 ? { children: lines } : {}) };
            })
          : changes[group].map((c) => {
              const notes = validationNotes(c, input.validation, t).map((text): ReportLine => ({ text }));
              return { text: c.name || c.key, code: c.logicalName ?? c.key, ...(notes.length > 0 ? { children: notes } : {}) };
            }),
    }));
    return { text: kindSummaryText(kind, changes.counts, t, locale), children: groups };
  });
}

function settingsBlock(input: ReportInput, t: Translate): ReportLine[] {
  const { state, lists } = settingsLines(input.settingsDiff, t);
  if (state === "unknown") return [{ text: t("Changes_SettingsUnknown") }];
  if (state === "same") return [{ text: t("Changes_SettingsSame") }];
  return lists.map((list) => ({ text: list.title, children: list.lines.map((line) => ({ text: settingLineText(line, t) })) }));
}

/** The report, built when the approver asks for it. madeOn: ISO time of the request. */
export function buildReport(input: ReportInput, t: Translate, locale: string | undefined, formatDateTime: FormatDateTime, madeOn: string): ChangesReport {
  const { comparison, run, baselineRun, baselineUnknown, targetName } = input;
  const baselineKnown = !baselineUnknown && (baselineRun === null || hasBaseline(baselineRun));
  const newer = newerBaselineText(comparison, baselineRun, targetName, t);
  const about = [
    formatText(
      t("changes.report.solution"),
      run.artifactName || comparison.current.uniqueName,
      comparison.current.version || run.artifactVersion || t("Common_NotSet"),
    ),
    formatText(t("changes.report.run"), run.id),
    ...(run.requestedBy !== null ? [formatText(t("changes.report.requestedBy"), lookupText(run.requestedBy, t))] : []),
    baselineText(comparison, baselineRun, { baselineUnknown, targetName }, t, formatDateTime),
    formatText(t("changes.report.madeOn"), formatDateTime(madeOn)),
    input.fingerprint !== null ? formatText(t("changes.report.fingerprint"), input.fingerprint) : t("changes.report.noFingerprint"),
  ];
  const impact = impactText(impactOf(comparison, baselineKnown, t), targetName, t, locale);
  return {
    title: formatText(t("Changes_Title"), targetName),
    about,
    blocks: [
      { heading: t("changes.impact.heading"), lines: [{ text: impact }, ...(newer !== null ? [{ text: newer }] : [])] },
      {
        heading: t("Changes_RisksHeading"),
        lines: comparison.risks.length === 0 ? [{ text: t("Changes_NoRisks") }] : comparison.risks.map((flag) => riskLines(flag, t, locale)),
      },
      { heading: t("Changes_SettingsHeading"), lines: settingsBlock(input, t) },
      { heading: t("Changes_SummaryHeading"), lines: changeLines(input, t, locale) },
    ],
  };
}
