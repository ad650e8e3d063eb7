/**
 * Changes an approver should look at before approving, from a solution diff. Advice only: nothing here blocks a decision.
 */
import { compareText, type ComponentKind, type PrivilegeDepth, type SolutionComponent } from "./components";
import type { ComponentChange, SolutionDiff } from "./diff";

export type RiskId =
  | "tablesRemoved"
  | "columnsRemoved"
  | "roleNew"
  | "rolePrivilegesRaised"
  | "pluginAssemblyAddedOrChanged"
  | "pluginStepAddedOrChanged"
  | "connectionReferenceNew"
  | "connectorNew"
  | "cloudFlowAdded"
  | "environmentVariableAdded"
  | "customApiAddedOrChanged";

export interface PrivilegeRaise {
  name: string;
  /** null: the baseline role did not have the privilege. */
  from: PrivilegeDepth | string | null;
  to: PrivilegeDepth | string;
}

export interface RiskComponent {
  kind: ComponentKind;
  key: string;
  name: string;
  change: "added" | "removed" | "changed";
  privileges?: PrivilegeRaise[];
  step?: { message: string | null; table: string | null; stage: number | null; synchronous: boolean | null };
  connectorId?: string;
}

export interface RiskFlag {
  id: RiskId;
  severity: "high" | "medium";
  components: RiskComponent[];
}

const RANK: Record<string, number> = { Basic: 1, Local: 2, Deep: 3, Global: 4 };

/** Privileges the current role has that the baseline role had not, or has at a deeper level. */
export function raisedPrivileges(baseline: SolutionComponent, current: SolutionComponent): PrivilegeRaise[] {
  const before = new Map((baseline.details?.privileges ?? []).map((p) => [p.name.toLowerCase(), p.depth]));
  const raised: PrivilegeRaise[] = [];
  for (const p of current.details?.privileges ?? []) {
    const from = before.get(p.name.toLowerCase()) ?? null;
    const known = from !== null && RANK[from] !== undefined && RANK[p.depth] !== undefined;
    // A level the reader does not know counts as raised when it differs: better one look too many than a missed raise.
    if (from === null || (known ? RANK[p.depth] > RANK[from] : from !== p.depth)) raised.push({ name: p.name, from, to: p.depth });
  }
  return raised;
}

const ref = (c: SolutionComponent, change: RiskComponent["change"]): RiskComponent => ({ kind: c.kind, key: c.key, name: c.name, change });

/**
 * Flags sorted high first, then by id; each flag's components by name. Removals are high because a managed upgrade deletes the
 * components the new version leaves out, with their data (Microsoft Learn, "Upgrade or update a solution").
 */
export function riskFlags(diff: SolutionDiff): RiskFlag[] {
  const k = diff.kinds;
  const addedOrChanged = (kind: ComponentKind): [SolutionComponent, RiskComponent["change"], SolutionComponent | null][] => [
    ...k[kind].added.map((c): [SolutionComponent, RiskComponent["change"], null] => [c, "added", null]),
    ...k[kind].changed.map((x: ComponentChange): [SolutionComponent, RiskComponent["change"], SolutionComponent] => [x.current, "changed", x.baseline]),
  ];
  const flags: RiskFlag[] = [];
  const flag = (id: RiskId, severity: RiskFlag["severity"], components: RiskComponent[]): void => {
    if (components.length) flags.push({ id, severity, components: components.sort((a, b) => compareText(a.name, b.name) || compareText(a.key, b.key)) });
  };

  // A shell (unmodified) table carries none of the table's metadata, so leaving it out deletes nothing.
  const removedTables = k.tables.removed.filter((t) => !t.details?.unmodified);
  flag(
    "tablesRemoved",
    "high",
    removedTables.map((c) => ref(c, "removed")),
  );
  // Columns of a removed table go with it and are not listed twice; a shell's columns are components of their own.
  const gone = new Set(removedTables.map((t) => t.key));
  flag(
    "columnsRemoved",
    "high",
    k.columns.removed.filter((c) => !gone.has(c.details?.table ?? "")).map((c) => ref(c, "removed")),
  );

  flag(
    "roleNew",
    "medium",
    k.roles.added.map((c) => ref(c, "added")),
  );
  const raises = k.roles.changed.map((x) => ({ ...ref(x.current, "changed"), privileges: raisedPrivileges(x.baseline, x.current) }));
  flag(
    "rolePrivilegesRaised",
    "high",
    raises.filter((r) => r.privileges.length),
  );

  flag(
    "pluginAssemblyAddedOrChanged",
    "medium",
    addedOrChanged("pluginAssemblies").map(([c, change]) => ref(c, change)),
  );
  const steps = addedOrChanged("pluginSteps").map(([c, change, before]) => {
    const d = c.details ?? {};
    const synchronous = d.mode === undefined ? null : d.mode === 0;
    // A synchronous step runs inside the caller's transaction and can block or slow every save of the table.
    const urgent = synchronous === true && (change === "added" || before?.details?.mode !== 0);
    return {
      urgent,
      component: { ...ref(c, change), step: { message: d.message ?? null, table: d.primaryEntity ?? null, stage: d.stage ?? null, synchronous } },
    };
  });
  flag(
    "pluginStepAddedOrChanged",
    steps.some((s) => s.urgent) ? "high" : "medium",
    steps.map((s) => s.component),
  );

  flag(
    "connectionReferenceNew",
    "medium",
    k.connectionReferences.added.map((c) => ref(c, "added")),
  );
  const baselineReferences = [...k.connectionReferences.removed, ...k.connectionReferences.unchanged, ...k.connectionReferences.changed.map((x) => x.baseline)];
  const known = new Set(baselineReferences.map((c) => c.details?.connectorId).filter(Boolean));
  flag(
    "connectorNew",
    "high",
    addedOrChanged("connectionReferences")
      .filter(([c]) => c.details?.connectorId && !known.has(c.details.connectorId))
      .map(([c, change]) => ({ ...ref(c, change), connectorId: c.details!.connectorId })),
  );

  flag(
    "cloudFlowAdded",
    "medium",
    k.cloudFlows.added.map((c) => ref(c, "added")),
  );
  flag(
    "environmentVariableAdded",
    "medium",
    k.environmentVariables.added.map((c) => ref(c, "added")),
  );
  flag(
    "customApiAddedOrChanged",
    "medium",
    addedOrChanged("customApis").map(([c, change]) => ref(c, change)),
  );

  return flags.sort((a, b) => (a.severity === b.severity ? compareText(a.id, b.id) : a.severity === "high" ? -1 : 1));
}
