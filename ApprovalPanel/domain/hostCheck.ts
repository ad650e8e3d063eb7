import type { Guid, Result } from "./types";
import { STAGE_RUN_TABLE } from "./types";

/**
 * The host check: what the panel assumes about the pipelines host, compared with what the host's metadata says.
 * Several of these names have no public source (see docs/host-assumptions.md), so every admin's host is the only
 * place they can be confirmed. Pure: the data layer gathers a HostProbe, this turns it into a report and the facts
 * the panel then uses for the page session.
 */

/** System Administrator's role template id: the same in every environment [Learn: security roles]. */
export const SYSTEM_ADMINISTRATOR_TEMPLATE_ID = "627090ff-40a3-4053-8790-584edc5be201";
/** Deployment Pipeline Administrator as the role record names it in an English base language (no template id is published). */
export const PIPELINE_ADMINISTRATOR_NAME = "deployment pipeline administrator";
/** The navigation property the panel expands by default (Dataverse's convention for a simple lookup; unconfirmed). */
export const DEFAULT_STAGE_NAVIGATION = "deploymentstageid";
export const DEFAULT_COMMENTS_COLUMN = "approvalcomments";
export const DEFAULT_PROPERTIES_COLUMN = "approvalproperties";

// ---------------------------------------------------------------------------------------------------------------
// What the data layer gathers (each part may fail on its own).

export interface AttributeInfo {
  logicalName: string;
  /** Dataverse AttributeType, e.g. "String", "Memo", "Picklist", "Lookup"; null when the host did not say. */
  type: string | null;
}

export interface TableInfo {
  logicalName: string;
  entitySet: string | null;
  attributes: AttributeInfo[];
}

export interface RelationshipInfo {
  referencingAttribute: string;
  navigation: string | null;
  referencedEntity: string | null;
}

export interface OptionInfo {
  value: number;
  /** In the user's language (UserLocalizedLabel); null when the host gave none. */
  label: string | null;
}

export interface ActionParameterInfo {
  name: string;
  type: string;
  nullable: boolean;
}

export interface PrivilegeInfo {
  /** e.g. prvReadDeploymentStageRun; compared case-insensitively. */
  name: string;
  /** Basic, Local, Deep or Global. */
  depth: string;
}

export interface RoleInfo {
  id: Guid;
  name: string | null;
  templateId: Guid | null;
}

export interface HostProbe {
  /** Per table logical name: its metadata, or null when the host has no such table (404). */
  tables: Record<string, Result<TableInfo | null>>;
  /** The run table's many-to-one relationships whose referencing attribute is the stage lookup. */
  stageRelationships: Result<RelationshipInfo[]>;
  /** Per table: the option sets of its choice columns. */
  optionSets: Record<string, Result<Record<string, OptionInfo[]>>>;
  /** UpdateApprovalStatus from $metadata; null when the host has no such action. */
  action: Result<{ parameters: ActionParameterInfo[] } | null>;
  /** The signed-in user's privileges (through their roles and teams). */
  privileges: Result<PrivilegeInfo[]>;
  /** Roles whose name contains "Deployment Pipeline", with their template ids. */
  pipelineRoles: Result<RoleInfo[]>;
  /** The table of the form the panel is on (from the PCF context); null when the host does not say. */
  formTable: string | null;
  /** The relay table configured on the form with the AttributeType of each column the panel writes or reads; null when none is set. */
  relay: { table: string; columns: Record<string, string> } | null;
}

// ---------------------------------------------------------------------------------------------------------------
// The report.

export type HostCheckOutcome = "confirmed" | "missing" | "different" | "unchecked";

export type HostCheckGroup = "tables" | "columns" | "navigation" | "options" | "action" | "privileges" | "roles" | "form";

export const HOST_CHECK_GROUPS: readonly HostCheckGroup[] = ["form", "tables", "columns", "navigation", "options", "action", "privileges", "roles"];

/**
 * What the panel does in a case, one sentence each in the resx files (key `HostCheck_Effect_<effect>`).
 * {0} in a sentence is the item's `found` value where the sentence needs it.
 */
