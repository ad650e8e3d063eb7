"use strict";
// Seed data of the emulated pipelines host. Deterministic: the same ids and values at every start,
// so tests and screenshots can name records. Ids are readable on purpose (table prefix + number).

/** @param {string} prefix 8 hex digits @param {number} n */
const gid = (prefix, n) => `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

const USERS = {
  avery: gid("a0000000", 1), // "you": stage owner of Contoso Expenses / Production
  riley: gid("a0000000", 2), // maker who requests deployments
  jordan: gid("a0000000", 3), // another approver (stage owner of Field Service / Production)
  morgan: gid("a0000000", 4), // System Administrator
  spn: gid("a0000000", 5), // application user of the deployment service principal
  sam: gid("a0000000", 6), // Basic User directly; Deployment Pipeline Administrator only through the team "Release managers"
  kai: gid("a0000000", 7), // holds "Systemadministrator": a German-base-language host's System Administrator role
  quinn: gid("a0000000", 8), // Basic User only: no read privilege on deployment artifacts (their download is refused)
  casey: gid("a0000000", 9), // second approver of the HR pipeline's UAT stage (Deployment Approver, team "HR approvers")
};
const ROLES = {
  sysadmin: gid("b0000000", 1),
  pipelineAdmin: gid("b0000000", 2),
  pipelineUser: gid("b0000000", 3),
  basicUser: gid("b0000000", 4),
  // Ships in the Approval Panel solution (Solutions/src/Roles/Deployment Approver.xml, its id there): who may decide
  // service-principal stages through the decision relay. The relay flow matches it by this id as the root role.
  deploymentApprover: "38f47392-816e-45ea-bfde-e36ae6e61953",
  // The System Administrator role as a host whose base language is German names it (same template id). It stands
  // for such a host inside this one: a real business unit has one role per template.
  sysadminGerman: gid("b0000000", 6),
  // Ships in the Approval Panel solution: reads approval policies (the relay flow's connection, people who only look).
  policyReader: gid("b0000000", 7),
  // A custom role someone named "Deployment Approver" too (Quinn holds it): it grants nothing and must not pass the
  // relay flow's role check, which matches the shipped role by id.
  approverLookalike: gid("b0000000", 8),
  // Ships in the Approval Panel solution: the least-privilege role of the relay flow's service principal.
  relayFlow: gid("b0000000", 9),
};
/**
 * Role template ids. System Administrator's is documented [doc: SR]; no source gives one for the Deployment Pipeline
 * roles, so those two are the emulator's own (invented). Basic User and Deployment Approver get none (null).
 */
const ROLE_TEMPLATES = {
  sysadmin: "627090ff-40a3-4053-8790-584edc5be201",
  pipelineAdmin: gid("b1000000", 2),
  pipelineUser: gid("b1000000", 3),
};
const TEAMS = {
  releaseManagers: gid("b2000000", 1),
  hrApprovers: gid("b2000000", 2),
  // The team the seed's request of the Field Service UAT stage (service principal, its policy names no team) went to:
  // the one apnl_DefaultApproverTeam named when it arrived. Jordan is its only member.
  fieldServiceApprovers: gid("b2000000", 3),
};
const PIPELINES = { expenses: gid("c0000000", 1), fieldService: gid("c0000000", 2), hr: gid("c0000000", 3) };
const ENVIRONMENTS = {
  dev: gid("d0000000", 1),
  test: gid("d0000000", 2),
  prod: gid("d0000000", 3),
  uat: gid("d0000000", 4),
  prodEu: gid("d0000000", 5),
  preprod: gid("d0000000", 6),
  hrUat: gid("d0000000", 7),
  hrProd: gid("d0000000", 8),
  hrTraining: gid("d0000000", 9),
};
const STAGES = {
  expensesTest: gid("e0000000", 1), // not delegated
  expensesProd: gid("e0000000", 2), // delegated, Stage Owner = Avery
  fieldUat: gid("e0000000", 3), // delegated, Service Principal
  fieldProd: gid("e0000000", 4), // delegated, Stage Owner = Jordan
  expensesPreprod: gid("e0000000", 5), // delegated, delegateddeploymenttype null, owner = Avery
  // The Contoso HR pipeline: every stage has an approval policy (POLICIES); no other scenario looks at it.
  hrUat: gid("e0000000", 6), // delegated, Service Principal; policy: 2 approvals, team "HR approvers", checklist, 72 h
  hrProd: gid("e0000000", 7), // delegated, Stage Owner = Avery; policy: 1 approval, self-approval allowed, checklist
  hrTraining: gid("e0000000", 8), // delegated, Stage Owner = Avery; policy with values out of range
  hrPilot: gid("e0000000", 9), // a stage deleted from the HR pipeline: only its retired policy row is left
};
const SPN_CLIENT_ID = "5b7a3c2e-91d4-4f0a-b6e8-2c1d9f4a7e35";
const RUNS = {
  ownerPendingMine: gid("f0000000", 1),
  ownerPendingOther: gid("f0000000", 2),
  spnPending: gid("f0000000", 3),
  approved: gid("f0000000", 4),
  rejected: gid("f0000000", 5),
  failedSoap: gid("f0000000", 6),
  notDelegated: gid("f0000000", 7),
  historyLatest: gid("f0000000", 8),
  malformed: gid("f0000000", 9),
  doubleEncoded: gid("f0000000", 10),
  legacyPending: gid("f0000000", 11),
  makerOwnPending: gid("f0000000", 12),
  // "Before you decide": one request where every check passes, one already overtaken, one never tested.
  checksClear: gid("f0000000", 13),
  checksClearInTest: gid("f0000000", 14),
  checksClearLastProd: gid("f0000000", 15),
  supersededPending: gid("f0000000", 16),
  supersededDeployed: gid("f0000000", 17),
  supersededInTest: gid("f0000000", 18),
  supersededNewerInTest: gid("f0000000", 19),
  untestedPending: gid("f0000000", 20),
  untestedOlderInTest: gid("f0000000", 21),
  untestedLastProd: gid("f0000000", 22),
  // A delegated stage whose delegateddeploymenttype is null (as records created outside the UI can be).
  nullTypePending: gid("f0000000", 23),
  // Approval policies (Contoso HR pipeline).
  policyQuorumPending: gid("f0000000", 24), // HR UAT, requested 2 hours ago: needs Jordan's and Casey's approvals
  policyExpiredPending: gid("f0000000", 25), // HR UAT, requested 100 hours ago: older than the policy's 72 hours
  policyOwnerPending: gid("f0000000", 26), // HR Production, requested by Avery, the stage owner (self-approval allowed)
  policyOwnerInUat: gid("f0000000", 27), // the same version, succeeded in HR UAT (the stage before)
  policyInvalidPending: gid("f0000000", 28), // HR Training, its policy has values out of range
  policyInvalidInUat: gid("f0000000", 29), // the same version, succeeded in HR UAT
  // The Deployment Approvals app (issue 23): a pending request no intake flow has taken in yet ("A new request
  // arrives" in the playground), on the Contoso Expenses Production stage (stage owner Avery), and its Test run.
  intakeArrives: gid("f0000000", 30),
  intakeArrivesInTest: gid("f0000000", 31),
};
/**
 * Approval request rows (apnl_approvalrequest) as the intake and outcome flows left them: four waiting (one per kind
 * of owner: Avery as stage owner, Jordan as stage owner, the default team, a policy's team), one waiting past its
 * policy's expiry (the expiry flow has not run yet), two decided. Every other pending run has none (not taken in).
 */
const REQUESTS = {
  ownerPendingMine: gid("f6000000", 1), // ContosoExpenses 1.4.2.0 → Production, owned by Avery (stage owner)
  ownerPendingOther: gid("f6000000", 2), // ContosoFieldService 3.2.0.7 → Production (EU), owned by Jordan (stage owner)
  spnPending: gid("f6000000", 3), // ContosoFieldService 3.2.0.7 → UAT, owned by the team Field Service approvers
  policyQuorumPending: gid("f6000000", 4), // ContosoOnboarding 1.3.0.0 → UAT, owned by the HR UAT policy's team
  policyExpiredPending: gid("f6000000", 5), // ContosoLeave 2.0.1.0 → UAT, requested 100 hours ago (policy: 72)
  approved: gid("f6000000", 6), // ContosoExpenses 1.4.1.0 → Production, approved by Avery
  rejected: gid("f6000000", 7), // ContosoExpenses 1.4.0.3 → Production, rejected by Avery
};
/** Approval policy rows (apnl_approvalpolicy), one active per HR stage, and a retired one (inactive) on HR UAT. */
const POLICIES = {
  quorum: gid("f5000000", 1),
  owner: gid("f5000000", 2),
  invalid: gid("f5000000", 3),
  quorumRetired: gid("f5000000", 4),
  // Field Service UAT (service principal): the relay decides a stage only when it has an active policy.
  fieldUat: gid("f5000000", 5),
};
/** The HR UAT policy's checklist, one item per line as stored. */
const QUORUM_CHECKLIST = ["Release notes reviewed with HR", "Data protection impact assessed", "Rollback plan agreed with the service desk"];
/** The HR Production policy's checklist. */
const OWNER_CHECKLIST = ["Payroll cut-off date checked", "Works council informed"];
/** One deployment artifact per solution of the seed runs (its newest version in the seed). */
const ARTIFACTS = {
  ContosoExpenses: gid("f2000000", 1),
  ContosoFieldService: gid("f2000000", 2),
  ContosoTravel: gid("f2000000", 3),
  ContosoTimesheets: gid("f2000000", 4),
  ContosoMileage: gid("f2000000", 5),
  ContosoPayroll: gid("f2000000", 6),
  ContosoInventory: gid("f2000000", 7),
  ContosoReceipts: gid("f2000000", 8),
};
/**
 * One artifact per ContosoExpenses version of the seed's Production runs (one artifact passes through all stages
 * [doc: OV]). 1.4.1.0 (last deployed to Production), 1.4.2.0 (the owner-pending run) and 1.4.2.2 (the newest pending
 * run, the risky one) hold solution zips built from playground/artifacts/ContosoExpenses/<version>/; 1.4.2.1 has no
 * file. 1.4.2.2 is ARTIFACTS.ContosoExpenses, the row the seed had before. Older runs (1.4.0.3, 1.3.9.0) point to none:
 * their artifacts count as deleted (admins may bulk-delete pipeline data [doc: OV]).
 */
const EXPENSES_ARTIFACTS = {
  "1.4.1.0": gid("f2000000", 0x11),
  "1.4.2.0": gid("f2000000", 0x12),
  "1.4.2.1": gid("f2000000", 0x13),
  "1.4.2.2": ARTIFACTS.ContosoExpenses,
};
const HISTORY_PREFIX = "f1000000";
const HISTORY_COUNT = 500;

/**
 * @typedef {object} Scenario
 * @property {string} key
 * @property {string} label
 * @property {string} recordId
 * @property {"current"|"legacy"} host
 * @property {string} user      the user the scenario is meant to be seen as
 * @property {boolean} [relay]  whether the relay table input is set
 * @property {boolean} [allowSelfApproval]  whether the form's allowSelfApproval input is "yes"
 */
/** @type {Scenario[]} */
const SCENARIOS = [
  { key: "owner-pending", label: "Stage owner: pending, you are the owner", recordId: RUNS.ownerPendingMine, host: "current", user: USERS.avery },
  {
    key: "owner-pending-other",
    label: "Stage owner: pending, someone else owns the stage",
    recordId: RUNS.ownerPendingOther,
    host: "current",
    user: USERS.avery,
  },
  { key: "spn-pending", label: "Service principal: pending", recordId: RUNS.spnPending, host: "current", user: USERS.avery },
  {
    key: "spn-pending-relay",
    label: "Service principal: pending, relay table set",
    recordId: RUNS.spnPending,
    host: "current",
    user: USERS.avery,
    relay: true,
  },
  {
    key: "spn-relay-maker",
    label: "Service principal, relay table set: the requester (the form allows self-approval, the stage policy does not)",
    recordId: RUNS.spnPending,
    host: "current",
    user: USERS.riley,
    relay: true,
    allowSelfApproval: true,
  },
  { key: "approved", label: "Approved with comments", recordId: RUNS.approved, host: "current", user: USERS.avery },
  { key: "maker-approved", label: "Approved, seen by the maker", recordId: RUNS.approved, host: "current", user: USERS.riley },
  { key: "rejected", label: "Rejected", recordId: RUNS.rejected, host: "current", user: USERS.avery },
  { key: "failed-soap", label: "Failed with a raw SOAP fault", recordId: RUNS.failedSoap, host: "current", user: USERS.avery },
  { key: "not-delegated", label: "Stage not delegated", recordId: RUNS.notDelegated, host: "current", user: USERS.avery },
  { key: "history", label: "500 runs of history", recordId: RUNS.historyLatest, host: "current", user: USERS.avery },
  { key: "malformed", label: "Malformed settings and validation JSON", recordId: RUNS.malformed, host: "current", user: USERS.avery },
  { key: "double-encoded", label: "Validation JSON encoded twice", recordId: RUNS.doubleEncoded, host: "current", user: USERS.avery },
  { key: "maker-own", label: "Maker opens their own pending request", recordId: RUNS.makerOwnPending, host: "current", user: USERS.riley },
  { key: "legacy", label: "Older host without approval columns", recordId: RUNS.legacyPending, host: "legacy", user: USERS.avery },
  { key: "checks-clear", label: "Stage owner: pending, every check passes", recordId: RUNS.checksClear, host: "current", user: USERS.avery },
  {
    key: "checks-superseded",
    label: "Stage owner: pending, a newer version already deployed",
    recordId: RUNS.supersededPending,
    host: "current",
    user: USERS.avery,
  },
  {
    key: "checks-untested",
    label: "Stage owner: pending, this version never succeeded in Test",
    recordId: RUNS.untestedPending,
    host: "current",
    user: USERS.avery,
  },
  // What UpdateApprovalStatus does for such a stage is unknown; the emulator lets the stage owner decide (its own rule).
  {
    key: "null-delegation-type",
    label: "Delegated stage with no deployment type",
    recordId: RUNS.nullTypePending,
    host: "current",
    user: USERS.avery,
  },
  // Approval policies (docs/approval-policy.md), on the Contoso HR pipeline.
  {
    key: "policy-quorum",
    label: "Approval policy: two approvals needed, the first approver",
    recordId: RUNS.policyQuorumPending,
    host: "current",
    user: USERS.jordan,
    relay: true,
  },
  {
    key: "policy-quorum-second",
    label: "Approval policy: two approvals needed, the second approver",
    recordId: RUNS.policyQuorumPending,
    host: "current",
    user: USERS.casey,
    relay: true,
  },
  {
    key: "policy-expired",
    label: "Approval policy: the request has expired",
    recordId: RUNS.policyExpiredPending,
    host: "current",
    user: USERS.jordan,
    relay: true,
  },
  {
    key: "policy-owner",
    label: "Approval policy on a stage-owner stage: your own request, self-approval allowed",
    recordId: RUNS.policyOwnerPending,
    host: "current",
    user: USERS.avery,
  },
  {
    key: "policy-invalid",
    label: "Approval policy with values out of range",
    recordId: RUNS.policyInvalidPending,
    host: "current",
    user: USERS.avery,
  },
];

// Seed times are relative to the start (to the hour), so "2 hours ago" and the "waiting long" check read as they
// would on the day; the structure (who, which version, in which order) is the same at every start.
const ANCHOR = Math.floor(Date.now() / 3600_000) * 3600_000;
/** @param {number} hoursBefore */
const at = (hoursBefore) => new Date(ANCHOR - hoursBefore * 3600_000).toISOString().replace(".000Z", "Z");

/** @param {Record<string, unknown>} fields @param {string} createdon @param {string} [createdby] */
function std(fields, createdon, createdby = USERS.morgan) {
  return {
    _createdby_value: createdby,
    createdon,
    _modifiedby_value: createdby,
    modifiedon: createdon,
    _ownerid_value: createdby,
    statecode: 0,
    statuscode: 1,
    versionnumber: 1000,
    ...fields,
  };
}

const settings = (/** @type {string} */ apiUrl) =>
  JSON.stringify({
    EnvironmentVariables: [
      { SchemaName: "contoso_ExpensesApiBaseUrl", Value: apiUrl },
      { SchemaName: "contoso_ReceiptsSharePointSite", Value: "https://contoso.sharepoint.com/sites/Expenses" },
      { SchemaName: "contoso_MaxClaimAmount", Value: "2500" },
      { SchemaName: "contoso_FeatureFlags", Value: "" },
    ],
    ConnectionReferences: [
      {
        LogicalName: "contoso_sharedcommondataserviceforapps_3f2a1",
        ConnectionId: "9c0e5a0b6f2d4c7e8a1b3d5f7e9c1a2b",
        ConnectorId: "/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps",
      },
      {
        LogicalName: "contoso_sharedoffice365_7b9c2",
        ConnectionId: "1f4d7a9c2e5b4d8f9a3c6e1b7d2f5a8c",
        ConnectorId: "/providers/Microsoft.PowerApps/apis/shared_office365",
      },
      { LogicalName: "contoso_sharedsharepointonline_a41d0", ConnectionId: null, ConnectorId: "/providers/Microsoft.PowerApps/apis/shared_sharepointonline" },
    ],
  });

const validationOk = JSON.stringify({
  ValidationStatus: "Succeeded",
  SolutionValidationResults: [
    { SolutionValidationResultType: "Warning", Message: "The solution contains 2 cloud flows that are turned off in the source environment.", ErrorCode: null },
    { SolutionValidationResultType: "Info", Message: "Connection references will use the connections set in the deployment settings.", ErrorCode: null },
  ],
  SolutionDetails: { UniqueName: "ContosoExpenses", Version: "1.4.2.0", Managed: true },
  MissingDependencies: [],
});

const validationMissing = JSON.stringify({
  ValidationStatus: "Failed",
  SolutionValidationResults: [
    { SolutionValidationResultType: "Error", Message: "The solution is missing dependencies in the target environment.", ErrorCode: "0x80048033" },
  ],
  SolutionDetails: { UniqueName: "ContosoFieldService", Version: "3.2.0.7", Managed: true },
  MissingDependencies: ["msdyn_workorder (Entity) required by contoso_inspectionform (Form)", "msdyn_FieldService (Solution) 8.8.121.0"],
});

const SOAP_FAULT = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring xml:lang="en-US">Solution manifest import: FAILURE: The solution "ContosoExpenses" cannot be imported because the component "contoso_expenseclaim" (Entity) has a dependency on "contoso_costcenter" (Attribute) that is missing in the target environment.</faultstring><detail><OrganizationServiceFault xmlns="http://schemas.microsoft.com/xrm/2011/Contracts" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ActivityId>7c1b0e4a-2f3d-4b6a-9e8c-1d2f3a4b5c6d</ActivityId><ErrorCode>-2147188672</ErrorCode><ErrorDetails xmlns:a="http://schemas.datacontract.org/2004/07/System.Collections.Generic"/><Message>Solution manifest import: FAILURE: The solution "ContosoExpenses" cannot be imported because the component "contoso_expenseclaim" (Entity) has a dependency on "contoso_costcenter" (Attribute) that is missing in the target environment.</Message><Timestamp>2025-11-24T10:42:17.8812345Z</Timestamp><ExceptionRetriable>false</ExceptionRetriable><ExceptionSource i:nil="true"/><InnerFault i:nil="true"/><OriginalException i:nil="true"/><TraceText i:nil="true"/></OrganizationServiceFault></detail></s:Fault></s:Body></s:Envelope>`;

