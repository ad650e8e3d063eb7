/**
 * Changes an approver should look at before approving, from a solution diff. Advice only: nothing here blocks a decision.
 */
import { compareText, type ComponentKind, type PrivilegeDepth, type SolutionComponent } from "./components";
import type { ComponentChange, SolutionDiff } from "./diff";

export type RiskId =
  | "tablesRemoved"
  | "columnsRemoved"
  | "choiceValuesRemoved"
  | "roleNew"
  | "rolePrivilegesRaised"
  | "roleChanged"
  | "pluginAssemblyAddedOrChanged"
  | "pluginStepAdded"
  | "pluginStepChanged"
  | "pluginStepMadeAsynchronous"
  | "connectionReferenceNew"
  | "connectionReferenceConnectorChanged"
  | "connectorNew"
  | "customConnectorAdded"
  | "cloudFlowAdded"
  | "environmentVariableAdded"
  | "customApiAddedOrChanged";

/** A privilege a role gains, or has at a deeper level. */
export interface PrivilegeRaise {
  direction: "raised";
  name: string;
  /** null: the baseline role did not have the privilege. */
  from: PrivilegeDepth | string | null;
  to: PrivilegeDepth | string;
}

/** A privilege a role keeps at a lower depth, or loses (to null). */
export interface PrivilegeLowering {
  direction: "lowered";
  name: string;
  from: PrivilegeDepth | string;
  to: PrivilegeDepth | string | null;
}

/** One change to a role's privileges, either way: the one list a risk carries and the section draws. */
export type PrivilegeChange = PrivilegeRaise | PrivilegeLowering;

export interface RiskStep {
  message: string | null;
  table: string | null;
  stage: number | null;
  synchronous: boolean | null;
  /** Changed steps: filtering attributes the step now also runs on (it runs more often). */
  filteringAttributesAdded?: string[];
}

export interface RiskComponent {
  kind: ComponentKind;
  key: string;
  name: string;
  change: "added" | "removed" | "changed";
  /** Columns, choice columns: the table's logical name. */
  table?: string;
  /** Renamed components: the name in the baseline. */
  previousName?: string;
  /** Changed roles: the privileges raised, then those lowered. */
  privileges?: PrivilegeChange[];
  step?: RiskStep;
  connectorId?: string;
  /** A readable connector name (connectorName in details/resources.ts); the one before for a changed reference. */
  connector?: string;
  previousConnector?: string;
  /** Choice values removed: value and label (untrusted text). */
  choiceValues?: { value: string; label: string }[];
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
    if (from === null || (known ? RANK[p.depth] > RANK[from] : from !== p.depth)) raised.push({ direction: "raised", name: p.name, from, to: p.depth });
  }
  return raised;
}

/** Privileges the current role has at a lower depth than the baseline role, or no longer has. */
export function loweredPrivileges(baseline: SolutionComponent, current: SolutionComponent): PrivilegeLowering[] {
  const after = new Map((current.details?.privileges ?? []).map((p) => [p.name.toLowerCase(), p.depth]));
  const lowered: PrivilegeLowering[] = [];
  for (const p of baseline.details?.privileges ?? []) {
    const to = after.get(p.name.toLowerCase()) ?? null;
    if (to === null || (RANK[p.depth] !== undefined && RANK[to] !== undefined && RANK[to] < RANK[p.depth]))
      lowered.push({ direction: "lowered", name: p.name, from: p.depth, to });
  }
  return lowered;
}

/** What changed in a role's privileges: those raised first (what the risk is about), then those lowered. */
export function privilegeChanges(baseline: SolutionComponent, current: SolutionComponent): PrivilegeChange[] {
  return [...raisedPrivileges(baseline, current), ...loweredPrivileges(baseline, current)];
}

const raises = (c: RiskComponent): boolean => c.privileges?.some((p) => p.direction === "raised") ?? false;

const ref = (c: SolutionComponent, change: RiskComponent["change"]): RiskComponent => ({
  kind: c.kind,
  key: c.key,
  name: c.name,
  change,
  ...(c.details?.table && c.kind !== "tables" ? { table: c.details.table } : {}),
});

/** Values of a choice (a global choice, or a choice column's own) that the current version no longer has. */
export function removedChoiceValues(baseline: SolutionComponent, current: SolutionComponent): { value: string; label: string }[] {
  const values = (c: SolutionComponent): [string, string][] => {
    const list = c.details?.facets?.choiceValue;
    return Array.isArray(list) ? list : [];
  };
  const now = new Set(values(current).map(([value]) => value));
  return values(baseline)
    .filter(([value]) => !now.has(value))
    .map(([value, label]) => ({ value, label }));
}