export type HostCheckEffect =
  | "asAssumed" // The panel relies on this as it is.
  | "runTableMissing" // The panel cannot show any request in this environment: is this the pipelines host?
  | "stageTableMissing" // Who may decide cannot be worked out; the server decides.
  | "pipelineTableMissing" // The pipeline name and the pipeline-wide history are left out.
  | "environmentTableMissing" // Environment names come only from the run's lookups.
  | "artifactTableMissing" // Not read by the panel today; the component diff would not work.
  | "relayTableMissing" // Decisions on service principal stages cannot be recorded: import the ApprovalPanel solution.
  | "relayNotConfigured" // No relay table is set on the form: service principal stages show who may decide, without a way to record a decision.
  | "entitySetDifferent" // The panel asks by logical name, so nothing changes.
  | "columnMissing" // The part of the panel that shows it is left out.
  | "columnTypeDifferent" // The panel reads the value as text: expected {0}.
  | "approvalStatusMissing" // The panel cannot tell whether the run waits for approval; it lets the server decide.
  | "commentsMissing" // Makers see comments from the relay's decision rows where there are any, else a note that this host does not expose them.
  | "commentsElsewhere" // The panel reads the approver's comments from {0} for this session.
  | "propertiesMissing" // Admins do not see approval properties.
  | "propertiesElsewhere" // The panel reads approval properties from {0} for this session.
  | "delegationMissing" // The panel treats the deployment mode as unknown; the server decides.
  | "relayColumnMissing" // Recording a decision will fail: update the ApprovalPanel solution.
  | "navigationDifferent" // The panel expands the stage through {0} for this session.
  | "navigationMissing" // The panel reads the stage in a second request.
  | "optionsShown" // The panel shows the host's labels: {0}.
  | "optionsDifferent" // The panel shows the host's labels and never gates on them: {0}.
  | "approvalValuesDifferent" // The host may refuse Approve (20) or Reject (30); the panel shows its answer.
  | "delegationTypeDifferent" // Unknown values count as "mode unknown"; the server decides.
  | "actionMissing" // Approve and Reject fail with the host's answer: this host has no delegated deployments.
  | "actionParameterMissing" // The host may refuse decisions; the panel shows its answer.
  | "actionParameterTypeDifferent" // The panel sends {0}; the host may refuse it and the panel shows its answer.
  | "privilegeMissing" // You cannot do this: the part of the panel that needs it shows an access error.
  | "privilegeCreateRelayMissing" // You cannot record decisions for service principal stages.
  | "systemAdministratorByTemplate" // Recognised by its template id, in any language.
  | "pipelineAdministratorByTemplate" // Recognised by its template id {0} for this session.
  | "pipelineAdministratorByName" // Recognised by its name only ({0}); in another base language its holders see the maker view.
  | "pipelineAdministratorMissing" // No such role here: only System Administrators see the admin parts.
  | "formDifferent" // The panel expects a Deployment Stage Run form; it is on {0}, so it shows nothing useful.
  | "formUnknown" // The host did not say which table the form is on.
  | "unchecked"; // This could not be checked ({0}); the panel carries on with its defaults.

export interface HostCheckItem {
  /** Stable across runs, e.g. "column:deploymentstagerun.approvalcomments"; used as React key and in tests. */
  id: string;
  group: HostCheckGroup;
  /** Technical name as the host spells it (not translated), e.g. "deploymentstagerun.approvalcomments". */
  subject: string;
  outcome: HostCheckOutcome;
  /** What the panel assumes, technical text (a type, a name, a value list); absent when the subject says it all. */
  expected?: string;
  /** What the host has, when it differs or is worth showing (labels); technical text. */
  found?: string;
  effect: HostCheckEffect;
  /** The argument {0} of the effect's sentence, when it has one. */
  effectArg?: string;
}

/** What the panel takes from the check for the rest of the page session. */
export interface HostFacts {
  /** The run → stage navigation property to $expand; null when the host has none (read the stage separately). */
  stageNavigation: string | null;
  /** Where the approver's comments are stored on the run; null when the host has no such column. */
  commentsColumn: string | null;
  propertiesColumn: string | null;
  /** Labels in the user's language per "table.column" → value → label. */
  optionLabels: Record<string, Record<number, string>>;
  /** Template ids that make a role an administrator role (System Administrator's plus what the check found). */
  administratorTemplateIds: Guid[];
}

export interface HostCheckReport {
  items: HostCheckItem[];
  /** Every column of the run table whose name starts with "approval", as the host has them. */
  approvalColumns: string[];
  facts: HostFacts;
  counts: Record<HostCheckOutcome, number>;
}