/** @param {{approverId:string, approverName:string, decision:"Approved"|"Rejected", decidedOnUtc:string, adminNote:string}} p */
const props = (p) =>
  JSON.stringify({
    approverId: p.approverId,
    approverName: p.approverName,
    decision: p.decision,
    decisionValue: p.decision === "Approved" ? 20 : 30,
    decidedOnUtc: p.decidedOnUtc,
    panelVersion: "1.0.0",
    adminNote: p.adminNote,
  });

/** A small deterministic PRNG (mulberry32) for the generated history. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A fresh copy of the seed.
 * @returns {import("./store.cjs").StoreData}
 */
function createSeed() {
  const users = [
    { id: USERS.avery, first: "Avery", last: "Owner", login: "avery.owner@contoso.com" },
    { id: USERS.riley, first: "Riley", last: "Maker", login: "riley.maker@contoso.com" },
    { id: USERS.jordan, first: "Jordan", last: "Approver", login: "jordan.approver@contoso.com" },
    { id: USERS.morgan, first: "Morgan", last: "Admin", login: "morgan.admin@contoso.com" },
    { id: USERS.sam, first: "Sam", last: "Taylor", login: "sam.taylor@contoso.com" },
    { id: USERS.kai, first: "Kai", last: "Schneider", login: "kai.schneider@contoso.com" },
    { id: USERS.quinn, first: "Quinn", last: "Reader", login: "quinn.reader@contoso.com" },
    { id: USERS.casey, first: "Casey", last: "Reviewer", login: "casey.reviewer@contoso.com" },
  ].map((u, i) => ({
    systemuserid: u.id,
    fullname: `${u.first} ${u.last}`,
    firstname: u.first,
    lastname: u.last,
    domainname: u.login,
    internalemailaddress: u.login,
    applicationid: null,
    isdisabled: false,
    accessmode: 0,
    azureactivedirectoryobjectid: gid("a1000000", i < 4 ? i + 1 : i + 2),
    createdon: "2024-03-04T08:00:00Z",
    modifiedon: "2024-03-04T08:00:00Z",
    versionnumber: 1000,
  }));
  users.push({
    systemuserid: USERS.spn,
    fullname: "# Pipelines Deployment SPN",
    firstname: "#",
    lastname: "Pipelines Deployment SPN",
    domainname: `${SPN_CLIENT_ID}@contoso.onmicrosoft.com`,
    internalemailaddress: null,
    applicationid: SPN_CLIENT_ID,
    isdisabled: false,
    accessmode: 4,
    azureactivedirectoryobjectid: gid("a1000000", 5),
    createdon: "2024-03-04T08:00:00Z",
    modifiedon: "2024-03-04T08:00:00Z",
    versionnumber: 1000,
  });

  const roles = [
    [ROLES.sysadmin, "System Administrator", ROLE_TEMPLATES.sysadmin],
    [ROLES.pipelineAdmin, "Deployment Pipeline Administrator", ROLE_TEMPLATES.pipelineAdmin],
    [ROLES.pipelineUser, "Deployment Pipeline User", ROLE_TEMPLATES.pipelineUser],
    [ROLES.basicUser, "Basic User", null],
    [ROLES.deploymentApprover, "Deployment Approver", null],
    [ROLES.sysadminGerman, "Systemadministrator", ROLE_TEMPLATES.sysadmin],
    [ROLES.policyReader, "Approval Policy Reader", null],
    [ROLES.approverLookalike, "Deployment Approver", null],
    [ROLES.relayFlow, "Approval Relay Flow", null],
  ].map(([id, name, template]) => ({
    roleid: id,
    name,
    _roletemplateid_value: template,
    // Every seed role is a root business unit role: its own root.
    _parentrootroleid_value: id,
    ismanaged: true,
    createdon: "2024-03-04T08:00:00Z",
    modifiedon: "2024-03-04T08:00:00Z",
    versionnumber: 1000,
  }));

  // Teams and their N:N pairs (intersect tables teammembership and teamroles, as Dataverse names them).
  const teams = [
    {
      teamid: TEAMS.releaseManagers,
      name: "Release managers",
      teamtype: 0,
      isdefault: false,
      createdon: "2024-03-04T08:00:00Z",
      modifiedon: "2024-03-04T08:00:00Z",
      versionnumber: 1000,
    },
    {
      // No roles: the HR UAT policy's approver team (a decider must also be a member of it).
      teamid: TEAMS.hrApprovers,
      name: "HR approvers",
      teamtype: 0,
      isdefault: false,
      createdon: "2024-03-04T08:00:00Z",
      modifiedon: "2024-03-04T08:00:00Z",
      versionnumber: 1000,
    },
    {
      // No roles: owns the seed's request of the Field Service UAT stage (REQUESTS.spnPending).
      teamid: TEAMS.fieldServiceApprovers,
      name: "Field Service approvers",
      teamtype: 0,
      isdefault: false,
      createdon: "2024-03-04T08:00:00Z",
      modifiedon: "2024-03-04T08:00:00Z",
      versionnumber: 1000,
    },
  ];
  const teammembership = [
    { teammembershipid: gid("b3000000", 1), teamid: TEAMS.releaseManagers, systemuserid: USERS.sam },
    { teammembershipid: gid("b3000000", 2), teamid: TEAMS.hrApprovers, systemuserid: USERS.jordan },
    { teammembershipid: gid("b3000000", 3), teamid: TEAMS.hrApprovers, systemuserid: USERS.casey },
    { teammembershipid: gid("b3000000", 4), teamid: TEAMS.fieldServiceApprovers, systemuserid: USERS.jordan },
  ];
  const teamroles = [{ teamroleid: gid("b4000000", 1), teamid: TEAMS.releaseManagers, roleid: ROLES.pipelineAdmin }];

  // What each role grants (RetrieveUserPrivileges). Which privileges the platform roles hold is the emulator's
  // reading of the role descriptions [doc: CH]; the exact lists and depths are its own.
  const PIPELINE_TABLES = ["deploymentstagerun", "deploymentstage", "deploymentpipeline", "deploymentenvironment", "deploymentartifact"];
  const ALL = ["Create", "Read", "Write", "Delete", "Append", "AppendTo"];
  /** @type {Record<string, import("./privileges.cjs").PrivilegeGrant[]>} */
  const rolePrivileges = {
    [ROLES.sysadmin]: [{ tables: "*", ops: ALL, depth: "Global" }],
    [ROLES.sysadminGerman]: [{ tables: "*", ops: ALL, depth: "Global" }],
    [ROLES.pipelineAdmin]: [
      { tables: PIPELINE_TABLES, ops: ALL, depth: "Global" },
      { tables: ["apnl_approvaldecision"], ops: ["Read"], depth: "Global" },
    ],
    // Deployment Pipeline User: reads runs in its business unit [doc: CH]; its privilege on artifacts is unknown.
    [ROLES.pipelineUser]: [{ tables: PIPELINE_TABLES, ops: ["Read"], depth: "Local" }],
    // Approval policies are organisation-owned: Read is at Global depth (the only depth such a table has).
    // Approval requests are user-owned: an approver reads the rows they or their teams own (Basic), and can neither
    // write nor assign them (the flows keep their status).
    [ROLES.deploymentApprover]: [
      { tables: ["apnl_approvaldecision"], ops: ["Create", "Read"], depth: "Basic" },
      { tables: ["apnl_approvalpolicy"], ops: ["Read"], depth: "Global" },
      { tables: ["apnl_approvalrequest"], ops: ["Read"], depth: "Basic" },
    ],
    [ROLES.policyReader]: [{ tables: ["apnl_approvalpolicy"], ops: ["Read"], depth: "Global" }],
    [ROLES.approverLookalike]: [],
    // The same service principal runs the intake, outcome and expiry flows: they create, update and assign requests.
    [ROLES.relayFlow]: [
      { tables: ["apnl_approvaldecision"], ops: ["Read", "Write"], depth: "Global" },
      { tables: ["apnl_approvalpolicy"], ops: ["Read"], depth: "Global" },
      { tables: ["apnl_approvalrequest"], ops: ["Create", "Read", "Write", "Assign"], depth: "Global" },
    ],
    [ROLES.basicUser]: [],
  };

  // Riley (the maker) holds Deployment Approver too, so the relay flow's "no self-approval" refusal can be tried
  // (with the form's allowSelfApproval = yes); Morgan does not, so its "no role" refusal can be tried as well.
  const userRoles = {
    [USERS.avery]: [ROLES.pipelineAdmin, ROLES.basicUser, ROLES.deploymentApprover],
    [USERS.riley]: [ROLES.pipelineUser, ROLES.basicUser, ROLES.deploymentApprover],
    [USERS.jordan]: [ROLES.pipelineAdmin, ROLES.basicUser, ROLES.deploymentApprover],
    [USERS.morgan]: [ROLES.sysadmin],
    // The relay flow's connection reads the stage's approval policy.
    [USERS.spn]: [ROLES.pipelineAdmin, ROLES.relayFlow],
    // Direct roles only: Sam's Deployment Pipeline Administrator comes through the team.
    [USERS.sam]: [ROLES.basicUser],
    [USERS.kai]: [ROLES.sysadminGerman],
    [USERS.quinn]: [ROLES.basicUser, ROLES.approverLookalike],
    [USERS.casey]: [ROLES.basicUser, ROLES.deploymentApprover],
  };

  const created = "2025-06-02T09:30:00Z";
  const pipelines = [
    std(
      {
        deploymentpipelineid: PIPELINES.expenses,
        name: "Contoso Expenses ALM",
        description: "Expenses app: Dev → Test → Production",
        enableaideploymentnotes: true,
        enableredeployment: false,
      },
      created,
    ),
    std(
      {
        deploymentpipelineid: PIPELINES.fieldService,
        name: "Field Service ALM",
        description: "Field Service extensions: Dev → UAT → Production (EU)",
        enableaideploymentnotes: false,
        enableredeployment: true,
      },
      created,
    ),
    std(
      {
        deploymentpipelineid: PIPELINES.hr,
        name: "Contoso HR ALM",
        description: "HR apps: Dev → UAT → Production and Training, every stage with an approval policy",
        enableaideploymentnotes: false,
        enableredeployment: false,
      },
      created,
    ),
  ];

  const env = (id, name, type, envId) =>
    std({ deploymentenvironmentid: id, name, environmentid: envId, environmenttype: type, validationstatus: 200000001 }, created);
  const environments = [
    env(ENVIRONMENTS.dev, "Contoso Dev", 200000000, "2f6a1c3e-8b4d-4e7a-9c1f-3a5b7d9e1f20"),
    env(ENVIRONMENTS.test, "Contoso Test", 200000001, "7d3e9a1b-2c4f-4a6e-8b0d-1e3f5a7c9b21"),
    env(ENVIRONMENTS.prod, "Contoso Production", 200000001, "c4b8e2a6-0d1f-4c3e-a5b7-9d1e3f5a7b22"),
    env(ENVIRONMENTS.uat, "Field Service UAT", 200000001, "91a3c5e7-b9d1-4f2a-8c4e-6a8b0d2f4e23"),
    env(ENVIRONMENTS.prodEu, "Field Service Production (EU)", 200000001, "e5f7a9b1-c3d5-4e7f-9a1b-3c5d7e9f1a24"),
    env(ENVIRONMENTS.preprod, "Contoso Pre-production", 200000001, "3b5d7f9a-1c3e-4a5b-8d7f-9b1d3f5a7c25"),
    env(ENVIRONMENTS.hrUat, "Contoso HR UAT", 200000001, "6c8e0a2b-4d6f-4a8c-9e0b-2d4f6a8c0e26"),
    env(ENVIRONMENTS.hrProd, "Contoso HR Production", 200000001, "8e0a2c4d-6f8b-4c0e-a2d4-4f6b8c0e2a27"),
    env(ENVIRONMENTS.hrTraining, "Contoso HR Training", 200000001, "0a2c4e6f-8b0d-4e2a-b4f6-6b8d0e2a4c28"),
  ];

  const stage = (id, name, description, pipeline, target, previous, owner, delegated, type, spn) =>
    std(
      {
        deploymentstageid: id,
        name,
        description,
        _deploymentpipelineid_value: pipeline,
        _targetdeploymentenvironmentid_value: target,
        _previousdeploymentstageid_value: previous,
        isdelegateddeployment: delegated,
        delegateddeploymenttype: type,
        spnclientid: spn,
        preexportsteprequired: false,
        predeploymentsteprequired: false,
        issharingenabled: false,
        _ownerid_value: owner,
      },
      created,
    );
  const stages = [
    stage(
      STAGES.expensesTest,
      "Test",
      "Deploys to Contoso Test as the requesting maker.",
      PIPELINES.expenses,
      ENVIRONMENTS.test,
      null,
      USERS.morgan,
      false,
      null,
      null,
    ),
    stage(
      STAGES.expensesProd,
      "Production",
      "Delegated to the stage owner; every run waits for the owner's approval.",
      PIPELINES.expenses,
      ENVIRONMENTS.prod,
      STAGES.expensesTest,
      USERS.avery,
      true,
      1,
      null,
    ),
    stage(
      STAGES.fieldUat,
      "UAT",
      "Delegated to the deployment service principal.",
      PIPELINES.fieldService,
      ENVIRONMENTS.uat,
      null,
      USERS.morgan,
      true,
      2,
      SPN_CLIENT_ID,
    ),
    stage(
      STAGES.fieldProd,
      "Production (EU)",
      "Delegated to the stage owner (Jordan Approver).",
      PIPELINES.fieldService,
      ENVIRONMENTS.prodEu,
      STAGES.fieldUat,
      USERS.jordan,
      true,
      1,
      null,
    ),
    // Delegated, but no deployment type: who may approve is unknown [community: TF]; the emulator lets the stage
    // owner decide (its own rule, actions.cjs).
    stage(
      STAGES.expensesPreprod,
      "Pre-production",
      "Delegated deployment created outside the maker UI: no deployment type set.",
      PIPELINES.expenses,
      ENVIRONMENTS.preprod,
      STAGES.expensesTest,
      USERS.avery,
      true,
      null,
      null,
    ),
    stage(
      STAGES.hrUat,
      "UAT",
      "Delegated to the deployment service principal; two HR approvers decide through the decision relay.",
      PIPELINES.hr,
      ENVIRONMENTS.hrUat,
      null,
      USERS.morgan,
      true,
      2,
      SPN_CLIENT_ID,
    ),
    stage(
      STAGES.hrProd,
      "Production",
      "Delegated to the stage owner (Avery Owner).",
      PIPELINES.hr,
      ENVIRONMENTS.hrProd,
      STAGES.hrUat,
      USERS.avery,
      true,
      1,
      null,
    ),
    stage(
      STAGES.hrTraining,
      "Training",
      "Delegated to the stage owner (Avery Owner); its approval policy was imported with values out of range.",
      PIPELINES.hr,
      ENVIRONMENTS.hrTraining,
      STAGES.hrUat,
      USERS.avery,
      true,
      1,
      null,
    ),
  ];
  // Stage owners own their stage record: the owner is who approves in Stage Owner mode.

  const stageInfo = {
    [STAGES.expensesTest]: { name: "Test", dev: ENVIRONMENTS.dev, target: ENVIRONMENTS.test },
    [STAGES.expensesProd]: { name: "Production", dev: ENVIRONMENTS.dev, target: ENVIRONMENTS.prod },
    [STAGES.fieldUat]: { name: "UAT", dev: ENVIRONMENTS.dev, target: ENVIRONMENTS.uat },
    [STAGES.fieldProd]: { name: "Production (EU)", dev: ENVIRONMENTS.dev, target: ENVIRONMENTS.prodEu },
    [STAGES.expensesPreprod]: { name: "Pre-production", dev: ENVIRONMENTS.dev, target: ENVIRONMENTS.preprod },
    [STAGES.hrUat]: { name: "UAT", dev: ENVIRONMENTS.dev, target: ENVIRONMENTS.hrUat },
    [STAGES.hrProd]: { name: "Production", dev: ENVIRONMENTS.dev, target: ENVIRONMENTS.hrProd },
    [STAGES.hrTraining]: { name: "Training", dev: ENVIRONMENTS.dev, target: ENVIRONMENTS.hrTraining },
  };

  /**
   * @param {string} id @param {string} stageId @param {string} artifact @param {string} version
   * @param {number} hoursAgo @param {Record<string, any>} fields
   */
  const run = (id, stageId, artifact, version, hoursAgo, fields) => {
    const s = stageInfo[stageId];
    const requestedBy = fields.requestedBy ?? USERS.riley;
    delete fields.requestedBy;
    return std(
      {
        deploymentstagerunid: id,
        name: `${artifact} ${version} - ${s.name}`,
        artifactname: artifact,
        artifactversion: version,
        artifactdevcurrentversion: version,
        _deploymentstageid_value: stageId,
        _artifactid_value: artifact === "ContosoExpenses" ? (EXPENSES_ARTIFACTS[/** @type {keyof typeof EXPENSES_ARTIFACTS} */ (version)] ?? null) : null,
        _devdeploymentenvironment_value: s.dev,
        _targetdeploymentenvironment_value: s.target,
        scheduledtime: null,
        starttime: at(hoursAgo),
        endtime: null,
        // A pending run: 200000005 (whose label sources disagree on), operation Deploy, operation status Pending, and
        // suboperation None (TR has no "awaiting approval" value). Some runs wait at Started instead (see below).
        stagerunstatus: 200000005,
        operation: 200000202,
        suboperation: 200000100,
        operationstatus: 200000004,
        deploymentnotes: null,
        aigenerateddeploymentnotes: null,
        deploymentsettingsjson: null,
        validationresults: null,
        errormessage: null,
        approvalstatus: null,
        approvalcomments: null,
        approvalproperties: null,
        ...fields,
      },
      at(hoursAgo),
      requestedBy,
    );
  };

  const expensesNotes =
    "Adds mileage claims with per-country rates and fixes the receipt upload on mobile.\n\n- New table: Mileage Rate (contoso_mileagerate)\n- Expense Claim form: new Mileage tab\n- Flow 'Notify approver' now uses the shared mailbox";
  const expensesAi =
    "This release adds 1 table (Mileage Rate), updates 2 forms and 1 model-driven app, and changes 3 cloud flows. It introduces the environment variable contoso_MaxClaimAmount.";

  const runs = [
    run(RUNS.ownerPendingMine, STAGES.expensesProd, "ContosoExpenses", "1.4.2.0", 2, {
      deploymentnotes: expensesNotes,
      aigenerateddeploymentnotes: expensesAi,
      deploymentsettingsjson: settings("https://api.contoso.com/expenses/v2"),
      validationresults: validationOk,
      approvalstatus: 10,
      artifactdevcurrentversion: "1.4.3.0",
    }),
    run(RUNS.ownerPendingOther, STAGES.fieldProd, "ContosoFieldService", "3.2.0.7", 5, {
      deploymentnotes: "Inspection checklist v2 for technicians; requires the Field Service 8.8 update already in production.",
      deploymentsettingsjson: JSON.stringify({
        EnvironmentVariables: [{ SchemaName: "contoso_InspectionApiUrl", Value: "https://fs-eu.contoso.com/inspections" }],
        ConnectionReferences: [],
      }),
      validationresults: validationMissing,
      approvalstatus: 10,
      // Waits at Started with its operation Pending: 200000005 is not the only status of a run awaiting approval.
      stagerunstatus: 200000001,
    }),
    run(RUNS.spnPending, STAGES.fieldUat, "ContosoFieldService", "3.2.0.7", 9, {
      deploymentnotes: "UAT build for the inspection checklist; please deploy before Thursday's test session.",
      deploymentsettingsjson: JSON.stringify({
        EnvironmentVariables: [{ SchemaName: "contoso_InspectionApiUrl", Value: "https://fs-uat.contoso.com/inspections" }],
        ConnectionReferences: [
          {
            LogicalName: "contoso_sharedcommondataserviceforapps_9d1e0",
            ConnectionId: "5e8a1c3f7b9d4e2a8c6f0b1d3e5a7c9f",
            ConnectorId: "/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps",
          },
        ],
      }),
      validationresults: validationOk.replace(/ContosoExpenses/g, "ContosoFieldService").replace("1.4.2.0", "3.2.0.7"),
      approvalstatus: 10,
    }),
    run(RUNS.approved, STAGES.expensesProd, "ContosoExpenses", "1.4.1.0", 74, {
      deploymentnotes: "Hotfix: currency rounding on claims over 1,000.",
      aigenerateddeploymentnotes: "Updates 1 plug-in assembly (Contoso.Expenses.Plugins) and 1 calculated column.",
      deploymentsettingsjson: settings("https://api.contoso.com/expenses/v2"),
      validationresults: validationOk.replace("1.4.2.0", "1.4.1.0"),
      approvalstatus: 20,
      approvalcomments: "Approved: tested in Test by the finance team (ticket FIN-2231). Deploying tonight.",
      approvalproperties: props({
        approverId: USERS.avery,
        approverName: "Avery Owner",
        decision: "Approved",
        decidedOnUtc: at(73),
        adminNote: "Change CHG0041187 approved by CAB on Monday.",
      }),
      stagerunstatus: 200000002,
      suboperation: 200000106,
      operationstatus: 200000002,
      endtime: at(72.5),
    }),
    run(RUNS.rejected, STAGES.expensesProd, "ContosoExpenses", "1.4.0.3", 120, {
      deploymentnotes: "Experimental OCR for receipts.",
      deploymentsettingsjson: settings("https://api-preview.contoso.com/expenses"),
      validationresults: validationOk.replace("1.4.2.0", "1.4.0.3"),
      approvalstatus: 30,
      approvalcomments: "Rejected: the API base URL points at the preview endpoint. Please fix the deployment settings and request again.",
      approvalproperties: props({ approverId: USERS.avery, approverName: "Avery Owner", decision: "Rejected", decidedOnUtc: at(119), adminNote: "" }),
      stagerunstatus: 200000003,
      operationstatus: 200000003,
      endtime: at(119),
    }),
    run(RUNS.failedSoap, STAGES.expensesProd, "ContosoExpenses", "1.3.9.0", 160, {
      deploymentnotes: "Cost centre field on claims.",
      deploymentsettingsjson: settings("https://api.contoso.com/expenses/v2"),
      validationresults: validationOk.replace("1.4.2.0", "1.3.9.0"),
      approvalstatus: 20,
      approvalcomments: "OK to go.",
      approvalproperties: props({ approverId: USERS.avery, approverName: "Avery Owner", decision: "Approved", decidedOnUtc: at(159.5), adminNote: "" }),
      stagerunstatus: 200000003,
      suboperation: 200000105,
      operationstatus: 200000003,
      endtime: at(159),
      errormessage: SOAP_FAULT,
    }),
    run(RUNS.notDelegated, STAGES.expensesTest, "ContosoExpenses", "1.4.2.0", 26, {
      deploymentnotes: expensesNotes,
      deploymentsettingsjson: settings("https://api-test.contoso.com/expenses/v2"),
      validationresults: validationOk,
      stagerunstatus: 200000002,
      suboperation: 200000106,
      operationstatus: 200000002,
      endtime: at(25.8),
    }),
    run(RUNS.malformed, STAGES.expensesProd, "ContosoExpenses", "1.4.2.1", 1, {
      deploymentnotes: "Same as 1.4.2.0 with a fix for the mileage rates import.",
      // Truncated JSON, as seen when a flow writes the settings in pieces.
      deploymentsettingsjson: '{"EnvironmentVariables":[{"SchemaName":"contoso_ExpensesApiBaseUrl","Value":"https://api.contoso.com/exp',
      validationresults: "Validation finished with warnings (see the pipeline run log).",
      approvalstatus: 10,
    }),
    run(RUNS.doubleEncoded, STAGES.expensesProd, "ContosoExpenses", "1.4.2.2", 0.5, {
      deploymentnotes: "Rebuild of 1.4.2.1 with the fixed settings.",
      deploymentsettingsjson: settings("https://api.contoso.com/expenses/v2"),
      // The host sometimes stores the validation JSON as a JSON string holding JSON.
      validationresults: JSON.stringify(validationOk.replace("1.4.2.0", "1.4.2.2")),
      approvalstatus: 10,
    }),
    run(RUNS.legacyPending, STAGES.expensesProd, "ContosoTravel", "2.0.0.4", 3, {
      deploymentnotes: "Travel booking app: first managed release to Production.",
      deploymentsettingsjson: JSON.stringify({
        EnvironmentVariables: [{ SchemaName: "contoso_TravelAgencyApi", Value: "https://travel.contoso.com/api" }],
        ConnectionReferences: [],
      }),
      validationresults: validationOk.replace(/ContosoExpenses/g, "ContosoTravel").replace("1.4.2.0", "2.0.0.4"),
      approvalstatus: 10,
    }),
    run(RUNS.makerOwnPending, STAGES.expensesProd, "ContosoExpenses", "1.4.2.0", 1.5, {
      deploymentnotes: expensesNotes,
      deploymentsettingsjson: settings("https://api.contoso.com/expenses/v2"),
      validationresults: validationOk,
      approvalstatus: 10,
    }),
  ];

  const settingsComplete = JSON.stringify({
    EnvironmentVariables: [{ SchemaName: "contoso_TimesheetApiUrl", Value: "https://api.contoso.com/timesheets" }],
    ConnectionReferences: [
      {
        LogicalName: "contoso_sharedoffice365_5d2e1",
        ConnectionId: "2a6c8e0b4d1f4a3c9e5b7d9f1a3c5e7b",
        ConnectorId: "/providers/Microsoft.PowerApps/apis/shared_office365",
      },
    ],
  });
  const validationPassed = (/** @type {string} */ name, /** @type {string} */ version) =>
    JSON.stringify({
      ValidationStatus: "Succeeded",
      SolutionValidationResults: [],
      SolutionDetails: { UniqueName: name, Version: version, Managed: true },
      MissingDependencies: [],
    });
  const succeeded = (/** @type {number} */ hoursAgo) => ({
    stagerunstatus: 200000002,
    suboperation: 200000106,
    operationstatus: 200000002,
    endtime: at(hoursAgo - 0.3),
  });
  const approvedBy = (/** @type {string} */ version, /** @type {number} */ hoursAgo) => ({
    approvalstatus: 20,
    approvalcomments: `Approved ${version}.`,
    approvalproperties: props({ approverId: USERS.avery, approverName: "Avery Owner", decision: "Approved", decidedOnUtc: at(hoursAgo - 0.1), adminNote: "" }),
  });
  const clean = (/** @type {string} */ name, /** @type {string} */ version) => ({
    deploymentsettingsjson: settingsComplete,
    validationresults: validationPassed(name, version),
  });
  runs.push(
    // Every check passes: tested in Test, newer than Production's version, complete settings, validation passed.
    run(RUNS.checksClear, STAGES.expensesProd, "ContosoTimesheets", "2.1.0.0", 3, {
      ...clean("ContosoTimesheets", "2.1.0.0"),
      deploymentnotes: "Timesheets: weekly approval reminders and a fix for overtime rounding.",
      approvalstatus: 10,
    }),
    run(RUNS.checksClearInTest, STAGES.expensesTest, "ContosoTimesheets", "2.1.0.0", 28, { ...clean("ContosoTimesheets", "2.1.0.0"), ...succeeded(28) }),
    run(RUNS.checksClearLastProd, STAGES.expensesProd, "ContosoTimesheets", "2.0.3.0", 150, {
      ...clean("ContosoTimesheets", "2.0.3.0"),
      ...succeeded(150),
      ...approvedBy("2.0.3.0", 150),
    }),
    // Overtaken: a newer version was requested later and has already been deployed to Production.
    run(RUNS.supersededPending, STAGES.expensesProd, "ContosoMileage", "3.0.0.0", 52, {
      ...clean("ContosoMileage", "3.0.0.0"),
      deploymentnotes: "Mileage rates per country.",
      approvalstatus: 10,
    }),
    run(RUNS.supersededDeployed, STAGES.expensesProd, "ContosoMileage", "3.0.1.0", 20, {
      ...clean("ContosoMileage", "3.0.1.0"),
      ...succeeded(20),
      ...approvedBy("3.0.1.0", 20),
    }),
    run(RUNS.supersededNewerInTest, STAGES.expensesTest, "ContosoMileage", "3.0.1.0", 30, { ...clean("ContosoMileage", "3.0.1.0"), ...succeeded(30) }),
    run(RUNS.supersededInTest, STAGES.expensesTest, "ContosoMileage", "3.0.0.0", 60, { ...clean("ContosoMileage", "3.0.0.0"), ...succeeded(60) }),
    // Never tested: only an older version succeeded in Test.
    run(RUNS.untestedPending, STAGES.expensesProd, "ContosoPayroll", "1.2.0.0", 4, {
      ...clean("ContosoPayroll", "1.2.0.0"),
      deploymentnotes: "Payroll export: new bank file format. Urgent, the bank switches on Monday.",
      approvalstatus: 10,
      stagerunstatus: 200000001,
    }),
    run(RUNS.untestedOlderInTest, STAGES.expensesTest, "ContosoPayroll", "1.1.0.0", 200, { ...clean("ContosoPayroll", "1.1.0.0"), ...succeeded(200) }),
    run(RUNS.untestedLastProd, STAGES.expensesProd, "ContosoPayroll", "1.1.0.0", 180, {
      ...clean("ContosoPayroll", "1.1.0.0"),
      ...succeeded(180),
      ...approvedBy("1.1.0.0", 180),
    }),
  );

  runs.push(
    run(RUNS.nullTypePending, STAGES.expensesPreprod, "ContosoReceipts", "1.0.3.0", 6, {
      ...clean("ContosoReceipts", "1.0.3.0"),
      deploymentnotes: "Receipts: scanning from the mobile app. First release to Pre-production.",
      approvalstatus: 10,
      stagerunstatus: 200000001,
    }),
  );

  // The Contoso HR pipeline's runs (approval policies): solutions no other stage has.
  runs.push(
    run(RUNS.policyQuorumPending, STAGES.hrUat, "ContosoOnboarding", "1.3.0.0", 2, {
      ...clean("ContosoOnboarding", "1.3.0.0"),
      deploymentnotes: "Onboarding: equipment requests from the new-hire checklist and a welcome e-mail in the employee's language.",
      approvalstatus: 10,
    }),
    run(RUNS.policyExpiredPending, STAGES.hrUat, "ContosoLeave", "2.0.1.0", 100, {
      ...clean("ContosoLeave", "2.0.1.0"),
      deploymentnotes: "Leave requests: half days and a fix for public holidays in Scotland.",
      approvalstatus: 10,
    }),
    run(RUNS.policyOwnerInUat, STAGES.hrUat, "ContosoBenefits", "4.2.0.0", 30, { ...clean("ContosoBenefits", "4.2.0.0"), ...succeeded(30) }),
    run(RUNS.policyOwnerPending, STAGES.hrProd, "ContosoBenefits", "4.2.0.0", 5, {
      ...clean("ContosoBenefits", "4.2.0.0"),
      deploymentnotes: "Benefits: the new pension provider's contribution rates from next month.",
      approvalstatus: 10,
      requestedBy: USERS.avery,
    }),
    run(RUNS.policyInvalidInUat, STAGES.hrUat, "ContosoLearning", "0.9.4.0", 50, { ...clean("ContosoLearning", "0.9.4.0"), ...succeeded(50) }),
    run(RUNS.policyInvalidPending, STAGES.hrTraining, "ContosoLearning", "0.9.4.0", 8, {
      ...clean("ContosoLearning", "0.9.4.0"),
      deploymentnotes: "Learning paths for new managers.",
      approvalstatus: 10,
    }),
  );

  // The Deployment Approvals app: a request that has just arrived, not taken in by the intake flow yet (no request
  // row), every check clear. A solution no other run has, so no other scenario's checks or history change.
  runs.push(
    run(RUNS.intakeArrivesInTest, STAGES.expensesTest, "ContosoPurchasing", "1.0.0.0", 20, { ...clean("ContosoPurchasing", "1.0.0.0"), ...succeeded(20) }),
    run(RUNS.intakeArrives, STAGES.expensesProd, "ContosoPurchasing", "1.0.0.0", 0.2, {
      ...clean("ContosoPurchasing", "1.0.0.0"),
      deploymentnotes: "Purchasing: approval limits per cost centre and a supplier portal for delivery dates.",
      approvalstatus: 10,
    }),
  );

  /** A policy row as an admin would create it (organisation-owned: no owner). @param {Record<string, unknown>} fields @param {string} on */
  const policy = (fields, on) => {
    const row = std(
      {
        apnl_requiredapprovals: 1,
        apnl_commentonapprove: false,
        apnl_commentonreject: true,
        apnl_allowselfapproval: false,
        apnl_checklist: null,
        apnl_expiryhours: null,
        _apnl_approverteam_value: null,
        ...fields,
      },
      on,
    );
    delete row._ownerid_value;
    return row;
  };
  const approvalPolicies = [
    policy(
      {
        apnl_approvalpolicyid: POLICIES.quorum,
        apnl_name: "Contoso HR ALM / UAT",
        apnl_stageid: STAGES.hrUat,
        apnl_stagename: "UAT",
        apnl_pipelinename: "Contoso HR ALM",
        apnl_requiredapprovals: 2,
        apnl_commentonapprove: true,
        _apnl_approverteam_value: TEAMS.hrApprovers,
        apnl_checklist: QUORUM_CHECKLIST.join("\n"),
        apnl_expiryhours: 72,
      },
      "2025-09-15T10:00:00Z",
    ),
    // The policy of a stage deleted from the pipeline, deactivated: only active rows apply. (The key allows one row
    // per stage id, active or not, so a replaced policy is edited or deleted, never kept beside its successor.)
    policy(
      {
        apnl_approvalpolicyid: POLICIES.quorumRetired,
        apnl_name: "Contoso HR ALM / Pilot (retired)",
        apnl_stageid: STAGES.hrPilot,
        apnl_stagename: "Pilot",
        apnl_pipelinename: "Contoso HR ALM",
        apnl_allowselfapproval: true,
        statecode: 1,
        statuscode: 2,
      },
      "2025-06-02T09:30:00Z",
    ),
    policy(
      {
        apnl_approvalpolicyid: POLICIES.owner,
        apnl_name: "Contoso HR ALM / Production",
        apnl_stageid: STAGES.hrProd,
        apnl_stagename: "Production",
        apnl_pipelinename: "Contoso HR ALM",
        apnl_commentonapprove: true,
        apnl_allowselfapproval: true,
        // Stored with Windows line ends, a blank line and spaces around an item: the lines are trimmed, blanks ignored.
        apnl_checklist: `${OWNER_CHECKLIST[0]}\r\n\r\n  ${OWNER_CHECKLIST[1]}  `,
      },
      "2025-09-15T10:05:00Z",
    ),
    // The service-principal stage of Field Service: one approval by anyone with Deployment Approver, a comment to reject.
    policy(
      {
        apnl_approvalpolicyid: POLICIES.fieldUat,
        apnl_name: "Contoso Field Service / UAT",
        apnl_stageid: STAGES.fieldUat,
        apnl_stagename: "UAT",
        apnl_pipelinename: "Contoso Field Service",
      },
      "2025-09-01T08:00:00Z",
    ),
    // Values the solution's columns would refuse (1 to 5 approvals, at most 10 items, 1 to 8760 hours), as a row
    // written around the form (an import, a script) may hold: the panel explains them and uses safe defaults.
    policy(
      {
        apnl_approvalpolicyid: POLICIES.invalid,
        apnl_name: "Contoso HR ALM / Training",
        apnl_stageid: STAGES.hrTraining,
        apnl_stagename: "Training",
        apnl_pipelinename: "Contoso HR ALM",
        apnl_requiredapprovals: 9,
        apnl_checklist: Array.from({ length: 50 }, (_, i) => `Training check ${i + 1}`).join("\n"),
        apnl_expiryhours: -5,
      },
      "2025-09-15T10:10:00Z",
    ),
  ];

  // 500 runs of ContosoInventory across Test (not delegated) and Production (stage owner), newest pending.
  const random = rng(20251126);
  const history = [];
  for (let i = 0; i < HISTORY_COUNT; i++) {
    const n = HISTORY_COUNT - i; // 500 = newest
    const id = i === 0 ? RUNS.historyLatest : gid(HISTORY_PREFIX, n);
    const toProd = n % 2 === 0;
    const stageId = toProd ? STAGES.expensesProd : STAGES.expensesTest;
    const version = `2.${Math.floor(n / 100)}.${n % 100}.0`;
    const hoursAgo = 0.25 + i * 7 + Math.floor(random() * 3);
    const roll = random();
    /** @type {Record<string, any>} */
    const f = {
      deploymentnotes: `Inventory build ${version}: ${["stock counts", "barcode scanning", "supplier sync", "reorder rules", "warehouse map"][n % 5]} changes.`,
    };
    if (i === 0) {
      Object.assign(f, {
        approvalstatus: 10,
        deploymentsettingsjson: settings("https://api.contoso.com/inventory"),
        validationresults: validationOk.replace(/ContosoExpenses/g, "ContosoInventory"),
      });
    } else {
      const failed = roll < 0.12;
      const canceled = !failed && roll < 0.16;
      const rejected = toProd && !failed && !canceled && roll < 0.24;
      Object.assign(f, {
        stagerunstatus: failed || rejected ? 200000003 : canceled ? 200000004 : 200000002,
        operationstatus: failed || rejected ? 200000003 : 200000002,
        suboperation: 200000106,
        endtime: at(hoursAgo - 0.2),
        errormessage: failed ? "Import failed: a managed solution with a higher version is already installed in the target environment." : null,
      });
      if (toProd) {
        const approver = n % 3 === 0 ? USERS.jordan : USERS.avery;
        const approverName = approver === USERS.jordan ? "Jordan Approver" : "Avery Owner";
        Object.assign(f, {
          approvalstatus: rejected ? 30 : canceled ? 10 : 20,
          approvalcomments: rejected ? `Rejected ${version}: regression in stock counts.` : canceled ? null : `Approved ${version}.`,
          approvalproperties: canceled
            ? null
            : props({ approverId: approver, approverName, decision: rejected ? "Rejected" : "Approved", decidedOnUtc: at(hoursAgo - 0.1), adminNote: "" }),
        });
      }
    }
    history.push(run(id, stageId, "ContosoInventory", version, hoursAgo, f));
  }

  // One artifact per solution of the seed runs, at its newest version, and one per ContosoExpenses version of
  // EXPENSES_ARTIFACTS. File columns hold a file id [doc: FCD]; only rows with an unpacked folder have files (the others'
  // file columns are null). The runs point to their artifact through `artifactid` (read as _artifactid_value) [doc: TR].
  /** @type {Map<string, Record<string, any>>} */ const newest = new Map();
  for (const r of /** @type {Record<string, any>[]} */ ([...runs, ...history])) {
    const v = newest.get(r.artifactname);
    if (!v || compareVersions(r.artifactversion, v.artifactversion) > 0) newest.set(r.artifactname, r);
  }
  const withFiles = new Set(["1.4.1.0", "1.4.2.0", "1.4.2.2"]);
  const firstRunOf = (/** @type {string} */ version) =>
    /** @type {Record<string, any>[]} */ (runs)
      .filter((r) => r.artifactname === "ContosoExpenses" && r.artifactversion === version)
      .sort((a, b) => (a.createdon < b.createdon ? -1 : 1))[0];
  const artifacts = Object.entries(ARTIFACTS).map(([name, id], i) => {
    const version = newest.get(name)?.artifactversion ?? null;
    const hasFile = name === "ContosoExpenses" && withFiles.has(String(version));
    return std(
      {
        deploymentartifactid: id,
        name,
        artifactversion: version,
        generatedon: newest.get(name)?.createdon ?? created,
        artifactfile: hasFile ? gid("f3000000", 2 * i + 1) : null,
        artifactfileunmanaged: hasFile ? gid("f3000000", 2 * i + 2) : null,
      },
      newest.get(name)?.createdon ?? created,
    );
  });
  Object.entries(EXPENSES_ARTIFACTS).forEach(([version, id], i) => {
    if (id === ARTIFACTS.ContosoExpenses) return;
    const first = firstRunOf(version);
    const generated = first?.createdon ?? created;
    const hasFile = withFiles.has(version);
    artifacts.push(
      std(
        {
          deploymentartifactid: id,
          name: "ContosoExpenses",
          artifactversion: version,
          generatedon: generated,
          artifactfile: hasFile ? gid("f3000000", 0x21 + 2 * i) : null,
          artifactfileunmanaged: hasFile ? gid("f3000000", 0x22 + 2 * i) : null,
        },
        generated,
      ),
    );
  });

  // Approval request rows (REQUESTS) as the intake and outcome flows (fakehost/intake.cjs) wrote them: created and
  // last modified by the flows' service principal, owned by who decides.
  const runById = new Map(runs.map((r) => [r.deploymentstagerunid, r]));
  const nameOf = (/** @type {Record<string, any>[]} */ rows, /** @type {string} */ key, /** @type {string} */ id) =>
    rows.find((r) => r[key] === id)?.name ?? null;
  /**
   * @param {string} id @param {string} runId @param {{ owner: string, team?: boolean, status?: number, decidedBy?: string, decidedHoursAgo?: number }} p
   */
  const request = (id, runId, p) => {
    const r = /** @type {Record<string, any>} */ (runById.get(runId));
    const st = /** @type {Record<string, any>} */ (stages.find((x) => x.deploymentstageid === r._deploymentstageid_value));
    const stageName = st.name;
    const requester = users.find((u) => u.systemuserid === r._createdby_value);
    const decider = p.decidedBy ? users.find((u) => u.systemuserid === p.decidedBy) : undefined;
    const decidedOn = p.decidedHoursAgo === undefined ? null : at(p.decidedHoursAgo);
    const teamName = p.team ? (teams.find((t) => t.teamid === p.owner)?.name ?? null) : null;
    /** @type {Record<string, any>} */
    const row = std(
      {
        apnl_approvalrequestid: id,
        apnl_name: `${r.artifactname} ${r.artifactversion} → ${stageName}`,
        apnl_stagerunid: runId,
        apnl_solutionname: r.artifactname,
        apnl_solutionversion: r.artifactversion,
        apnl_pipelinename: nameOf(pipelines, "deploymentpipelineid", st._deploymentpipelineid_value),
        apnl_stagename: stageName,
        apnl_stageid: st.deploymentstageid,
        apnl_targetenvironment: nameOf(environments, "deploymentenvironmentid", r._targetdeploymentenvironment_value),
        apnl_requestername: requester?.fullname ?? null,
        apnl_requesterid: r._createdby_value,
        apnl_requestedon: r.createdon,
        apnl_notesexcerpt: r.deploymentnotes ? Array.from(String(r.deploymentnotes)).slice(0, 500).join("") : null,
        apnl_decidedbyname: decider?.fullname ?? null,
        apnl_decidedbyid: decider?.systemuserid ?? null,
        apnl_decidedon: decidedOn,
        apnl_newerwaiting: 0,
        apnl_delegationtype: st.delegateddeploymenttype === 1 ? 276400000 : st.delegateddeploymenttype === 2 ? 276400001 : 276400002,
        apnl_status: p.status ?? 276400000,
        _owninguser_value: p.team ? null : p.owner,
        _owningteam_value: p.team ? p.owner : null,
      },
      r.createdon,
      USERS.spn,
    );
    row._ownerid_value = p.owner;
    if (decidedOn) row.modifiedon = decidedOn;
    // A team owner: the lookup's target and name as the Web API gives them (the emulator's ownerid targets users).
    if (p.team) {
      row["_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"] = "team";
      row["_ownerid_value@OData.Community.Display.V1.FormattedValue"] = teamName;
    }
    return row;
  };
  const approvalRequests = [
    request(REQUESTS.ownerPendingMine, RUNS.ownerPendingMine, { owner: USERS.avery }),
    request(REQUESTS.ownerPendingOther, RUNS.ownerPendingOther, { owner: USERS.jordan }),
    request(REQUESTS.spnPending, RUNS.spnPending, { owner: TEAMS.fieldServiceApprovers, team: true }),
    request(REQUESTS.policyQuorumPending, RUNS.policyQuorumPending, { owner: TEAMS.hrApprovers, team: true }),
    request(REQUESTS.policyExpiredPending, RUNS.policyExpiredPending, { owner: TEAMS.hrApprovers, team: true }),
    request(REQUESTS.approved, RUNS.approved, { owner: USERS.avery, status: 276400001, decidedBy: USERS.avery, decidedHoursAgo: 73 }),
    request(REQUESTS.rejected, RUNS.rejected, { owner: USERS.avery, status: 276400002, decidedBy: USERS.avery, decidedHoursAgo: 119 }),
  ];

  return {
    tables: {
      systemuser: users,
      role: roles,
      team: teams,
      teammembership,
      teamroles,
      deploymentartifact: artifacts,
      deploymentpipeline: pipelines,
      deploymentenvironment: environments,
      deploymentstage: stages,
      deploymentstagerun: [...runs, ...history],
      apnl_approvaldecision: [],
      apnl_approvalrequest: approvalRequests,
      apnl_approvalpolicy: approvalPolicies,
      // Field security profiles as Solutions/src/Other/FieldSecurityProfiles.xml ships them, with the members an
      // admin adds (members do not travel in a solution): the relay flow's application user writes a decision's
      // outcome; approvers read it.
      fieldsecurityprofile: [
        fieldProfile(FIELD_PROFILES.relayFlow, "Approval Relay Flow", [USERS.spn], { read: true, create: false, update: true }),
        fieldProfile(FIELD_PROFILES.readers, "Approval Decision Readers", [USERS.avery, USERS.riley, USERS.jordan, TEAMS.hrApprovers], {
          read: true,
          create: false,
          update: false,
        }),
      ],
    },
    userRoles,
    rolePrivileges,
  };
}

