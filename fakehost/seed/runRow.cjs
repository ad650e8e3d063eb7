"use strict";
// One deployment stage run row of the seed, and the column values runs share.
const { ENVIRONMENTS, EXPENSES_ARTIFACTS, STAGES, USERS } = require("./ids.cjs");
const { at, props, std } = require("./values.cjs");

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

/** A run whose checks pass and that succeeded: a Test deployment. @param {string} id @param {string} stageId @param {string} artifact @param {string} version @param {number} hoursAgo */
const tested = (id, stageId, artifact, version, hoursAgo) =>
  run(id, stageId, artifact, version, hoursAgo, { ...clean(artifact, version), ...succeeded(hoursAgo) });
/** A run whose checks pass, approved and deployed. @param {string} id @param {string} stageId @param {string} artifact @param {string} version @param {number} hoursAgo */
const deployed = (id, stageId, artifact, version, hoursAgo) =>
  run(id, stageId, artifact, version, hoursAgo, { ...clean(artifact, version), ...succeeded(hoursAgo), ...approvedBy(version, hoursAgo) });
/**
 * A run awaiting approval whose checks pass, with its notes and any other fields.
 * @param {string} id @param {string} stageId @param {string} artifact @param {string} version @param {number} hoursAgo
 * @param {string} deploymentnotes @param {Record<string, any>} [fields]
 */
const waitingClean = (id, stageId, artifact, version, hoursAgo, deploymentnotes, fields = {}) =>
  run(id, stageId, artifact, version, hoursAgo, { ...clean(artifact, version), deploymentnotes, approvalstatus: 10, ...fields });

module.exports = { run, succeeded, approvedBy, clean, tested, deployed, waitingClean };