const filtering = (c: SolutionComponent | null): string[] => {
  const list = c?.details?.facets?.stepFilteringAttributes;
  return Array.isArray(list) ? list.map(([name]) => name) : [];
};

function stepOf(c: SolutionComponent, before: SolutionComponent | null): RiskStep {
  const d = c.details ?? {};
  const had = new Set(filtering(before));
  // An empty list runs the step on every column; a list that grows runs it more often.
  const added = before && had.size ? filtering(c).filter((a) => !had.has(a)) : [];
  return {
    message: d.message ?? null,
    table: d.primaryEntity ?? null,
    stage: d.stage ?? null,
    synchronous: d.mode === undefined ? null : d.mode === 0,
    ...(added.length ? { filteringAttributesAdded: added } : {}),
  };
}

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
  // Rows holding a value that disappears keep a number no label names any more.
  flag(
    "choiceValuesRemoved",
    "high",
    [...k.optionSets.changed, ...k.columns.changed]
      .map((x) => ({ ...ref(x.current, "changed"), choiceValues: removedChoiceValues(x.baseline, x.current) }))
      .filter((c) => c.choiceValues.length),
  );

  flag(
    "roleNew",
    "medium",
    k.roles.added.map((c) => ref(c, "added")),
  );
  const roles = k.roles.changed.map((x): RiskComponent => {
    const renamed = x.baseline.name !== x.current.name ? { previousName: x.baseline.name } : {};
    const privileges = privilegeChanges(x.baseline, x.current);
    return { ...ref(x.current, "changed"), ...renamed, ...(privileges.length ? { privileges } : {}) };
  });
  flag("rolePrivilegesRaised", "high", roles.filter(raises));
  flag(
    "roleChanged",
    "medium",
    roles.filter((r) => !raises(r)),
  );

  flag(
    "pluginAssemblyAddedOrChanged",
    "medium",
    addedOrChanged("pluginAssemblies").map(([c, change]) => ref(c, change)),
  );
  // A synchronous step runs inside the caller's transaction and can block or slow every save of the table; a step made
  // asynchronous no longer can stop a save, so a check it made is no longer enforced.
  const steps = addedOrChanged("pluginSteps").map(([c, change, before]) => ({ ...ref(c, change), step: stepOf(c, before), before }));
  const strip = ({ before: _, ...c }: (typeof steps)[number]): RiskComponent => c;
  const added = steps.filter((s) => s.change === "added");
  const madeAsync = steps.filter((s) => s.before && s.before.details?.mode === 0 && s.step.synchronous === false);
  const changed = steps.filter((s) => s.before && !madeAsync.includes(s));
  flag("pluginStepAdded", added.some((s) => s.step.synchronous) ? "high" : "medium", added.map(strip));
  flag("pluginStepMadeAsynchronous", "high", madeAsync.map(strip));
  flag("pluginStepChanged", changed.some((s) => s.step.synchronous && s.before?.details?.mode !== 0) ? "high" : "medium", changed.map(strip));

  const withConnector = (c: SolutionComponent, change: RiskComponent["change"], before: SolutionComponent | null): RiskComponent => ({
    ...ref(c, change),
    ...(c.details?.connectorId ? { connectorId: c.details.connectorId } : {}),
    ...(c.details?.connectorName ? { connector: c.details.connectorName } : {}),
    ...(before?.details?.connectorName && before.details.connectorId !== c.details?.connectorId ? { previousConnector: before.details.connectorName } : {}),
  });
  flag(
    "connectionReferenceNew",
    "medium",
    k.connectionReferences.added.map((c) => withConnector(c, "added", null)),
  );
  const baselineReferences = [...k.connectionReferences.removed, ...k.connectionReferences.unchanged, ...k.connectionReferences.changed.map((x) => x.baseline)];
  const known = new Set(baselineReferences.map((c) => c.details?.connectorId).filter(Boolean));
  const references = addedOrChanged("connectionReferences");
  const isNew = (c: SolutionComponent): boolean => !!c.details?.connectorId && !known.has(c.details.connectorId);
  flag(
    "connectorNew",
    "high",
    references.filter(([c]) => isNew(c)).map((reference) => withConnector(...reference)),
  );
  flag(
    "connectionReferenceConnectorChanged",
    "medium",
    references
      .filter(([c, , before]) => before && !isNew(c) && before.details?.connectorId !== c.details?.connectorId)
      .map((reference) => withConnector(...reference)),
  );
  flag(
    "customConnectorAdded",
    "high",
    k.connectors.added.map((c) => ref(c, "added")),
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
