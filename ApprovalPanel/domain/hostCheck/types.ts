import type { Guid, Result } from "../types";

/**
 * The host check: what the panel assumes about the pipelines host, compared with what the host's metadata says.
 * Several of these names have no public source (see docs/host-assumptions.md), so every admin's host is the only
 * place they can be confirmed. Pure: the data layer gathers a HostProbe, report.ts turns it into a report and the
 * facts the panel then uses for the page session.
 */

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
