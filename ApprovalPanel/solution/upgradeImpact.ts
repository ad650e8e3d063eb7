/**
 * Is this upgrade additive? What approving deletes in the target. A managed upgrade "deletes components that existed in the
 * previous version but aren't in the upgrade" (Microsoft Learn, "Upgrade or update a solution"); an unmanaged import only
 * adds and updates, so what this version leaves out stays in the target (Microsoft Learn, "Solution concepts").
 */
import { compareText, type ComponentKind, type SolutionComponent } from "./components";
import type { SolutionDiff } from "./diff";
import { removedChoiceValues } from "./risks";

/**
 * deletes: managed, and something would go; keeps: unmanaged, and what was left out stays; additive: nothing was left out;
 * unknown: whether the solution is managed is not known (no manifest), and something was left out.
 */
export type UpgradeEffect = "additive" | "deletes" | "keeps" | "unknown";

export interface ImpactComponent {
  kind: ComponentKind;
  key: string;
  name: string;
  /** Columns, forms, views, steps...: the table's logical name. */
  table?: string;
}

export interface ImpactChoiceValues extends ImpactComponent {
  values: { value: string; label: string }[];
}

export interface UpgradeImpact {
  managed: boolean | null;
  effect: UpgradeEffect;
  /** What this version leaves out (deleted by a managed upgrade, kept by an unmanaged one), by what it loses first. */
  tables: ImpactComponent[];
  /** Columns of tables that stay; a removed table's columns go with it and are not listed again. */
  columns: ImpactComponent[];
  choiceValues: ImpactChoiceValues[];
  steps: ImpactComponent[];
  roles: ImpactComponent[];
  others: ImpactComponent[];
  /** Components left out, choice values counted by component. */
  total: number;
}

const ref = (c: SolutionComponent): ImpactComponent => ({
  kind: c.kind,
  key: c.key,
  name: c.name,
  ...(c.details?.table && c.kind !== "tables" ? { table: c.details.table } : {}),
});
const byName = (a: ImpactComponent, b: ImpactComponent): number => compareText(a.name, b.name) || compareText(a.key, b.key);

/** `managed`: the current solution's manifest (null when unknown). */
export function upgradeImpact(diff: SolutionDiff, managed: boolean | null): UpgradeImpact {
  const k = diff.kinds;
  // A shell (unmodified) table carries none of the table's metadata: leaving it out deletes nothing.
  const tables = k.tables.removed.filter((t) => !t.details?.unmodified);
  const gone = new Set(tables.map((t) => t.key));
  const onGoneTable = (c: SolutionComponent): boolean => gone.has(c.details?.table ?? "");
  const columns = k.columns.removed.filter((c) => !onGoneTable(c));
  const choiceValues = [...k.optionSets.changed, ...k.columns.changed]
    .map((x) => ({ ...ref(x.current), values: removedChoiceValues(x.baseline, x.current) }))
    .filter((c) => c.values.length);
  const listed = new Set<ComponentKind>(["tables", "columns", "pluginSteps", "roles"]);
  const others = (Object.keys(k) as ComponentKind[])
    .filter((kind) => !listed.has(kind))
    // Forms, views and relationships of a removed table go with it.
    .flatMap((kind) => k[kind].removed.filter((c) => !onGoneTable(c)));
  const impact = {
    tables: tables.map(ref).sort(byName),
    columns: columns.map(ref).sort(byName),
    choiceValues: choiceValues.sort(byName),
    steps: k.pluginSteps.removed.map(ref).sort(byName),
    roles: k.roles.removed.map(ref).sort(byName),
    others: others.map(ref).sort((a, b) => compareText(a.kind, b.kind) || byName(a, b)),
  };
  const total = Object.values(impact).reduce((n, list) => n + list.length, 0);
  const effect: UpgradeEffect = total === 0 ? "additive" : managed === null ? "unknown" : managed ? "deletes" : "keeps";
  return { managed, effect, ...impact, total };
}
