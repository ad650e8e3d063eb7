"use strict";
// Table definitions of the emulated pipelines host: columns as the Dataverse Web API exposes them.
// Column names follow the project's data contract; see the pipelines host reference for which are unconfirmed.

/** @typedef {"guid"|"string"|"memo"|"int"|"bool"|"datetime"|"choice"|"lookup"|"file"} ColumnType */
/**
 * @typedef {object} Column
 * @property {string} name          Web API property name (`_x_value` for lookups)
 * @property {ColumnType} type
 * @property {string} [label]       display name (metadata)
 * @property {string} [target]      lookup: logical name of the related table
 * @property {string} [nav]         lookup: single-valued navigation property name
 * @property {Record<number,string>} [options] choice labels (1033)
 * @property {string} [attributeType] metadata AttributeType when it is not the one of `type` (State, Status, BigInt)
 * @property {boolean} [secured]   column-level security on (fieldSecurity.cjs): only a field security profile's members
 *                                 read and write it
 */
/**
 * A collection-valued navigation property of an N:N relationship, kept in an intersect table of the store (rows
 * `{ [self]: id, [other]: id }`, not exposed as an entity set).
 * @typedef {object} Collection
 * @property {string} nav        e.g. teammembership_association
 * @property {string} target     logical name of the related table
 * @property {string} intersect  the store table holding the pairs (teammembership, teamroles), or "userRoles": the
 *                              store's map of each user's direct role ids (a user's systemuserroles_association)
 * @property {string} self       intersect column holding this table's id
 * @property {string} other      intersect column holding the related table's id
 */
/**
 * @typedef {object} Table
 * @property {string} logicalName
 * @property {string} entitySet
 * @property {string} primaryId
 * @property {string} primaryName
 * @property {string} displayName
 * @property {Column[]} columns
 * @property {Collection[]} [collections]  N:N navigation properties
 * @property {Record<string, unknown>} [defaults]  column defaults a new row gets when the request leaves them out
 * @property {string[][]} [keys]  alternate keys: a second row with the same values of one key's columns is refused
 */

/** @param {string} n @param {string} target @param {string} [label] @returns {Column} */
const lookup = (n, target, label) => ({ name: `_${n}_value`, type: "lookup", target, nav: n, label: label ?? n });
/** @param {string} name @param {ColumnType} type @param {Partial<Column>} [extra] @returns {Column} */
const col = (name, type, extra = {}) => ({ name, type, label: name, ...extra });

const standard = () => [
  lookup("createdby", "systemuser", "Created By"),
  col("createdon", "datetime", { label: "Created On" }),
  lookup("modifiedby", "systemuser", "Modified By"),
  col("modifiedon", "datetime", { label: "Modified On" }),
  lookup("ownerid", "systemuser", "Owner"),
  col("statecode", "choice", { label: "Status", attributeType: "State", options: { 0: "Active", 1: "Inactive" } }),
  col("statuscode", "choice", { label: "Status Reason", attributeType: "Status", options: { 1: "Active", 2: "Inactive" } }),
  col("versionnumber", "int", { label: "Version Number", attributeType: "BigInt" }),
];

/** The system columns of an organisation-owned table: no owner (Dataverse gives such a table no ownerid). */
const organisationOwned = () => standard().filter((c) => c.name !== "_ownerid_value");

const { DELEGATION_TYPE, OPERATION_STATUS, REQUEST_STATUS, STAGE_RUN_STATUS, SUB_OPERATION, CHOICES } = require("./seed/labels.cjs");

/** Columns the "older host" variant lacks (approvals shipped later; all unconfirmed names). */
const LEGACY_MISSING = {
  deploymentstagerun: new Set(["approvalstatus", "approvalcomments", "approvalproperties", "aigenerateddeploymentnotes"]),
};
/** Choice labels the legacy host gives differently: SK's "Scheduled" for 200000005 (sources disagree). */
const LEGACY_LABELS = { deploymentstagerun: { stagerunstatus: { 200000005: "Scheduled" } } };
/**
 * Navigation properties the legacy host names differently. The emulator's own: a host whose navigation names follow
 * the schema names (DeploymentStageId), so `$expand=deploymentstageid` is refused there and the panel's fallback
 * (two reads) is exercised. No source shows such a host; the reference says the lowercase name is likely.
 */