/** The secured columns of the Approval Decision table (apnl_outcome, apnl_outcomemessage, apnl_outcomeon). */
const SECURED_DECISION_COLUMNS = ["apnl_outcome", "apnl_outcomemessage", "apnl_outcomeon"];
/** The emulator's own ids of the two shipped field security profiles. */
const FIELD_PROFILES = { relayFlow: gid("b5000000", 1), readers: gid("b5000000", 2) };

/**
 * A field security profile row of the store. @param {string} id @param {string} name @param {string[]} members
 * @param {import("./fieldSecurity.cjs").FieldAccess} access the same on each secured decision column
 */
function fieldProfile(id, name, members, access) {
  return {
    fieldsecurityprofileid: id,
    name,
    members,
    permissions: Object.fromEntries(SECURED_DECISION_COLUMNS.map((c) => [`apnl_approvaldecision.${c}`, { ...access }])),
  };
}

/** @param {string} a @param {string} b */
function compareVersions(a, b) {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

module.exports = {
  USERS,
  ROLES,
  ROLE_TEMPLATES,
  TEAMS,
  PIPELINES,
  ENVIRONMENTS,
  STAGES,
  SPN_CLIENT_ID,
  RUNS,
  REQUESTS,
  POLICIES,
  FIELD_PROFILES,
  QUORUM_CHECKLIST,
  OWNER_CHECKLIST,
  ARTIFACTS,
  EXPENSES_ARTIFACTS,
  HISTORY_COUNT,
  SCENARIOS,
  createSeed,
};
