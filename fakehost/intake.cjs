"use strict";
// The Deployment Approvals app's flows (issue 23), played by the emulator like the relay flow (flow.cjs): each run
// acts as the service principal's application user, writes the apnl_approvalrequest rows directly in the store and
// logs its Dataverse steps as that user's requests (header x-playground-caller: intake-flow, outcome-flow or
// expiry-flow), so people can watch what the flows do.
//   "Take in approval requests"  business event OnApprovalStarted → onApprovalStarted(runId)
//   "Record approval outcomes"    business event OnApprovalCompleted → onApprovalCompleted(runId); the host calls it
//                                 after UpdateApprovalStatus applied a decision (service.cjs)
//   "Expire waiting requests"     recurrence, hourly → expire()
// plus the app's views (the FetchXML of Waiting for me, All waiting, Decided) and the notifications the intake sent
// (an outbox instead of Office 365 Outlook or Teams).

const { randomUUID } = require("node:crypto");
const { activePoliciesOf, rulesOf } = require("./flow.cjs");
const { assignColumns } = require("./records.cjs");
const { REQUEST_STATUS, TABLES } = require("./schema.cjs");
const { GUID, isoAt, connectionUserOf, logFlowStep } = require("./flowRuntime.cjs");

const TABLE = "apnl_approvalrequest";
const SET = "apnl_approvalrequests";
const API = "/api/data/v9.2";

/** apnl_status values. */
const REQUEST_STATUSES = /** @type {const} */ ({
  waiting: 276400000,
  approved: 276400001,
  rejected: 276400002,
  superseded: 276400003,
  expired: 276400004,
  cancelled: 276400005,
});
/** apnl_delegationtype values, from the stage's delegateddeploymenttype (1 stage owner, 2 service principal). */
const DELEGATION_TYPES = /** @type {const} */ ({ stageOwner: 276400000, servicePrincipal: 276400001, unknown: 276400002 });
/** Environment variable apnl_NotificationChannel: its values. */
const NOTIFICATION_CHANNELS = /** @type {const} */ (["email", "teams", "none"]);
/** How much of the maker's deployment notes a request keeps (apnl_notesexcerpt). */
const NOTES_EXCERPT_LENGTH = 500;
/** apnl_newerwaiting's range. */
const NEWER_WAITING_MAX = 1000;
/** What the flow appends to apnl_AppUrl to open a request row in the app. */
const RECORD_PAGE = "&pagetype=entityrecord&etn=apnl_approvalrequest&id=";
/** The value x-playground-caller takes in the request log for each flow's steps. */
const FLOW_CALLERS = /** @type {const} */ ({ intake: "intake-flow", outcome: "outcome-flow", expiry: "expiry-flow" });

/** stagerunstatus values of a run that ended without a deployment. */
const RUN_FAILED = 200000003;
const RUN_CANCELED = 200000004;

/** A failure the caller of a flow sees: the playground answers with its status. */
class IntakeError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** @param {unknown} v */
const lower = (v) => (v === null || v === undefined ? "" : String(v).toLowerCase());
/** Epoch ms of a stored date, NaN when it is none. @param {unknown} v */
const timeOf = (v) => (typeof v === "string" ? Date.parse(v) : NaN);
/** A stored date as the flow's text: UTC ISO when it is a date, else as stored. @param {unknown} v */
const isoText = (v) => (Number.isFinite(timeOf(v)) ? isoAt(timeOf(v)) : String(v ?? ""));
/** A run awaiting approval (as the relay flow reads it): approval status 10, or a host without the column. @param {Record<string, any>} run */
const isPending = (run) => !("approvalstatus" in run) || run.approvalstatus === 10;
/** The first NOTES_EXCERPT_LENGTH characters (code points: a character is never cut in two); empty notes are none. @param {unknown} notes */
function notesExcerpt(notes) {
  if (typeof notes !== "string" || notes.trim() === "") return null;
  return Array.from(notes).slice(0, NOTES_EXCERPT_LENGTH).join("");
}

/**
 * The notification's text, word for word as the shipped intake flow writes it (issue 23's shared spec).
 * @param {{ name: string, requesterName: string, solution: string, version: string, sourceEnvironment: string,
 *   targetEnvironment: string, pipeline: string, stage: string, requestedOn: string, notesExcerpt: string | null,
 *   newerWaiting: number, link: string | null, requestId: string }} p
 * @returns {{ subject: string, body: string }}
 */
