import type { Guid, Result } from "../types";
import { STAGE_RUN_TABLE } from "../types";
import {
  ACTION_PARAMETERS,
  DEFAULT_COMMENTS_COLUMN,
  DEFAULT_PROPERTIES_COLUMN,
  DEFAULT_STAGE_NAVIGATION,
  OPTION_ASSUMPTIONS,
  PIPELINE_ADMINISTRATOR_NAME,
  privilegeAssumptions,
  relayAssumption,
  SYSTEM_ADMINISTRATOR_TEMPLATE_ID,
  TABLE_ASSUMPTIONS,
  type TableAssumption,
} from "./assumptions";
import type { HostCheckEffect, HostCheckItem, HostCheckOutcome, HostCheckReport, HostProbe, OptionInfo, TableInfo } from "./types";

// One item builder per group: each turns its part of the probe into report lines, and some into a fact for the session.

const lower = (s: string): string => s.toLowerCase();

/** What names an item: its id, group and subject. */
type ItemBase = Pick<HostCheckItem, "id" | "group" | "subject">;

function uncheckedItem(base: ItemBase, error: { serverMessage?: string; kind: string }): HostCheckItem {
  return { ...base, outcome: "unchecked", effect: "unchecked", effectArg: error.serverMessage ?? error.kind };
}

function optionsText(options: readonly OptionInfo[]): string {
  return options.map((o) => `${o.value} ${o.label ?? "?"}`).join(", ");
}

function formItem(formTable: string | null): HostCheckItem {
  const base = { id: "form", group: "form", subject: STAGE_RUN_TABLE } as const;
  if (formTable === null) return { ...base, outcome: "unchecked", effect: "formUnknown" };
  if (lower(formTable) === STAGE_RUN_TABLE) return { ...base, outcome: "confirmed", effect: "asAssumed" };
  return { ...base, outcome: "different", found: formTable, effect: "formDifferent", effectArg: formTable };
}

function tableItems(assumption: TableAssumption, result: Result<TableInfo | null> | undefined): HostCheckItem[] {
  const t = assumption.logicalName;
  const base = { id: `table:${t}`, group: "tables", subject: t } as const;
  if (result === undefined) return [];
  if (!result.ok) return [uncheckedItem(base, result.error)];
  const info = result.value;
  if (info === null) return [{ ...base, outcome: "missing", effect: assumption.effect }];
  const items: HostCheckItem[] = [];
  const setDiffers = info.entitySet !== null && info.entitySet !== assumption.entitySet;
  items.push({
    ...base,
    outcome: setDiffers ? "different" : "confirmed",
    expected: assumption.entitySet,
    found: info.entitySet ?? undefined,
    effect: setDiffers ? "entitySetDifferent" : "asAssumed",
  });
  const byName = new Map(info.attributes.map((a) => [lower(a.logicalName), a]));
  for (const c of assumption.columns) {
    const subject = `${t}.${c.name}`;
    const found = byName.get(c.name);
    const expected = c.types[0];
    const item: HostCheckItem = { id: `column:${subject}`, group: "columns", subject, outcome: "confirmed", expected, effect: "asAssumed" };
    if (found === undefined) Object.assign(item, { outcome: "missing", effect: c.effect });
    else if (found.type !== null && !c.types.includes(found.type)) {
      Object.assign(item, { outcome: "different", found: found.type, effect: "columnTypeDifferent", effectArg: expected });
    } else item.found = found.type ?? undefined;
    items.push(item);
  }
  return items;
}

/** Tables and their columns, the relay's when one is configured. */
function tablesItems(probe: HostProbe): HostCheckItem[] {
  const assumptions = [...TABLE_ASSUMPTIONS];
  if (probe.relay !== null) assumptions.push(relayAssumption(probe.relay.table, probe.relay.columns));
  const items = assumptions.flatMap((a) => tableItems(a, probe.tables[a.logicalName]));
  if (probe.relay === null) items.push({ id: "table:relay", group: "tables", subject: "decisionRelayTable", outcome: "missing", effect: "relayNotConfigured" });
  return items;
}

/**
 * Where the host keeps a value the panel expects in `preferred`: that column if present, else the only other
 * approval* column whose name contains `word` (e.g. a host that calls it "approvalcomment"); null when none or several.
 */
function storageColumn(columns: readonly string[], preferred: string, word: string): string | null {
  if (columns.includes(preferred)) return preferred;
  const candidates = columns.filter((c) => c.includes(word));
  return candidates.length === 1 ? candidates[0] : null;
}

