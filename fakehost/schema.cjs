"use strict";
// Table definitions of the emulated pipelines host: columns as the Dataverse Web API exposes them.
// Column names follow the project's data contract; see the pipelines host reference for which are unconfirmed.

/** @typedef {"guid"|"string"|"memo"|"int"|"bool"|"datetime"|"choice"|"lookup"} ColumnType */
/**
 * @typedef {object} Column
 * @property {string} name          Web API property name (`_x_value` for lookups)
 * @property {ColumnType} type
 * @property {string} [label]       display name (metadata)
 * @property {string} [target]      lookup: logical name of the related table
 * @property {string} [nav]         lookup: single-valued navigation property name
 * @property {Record<number,string>} [options] choice labels (1033)
 */
/**
 * @typedef {object} Table
 * @property {string} logicalName
 * @property {string} entitySet
 * @property {string} primaryId
 * @property {string} primaryName
 * @property {string} displayName
 * @property {Column[]} columns
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
  col("statecode", "choice", { options: { 0: "Active", 1: "Inactive" } }),
  col("statuscode", "choice", { options: { 1: "Active", 2: "Inactive" } }),
  col("versionnumber", "int"),
];

const STAGE_RUN_STATUS = {
  200000000: "Not Started",
  200000001: "Started",
  200000002: "Succeeded",
  200000003: "Failed",
  200000004: "Canceled",
  200000005: "Pending Approval",
  200000006: "Validating",
  200000007: "Validation Succeeded",
  200000008: "Pre-Deploy In Progress",
  200000009: "Pre-Deploy Succeeded",
  200000010: "Deploying",
};

/** Columns the "older host" variant lacks (approvals shipped later; all unconfirmed names). */
const LEGACY_MISSING = {
  deploymentstagerun: new Set(["approvalstatus", "approvalcomments", "approvalproperties", "aigenerateddeploymentnotes"]),
};

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
      lookup("devdeploymentenvironment", "deploymentenvironment", "Source Deployment Environment"),
      lookup("targetdeploymentenvironment", "deploymentenvironment", "Target Deployment Environment"),
      col("scheduledtime", "datetime", { label: "Scheduled Time" }),
      col("starttime", "datetime", { label: "Start Time" }),
      col("endtime", "datetime", { label: "End Time" }),
      col("stagerunstatus", "choice", { label: "Status", options: STAGE_RUN_STATUS }),
      col("operation", "choice", { label: "Operation", options: { 200000200: "None", 200000201: "Validate", 200000202: "Deploy", 200000203: "Pre-Deploy" } }),
      col("suboperation", "choice", {
        label: "Sub Operation",
        options: {
          200000100: "None",
          200000101: "Validating Solution",
          200000102: "Exporting Solution",
          200000103: "Importing Solution",
          200000104: "Awaiting Approval",
          200000105: "Awaiting Pre-Deployment Step",
        },
      }),
      col("operationstatus", "choice", {
        label: "Operation Status",
        options: { 200000000: "Not Started", 200000001: "Started", 200000002: "Succeeded", 200000003: "Failed", 200000004: "Pending" },
      }),
      col("deploymentnotes", "memo", { label: "Deployment Notes" }),
      col("aigenerateddeploymentnotes", "memo", { label: "AI Generated Deployment Notes" }),
      col("deploymentsettingsjson", "memo", { label: "Deployment Settings Json" }),
      col("validationresults", "memo", { label: "Validation Results" }),
      col("errormessage", "memo", { label: "Error Message" }),
      col("approvalstatus", "choice", { label: "Approval Status", options: { 10: "Pending", 20: "Approved", 30: "Rejected" } }),
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
      col("isdelegateddeployment", "bool", { label: "Is delegated deployment" }),
      col("delegateddeploymenttype", "choice", { label: "Delegated deployment type", options: { 1: "Stage Owner", 2: "Service Principal" } }),
      col("spnclientid", "string", { label: "Service principal client ID" }),
      col("preexportsteprequired", "bool", { label: "Pre-export step required" }),
      col("predeploymentsteprequired", "bool", { label: "Pre-deployment step required" }),
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
      col("ismanaged", "bool"),
      col("createdon", "datetime"),
      col("modifiedon", "datetime"),
      col("versionnumber", "int"),
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
      col("apnl_outcome", "int", { label: "Outcome" }),
      col("apnl_outcomemessage", "memo", { label: "Outcome Message" }),
      col("apnl_outcomeon", "datetime", { label: "Outcome On" }),
      ...standard(),
    ],
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
    const missing = variant === "legacy" ? LEGACY_MISSING[/** @type {keyof typeof LEGACY_MISSING} */ (t.logicalName)] : undefined;
    const table = missing ? { ...t, columns: t.columns.filter((c) => !missing.has(c.name)) } : t;
    byLogical.set(table.logicalName, table);
    bySet.set(table.entitySet, table);
  }
  return { byLogical, bySet };
}

/** @param {Table} table @param {string} name */
const columnOf = (table, name) => table.columns.find((c) => c.name === name);
/** @param {Table} table @param {string} nav */
const navOf = (table, nav) => table.columns.find((c) => c.type === "lookup" && c.nav === nav);

module.exports = { STAGE_RUN_STATUS, LEGACY_MISSING, TABLES, schemaFor, columnOf, navOf };
