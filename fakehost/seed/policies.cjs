"use strict";
// The seed's approval policies (apnl_approvalpolicy): one active per HR stage, and the retired and invalid ones.
const { OWNER_CHECKLIST, POLICIES, QUORUM_CHECKLIST, STAGES, TEAMS } = require("./ids.cjs");
const { std } = require("./values.cjs");

/** A fresh copy of the policy rows. */
function createPolicies() {
  /** A policy row as an admin would create it (organisation-owned: no owner). @param {Record<string, unknown>} fields @param {string} on */
  const policy = (fields, on) => {
    /** @type {Record<string, unknown>} */
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
  return approvalPolicies;
}

module.exports = { createPolicies };