/** Which approval* columns the run table has, and where comments and properties are stored (relabelling their column items). */
function approvalStorage(probe: HostProbe, items: HostCheckItem[]) {
  const runTable = probe.tables[STAGE_RUN_TABLE];
  const runInfo = runTable?.ok ? runTable.value : null;
  if (!runInfo) return { approvalColumns: [], commentsColumn: DEFAULT_COMMENTS_COLUMN, propertiesColumn: DEFAULT_PROPERTIES_COLUMN };
  const approvalColumns = runInfo.attributes
    .map((a) => lower(a.logicalName))
    .filter((n) => n.startsWith("approval"))
    .sort();
  const commentsColumn = storageColumn(approvalColumns, DEFAULT_COMMENTS_COLUMN, "comment");
  const propertiesColumn = storageColumn(approvalColumns, DEFAULT_PROPERTIES_COLUMN, "propert");
  // A comment column under another name: say so on the "missing" line instead of only "missing".
  const relabel = (name: string, found: string | null, effect: HostCheckEffect): void => {
    const item = items.find((i) => i.id === `column:${STAGE_RUN_TABLE}.${name}`);
    if (item && item.outcome === "missing" && found !== null) Object.assign(item, { outcome: "different", found, effect, effectArg: found });
  };
  relabel(DEFAULT_COMMENTS_COLUMN, commentsColumn, "commentsElsewhere");
  relabel(DEFAULT_PROPERTIES_COLUMN, propertiesColumn, "propertiesElsewhere");
  return { approvalColumns, commentsColumn, propertiesColumn };
}

/** The run → stage navigation property. */
function navigationItem(probe: HostProbe): { item: HostCheckItem; stageNavigation: string | null } {
  const base = { id: "navigation", group: "navigation", subject: `${STAGE_RUN_TABLE}.deploymentstageid` } as const;
  const nav = probe.stageRelationships;
  if (!nav.ok) return { item: uncheckedItem(base, nav.error), stageNavigation: DEFAULT_STAGE_NAVIGATION };
  const toStage = nav.value.find((r) => lower(r.referencingAttribute) === "deploymentstageid" && r.navigation !== null);
  const expected = DEFAULT_STAGE_NAVIGATION;
  if (toStage === undefined) return { item: { ...base, outcome: "missing", expected, effect: "navigationMissing" }, stageNavigation: null };
  if (toStage.navigation === DEFAULT_STAGE_NAVIGATION)
    return { item: { ...base, outcome: "confirmed", expected, effect: "asAssumed" }, stageNavigation: expected };
  const found = toStage.navigation ?? undefined;
  return { item: { ...base, outcome: "different", expected, found, effect: "navigationDifferent", effectArg: found }, stageNavigation: toStage.navigation };
}

/** Option sets, with the host's labels kept for the session. */
function optionItems(probe: HostProbe): { items: HostCheckItem[]; optionLabels: Record<string, Record<number, string>> } {
  const items: HostCheckItem[] = [];
  const optionLabels: Record<string, Record<number, string>> = {};
  for (const o of OPTION_ASSUMPTIONS) {
    const subject = `${o.table}.${o.column}`;
    const base = { id: `options:${subject}`, group: "options", subject } as const;
    const sets = probe.optionSets[o.table];
    if (sets === undefined) continue;
    if (!sets.ok) {
      items.push(uncheckedItem(base, sets.error));
      continue;
    }
    const options = sets.value[o.column];
    const expected = o.values.join(", ");
    if (options === undefined) {
      items.push({ ...base, outcome: "missing", expected, effect: "columnMissing" });
      continue;
    }
    const labels: Record<number, string> = {};
    for (const option of options) if (option.label !== null && option.label.trim() !== "") labels[option.value] = option.label;
    optionLabels[subject] = labels;
    const present = new Set(options.map((x) => x.value));
    const confirmed = o.values.every((v) => present.has(v));
    // The labels are in the sentence (effectArg), not repeated as "found".
    items.push({
      ...base,
      outcome: confirmed ? "confirmed" : "different",
      expected,
      effect: confirmed ? "optionsShown" : o.effect,
      effectArg: optionsText(options),
    });
  }
  return { items, optionLabels };
}

