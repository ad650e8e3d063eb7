import type { ComponentKind } from "../../solution/components";
import type { ArtifactComparison } from "../../solution/fromZip";
import { upgradeImpact, type ImpactComponent } from "../../solution/upgradeImpact";
import { countText, formatNumber } from "../shared/counts";
import { formatText, type Translate } from "../shared/text";
import { kindTextKey, MAX_RISK_NAMES } from "./changeText";

/**
 * "Is this upgrade additive?": one sentence, read first. A managed upgrade deletes from the target the components the new
 * version no longer carries, with their data; an unmanaged import leaves them (Microsoft Learn, "Upgrade or update a
 * solution"; "Solution concepts": unmanaged solutions cannot delete components on import).
 */
export type ImpactState = "additive" | "deletes" | "keeps" | "mayDelete" | "unknown";

export interface ImpactGroup {
  /** A kind of component, or the values of choices that stay (their rows' values go). */
  kind: ComponentKind | "choiceValues";
  /** What goes, as the approver knows it: "Legacy Code in contoso_expense". */
  names: string[];
}

export interface ImpactView {
  state: ImpactState;
  groups: ImpactGroup[];
}

function nameOf(component: ImpactComponent, t: Translate): string {
  const name = component.name || component.key;
  return component.table ? formatText(t("changes.impact.inTable"), name, component.table) : name;
}

/**
 * What approving removes, from the comparison (solution/upgradeImpact.ts): tables, columns with their data, choice values,
 * steps, roles, then the rest by kind. baselineKnown false: there was nothing to compare with although the stage holds a
 * deployment, so whether anything goes is not known.
 */
export function impactOf(comparison: ArtifactComparison, baselineKnown: boolean, t: Translate): ImpactView {
  if (comparison.diff.first) return { state: baselineKnown ? "additive" : "unknown", groups: [] };
  const impact = upgradeImpact(comparison.diff, comparison.current.managed ?? null);
  const groups: ImpactGroup[] = [];
  const add = (kind: ImpactGroup["kind"], names: string[]): void => {
    if (names.length > 0) groups.push({ kind, names });
  };
  add(
    "tables",
    impact.tables.map((c) => nameOf(c, t)),
  );
  add(
    "columns",
    impact.columns.map((c) => nameOf(c, t)),
  );
  add(
    "choiceValues",
    impact.choiceValues.flatMap((c) => c.values.map((v) => formatText(t("changes.impact.inTable"), `${v.label || v.value} (${v.value})`, c.name || c.key))),
  );
  add(
    "pluginSteps",
    impact.steps.map((c) => nameOf(c, t)),
  );
  add(
    "roles",
    impact.roles.map((c) => nameOf(c, t)),
  );
  const others = new Map<ComponentKind, string[]>();
  for (const c of impact.others) others.set(c.kind, [...(others.get(c.kind) ?? []), nameOf(c, t)]);
  for (const [kind, names] of others) add(kind, names);
  const state: ImpactState = impact.effect === "unknown" ? "mayDelete" : impact.effect;
  return { state, groups };
}

/** "Columns (1): Legacy Code in contoso_expense; Roles (2): …", with the first few names of each kind. */
export function impactGroupsText(groups: ImpactGroup[], t: Translate, locale: string | undefined): string {
  return groups
    .map((group) => {
      const names = group.names.slice(0, MAX_RISK_NAMES).join(", ");
      const rest = group.names.length - MAX_RISK_NAMES;
      const listed = rest > 0 ? `${names} ${countText(t, locale, "Changes_AndMore", rest)}` : names;
      const label = group.kind === "choiceValues" ? t("changes.impact.choiceValues") : t(kindTextKey(group.kind));
      return formatText(t("changes.impact.group"), label, formatNumber(locale, group.names.length), listed);
    })
    .join(t("changes.impact.separator"));
}

/** The sentence itself. */
export function impactText(view: ImpactView, targetName: string, t: Translate, locale: string | undefined): string {
  return formatText(t(`changes.impact.${view.state}`), targetName, impactGroupsText(view.groups, t, locale));
}

/** The message bar's intent: deleting is the one thing an approver must not miss. */
export const IMPACT_INTENT: Readonly<Record<ImpactState, "error" | "warning" | "info" | "success">> = {
  additive: "success",
  deletes: "error",
  keeps: "info",
  mayDelete: "warning",
  unknown: "warning",
};
