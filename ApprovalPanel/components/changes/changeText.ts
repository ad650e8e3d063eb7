import type { ArtifactDiffFailure } from "../../hooks/useArtifactDiff";
import type { ComponentKind } from "../../solution/components";
import type { PrivilegeChange, RiskComponent, RiskFlag, RiskId } from "../../solution/risks";
import { countText, formatNumber } from "../shared/counts";
import { formatText, keysOf, type ResxKey, type Translate } from "../shared/text";

/** Names a risk line lists; "and n more" says how many it does not. */
export const MAX_RISK_NAMES = 5;

/** Typed: a new risk without words does not compile. */
export const RISK_TEXT_KEYS: Readonly<Record<RiskId, ResxKey>> = keysOf("changes.risk.", [
  "tablesRemoved",
  "columnsRemoved",
  "choiceValuesRemoved",
  "roleNew",
  "rolePrivilegesRaised",
  "roleChanged",
  "pluginAssemblyAddedOrChanged",
  "pluginStepAdded",
  "pluginStepChanged",
  "pluginStepMadeAsynchronous",
  "connectionReferenceNew",
  "connectionReferenceConnectorChanged",
  "connectorNew",
  "customConnectorAdded",
  "cloudFlowAdded",
  "environmentVariableAdded",
  "customApiAddedOrChanged",
]);

/** A kind's name: a typed template key, so a new kind without words does not compile. */
export const kindTextKey = (kind: ComponentKind): ResxKey => `Changes_Kind_${kind}`;

// "other" would read as a plural form of Changes_Failed to the resx checks, so that reason has its own key name.
export const failureTextKey = (reason: ArtifactDiffFailure): ResxKey => (reason === "other" ? "Changes_Failed_unexpected" : `Changes_Failed_${reason}`);

export const severityTextKey = (severity: RiskFlag["severity"]): ResxKey => `Changes_Severity_${severity}`;

export const SEVERITY_INTENT: Readonly<Record<RiskFlag["severity"], "error" | "warning">> = {
  high: "error",
  medium: "warning",
};

export type ChangeGroup = "added" | "removed" | "changed";
export const CHANGE_GROUPS: readonly ChangeGroup[] = ["added", "removed", "changed"];

export const groupTextKey = (group: ChangeGroup): ResxKey => `Changes_Group_${group}`;

/** A risk component as the approver knows it: "Cost Centre in sb_travelrequest" for what belongs to a table. */
export function riskComponentName(component: RiskComponent, t: Translate): string {
  const name = component.name || component.key;
  // A step's own name usually says its table already ("…: Create of contoso_expense"): then it is not said twice.
  const said = component.table !== undefined && name.toLowerCase().includes(component.table.toLowerCase());
  return component.table && !said ? formatText(t("changes.risk.inTable"), name, component.table) : name;
}

/** The names of a risk's components (plain text), the first few, then "and n more". */
export function riskNames(components: RiskComponent[], t: Translate, locale: string | undefined): string {
  const names = components.slice(0, MAX_RISK_NAMES).map((c) => riskComponentName(c, t));
  const rest = components.length - names.length;
  const listed = names.join(", ");
  return rest > 0 ? `${listed} ${countText(t, locale, "Changes_AndMore", rest)}` : listed;
}

export function riskText(flag: RiskFlag, t: Translate, locale: string | undefined): string {
  return formatText(t(RISK_TEXT_KEYS[flag.id]), riskNames(flag.components, t, locale));
}

/** "Columns: 1 added, 1 removed, 2 changed": only the counts that are not zero. */
export function kindSummaryText(kind: ComponentKind, counts: Record<ChangeGroup, number>, t: Translate, locale: string | undefined): string {
  const parts = CHANGE_GROUPS.filter((group) => counts[group] > 0).map((group) => countText(t, locale, `Changes_Count_${group}`, counts[group]));
  return formatText(t("Changes_KindSummary"), t(kindTextKey(kind)), parts.join(", "));
}

const KiB = 1024;
const MiB = 1024 * 1024;