const LEGACY_NAVS = { deploymentstagerun: { deploymentstageid: "DeploymentStageId" } };

/** @type {Table[]} */
const TABLES = [
  {
    logicalName: "deploymentstagerun",
    entitySet: "deploymentstageruns",
    primaryId: "deploymentstagerunid",
    primaryName: "name",
    displayName: "Deployment Stage Run",
    columns: [
      col("deploymentstagerunid", "guid"),
      col("name", "string", { label: "Name" }),
      col("artifactname", "string", { label: "Artifact Name" }),
      col("artifactversion", "string", { label: "Artifact Version" }),
      col("artifactdevcurrentversion", "string", { label: "Artifact Dev Current Version" }),
      lookup("deploymentstageid", "deploymentstage", "Deployment Stage"),
      // "Internal use only" [doc: TR]; the seed's ContosoExpenses runs point to their version's artifact.
      lookup("artifactid", "deploymentartifact", "Artifact"),
      lookup("devdeploymentenvironment", "deploymentenvironment", "Source Deployment Environment"),
      lookup("targetdeploymentenvironment", "deploymentenvironment", "Target Deployment Environment"),
      col("scheduledtime", "datetime", { label: "Scheduled Time" }),
      col("starttime", "datetime", { label: "Start Time" }),
      col("endtime", "datetime", { label: "End Time" }),
      col("stagerunstatus", "choice", { label: "Status", options: STAGE_RUN_STATUS }),
      col("operation", "choice", { label: "Operation", options: CHOICES.operation }),
      col("suboperation", "choice", { label: "Sub Operation", options: SUB_OPERATION }),
      col("operationstatus", "choice", { label: "Operation Status", options: OPERATION_STATUS }),
      col("deploymentnotes", "memo", { label: "Deployment Notes" }),
      col("aigenerateddeploymentnotes", "memo", { label: "AI Generated Deployment Notes" }),
      col("deploymentsettingsjson", "memo", { label: "Deployment Settings Json" }),
      col("validationresults", "memo", { label: "Validation Results" }),
      col("errormessage", "memo", { label: "Error Message" }),
      col("approvalstatus", "choice", { label: "Approval Status", options: CHOICES.approvalstatus }),
      col("approvalcomments", "memo", { label: "Approval Comments" }),
      col("approvalproperties", "memo", { label: "Approval Properties" }),
      ...standard(),
    ],
  },
  {
    logicalName: "deploymentstage",
    entitySet: "deploymentstages",
    primaryId: "deploymentstageid",
    primaryName: "name",
    displayName: "Deployment Stage",
    columns: [
      col("deploymentstageid", "guid"),
      col("name", "string", { label: "Name" }),
      col("description", "memo", { label: "Description" }),
      lookup("deploymentpipelineid", "deploymentpipeline", "Deployment Pipeline"),
      lookup("targetdeploymentenvironmentid", "deploymentenvironment", "Target Deployment Environment"),
      lookup("previousdeploymentstageid", "deploymentstage", "Previous Deployment Stage"),
      // Labels from the PPCC form where it shows them ("Is Delegated Deployment", "SPN Client Id", "Allow sharing
      // requests"); the others are the emulator's own. delegateddeploymenttype's values 1/2 are SK's only (unconfirmed).
      col("isdelegateddeployment", "bool", { label: "Is Delegated Deployment" }),
      col("delegateddeploymenttype", "choice", { label: "Delegated Deployment Type", options: CHOICES.delegateddeploymenttype }),
      col("spnclientid", "string", { label: "SPN Client Id" }),
      col("preexportsteprequired", "bool", { label: "Pre-Export Step Required" }),
      col("predeploymentsteprequired", "bool", { label: "Pre-Deployment Step Required" }),
      col("issharingenabled", "bool", { label: "Allow sharing requests" }),
      ...standard(),
    ],
  },
  {
    logicalName: "deploymentpipeline",
    entitySet: "deploymentpipelines",
    primaryId: "deploymentpipelineid",
    primaryName: "name",
    displayName: "Deployment Pipeline",
    columns: [
      col("deploymentpipelineid", "guid"),
      col("name", "string", { label: "Name" }),
      col("description", "memo", { label: "Description" }),
      col("enableaideploymentnotes", "bool", { label: "Enable AI deployment notes" }),
      col("enableredeployment", "bool", { label: "Enable redeployment" }),
      ...standard(),
    ],
  },
  {
    logicalName: "deploymentenvironment",
    entitySet: "deploymentenvironments",
    primaryId: "deploymentenvironmentid",
    primaryName: "name",
    displayName: "Deployment Environment",
    columns: [
      col("deploymentenvironmentid", "guid"),
      col("name", "string", { label: "Name" }),
      col("environmentid", "string", { label: "Environment Id" }),
      col("environmenttype", "choice", { label: "Environment Type", options: { 200000000: "Development Environment", 200000001: "Target Environment" } }),
      col("validationstatus", "choice", { label: "Validation Status", options: { 200000000: "Pending", 200000001: "Success", 200000002: "Failed" } }),
      ...standard(),
    ],
  },
  {
    // Solution files of a deployment [doc: TR]; one artifact passes through all stages [doc: OV].
    logicalName: "deploymentartifact",
    entitySet: "deploymentartifacts",
    primaryId: "deploymentartifactid",
    primaryName: "name",
    displayName: "Deployment Artifact",
    columns: [
      col("deploymentartifactid", "guid"),
      col("name", "string", { label: "Name" }),
      col("artifactversion", "string", { label: "Artifact Version" }),
      col("generatedon", "datetime", { label: "Generated On" }),
      // File columns: selecting one returns the file's id, not its bytes [doc: FCD]; the bytes come from
      // deploymentartifacts(id)/artifactfile/$value (artifacts.cjs).
      col("artifactfile", "file", { label: "Artifact File" }),
      col("artifactfileunmanaged", "file", { label: "Artifact File Unmanaged" }),
      ...standard(),
    ],
  },
  {
    logicalName: "systemuser",
    entitySet: "systemusers",
    primaryId: "systemuserid",
    primaryName: "fullname",
    displayName: "User",
    columns: [
      col("systemuserid", "guid"),
      col("fullname", "string", { label: "Full Name" }),
      col("firstname", "string"),
      col("lastname", "string"),
      col("domainname", "string", { label: "User Name" }),
      col("internalemailaddress", "string", { label: "Primary Email" }),
      col("applicationid", "guid", { label: "Application ID" }),
      col("isdisabled", "bool", { label: "Status" }),
      col("accessmode", "choice", { label: "Access Mode", options: { 0: "Read-Write", 1: "Administrative", 2: "Read", 4: "Non-interactive" } }),
      col("azureactivedirectoryobjectid", "guid"),
      col("createdon", "datetime"),
      col("modifiedon", "datetime"),
      col("versionnumber", "int"),
    ],
    collections: [
      // The user's direct roles (the store keeps them in userRoles, not in an intersect table) and teams.
      { nav: "systemuserroles_association", target: "role", intersect: "userRoles", self: "systemuserid", other: "roleid" },
      { nav: "teammembership_association", target: "team", intersect: "teammembership", self: "systemuserid", other: "teamid" },
    ],
  },
  {
    logicalName: "role",
    entitySet: "roles",
    primaryId: "roleid",
    primaryName: "name",
    displayName: "Security Role",
    columns: [
      col("roleid", "guid"),
      col("name", "string", { label: "Name" }),
      // Role template: the same id for a role in every business unit and environment [doc: SR].
      lookup("roletemplateid", "roletemplate", "Role Template"),
      // The root business unit's role a role was copied from: its own id for a root role, and a solution role's id in
      // every business unit (the relay flow matches Deployment Approver by it, never by its name).
      lookup("parentrootroleid", "role", "Parent Root Role"),
      col("ismanaged", "bool"),
      col("createdon", "datetime"),
      col("modifiedon", "datetime"),
      col("versionnumber", "int"),
    ],
  },
  {
    logicalName: "team",
    entitySet: "teams",
    primaryId: "teamid",
    primaryName: "name",
    displayName: "Team",
    columns: [
      col("teamid", "guid"),
      col("name", "string", { label: "Team Name" }),
      col("teamtype", "choice", { label: "Team Type", options: { 0: "Owner", 1: "Access", 2: "Security Group", 3: "Office Group" } }),
      col("isdefault", "bool", { label: "Is Default" }),
      col("createdon", "datetime"),
      col("modifiedon", "datetime"),
      col("versionnumber", "int", { attributeType: "BigInt" }),
    ],
    collections: [
      { nav: "teammembership_association", target: "systemuser", intersect: "teammembership", self: "teamid", other: "systemuserid" },
      { nav: "teamroles_association", target: "role", intersect: "teamroles", self: "teamid", other: "roleid" },
    ],
  },
  {
    logicalName: "apnl_approvaldecision",
    entitySet: "apnl_approvaldecisions",
    primaryId: "apnl_approvaldecisionid",
    primaryName: "apnl_name",
    displayName: "Approval Decision",
    columns: [
      col("apnl_approvaldecisionid", "guid"),
      col("apnl_name", "string", { label: "Name" }),
      col("apnl_stagerunid", "string", { label: "Stage Run Id" }),
      col("apnl_decision", "int", { label: "Decision" }),
      col("apnl_comments", "memo", { label: "Comments" }),
      col("apnl_approvalproperties", "memo", { label: "Approval Properties" }),
      // Secured (Solutions/src/Other/FieldSecurityProfiles.xml): only the relay flow's profile writes them.
      col("apnl_outcome", "int", { label: "Outcome", secured: true }),
      col("apnl_outcomemessage", "memo", { label: "Outcome Message", secured: true }),
      col("apnl_outcomeon", "datetime", { label: "Outcome On", secured: true }),
      // Set by Dataverse when a row is created under impersonation: the caller who acted for createdby.
      lookup("createdonbehalfby", "systemuser", "Created By (Delegate)"),
      ...standard(),
    ],
  },
  {
    // docs/approval-policy.md: one active row per stage, matched by the stage id held as text (no lookup to the
    // first-party deploymentstage table). Organisation-owned. The column ranges (1 to 5, 1 to 8760, 2200 characters)
    // are the solution's; the emulator stores what it is given, so a row with bad values can be seeded.
    logicalName: "apnl_approvalpolicy",
    entitySet: "apnl_approvalpolicies",
    primaryId: "apnl_approvalpolicyid",
    primaryName: "apnl_name",
    displayName: "Approval Policy",
    columns: [
      col("apnl_approvalpolicyid", "guid"),
      col("apnl_name", "string", { label: "Name" }),
      col("apnl_stageid", "string", { label: "Stage Id" }),
      col("apnl_stagename", "string", { label: "Stage Name" }),
      col("apnl_pipelinename", "string", { label: "Pipeline Name" }),
      col("apnl_requiredapprovals", "int", { label: "Required Approvals" }),
      col("apnl_commentonapprove", "bool", { label: "Comment On Approve" }),
      col("apnl_commentonreject", "bool", { label: "Comment On Reject" }),
      col("apnl_allowselfapproval", "bool", { label: "Allow Self Approval" }),
      lookup("apnl_approverteam", "team", "Approver Team"),
      col("apnl_checklist", "memo", { label: "Checklist" }),
      col("apnl_expiryhours", "int", { label: "Expiry Hours" }),
      ...organisationOwned(),
    ],
    defaults: { apnl_requiredapprovals: 1, apnl_commentonapprove: false, apnl_commentonreject: true, apnl_allowselfapproval: false },
    // The documented key (docs/admin-guide.md): one policy row per stage id, active or not.
    keys: [["apnl_stageid"]],
  },
  {
    // The Deployment Approvals app's inbox (issue 23): one row per stage run that awaits or awaited a decision, kept
    // by the intake, outcome and expiry flows (intake.cjs). The run id is text with an alternate key (no relationship
    // to the first-party tables, as with the policy's stage id). User-owned: the row's owner (a user or a team) is who
    // decides.
    logicalName: "apnl_approvalrequest",
    entitySet: "apnl_approvalrequests",
    primaryId: "apnl_approvalrequestid",
    primaryName: "apnl_name",
    displayName: "Approval Request",
    columns: [
      col("apnl_approvalrequestid", "guid"),
      col("apnl_name", "string", { label: "Name" }),
      col("apnl_stagerunid", "string", { label: "Stage Run Id" }),
      col("apnl_solutionname", "string", { label: "Solution Name" }),
      col("apnl_solutionversion", "string", { label: "Solution Version" }),
      col("apnl_pipelinename", "string", { label: "Pipeline Name" }),
      col("apnl_stagename", "string", { label: "Stage Name" }),
      col("apnl_stageid", "string", { label: "Stage Id" }),
      col("apnl_targetenvironment", "string", { label: "Target Environment" }),
      col("apnl_requestername", "string", { label: "Requester Name" }),
      col("apnl_requesterid", "string", { label: "Requester Id" }),
      col("apnl_requestedon", "datetime", { label: "Requested On" }),
      col("apnl_notesexcerpt", "memo", { label: "Notes Excerpt" }),
      col("apnl_decidedbyname", "string", { label: "Decided By Name" }),
      col("apnl_decidedbyid", "string", { label: "Decided By Id" }),
      col("apnl_decidedon", "datetime", { label: "Decided On" }),
      col("apnl_newerwaiting", "int", { label: "Newer Waiting" }),
      col("apnl_delegationtype", "choice", { label: "Delegation Type", options: DELEGATION_TYPE }),
      col("apnl_status", "choice", { label: "Status", options: REQUEST_STATUS }),
      ...standard(),
      // A user-owned table's owner split by its kind, as Dataverse keeps it: ownerid (above) names a user or a team;
      // owninguser or owningteam says which. The emulator's ownerid lookup targets systemuser only, so a team-owned row
      // carries the lookup's logical name and formatted value as stored annotations (intake.cjs), which the projection
      // returns when they are asked for.
      lookup("owninguser", "systemuser", "Owning User"),
      lookup("owningteam", "team", "Owning Team"),
    ],
    defaults: { apnl_status: 276400000 },
    // apnl_stagerunid_key: one request row per stage run (the intake flow upserts by it).
    keys: [["apnl_stagerunid"]],
  },
];

