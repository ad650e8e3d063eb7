"use strict";
// The playground's scenarios: a run, a host and a user to see it as (the toolbar's first list).
const { RUNS, USERS } = require("./ids.cjs");

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

module.exports = { SCENARIOS };
