"use strict";
// The seed's approval request rows (apnl_approvalrequest).
const { REQUESTS, RUNS, TEAMS, USERS } = require("./ids.cjs");
const { at, std } = require("./values.cjs");

/**
 * A fresh copy of the request rows, made from the seed's other rows.
 * @param {{ runs: Record<string, any>[], stages: Record<string, any>[], users: Record<string, any>[], teams: Record<string, any>[],
 *   pipelines: Record<string, any>[], environments: Record<string, any>[] }} rows
 */
function createRequests({ runs, stages, users, teams, pipelines, environments }) {
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
  return approvalRequests;
}

module.exports = { createRequests };
