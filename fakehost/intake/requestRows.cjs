"use strict";
// The request rows as the Deployment Approvals app's flows (fakehost/intake.cjs) read and write them: as the flows'
// service principal, each step logged; and who decides a stage's requests.
const { activePoliciesOf, rulesOf } = require("../flow/rules.cjs");
const { assignColumns } = require("../records.cjs");
const { TABLES } = require("../schema.cjs");
const { GUID, isoAt, connectionUserOf, logFlowStep } = require("../flowRuntime.cjs");
const { TABLE, API, lower } = require("./shared.cjs");

/**
 * @param {object} deps
 * @param {import("../store.cjs").Store} deps.store
 * @param {import("../requestLog.cjs").RequestLog} deps.log
 * @param {() => number} [deps.now]  the emulator's clock (ms): the expiry flow's "now", and the times the flows write
 * @param {import("./shared.cjs").IntakeSettings} settings  the app's environment variables (changed in place)
 */
function createRequestRows(deps, settings) {
  const { store, log } = deps;
  const now = deps.now ?? (() => Date.now());
  const table = /** @type {import("../schema.cjs").Table} */ (TABLES.find((t) => t.logicalName === TABLE));
  let rowVersion = 3_000_000;

  const connectionUser = () => connectionUserOf(store);
  /** @param {string} caller @returns {(method: string, path: string, status: number, body?: unknown) => void} */
  const stepsOf = (caller) => (method, path, status, body) =>
    logFlowStep({ store, log }, { caller, method, path: `${API}/${path}`, kind: "api", body: body ?? null, status });

  const hasTable = () => store.has(TABLE);
  /** The request row of a run (the alternate key apnl_stagerunid). @param {string} runId */
  const rowOfRun = (runId) => store.all(TABLE).find((r) => lower(r.apnl_stagerunid) === runId);
  const userName = (/** @type {unknown} */ id) => (id ? (store.get("systemuser", String(id))?.fullname ?? null) : null);
  const teamOf = (/** @type {unknown} */ id) => (id ? store.get("team", String(id)) : undefined);

  /** The flow's Update a row: the values, then modifiedon/modifiedby/versionnumber as Dataverse sets them. @param {Record<string, any>} row @param {Record<string, any>} values */
  function update(row, values) {
    assignColumns(row, values);
    assignColumns(row, { modifiedon: isoAt(now()), _modifiedby_value: connectionUser()?.systemuserid ?? null, versionnumber: ++rowVersion });
    store.save();
  }

  /**
   * Assigns a row to a user or a team (Dataverse's ownerid, owninguser, owningteam). The emulator's ownerid lookup
   * targets systemuser: a team owner's logical name and name are kept as the row's own annotations, which the Web API
   * projection returns when they are asked for (and a later write to ownerid drops).
   * @param {Record<string, any>} row @param {{ id: string, type: "systemuser" | "team", name: string | null }} owner
   */
  function assign(row, owner) {
    const team = owner.type === "team";
    update(row, { _ownerid_value: owner.id, _owninguser_value: team ? null : owner.id, _owningteam_value: team ? owner.id : null });
    if (team) {
      row["_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"] = "team";
      row["_ownerid_value@OData.Community.Display.V1.FormattedValue"] = owner.name ?? "";
      store.save();
    }
  }

  /**
   * Who decides a run of this stage, per the spec's rule: the stage owner on a stage-owner stage; on a
   * service-principal stage, the approver team of its active policy (the newest changed one, as the relay flow reads
   * them); otherwise the team apnl_DefaultApproverTeam names. null: none of them (the row stays the flow's user's).
   * @param {Record<string, any>} stage @param {(method: string, path: string, status: number) => void} step
   * @returns {{ id: string, type: "systemuser" | "team", name: string | null } | null}
   */
  function ownerFor(stage, step) {
    const stageId = lower(stage.deploymentstageid);
    if (stage.delegateddeploymenttype === 1) {
      const ownerId = lower(stage._ownerid_value);
      const user = ownerId ? store.get("systemuser", ownerId) : undefined;
      if (user) return { id: ownerId, type: "systemuser", name: user.fullname ?? null };
      const team = teamOf(ownerId);
      if (team) return { id: ownerId, type: "team", name: team.name ?? null };
    } else if (stage.delegateddeploymenttype === 2 && store.has("apnl_approvalpolicy")) {
      const filter = `apnl_stageid eq '${stageId}' and statecode eq 0`;
      step(
        "GET",
        `apnl_approvalpolicies?$select=apnl_approvalpolicyid,_apnl_approverteam_value&$filter=${encodeURIComponent(filter)}&$orderby=modifiedon desc&$top=2`,
        200,
      );
      const teamId = rulesOf(activePoliciesOf(store.all("apnl_approvalpolicy"), stageId)[0]).teamId;
      const team = teamOf(teamId);
      if (teamId && team) return { id: teamId, type: "team", name: team.name ?? null };
    }
    const named = settings.defaultApproverTeam
      .trim()
      .replace(/^\{|\}$/g, "")
      .toLowerCase();
    if (GUID.test(named)) {
      const team = teamOf(named);
      step("GET", `teams(${named})?$select=teamid,name`, team ? 200 : 404);
      if (team) return { id: named, type: "team", name: team.name ?? null };
    }
    return null;
  }

  return {
    store,
    log,
    now,
    table,
    settings,
    connectionUser,
    stepsOf,
    hasTable,
    rowOfRun,
    userName,
    teamOf,
    update,
    assign,
    ownerFor,
    nextVersion: () => ++rowVersion,
  };
}

/** @typedef {ReturnType<typeof createRequestRows>} RequestRows */

module.exports = { createRequestRows };
