"use strict";
// The Deployment Approvals app's views (their FetchXML, played in memory): Waiting for me, All waiting, Decided.
const { REQUEST_STATUS } = require("../schema.cjs");
const { TABLE, REQUEST_STATUSES, lower, timeOf } = require("./shared.cjs");

/** @param {import("./requestRows.cjs").RequestRows} rows */
function createViews(rows) {
  const { store, hasTable, userName, teamOf } = rows;

  /** @param {Record<string, any>} r @returns {import("./shared.cjs").ViewRow} */
  function viewRow(r) {
    const ownerId = lower(r._ownerid_value) || null;
    const team = teamOf(ownerId);
    return {
      id: String(r.apnl_approvalrequestid),
      runId: String(r.apnl_stagerunid ?? ""),
      name: String(r.apnl_name ?? ""),
      solutionName: r.apnl_solutionname ?? null,
      solutionVersion: r.apnl_solutionversion ?? null,
      stageName: r.apnl_stagename ?? null,
      requesterName: r.apnl_requestername ?? null,
      requestedOn: r.apnl_requestedon ?? null,
      ownerId,
      ownerType: team ? "team" : "systemuser",
      ownerName: team ? (team.name ?? null) : userName(ownerId),
      status: r.apnl_status,
      statusLabel: /** @type {Record<number, string>} */ (REQUEST_STATUS)[r.apnl_status] ?? String(r.apnl_status ?? ""),
      decidedByName: r.apnl_decidedbyname ?? null,
      decidedOn: r.apnl_decidedon ?? null,
    };
  }

  /**
   * Orders as Dataverse does: by the column (a null is lower than any value), then by the primary key.
   * @param {string} column @param {"asc" | "desc"} direction
   */
  const orderBy = (column, direction) => (/** @type {Record<string, any>} */ a, /** @type {Record<string, any>} */ b) => {
    const x = timeOf(a[column]);
    const y = timeOf(b[column]);
    const ax = Number.isFinite(x) ? x : -Infinity;
    const by = Number.isFinite(y) ? y : -Infinity;
    const byColumn = ax === by ? 0 : ax < by ? -1 : 1;
    if (byColumn !== 0) return direction === "asc" ? byColumn : -byColumn;
    return String(a.apnl_approvalrequestid) < String(b.apnl_approvalrequestid) ? -1 : 1;
  };

  /** @param {(r: Record<string, any>) => boolean} where @param {string} column @param {"asc" | "desc"} direction */
  const view = (where, column, direction) => (hasTable() ? store.all(TABLE).filter(where).sort(orderBy(column, direction)).map(viewRow) : []);

  /**
   * Waiting for me: status Waiting, owner eq-useroruserteams (the user or a team they are a member of), oldest first.
   * @param {string} userId
   */
  function waitingFor(userId) {
    const user = lower(userId);
    const owners = new Set([
      user,
      ...store
        .all("teammembership")
        .filter((m) => lower(m.systemuserid) === user)
        .map((m) => lower(m.teamid)),
    ]);
    return view((r) => r.apnl_status === REQUEST_STATUSES.waiting && owners.has(lower(r._ownerid_value)), "apnl_requestedon", "asc");
  }
  /** All waiting: status Waiting, oldest first. */
  const allWaiting = () => view((r) => r.apnl_status === REQUEST_STATUSES.waiting, "apnl_requestedon", "asc");
  /** Decided: status not Waiting, decided on descending (a row without a decision time last). */
  const decided = () => view((r) => r.apnl_status !== REQUEST_STATUSES.waiting, "apnl_decidedon", "desc");

  return { waitingFor, allWaiting, decided };
}

module.exports = { createViews };
