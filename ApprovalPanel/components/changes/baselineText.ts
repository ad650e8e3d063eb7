import type { StageRun } from "../../domain/types";
import { compareVersions } from "../../domain/version";
import type { ArtifactComparison } from "../../solution/fromZip";
import { lookupText } from "../shared/fields";
import { formatText, type FormatDateTime, type Translate } from "../shared/text";

/** The sentences that say what a comparison is made with: the stage's last deployment, or nothing (a first deployment). */

export function hasBaseline(run: StageRun | null): run is StageRun {
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
export function introText(baselineRun: StageRun | null, baselineUnknown: boolean, targetName: string, t: Translate, formatDateTime: FormatDateTime): string {
  if (hasBaseline(baselineRun)) return formatText(t("Changes_Intro"), targetName);
  if (baselineRun !== null) return noFileText(baselineRun, targetName, t, formatDateTime);
  return baselineUnknown ? formatText(t("Changes_BaselineUnknown"), targetName) : t("Changes_IntroFirst");
}

/** After it: "Compared with 1.4.1.0, deployed to … on …, requested by …", or why there was nothing to compare with. */
export function baselineText(
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
export function newerBaselineText(comparison: ArtifactComparison, baselineRun: StageRun | null, targetName: string, t: Translate): string | null {
  if (comparison.diff.first || baselineRun === null) return null;
  const held = comparison.baseline?.version || baselineRun.artifactVersion;
  const brought = comparison.current.version;
  if (compareVersions(brought, held) !== -1) return null;
  return formatText(t("Changes_BaselineNewer"), targetName, held as string, brought);
}
