"use strict";
// "Take in approval requests" (fakehost/intake.cjs): a run that starts waiting becomes a request row, assigned and announced.
const { randomUUID } = require("node:crypto");
const { GUID, isoAt } = require("../flowRuntime.cjs");
const { TABLE, SET, REQUEST_STATUSES, DELEGATION_TYPES, NEWER_WAITING_MAX, FLOW_CALLERS, IntakeError } = require("./shared.cjs");
const { lower, timeOf, isoText, isPending, notesExcerpt, notificationText, requestLink } = require("./shared.cjs");

/** @param {import("./requestRows.cjs").RequestRows} rows @param {import("./shared.cjs").OutboxEntry[]} outbox  the notifications sent (appended to) */
function createTakeIn(rows, outbox) {
  const { store, now, table, settings, connectionUser, stepsOf, hasTable, rowOfRun, userName, teamOf, update, assign, ownerFor, nextVersion } = rows;

  /**
   * "Take in approval requests", on OnApprovalStarted: reads the run, its stage, pipeline and environments, counts
   * the newer requests waiting for the same solution and stage, upserts the row by apnl_stagerunid, assigns it to
   * who decides and notifies them on the channel. A second event for the same run updates the row (never a second
   * one); a row no longer waiting keeps its status and decision (a late duplicate event reopens nothing).
   * @param {string} runId
   * @returns {{ requestId: string, created: boolean, ownerId: string, ownerType: "systemuser" | "team", notification: import("./shared.cjs").OutboxEntry | null }}
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
        versionnumber: nextVersion(),
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
    /** @type {import("./shared.cjs").OutboxEntry | null} */ let notification = null;
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

  return { onApprovalStarted };
}

module.exports = { createTakeIn };