/** The host check as the view shows it: not run, running, its report, or why it could not run at all. */
export type HostCheckState =
  { status: "idle" } | { status: "running" } | { status: "done"; report: HostCheckReport; checkedOn: string } | { status: "failed"; message: string };

// ---------------------------------------------------------------------------------------------------------------
// What the panel assumes.

interface ColumnAssumption {
  name: string;
  /** Acceptable AttributeTypes; the first is what the panel expects. */
  types: readonly string[];
  effect: HostCheckEffect;
}

interface TableAssumption {
  logicalName: string;
  entitySet: string;
  effect: HostCheckEffect;
  columns: readonly ColumnAssumption[];
}

const TEXT = ["String", "Memo"] as const;
const MEMO = ["Memo", "String"] as const;
const CHOICE = ["Picklist", "State", "Status"] as const;
const LOOKUP = ["Lookup", "Customer", "Owner"] as const;
const DATE = ["DateTime"] as const;
const BOOL = ["Boolean"] as const;
const KEY = ["Uniqueidentifier"] as const;

const column = (name: string, types: readonly string[], effect: HostCheckEffect = "columnMissing"): ColumnAssumption => ({ name, types, effect });

/** The columns mapping.ts reads, per table (the run's are also what the history and the re-read select). */
export const TABLE_ASSUMPTIONS: readonly TableAssumption[] = [
  {
    logicalName: STAGE_RUN_TABLE,
    entitySet: "deploymentstageruns",
    effect: "runTableMissing",
    columns: [
      column("deploymentstagerunid", KEY),
      column("name", TEXT),
      column("artifactname", TEXT),
      column("artifactversion", TEXT),
      column("artifactdevcurrentversion", TEXT),
      column("deploymentstageid", LOOKUP),
      column("devdeploymentenvironment", LOOKUP),
      column("targetdeploymentenvironment", LOOKUP),
      column("stagerunstatus", CHOICE),
      column("operation", CHOICE),
      column("suboperation", CHOICE),
      column("operationstatus", CHOICE),
      column("deploymentnotes", MEMO),
      column("aigenerateddeploymentnotes", MEMO),
      column("deploymentsettingsjson", MEMO),
      column("validationresults", MEMO),
      column("errormessage", MEMO),
      column("scheduledtime", DATE),
      column("starttime", DATE),
      column("endtime", DATE),
      column("approvalstatus", CHOICE, "approvalStatusMissing"),
      column(DEFAULT_COMMENTS_COLUMN, MEMO, "commentsMissing"),
      column(DEFAULT_PROPERTIES_COLUMN, MEMO, "propertiesMissing"),
      column("createdby", LOOKUP),
      column("createdon", DATE),
      column("modifiedon", DATE),
    ],
  },
  {
    logicalName: "deploymentstage",
    entitySet: "deploymentstages",
    effect: "stageTableMissing",
    columns: [
      column("deploymentstageid", KEY),
      column("name", TEXT),
      column("deploymentpipelineid", LOOKUP),
      column("previousdeploymentstageid", LOOKUP),
      column("ownerid", LOOKUP),
      column("isdelegateddeployment", BOOL, "delegationMissing"),
      column("delegateddeploymenttype", CHOICE, "delegationMissing"),
      column("spnclientid", TEXT, "delegationMissing"),
    ],
  },
  {
    logicalName: "deploymentpipeline",
    entitySet: "deploymentpipelines",
    effect: "pipelineTableMissing",
    columns: [column("deploymentpipelineid", KEY), column("name", TEXT)],
  },
  {
    logicalName: "deploymentenvironment",
    entitySet: "deploymentenvironments",
    effect: "environmentTableMissing",
    columns: [column("deploymentenvironmentid", KEY), column("name", TEXT)],
  },
  {
    logicalName: "deploymentartifact",
    entitySet: "deploymentartifacts",
    effect: "artifactTableMissing",
    columns: [column("deploymentartifactid", KEY), column("name", TEXT), column("artifactversion", TEXT)],
  },
];

/** The relay table's columns the panel writes and reads (relaySchema.ts), as AttributeTypes. */
export function relayAssumption(table: string, columns: Record<string, string>): TableAssumption {
  return {
    logicalName: table,
    entitySet: `${table}s`,
    effect: "relayTableMissing",
    columns: Object.entries(columns).map(([name, type]) => column(name, type === "Memo" ? MEMO : [type], "relayColumnMissing")),
  };
}

