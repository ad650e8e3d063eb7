"use strict";
// The choice columns' labels as the host formats them (formatted values, metadata): one place for the fake host's
// schema and for tests that name a label.

// Choice labels as the host reference gives them: TR's for the documented values, the samples' for the others.
const STAGE_RUN_STATUS = {
  200000000: "NotStarted",
  200000001: "Started",
  200000002: "Succeeded",
  200000003: "Failed",
  200000004: "Canceled",
  // Sources disagree (SKH "Pending Approval", SK "Scheduled"): the current host says the one, the legacy host the
  // other (LEGACY_LABELS). Either may be wrong; the panel must not gate on the label.
  200000005: "Pending Approval",
  200000006: "Validating",
  200000007: "Validation Succeeded",
  200000008: "Pre-Deploy In Progress",
  200000009: "Pre-Deploy Succeeded",
  200000010: "Deploying",
};

/** suboperation, TR's labels only: no source has an "awaiting approval" value, so the emulator invents none. */
const SUB_OPERATION = {
  200000100: "None",
  200000101: "Executing Pre-step",
  200000102: "Retrieving Artifact Configuration",
  200000103: "Validating Artifact Configuration",
  200000104: "Retrieving Artifact",
  200000105: "Deploying Artifact",
  200000106: "Executing Post-step",
};

/** operationstatus: 0-4 TR, 5-6 SK. */
const OPERATION_STATUS = {
  200000000: "NotStarted",
  200000001: "Started",
  200000002: "Succeeded",
  200000003: "Failed",
  200000004: "Pending",
  200000005: "Scheduled",
  200000006: "Canceled",
};

/** apnl_approvalrequest.apnl_status (issue 23's shared spec): the first is the column's default. */
const REQUEST_STATUS = {
  276400000: "Waiting",
  276400001: "Approved",
  276400002: "Rejected",
  276400003: "Superseded",
  276400004: "Expired",
  276400005: "Cancelled",
};
/** apnl_approvalrequest.apnl_delegationtype: the stage's delegateddeploymenttype when the request arrived. */
const DELEGATION_TYPE = { 276400000: "Stage owner", 276400001: "Service principal", 276400002: "Unknown" };

/** Operation, approval status and delegated deployment type: each documented the same by every source. */
const CHOICES = {
  operation: { 200000200: "None", 200000201: "Validate", 200000202: "Deploy", 200000203: "PreDeploy" },
  approvalstatus: { 10: "Pending", 20: "Approved", 30: "Rejected" },
  delegateddeploymenttype: { 1: "Stage Owner", 2: "Service Principal" },
};

/**
 * The labels of the choice columns of deploymentstagerun, deploymentstage and apnl_approvalrequest, by column name.
 * @type {Record<string, Record<number, string>>}
 */
const LABELS = {
  stagerunstatus: STAGE_RUN_STATUS,
  operation: CHOICES.operation,
  operationstatus: OPERATION_STATUS,
  suboperation: SUB_OPERATION,
  approvalstatus: CHOICES.approvalstatus,
  delegateddeploymenttype: CHOICES.delegateddeploymenttype,
  apnl_status: REQUEST_STATUS,
  apnl_delegationtype: DELEGATION_TYPE,
};

module.exports = { STAGE_RUN_STATUS, SUB_OPERATION, OPERATION_STATUS, REQUEST_STATUS, DELEGATION_TYPE, CHOICES, LABELS };
