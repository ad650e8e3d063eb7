"use strict";
// "Record approval outcomes" and "Expire waiting requests" (fakehost/intake.cjs): a request row follows its run.
const { activePoliciesOf, rulesOf } = require("../flow/rules.cjs");
const { GUID, isoAt } = require("../flowRuntime.cjs");
const { TABLE, SET, REQUEST_STATUSES, FLOW_CALLERS, RUN_FAILED, RUN_CANCELED, lower, timeOf, isoText, isPending } = require("./shared.cjs");

/** @param {import("./requestRows.cjs").RequestRows} rows */
function createOutcomes(rows) {
  const { store, now, connectionUser, stepsOf, hasTable, rowOfRun, userName, update } = rows;

  /**
   * Who decided a run and when: the applied relay row when there is one (active, outcome 20, last written by the flows'
   * user: its creator decided, at its outcome time), else the run's modifiedby and modifiedon.
   * @param {Record<string, any>} run @param {(method: string, path: string, status: number) => void} step
   */
  function decisionOf(run, step) {
    const runId = lower(run.deploymentstagerunid);
    const flowUser = lower(connectionUser()?.systemuserid);
    if (store.has("apnl_approvaldecision")) {
      const filter = `apnl_stagerunid eq '${runId}' and apnl_outcome eq 20 and _modifiedby_value eq ${flowUser || "null"} and statecode eq 0`;
      step(
        "GET",
        `apnl_approvaldecisions?$select=_createdby_value,apnl_outcomeon&$filter=${encodeURIComponent(filter)}&$orderby=apnl_outcomeon desc&$top=1`,
        200,
      );
      const applied = store
        .all("apnl_approvaldecision")
        .filter(
          (r) => lower(r.apnl_stagerunid) === runId && r.apnl_outcome === 20 && flowUser !== "" && lower(r._modifiedby_value) === flowUser && r.statecode === 0,
        )
        .sort((a, b) => (timeOf(b.apnl_outcomeon) || 0) - (timeOf(a.apnl_outcomeon) || 0))[0];
      if (applied) return { by: lower(applied._createdby_value) || null, on: applied.apnl_outcomeon ?? run.modifiedon ?? null };
    }
    return { by: lower(run._modifiedby_value) || null, on: run.modifiedon ?? null };
  }

  /**
   * Writes a decided run's outcome on its row; on an approval, every other waiting row of the same solution and stage
   * requested before this run becomes Superseded. Answers the ids of the rows superseded.
   * @param {Record<string, any>} row @param {Record<string, any>} run @param {(method: string, path: string, status: number, body?: unknown) => void} step
   */
  function recordOutcome(row, run, step) {
    const approved = run.approvalstatus === 20;
    const decision = decisionOf(run, step);
    /** @type {Record<string, any>} */
    const values = {
      apnl_status: approved ? REQUEST_STATUSES.approved : REQUEST_STATUSES.rejected,
      apnl_decidedbyid: decision.by,
      apnl_decidedbyname: userName(decision.by),
      apnl_decidedon: decision.on ? isoText(decision.on) : null,
    };
    update(row, values);
    step("PATCH", `${SET}(${row.apnl_approvalrequestid})`, 204, values);
    /** @type {string[]} */ const superseded = [];
    if (!approved) return superseded;
    const solution = lower(row.apnl_solutionname);
    const stageId = lower(row.apnl_stageid);
    const before = timeOf(run.createdon);
    const filter = `apnl_solutionname eq '${String(row.apnl_solutionname ?? "").replace(/'/g, "''")}' and apnl_stageid eq '${stageId}' and apnl_status eq ${REQUEST_STATUSES.waiting} and apnl_requestedon lt ${isoText(run.createdon)} and apnl_approvalrequestid ne ${row.apnl_approvalrequestid}`;
    step("GET", `${SET}?$select=apnl_approvalrequestid&$filter=${encodeURIComponent(filter)}`, 200);
    const older = store
      .all(TABLE)
      .filter(
        (r) =>
          r !== row &&
          r.apnl_status === REQUEST_STATUSES.waiting &&
          lower(r.apnl_solutionname) === solution &&
          lower(r.apnl_stageid) === stageId &&
          timeOf(r.apnl_requestedon) < before,
      );
    for (const r of older) {
      const patch = { apnl_status: REQUEST_STATUSES.superseded, apnl_decidedon: isoAt(now()) };
      update(r, patch);
      step("PATCH", `${SET}(${r.apnl_approvalrequestid})`, 204, patch);
      superseded.push(String(r.apnl_approvalrequestid));
    }
    return superseded;
  }

  /**
   * "Record approval outcomes", on OnApprovalCompleted: re-reads the run and, when it is decided (approvalstatus 20
   * or 30), writes the outcome on its request row (see recordOutcome). Nothing when the run has no row (never taken
   * in) or is not decided.
   * @param {string} runId
   * @returns {{ requestId: string, status: number, superseded: string[] } | null}
   */
  function onApprovalCompleted(runId) {
    if (!hasTable()) return null;
    const id = lower(runId).replace(/^\{|\}$/g, "");
    if (!GUID.test(id)) return null;
    const step = stepsOf(FLOW_CALLERS.outcome);
    const run = store.get("deploymentstagerun", id);
    step(
      "GET",
      `deploymentstageruns(${id})?$select=approvalstatus,artifactname,_deploymentstageid_value,createdon,modifiedon,_modifiedby_value`,
      run ? 200 : 404,
    );
    if (!run) return null;
    const row = rowOfRun(id);
    step("GET", `${SET}?$select=apnl_approvalrequestid,apnl_status&$filter=${encodeURIComponent(`apnl_stagerunid eq '${id}'`)}&$top=1`, 200);
    if (!row || (run.approvalstatus !== 20 && run.approvalstatus !== 30)) return null;
    const superseded = recordOutcome(row, run, step);
    return { requestId: String(row.apnl_approvalrequestid), status: row.apnl_status, superseded };
  }

  /**
   * "Expire waiting requests" (hourly): each waiting row whose run is decided gets its outcome (the completion event
   * was missed), whose run no longer waits (failed, cancelled, left approval, deleted) is Cancelled, and whose stage's
   * active policy has an expiry it has passed (from apnl_requestedon) is Expired. The run's own state is read first:
   * a request that is both past its expiry and decided says how it was decided. Answers how many rows each rule changed.
   */
  function expire() {
    const counts = { expired: 0, cancelled: 0, approved: 0, rejected: 0, superseded: 0 };
    if (!hasTable()) return counts;
    const step = stepsOf(FLOW_CALLERS.expiry);
    step(
      "GET",
      `${SET}?$select=apnl_approvalrequestid,apnl_stagerunid,apnl_stageid,apnl_requestedon&$filter=${encodeURIComponent(`apnl_status eq ${REQUEST_STATUSES.waiting}`)}`,
      200,
    );
    const waiting = store.all(TABLE).filter((r) => r.apnl_status === REQUEST_STATUSES.waiting);
    const nowMs = now();
    for (const row of waiting) {
      // An earlier row's approval may have superseded this one meanwhile.
      if (row.apnl_status !== REQUEST_STATUSES.waiting) continue;
      const runId = lower(row.apnl_stagerunid);
      const run = GUID.test(runId) ? store.get("deploymentstagerun", runId) : undefined;
      step("GET", `deploymentstageruns(${runId || "null"})?$select=approvalstatus,stagerunstatus,createdon,modifiedon,_modifiedby_value`, run ? 200 : 404);
      /** @param {number} status */
      const close = (status) => {
        const patch = { apnl_status: status, apnl_decidedon: isoAt(nowMs) };
        update(row, patch);
        step("PATCH", `${SET}(${row.apnl_approvalrequestid})`, 204, patch);
      };
      if (run && (run.approvalstatus === 20 || run.approvalstatus === 30)) {
        counts.superseded += recordOutcome(row, run, step).length;
        if (run.approvalstatus === 20) counts.approved++;
        else counts.rejected++;
        continue;
      }
      if (!run || !isPending(run) || run.stagerunstatus === RUN_FAILED || run.stagerunstatus === RUN_CANCELED) {
        close(REQUEST_STATUSES.cancelled);
        counts.cancelled++;
        continue;
      }
      if (!store.has("apnl_approvalpolicy")) continue;
      const stageId = lower(row.apnl_stageid);
      const filter = `apnl_stageid eq '${stageId}' and statecode eq 0`;
      step(
        "GET",
        `apnl_approvalpolicies?$select=apnl_approvalpolicyid,apnl_expiryhours&$filter=${encodeURIComponent(filter)}&$orderby=modifiedon desc&$top=2`,
        200,
      );
      const { expiryHours } = rulesOf(activePoliciesOf(store.all("apnl_approvalpolicy"), stageId)[0]);
      if (expiryHours === null) continue;
      const ageHours = (nowMs - timeOf(row.apnl_requestedon)) / 3600_000;
      // A requested-on that cannot be read counts as expired (the stricter reading, as the relay flow's).
      if (!(Number.isFinite(ageHours) && ageHours <= expiryHours)) {
        close(REQUEST_STATUSES.expired);
        counts.expired++;
      }
    }
    return counts;
  }

  return { recordOutcome, onApprovalCompleted, expire };
}

module.exports = { createOutcomes };