/** Choice columns whose values the panel knows, with the values it relies on (others are shown with the host's label). */
export const OPTION_ASSUMPTIONS: ReadonlyArray<{ table: string; column: string; values: readonly number[]; effect: HostCheckEffect }> = [
  { table: STAGE_RUN_TABLE, column: "stagerunstatus", values: [200000000, 200000001, 200000002, 200000003, 200000004], effect: "optionsDifferent" },
  { table: STAGE_RUN_TABLE, column: "approvalstatus", values: [10, 20, 30], effect: "approvalValuesDifferent" },
  { table: STAGE_RUN_TABLE, column: "operation", values: [200000200, 200000201, 200000202], effect: "optionsDifferent" },
  { table: STAGE_RUN_TABLE, column: "suboperation", values: [200000100], effect: "optionsDifferent" },
  { table: "deploymentstage", column: "delegateddeploymenttype", values: [1, 2], effect: "delegationTypeDifferent" },
];

/** UpdateApprovalStatus's parameters as the panel sends them (types unconfirmed: Learn names them, no type is published). */
export const ACTION_PARAMETERS: ReadonlyArray<{ name: string; type: string; required: boolean }> = [
  { name: "StageRunId", type: "Edm.Guid", required: true },
  { name: "ApprovalStatus", type: "Edm.Int32", required: true },
  { name: "ApprovalComments", type: "Edm.String", required: false },
  { name: "ApprovalProperties", type: "Edm.String", required: false },
];

/** Privileges the panel needs: read on what it shows, create on the relay table when one is configured. */
export function privilegeAssumptions(relayTable: string | null): ReadonlyArray<{ verb: "Read" | "Create"; table: string }> {
  const reads = [STAGE_RUN_TABLE, "deploymentstage", "deploymentartifact"].map((table) => ({ verb: "Read" as const, table }));
  return relayTable ? [...reads, { verb: "Create" as const, table: relayTable }] : reads;
}

// ---------------------------------------------------------------------------------------------------------------
// The builder.

const lower = (s: string): string => s.toLowerCase();

function uncheckedItem(id: string, group: HostCheckGroup, subject: string, error: { serverMessage?: string; kind: string }): HostCheckItem {
  return { id, group, subject, outcome: "unchecked", effect: "unchecked", effectArg: error.serverMessage ?? error.kind };
}

function optionsText(options: readonly OptionInfo[]): string {
  return options.map((o) => `${o.value} ${o.label ?? "?"}`).join(", ");
}