/** The action and its parameters. */
function actionItems(probe: HostProbe): HostCheckItem[] {
  const base = { id: "action", group: "action", subject: "UpdateApprovalStatus" } as const;
  const action = probe.action;
  if (!action.ok) return [uncheckedItem(base, action.error)];
  if (action.value === null) return [{ ...base, outcome: "missing", effect: "actionMissing" }];
  const byName = new Map(action.value.parameters.map((p) => [lower(p.name), p]));
  const parameters = ACTION_PARAMETERS.map((p): HostCheckItem => {
    const item = { id: `action:${p.name}`, group: "action", subject: `UpdateApprovalStatus.${p.name}`, expected: p.type } as const;
    const found = byName.get(lower(p.name));
    if (found === undefined) return { ...item, outcome: "missing", effect: "actionParameterMissing" };
    if (found.type !== p.type) return { ...item, outcome: "different", found: found.type, effect: "actionParameterTypeDifferent", effectArg: p.type };
    return { ...item, outcome: "confirmed", effect: "asAssumed" };
  });
  return [{ ...base, outcome: "confirmed", effect: "asAssumed" }, ...parameters];
}

/** The signed-in user's privileges. */
function privilegeItems(probe: HostProbe): HostCheckItem[] {
  const needed = privilegeAssumptions(probe.relay?.table ?? null);
  const privileges = probe.privileges;
  const baseOf = (n: (typeof needed)[number]): ItemBase => ({ id: `privilege:${n.verb}:${n.table}`, group: "privileges", subject: `prv${n.verb} ${n.table}` });
  if (!privileges.ok) return needed.map((n) => uncheckedItem(baseOf(n), privileges.error));
  const held = new Map(privileges.value.map((p) => [lower(p.name), p.depth]));
  return needed.map((n): HostCheckItem => {
    const base = baseOf(n);
    const depth = held.get(lower(`prv${n.verb}${n.table}`));
    if (depth !== undefined) return { ...base, outcome: "confirmed", found: depth, effect: "asAssumed" };
    return { ...base, outcome: "missing", effect: n.verb === "Create" ? "privilegeCreateRelayMissing" : "privilegeMissing" };
  });
}

/** Administrator roles: System Administrator by its fixed template id, Deployment Pipeline Administrator as the host has it. */
function roleItems(probe: HostProbe): { items: HostCheckItem[]; administratorTemplateIds: Guid[] } {
  const administratorTemplateIds: Guid[] = [SYSTEM_ADMINISTRATOR_TEMPLATE_ID];
  const systemAdministrator: HostCheckItem = {
    id: "role:systemadministrator",
    group: "roles",
    subject: "System Administrator",
    outcome: "confirmed",
    expected: SYSTEM_ADMINISTRATOR_TEMPLATE_ID,
    effect: "systemAdministratorByTemplate",
  };
  const base = { id: "role:pipelineadministrator", group: "roles", subject: "Deployment Pipeline Administrator" } as const;
  const roles = probe.pipelineRoles;
  let pipelineAdministrator: HostCheckItem;
  if (!roles.ok) pipelineAdministrator = uncheckedItem(base, roles.error);
  else {
    const admins = roles.value.filter((r) => r.name !== null && lower(r.name.trim()) === PIPELINE_ADMINISTRATOR_NAME);
    const template = admins.map((r) => r.templateId).find((id): id is Guid => id !== null);
    if (admins.length === 0) pipelineAdministrator = { ...base, outcome: "missing", effect: "pipelineAdministratorMissing" };
    else if (template !== undefined) {
      administratorTemplateIds.push(template);
      pipelineAdministrator = { ...base, outcome: "confirmed", found: template, effect: "pipelineAdministratorByTemplate", effectArg: template };
    } else {
      const name = admins[0].name ?? base.subject;
      pipelineAdministrator = {
        ...base,
        outcome: "different",
        expected: "roletemplateid",
        found: name,
        effect: "pipelineAdministratorByName",
        effectArg: name,
      };
    }
  }
  return { items: [systemAdministrator, pipelineAdministrator], administratorTemplateIds };
}

export function buildHostReport(probe: HostProbe): HostCheckReport {
  const items: HostCheckItem[] = [formItem(probe.formTable), ...tablesItems(probe)];
  const { approvalColumns, commentsColumn, propertiesColumn } = approvalStorage(probe, items);
  const navigation = navigationItem(probe);
  const options = optionItems(probe);
  const roles = roleItems(probe);
  items.push(navigation.item, ...options.items, ...actionItems(probe), ...privilegeItems(probe), ...roles.items);

  const counts: Record<HostCheckOutcome, number> = { confirmed: 0, missing: 0, different: 0, unchecked: 0 };
  for (const i of items) counts[i.outcome] += 1;
  const facts = {
    stageNavigation: navigation.stageNavigation,
    commentsColumn,
    propertiesColumn,
    optionLabels: options.optionLabels,
    administratorTemplateIds: roles.administratorTemplateIds,
  };
  return { items, approvalColumns, facts, counts };
}