/** @typedef {"current"|"legacy"} HostVariant */

/**
 * The schema one host variant exposes.
 * @param {HostVariant} variant
 */
function schemaFor(variant) {
  /** @type {Map<string, Table>} */ const byLogical = new Map();
  /** @type {Map<string, Table>} */ const bySet = new Map();
  for (const t of TABLES) {
    const table = variant === "legacy" ? legacyTable(t) : t;
    byLogical.set(table.logicalName, table);
    bySet.set(table.entitySet, table);
  }
  return { byLogical, bySet };
}

/** The legacy host's version of a table: columns missing, other labels, navigation properties renamed. @param {Table} t @returns {Table} */
function legacyTable(t) {
  const key = /** @type {keyof typeof LEGACY_MISSING & keyof typeof LEGACY_LABELS & keyof typeof LEGACY_NAVS} */ (t.logicalName);
  const missing = LEGACY_MISSING[key];
  /** @type {Record<string, Record<number, string>> | undefined} */ const labels = LEGACY_LABELS[key];
  /** @type {Record<string, string> | undefined} */ const navs = LEGACY_NAVS[key];
  if (!missing && !labels && !navs) return t;
  const columns = t.columns
    .filter((c) => !missing?.has(c.name))
    .map((c) => {
      /** @type {Column} */ let out = c;
      if (labels?.[c.name]) out = { ...out, options: { ...c.options, ...labels[c.name] } };
      if (c.nav && navs?.[c.nav]) out = { ...out, nav: navs[c.nav] };
      return out;
    });
  return { ...t, columns };
}

/** A column's logical name: lookups are `_x_value` in the Web API and `x` in metadata. @param {Column} c */
const logicalNameOf = (c) => (c.type === "lookup" ? c.name.replace(/^_(.+)_value$/, "$1") : c.name);

/** @param {Table} table @param {string} name */
const columnOf = (table, name) => table.columns.find((c) => c.name === name);
/** @param {Table} table @param {string} nav */
const navOf = (table, nav) => table.columns.find((c) => c.type === "lookup" && c.nav === nav);
/** @param {Table} table @param {string} nav */
const collectionOf = (table, nav) => table.collections?.find((c) => c.nav === nav);

module.exports = {
  STAGE_RUN_STATUS,
  SUB_OPERATION,
  OPERATION_STATUS,
  REQUEST_STATUS,
  DELEGATION_TYPE,
  LEGACY_MISSING,
  LEGACY_LABELS,
  LEGACY_NAVS,
  TABLES,
  schemaFor,
  columnOf,
  navOf,
  collectionOf,
  logicalNameOf,
};