function tableItems(assumption: TableAssumption, result: Result<TableInfo | null> | undefined): HostCheckItem[] {
  const t = assumption.logicalName;
  if (result === undefined) return [];
  if (!result.ok) return [uncheckedItem(`table:${t}`, "tables", t, result.error)];
  const info = result.value;
  if (info === null) return [{ id: `table:${t}`, group: "tables", subject: t, outcome: "missing", effect: assumption.effect }];
  const items: HostCheckItem[] = [];
  const setDiffers = info.entitySet !== null && info.entitySet !== assumption.entitySet;
  items.push({
    id: `table:${t}`,
    group: "tables",
    subject: t,
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

/**
 * Where the host keeps a value the panel expects in `preferred`: that column if present, else the only other
 * approval* column whose name contains `word` (e.g. a host that calls it "approvalcomment"); null when none or several.
 */
function storageColumn(columns: readonly string[], preferred: string, word: string): string | null {
  if (columns.includes(preferred)) return preferred;
  const candidates = columns.filter((c) => c.includes(word));
  return candidates.length === 1 ? candidates[0] : null;
}

export function buildHostReport(probe: HostProbe): HostCheckReport {
  const items: HostCheckItem[] = [];

  // The form.
  if (probe.formTable === null) items.push({ id: "form", group: "form", subject: STAGE_RUN_TABLE, outcome: "unchecked", effect: "formUnknown" });
  else if (lower(probe.formTable) === STAGE_RUN_TABLE)
    items.push({ id: "form", group: "form", subject: STAGE_RUN_TABLE, outcome: "confirmed", effect: "asAssumed" });
  else {
    items.push({
      id: "form",
      group: "form",
      subject: STAGE_RUN_TABLE,
      outcome: "different",
      found: probe.formTable,
      effect: "formDifferent",
      effectArg: probe.formTable,
    });
  }

  // Tables and their columns.
  const assumptions = [...TABLE_ASSUMPTIONS];
  if (probe.relay !== null) assumptions.push(relayAssumption(probe.relay.table, probe.relay.columns));
  for (const a of assumptions) items.push(...tableItems(a, probe.tables[a.logicalName]));
  if (probe.relay === null) items.push({ id: "table:relay", group: "tables", subject: "decisionRelayTable", outcome: "missing", effect: "relayNotConfigured" });

  // Which approval* columns the run table has, and where comments and properties are stored.
  const runTable = probe.tables[STAGE_RUN_TABLE];
  const runInfo = runTable?.ok ? runTable.value : null;
  const approvalColumns = runInfo
    ? runInfo.attributes
        .map((a) => lower(a.logicalName))
        .filter((n) => n.startsWith("approval"))
        .sort()
    : [];
  let commentsColumn: string | null = DEFAULT_COMMENTS_COLUMN;
  let propertiesColumn: string | null = DEFAULT_PROPERTIES_COLUMN;
  if (runInfo) {
    commentsColumn = storageColumn(approvalColumns, DEFAULT_COMMENTS_COLUMN, "comment");
    propertiesColumn = storageColumn(approvalColumns, DEFAULT_PROPERTIES_COLUMN, "propert");
    // A comment column under another name: say so on the "missing" line instead of only "missing".
    const relabel = (name: string, found: string | null, effect: HostCheckEffect): void => {
      const item = items.find((i) => i.id === `column:${STAGE_RUN_TABLE}.${name}`);
      if (item && item.outcome === "missing" && found !== null) Object.assign(item, { outcome: "different", found, effect, effectArg: found });
    };
    relabel(DEFAULT_COMMENTS_COLUMN, commentsColumn, "commentsElsewhere");
    relabel(DEFAULT_PROPERTIES_COLUMN, propertiesColumn, "propertiesElsewhere");
  }

  // The run → stage navigation property.
  let stageNavigation: string | null = DEFAULT_STAGE_NAVIGATION;
  const nav = probe.stageRelationships;
  const navSubject = `${STAGE_RUN_TABLE}.deploymentstageid`;
  if (!nav.ok) items.push(uncheckedItem("navigation", "navigation", navSubject, nav.error));
  else {
    const toStage = nav.value.find((r) => lower(r.referencingAttribute) === "deploymentstageid" && r.navigation !== null);
    if (toStage === undefined) {
      stageNavigation = null;
      items.push({
        id: "navigation",
        group: "navigation",
        subject: navSubject,
        outcome: "missing",
        expected: DEFAULT_STAGE_NAVIGATION,
        effect: "navigationMissing",
      });
    } else if (toStage.navigation === DEFAULT_STAGE_NAVIGATION) {
      items.push({ id: "navigation", group: "navigation", subject: navSubject, outcome: "confirmed", expected: DEFAULT_STAGE_NAVIGATION, effect: "asAssumed" });
    } else {
      stageNavigation = toStage.navigation;
      items.push({
        id: "navigation",
        group: "navigation",
        subject: navSubject,
        outcome: "different",
        expected: DEFAULT_STAGE_NAVIGATION,
        found: toStage.navigation ?? undefined,
        effect: "navigationDifferent",
        effectArg: toStage.navigation ?? undefined,
      });
    }
  }

  // Option sets.
  const optionLabels: Record<string, Record<number, string>> = {};
  for (const o of OPTION_ASSUMPTIONS) {
    const subject = `${o.table}.${o.column}`;
    const sets = probe.optionSets[o.table];
    if (sets === undefined) continue;
    if (!sets.ok) {
      items.push(uncheckedItem(`options:${subject}`, "options", subject, sets.error));
      continue;
    }
    const options = sets.value[o.column];
    if (options === undefined) {
      items.push({ id: `options:${subject}`, group: "options", subject, outcome: "missing", expected: o.values.join(", "), effect: "columnMissing" });
      continue;
    }
    const labels: Record<number, string> = {};
    for (const option of options) if (option.label !== null && option.label.trim() !== "") labels[option.value] = option.label;
    optionLabels[subject] = labels;
    const present = new Set(options.map((x) => x.value));
    const absent = o.values.filter((v) => !present.has(v));
    const text = optionsText(options);
    // The labels are in the sentence (effectArg), not repeated as "found".
    const confirmed = absent.length === 0;
    items.push({
      id: `options:${subject}`,
      group: "options",
      subject,
      outcome: confirmed ? "confirmed" : "different",
      expected: o.values.join(", "),
      effect: confirmed ? "optionsShown" : o.effect,
      effectArg: text,
    });
  }

  // The action.
  const action = probe.action;
  if (!action.ok) items.push(uncheckedItem("action", "action", "UpdateApprovalStatus", action.error));
  else if (action.value === null) items.push({ id: "action", group: "action", subject: "UpdateApprovalStatus", outcome: "missing", effect: "actionMissing" });
  else {
    items.push({ id: "action", group: "action", subject: "UpdateApprovalStatus", outcome: "confirmed", effect: "asAssumed" });
    const byName = new Map(action.value.parameters.map((p) => [lower(p.name), p]));
    for (const p of ACTION_PARAMETERS) {
      const subject = `UpdateApprovalStatus.${p.name}`;
      const found = byName.get(lower(p.name));
      if (found === undefined)
        items.push({ id: `action:${p.name}`, group: "action", subject, outcome: "missing", expected: p.type, effect: "actionParameterMissing" });
      else if (found.type !== p.type) {
        items.push({
          id: `action:${p.name}`,
          group: "action",
          subject,
          outcome: "different",
          expected: p.type,
          found: found.type,
          effect: "actionParameterTypeDifferent",
          effectArg: p.type,
        });
      } else items.push({ id: `action:${p.name}`, group: "action", subject, outcome: "confirmed", expected: p.type, effect: "asAssumed" });
    }
  }

  // The user's privileges.
  const needed = privilegeAssumptions(probe.relay?.table ?? null);
  if (!probe.privileges.ok) {
    const error = probe.privileges.error;
    for (const n of needed) items.push(uncheckedItem(`privilege:${n.verb}:${n.table}`, "privileges", `prv${n.verb} ${n.table}`, error));
  } else {
    const held = new Map(probe.privileges.value.map((p) => [lower(p.name), p.depth]));
    for (const n of needed) {
      const depth = held.get(lower(`prv${n.verb}${n.table}`));
      const id = `privilege:${n.verb}:${n.table}`;
      const subject = `prv${n.verb} ${n.table}`;
      if (depth !== undefined) items.push({ id, group: "privileges", subject, outcome: "confirmed", found: depth, effect: "asAssumed" });
      else
        items.push({ id, group: "privileges", subject, outcome: "missing", effect: n.verb === "Create" ? "privilegeCreateRelayMissing" : "privilegeMissing" });
    }
  }

  // Administrator roles.
  const administratorTemplateIds: Guid[] = [SYSTEM_ADMINISTRATOR_TEMPLATE_ID];
  items.push({
    id: "role:systemadministrator",
    group: "roles",
    subject: "System Administrator",
    outcome: "confirmed",
    expected: SYSTEM_ADMINISTRATOR_TEMPLATE_ID,
    effect: "systemAdministratorByTemplate",
  });
  const roles = probe.pipelineRoles;
  const roleSubject = "Deployment Pipeline Administrator";
  if (!roles.ok) items.push(uncheckedItem("role:pipelineadministrator", "roles", roleSubject, roles.error));
  else {
    const admins = roles.value.filter((r) => r.name !== null && lower(r.name.trim()) === PIPELINE_ADMINISTRATOR_NAME);
    const template = admins.map((r) => r.templateId).find((id): id is Guid => id !== null);
    if (admins.length === 0)
      items.push({ id: "role:pipelineadministrator", group: "roles", subject: roleSubject, outcome: "missing", effect: "pipelineAdministratorMissing" });
    else if (template !== undefined) {
      administratorTemplateIds.push(template);
      items.push({
        id: "role:pipelineadministrator",
        group: "roles",
        subject: roleSubject,
        outcome: "confirmed",
        found: template,
        effect: "pipelineAdministratorByTemplate",
        effectArg: template,
      });
    } else {
      const name = admins[0].name ?? roleSubject;
      items.push({
        id: "role:pipelineadministrator",
        group: "roles",
        subject: roleSubject,
        outcome: "different",
        expected: "roletemplateid",
        found: name,
        effect: "pipelineAdministratorByName",
        effectArg: name,
      });
    }
  }

  const counts: Record<HostCheckOutcome, number> = { confirmed: 0, missing: 0, different: 0, unchecked: 0 };
  for (const i of items) counts[i.outcome] += 1;
  return {
    items,
    approvalColumns,
    facts: { stageNavigation, commentsColumn, propertiesColumn, optionLabels, administratorTemplateIds },
    counts,
  };
}
