import { COMPONENT_KINDS, type ComponentKind, type SolutionComponent, type SolutionContents } from "../../../ApprovalPanel/solution/components";
import { diffSolutions } from "../../../ApprovalPanel/solution/diff";
import type { ArtifactComparison } from "../../../ApprovalPanel/solution/fromZip";
import type { SolutionManifest } from "../../../ApprovalPanel/solution/manifest";
import { riskFlags } from "../../../ApprovalPanel/solution/risks";

/** Solutions and comparisons built in memory, for the What changes tests. */

export const manifest = (version: string, managed = true): SolutionManifest => ({
  uniqueName: "ContosoExpenses",
  version,
  managed,
  publisher: null,
  rootComponents: [],
  missingDependencies: 0,
});

export function component(kind: ComponentKind, key: string, name = key, fingerprint = "f1", details?: SolutionComponent["details"]): SolutionComponent {
  return { kind, key, name, logicalName: key.includes(".") ? key.split(".")[1] : key, fingerprint, ...(details ? { details } : {}) };
}

export function contents(version: string, list: SolutionComponent[], managed = true): SolutionContents {
  const components = Object.fromEntries(COMPONENT_KINDS.map((kind) => [kind, [] as SolutionComponent[]])) as SolutionContents["components"];
  for (const c of list) components[c.kind].push(c);
  for (const kind of COMPONENT_KINDS) components[kind].sort((a, b) => a.key.localeCompare(b.key));
  return { manifest: manifest(version, managed), components };
}

/** A comparison of two component lists, with the risk rules' own flags. */
export function compare(before: SolutionComponent[] | null, after: SolutionComponent[], managed = true): ArtifactComparison {
  const baseline = before === null ? null : contents("1.0.0.4", before, managed);
  const current = contents("1.0.0.5", after, managed);
  const diff = diffSolutions(baseline, current);
  return { diff, risks: riskFlags(diff), baseline: baseline?.manifest ?? null, current: current.manifest as SolutionManifest };
}

const table = { table: "contoso_expense" };

/** Expense: the column Legacy Code removed, Amount changed, Cost Center added; a role and a step unchanged. */
export const BEFORE: SolutionComponent[] = [
  component("tables", "contoso_expense", "Expense"),
  component("columns", "contoso_expense.contoso_legacycode", "Legacy Code", "f1", table),
  component("columns", "contoso_expense.contoso_amount", "Amount", "f1", { ...table, facets: { maxLength: "100", requiredLevel: "none" } }),
  component("roles", "5a0d3e2c-0000-4000-8000-000000000001", "Expense Approver"),
];
export const AFTER: SolutionComponent[] = [
  component("tables", "contoso_expense", "Expense"),
  component("columns", "contoso_expense.contoso_amount", "Amount", "f2", { ...table, facets: { maxLength: "200", requiredLevel: "none" } }),
  component("columns", "contoso_expense.contoso_costcenter", "Cost Center", "f1", table),
  component("roles", "5a0d3e2c-0000-4000-8000-000000000001", "Expense Approver"),
];