function notificationText(p) {
  const lines = [
    `${p.requesterName} asks to deploy ${p.solution} ${p.version} from ${p.sourceEnvironment} to ${p.targetEnvironment} (${p.pipeline} / ${p.stage}).`,
    `Requested on ${p.requestedOn}.`,
    `Notes: ${p.notesExcerpt ?? "none"}`,
    `Newer requests waiting for this stage: ${p.newerWaiting}`,
    `Open the request: ${p.link ?? `(the app's address is not set: request ${p.requestId})`}`,
  ];
  return { subject: `Approval needed: ${p.name}`, body: lines.join("\n") };
}

/** The link that opens a request row in the app, or null without apnl_AppUrl. @param {string} appUrl @param {string} requestId */
const requestLink = (appUrl, requestId) => (appUrl.trim() === "" ? null : `${appUrl.trim()}${RECORD_PAGE}${requestId}`);

/**
 * @typedef {{ channel: "email" | "teams" | "none", defaultApproverTeam: string, appUrl: string }} IntakeSettings
 *   The environment variables apnl_NotificationChannel, apnl_DefaultApproverTeam and apnl_AppUrl.
 * @typedef {{ id: string, channel: "email" | "teams", to: string, toName: string | null, subject: string, body: string,
 *   link: string | null, requestId: string, runId: string, sentOn: string }} OutboxEntry
 * @typedef {{ id: string, runId: string, name: string, solutionName: string | null, solutionVersion: string | null,
 *   stageName: string | null, requesterName: string | null, requestedOn: string | null, ownerId: string | null,
 *   ownerType: "systemuser" | "team", ownerName: string | null, status: number, statusLabel: string,
 *   decidedByName: string | null, decidedOn: string | null }} ViewRow
 */

/** @returns {IntakeSettings} */
const defaultSettings = () => ({ channel: "none", defaultApproverTeam: "", appUrl: "" });

/**
 * @param {object} deps
 * @param {import("./store.cjs").Store} deps.store
 * @param {import("./requestLog.cjs").RequestLog} deps.log
 * @param {() => number} [deps.now]  the emulator's clock (ms): the expiry flow's "now", and the times the flows write
 */
function createApprovalRequests(deps) {
  const { store, log } = deps;
  const now = deps.now ?? (() => Date.now());
  const table = /** @type {import("./schema.cjs").Table} */ (TABLES.find((t) => t.logicalName === TABLE));
  /** @type {IntakeSettings} */
  const settings = defaultSettings();
  /** @type {OutboxEntry[]} */
  const outbox = [];
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

  /**
   * "Take in approval requests", on OnApprovalStarted: reads the run, its stage, pipeline and environments, counts
   * the newer requests waiting for the same solution and stage, upserts the row by apnl_stagerunid, assigns it to
   * who decides and notifies them on the channel. A second event for the same run updates the row (never a second
   * one); a row no longer waiting keeps its status and decision (a late duplicate event reopens nothing).
   * @param {string} runId
   * @returns {{ requestId: string, created: boolean, ownerId: string, ownerType: "systemuser" | "team", notification: OutboxEntry | null }}
   */
  function onApprovalStarted(runId) {
    if (!hasTable()) throw new IntakeError(404, `This host has no ${TABLE} table.`);
    const id = String(runId ?? "")
      .replace(/^\{|\}$/g, "")
      .toLowerCase();
    if (!GUID.test(id)) throw new IntakeError(400, `'${runId}' is not a stage run id (a GUID).`);
    const step = stepsOf(FLOW_CALLERS.intake);
    const spn = connectionUser();

    const run = store.get("deploymentstagerun", id);
    step("GET", `deploymentstageruns(${id})?$expand=createdby($select=fullname)`, run ? 200 : 404);
    if (!run) throw new IntakeError(404, `Entity 'deploymentstagerun' With Id = ${id} Does Not Exist`);
    // The business event fires only when a run starts waiting for approval: the emulator plays it for no other run.
    if (!isPending(run)) throw new IntakeError(409, "The stage run is not pending approval: OnApprovalStarted fires only for a run awaiting approval.");
    const stageId = lower(run._deploymentstageid_value);
    const stage = stageId ? store.get("deploymentstage", stageId) : undefined;
    step("GET", `deploymentstages(${stageId || "null"})?$select=name,delegateddeploymenttype,_ownerid_value,_deploymentpipelineid_value`, stage ? 200 : 404);
    if (!stage) throw new IntakeError(404, `Entity 'deploymentstage' With Id = ${stageId} Does Not Exist`);
    const pipelineId = lower(stage._deploymentpipelineid_value);
    const pipeline = pipelineId ? store.get("deploymentpipeline", pipelineId) : undefined;
    if (pipelineId) step("GET", `deploymentpipelines(${pipelineId})?$select=name`, pipeline ? 200 : 404);
    /** @param {unknown} envId */
    const environmentName = (envId) => {
      const key = lower(envId);
      if (!key) return null;
      const env = store.get("deploymentenvironment", key);
      step("GET", `deploymentenvironments(${key})?$select=name`, env ? 200 : 404);
      return env?.name ?? null;
    };
    const targetEnvironment = environmentName(run._targetdeploymentenvironment_value);
    const sourceEnvironment = environmentName(run._devdeploymentenvironment_value);

    const solution = String(run.artifactname ?? "");
    const version = String(run.artifactversion ?? "");
    const stageName = String(stage.name ?? "");
    const requestedOn = isoText(run.createdon);
    const requesterId = lower(run._createdby_value) || null;

    // Newer requests already waiting for the same solution and stage (requested after this run).
    const newerFilter = `apnl_solutionname eq '${solution.replace(/'/g, "''")}' and apnl_stageid eq '${stageId}' and apnl_status eq ${REQUEST_STATUSES.waiting} and apnl_requestedon gt ${requestedOn} and apnl_stagerunid ne '${id}'`;
    step("GET", `${SET}?$select=apnl_approvalrequestid&$filter=${encodeURIComponent(newerFilter)}&$count=true`, 200);
    const newerWaiting = store
      .all(TABLE)
      .filter(
        (r) =>
          r.apnl_status === REQUEST_STATUSES.waiting &&
          lower(r.apnl_solutionname) === solution.toLowerCase() &&
          lower(r.apnl_stageid) === stageId &&
          lower(r.apnl_stagerunid) !== id &&
          timeOf(r.apnl_requestedon) > timeOf(run.createdon),
      ).length;

    /** @type {Record<string, any>} */
    const values = {
      apnl_name: `${solution} ${version} \u2192 ${stageName}`,
      apnl_stagerunid: id,
      apnl_solutionname: solution,
      apnl_solutionversion: version,
      apnl_pipelinename: pipeline?.name ?? null,
      apnl_stagename: stageName,
      apnl_stageid: stageId,
      apnl_targetenvironment: targetEnvironment,
      apnl_requestername: userName(requesterId),
      apnl_requesterid: requesterId,
      apnl_requestedon: Number.isFinite(timeOf(run.createdon)) ? requestedOn : null,
      apnl_notesexcerpt: notesExcerpt(run.deploymentnotes),
      apnl_newerwaiting: Math.min(NEWER_WAITING_MAX, newerWaiting),
      apnl_delegationtype:
        stage.delegateddeploymenttype === 1
          ? DELEGATION_TYPES.stageOwner
          : stage.delegateddeploymenttype === 2
            ? DELEGATION_TYPES.servicePrincipal
            : DELEGATION_TYPES.unknown,
    };

    // Upsert by the alternate key: PATCH apnl_approvalrequests(apnl_stagerunid='<run id>').
    let row = rowOfRun(id);
    const created = !row;
    if (row) update(row, values);
    else {
      const flowUser = spn?.systemuserid ?? null;
      const at = isoAt(now());
      /** @type {Record<string, any>} */ const fresh = {};
      for (const c of table.columns) fresh[c.name] = null;
      Object.assign(fresh, table.defaults, values, {
        apnl_approvalrequestid: randomUUID(),
        apnl_status: REQUEST_STATUSES.waiting,
        statecode: 0,
        statuscode: 1,
        _createdby_value: flowUser,
        _modifiedby_value: flowUser,
        _ownerid_value: flowUser,
        _owninguser_value: flowUser,
        createdon: at,
        modifiedon: at,
        versionnumber: ++rowVersion,
      });
      store.put(TABLE, fresh.apnl_approvalrequestid, fresh);
      row = fresh;
    }
    const requestId = String(row.apnl_approvalrequestid);
    step("PATCH", `${SET}(apnl_stagerunid='${id}')`, 204, values);

    const owner = ownerFor(stage, step);
    if (owner) {
      assign(row, owner);
      step("PATCH", `${SET}(${requestId})`, 204, { "ownerid@odata.bind": `/${owner.type === "team" ? "teams" : "systemusers"}(${owner.id})` });
    }

    const ownerId = lower(row._ownerid_value);
    const ownerType = teamOf(ownerId) ? "team" : "systemuser";
    /** @type {OutboxEntry | null} */ let notification = null;
    // Nobody to notify when no one decides (no approver team set): the row waits in All waiting, as the shipped flow
    // sends only to who decides.
    // A row that is no longer waiting (the event came again after a decision) is not announced again.
    if (settings.channel !== "none" && owner !== null && row.apnl_status === REQUEST_STATUSES.waiting) {
      const link = requestLink(settings.appUrl, requestId);
      const text = notificationText({
        name: values.apnl_name,
        requesterName: values.apnl_requestername ?? "",
        solution,
        version,
        sourceEnvironment: sourceEnvironment ?? "",
        targetEnvironment: targetEnvironment ?? "",
        pipeline: values.apnl_pipelinename ?? "",
        stage: stageName,
        requestedOn,
        notesExcerpt: values.apnl_notesexcerpt,
        newerWaiting: values.apnl_newerwaiting,
        link,
        requestId,
      });
      notification = {
        id: randomUUID(),
        channel: settings.channel,
        to: ownerId,
        toName: ownerType === "team" ? (teamOf(ownerId)?.name ?? null) : userName(ownerId),
        ...text,
        link,
        requestId,
        runId: id,
        sentOn: isoAt(now()),
      };
      outbox.push(notification);
    }
    return { requestId, created, ownerId, ownerType, notification };
  }

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

  /** @param {Record<string, any>} r @returns {ViewRow} */
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

  /** @param {{ channel?: unknown, defaultApproverTeam?: unknown, appUrl?: unknown }} input */
  function set(input) {
    /** @type {Partial<IntakeSettings>} */ const next = {};
    if (input.channel !== undefined) {
      if (!NOTIFICATION_CHANNELS.includes(/** @type {any} */ (input.channel)))
        throw new IntakeError(400, `channel must be one of ${NOTIFICATION_CHANNELS.join(", ")}.`);
      next.channel = /** @type {IntakeSettings["channel"]} */ (input.channel);
    }
    for (const key of /** @type {const} */ (["defaultApproverTeam", "appUrl"])) {
      const value = input[key];
      if (value === undefined) continue;
      if (value !== null && typeof value !== "string") throw new IntakeError(400, `${key} must be text.`);
      if (typeof value === "string" && value.length > 2000) throw new IntakeError(400, `${key} is longer than 2000 characters.`);
      next[key] = value ?? "";
    }
    Object.assign(settings, next);
    return { ...settings };
  }

  return {
    settings,
    /** The notifications sent, oldest first. */
    get outbox() {
      return outbox;
    },
    onApprovalStarted,
    onApprovalCompleted,
    expire,
    waitingFor,
    allWaiting,
    decided,
    /** The request row of a run, as stored. @param {string} runId */
    rowOfRun: (/** @type {string} */ runId) => rowOfRun(lower(runId).replace(/^\{|\}$/g, "")),
    set,
    /** Back to the defaults: environment variables unset, an empty outbox. */
    reset() {
      Object.assign(settings, defaultSettings());
      outbox.length = 0;
    },
  };
}

module.exports = {
  REQUEST_STATUSES,
  DELEGATION_TYPES,
  NOTIFICATION_CHANNELS,
  NOTES_EXCERPT_LENGTH,
  FLOW_CALLERS,
  IntakeError,
  notificationText,
  requestLink,
  createApprovalRequests,
};
