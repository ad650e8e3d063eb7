"use strict";
// The seed's ids: deterministic, the same at every start, so tests and screenshots can name records. Ids are readable
// on purpose (table prefix + number).

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

/** The secured columns of the Approval Decision table (apnl_outcome, apnl_outcomemessage, apnl_outcomeon). */
const SECURED_DECISION_COLUMNS = ["apnl_outcome", "apnl_outcomemessage", "apnl_outcomeon"];
/** The emulator's own ids of the two shipped field security profiles. */
const FIELD_PROFILES = { relayFlow: gid("b5000000", 1), readers: gid("b5000000", 2) };

module.exports = {
  gid,
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
  QUORUM_CHECKLIST,
  OWNER_CHECKLIST,
  ARTIFACTS,
  EXPENSES_ARTIFACTS,
  HISTORY_PREFIX,
  HISTORY_COUNT,
  SECURED_DECISION_COLUMNS,
  FIELD_PROFILES,
};