/** A size in KB below one MB, else in MB, with one decimal at most, in the user's number format. */
export function sizeText(bytes: number, t: Translate, locale: string | undefined): string {
  const format = (value: number): string => {
    try {
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
    } catch {
      return formatNumber(locale, Math.round(value));
    }
  };
  return bytes < MiB ? formatText(t("Changes_SizeKB"), format(bytes / KiB)) : formatText(t("Changes_SizeMB"), format(bytes / MiB));
}

/** Privileges listed under one role; "and n more" says how many it does not. */
export const MAX_PRIVILEGES = 10;

const DEPTH_TEXT_KEYS: Readonly<Record<string, ResxKey>> = keysOf("Changes_Depth_", ["Basic", "Local", "Deep", "Global"]);

/** An access level in the role editor's words; a level the reader did not know is shown as the file wrote it. */
export function depthText(depth: string | null, t: Translate): string {
  if (depth === null) return t("Changes_Depth_none");
  const key = DEPTH_TEXT_KEYS[depth];
  return key !== undefined ? t(key) : depth;
}

/** A privilege change's words on either side of its name, which the list draws apart (as code). */
export interface PrivilegeChangeText {
  before: string;
  after: string;
}

/**
 * A privilege raised or lowered, in words around its name: the sentence ("{0} raised from {1} to {2}", "{0} lowered from
 * {1} to {2}") puts the name where the language does, so it is cut there. The words keep their spaces beside the name.
 */
export function privilegeChangeText(change: PrivilegeChange, t: Translate): PrivilegeChangeText {
  const from = depthText(change.from, t);
  const to = depthText(change.to, t);
  const sentence = t(change.direction === "raised" ? "changes.risk.privilegeRaised" : "changes.risk.privilegeLowered");
  const at = sentence.indexOf("{0}");
  if (at < 0) return { before: "", after: formatText(sentence, change.name, from, to) };
  return { before: formatText(sentence.slice(0, at), change.name, from, to), after: formatText(sentence.slice(at + 3), change.name, from, to) };
}

/** A plug-in step's stage (10 pre-validation, 20 pre-operation, 40 post-operation) in words, by its number. */
export const STAGE_TEXT_KEYS: Readonly<Record<string, ResxKey>> = keysOf("Changes_StepStage_", ["10", "20", "40"]);

/** "Update of contoso_expense, pre-operation, synchronous"; what the file did not say reads "Not set". */
export function stepText(step: NonNullable<RiskComponent["step"]>, t: Translate): string {
  const notSet = t("Common_NotSet");
  const stage = step.stage === null ? notSet : STAGE_TEXT_KEYS[step.stage] !== undefined ? t(STAGE_TEXT_KEYS[step.stage]) : String(step.stage);
  const mode = step.synchronous === null ? notSet : t(step.synchronous ? "Changes_StepSync" : "Changes_StepAsync");
  return formatText(t("Changes_StepDetail"), step.message ?? notSet, step.table ?? notSet, stage, mode);
}

/**
 * The facts behind a risk line for one component, each a plain sentence: the old name of a renamed role, where a step runs
 * and the columns it now also runs on, the connector (and the one before), the choice values removed. A role's privileges,
 * raised and lowered, are listed apart (privilegeChangeText).
 */
export function riskFacts(component: RiskComponent, t: Translate, locale: string | undefined): string[] {
  const facts: string[] = [];
  if (component.previousName) facts.push(formatText(t("changes.risk.previousName"), component.previousName));
  if (component.step) {
    facts.push(stepText(component.step, t));
    const added = component.step.filteringAttributesAdded;
    if (added?.length) facts.push(formatText(t("changes.risk.filteringAdded"), added.join(", ")));
  }
  if (component.connector)
    facts.push(
      component.previousConnector
        ? formatText(t("changes.risk.connectorChanged"), component.connector, component.previousConnector)
        : formatText(t("changes.risk.connector"), component.connector),
    );
  if (component.choiceValues?.length) {
    const values = component.choiceValues
      .slice(0, MAX_PRIVILEGES)
      .map((v) => (v.label ? formatText(t("changes.risk.choiceValue"), v.label, v.value) : v.value));
    const rest = component.choiceValues.length - values.length;
    facts.push(formatText(t("changes.risk.choiceValues"), values.join(", ") + (rest > 0 ? ` ${countText(t, locale, "Changes_AndMore", rest)}` : "")));
  }
  return facts;
}
