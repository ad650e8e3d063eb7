"use strict";
// The host's unbound actions: UpdateApprovalStatus with the documented rules, and WhoAmI.
// Which texts and codes come from the documentation and which are the fake host's own is marked on each.

const { assignColumns } = require("./records.cjs");
const { GUID, nowIso } = require("./flowRuntime.cjs");

/** Delay between "deploying" and "succeeded" after an approval. */
const DEPLOY_DELAY_MS = 1500;

/** Refusal texts of UpdateApprovalStatus. */
const ACTION_MESSAGES = {
  /** Documented (delegated deployments). */
  servicePrincipalOnly:
    "Delegated deployments of type 'ServicePrincipal' may only be approved or rejected by the Service Principal configured in the deployment stage.",
  /** Documented. */
  notOwner: "Delegated deployments of type 'Owner' may only be approved or rejected by the owner of the deployment stage.",
  /** Documented: the answer before the run is pending (and, here, on stages without approvals). */
  notPending: "Unable to find approval status attribute for stage run record.",
  /**
   * The emulator's own (invented): no source says what the host answers for a run already decided; it may refuse,
   * accept, or say "Unable to find…". The emulator refuses with this text.
   */
  alreadyDecided: "The deployment stage run is not pending approval.",
};

/** The emulator's own (invented): the HTTP status and error code of every refusal are not documented. */
const REFUSAL_STATUS = 400;
const REFUSAL_CODE = "0x80040265";

/**
 * Why the caller may not decide this run, or null when they may. Pure: the store is not touched.
 * What a delegated stage without a delegateddeploymenttype means is unknown (such stages exist [community: TF]): by
 * default the emulator lets the stage owner decide and refuses anyone else with the Owner text (the playground,
 * scenario null-delegation-type); `nullTypeIsOwner: false` lets anyone decide (the jest mock host). Both rules are
 * the emulator's own (invented).
 * @param {{ run: Record<string, any>, stage: Record<string, any> | undefined, caller: Record<string, any> | undefined, callerId: string, nullTypeIsOwner?: boolean }} subject
 * @returns {{ reason: keyof typeof ACTION_MESSAGES, message: string } | null}
 */
function decisionRefusal({ run, stage, caller, callerId, nullTypeIsOwner = true }) {
  const refuse = (/** @type {keyof typeof ACTION_MESSAGES} */ reason) => ({ reason, message: ACTION_MESSAGES[reason] });
  if (!stage || !stage.isdelegateddeployment || run.approvalstatus === null || run.approvalstatus === undefined) return refuse("notPending");
  if (stage.delegateddeploymenttype === 2) {
    const isSpn = caller && caller.applicationid && stage.spnclientid && String(caller.applicationid).toLowerCase() === String(stage.spnclientid).toLowerCase();
    if (!isSpn) return refuse("servicePrincipalOnly");
  } else if ((stage.delegateddeploymenttype === 1 || nullTypeIsOwner) && String(stage._ownerid_value).toLowerCase() !== callerId.toLowerCase()) {
    return refuse("notOwner");
  }
  if (run.approvalstatus !== 10) return refuse("alreadyDecided");
  return null;
}

/**
 * @typedef {{ ok: true } | { ok: false, status: number, code: string, message: string }} DecisionResult
 */

/**
 * How a host answers where no source says (all invented; see ACTION_MESSAGES and decisionRefusal):
 * @typedef {object} ActionRules
 * @property {boolean} [nullTypeIsOwner]        a delegated stage without a type is Stage Owner (default true)
 * @property {number} [delegationRefusalStatus] status of the servicePrincipalOnly/notOwner refusals (default 400)
 * @property {boolean} [alreadyDecidedAsNotPending] a run already decided gets the documented "not pending" text
 *   instead of the fake host's own (default false)
 * @property {boolean} [deploys]                an approval starts the fake deployment timeline (default true); off,
 *   the run keeps its status after an approval
 */

/**
 * The decision rules bound to a store: shared by the Web API action and the relay flow.
 * @param {{ store: import("./store.cjs").Store, touch: (record: Record<string, any>, userId: string | null) => void, deployDelayMs?: number, rules?: ActionRules }} deps
 */
function createActions(deps) {
  const { store, touch } = deps;
  const deployDelayMs = deps.deployDelayMs ?? DEPLOY_DELAY_MS;
  const rules = { nullTypeIsOwner: true, delegationRefusalStatus: REFUSAL_STATUS, alreadyDecidedAsNotPending: false, deploys: true, ...deps.rules };

  /**
   * UpdateApprovalStatus as `callerId`.
   * @param {string} runId @param {number} status @param {string | null} comments @param {string | null} properties @param {string} callerId
   * @returns {DecisionResult}
   */
  function applyDecision(runId, status, comments, properties, callerId) {
    const run = store.get("deploymentstagerun", runId);
    if (!run) return { ok: false, status: 404, code: "0x80040217", message: `Entity 'deploymentstagerun' With Id = ${runId} Does Not Exist` };
    const stage = run._deploymentstageid_value ? store.get("deploymentstage", run._deploymentstageid_value) : undefined;
    const refusal = decisionRefusal({ run, stage, caller: store.get("systemuser", callerId), callerId, nullTypeIsOwner: rules.nullTypeIsOwner });
    if (refusal) {
      const delegation = refusal.reason === "servicePrincipalOnly" || refusal.reason === "notOwner";
      const message = refusal.reason === "alreadyDecided" && rules.alreadyDecidedAsNotPending ? ACTION_MESSAGES.notPending : refusal.message;
      return { ok: false, status: delegation ? rules.delegationRefusalStatus : REFUSAL_STATUS, code: REFUSAL_CODE, message };
    }

    assignColumns(run, { approvalstatus: status, approvalcomments: comments, approvalproperties: properties });
    touch(run, callerId);
    if (status === 20 && rules.deploys) {
      // The fake host's own timeline: deploying, then succeeded after a delay.
      assignColumns(run, { stagerunstatus: 200000010, suboperation: 200000105, operationstatus: 200000001, starttime: run.starttime ?? nowIso() });
      store.save();
      store.later(() => {
        const current = store.get("deploymentstagerun", runId);
        if (!current || current.stagerunstatus !== 200000010) return;
        assignColumns(current, { stagerunstatus: 200000002, operationstatus: 200000002, endtime: nowIso() });
        touch(current, null);
      }, deployDelayMs);
    } else if (status === 30) {
      // Docs: on rejection the deployment does not proceed and the run is set to failed.
      assignColumns(run, { stagerunstatus: 200000003, operationstatus: 200000003, endtime: nowIso() });
      store.save();
    } else store.save();
    return { ok: true };
  }

  /**
   * The action's request body → answer. Validation texts are the fake host's own.
   * @param {string} text @param {string} callerId
   * @returns {{ status: number, body: unknown }}
   */
  function updateApprovalStatus(text, callerId) {
    /** @type {any} */ let body;
    try {
      body = JSON.parse(text || "{}");
    } catch {
      return { status: 400, body: { error: { code: "0x80060888", message: "The request body is not valid JSON." } } };
    }
    const allowed = ["StageRunId", "ApprovalStatus", "ApprovalComments", "ApprovalProperties"];
    for (const k of Object.keys(body ?? {})) {
      if (!allowed.includes(k)) {
        return {
          status: 400,
          body: {
            error: {
              code: "0x80060888",
              message: `The parameter '${k}' in the request payload is not a valid parameter for the operation 'UpdateApprovalStatus'.`,
            },
          },
        };
      }
    }
    if (typeof body.StageRunId !== "string" || !GUID.test(body.StageRunId)) {
      return { status: 400, body: { error: { code: "0x80040203", message: "StageRunId is required and must be a Guid." } } };
    }
    if (body.ApprovalStatus !== 20 && body.ApprovalStatus !== 30) {
      return { status: 400, body: { error: { code: "0x80040203", message: "ApprovalStatus must be 20 (approved) or 30 (rejected)." } } };
    }
    for (const k of ["ApprovalComments", "ApprovalProperties"]) {
      if (body[k] !== undefined && body[k] !== null && typeof body[k] !== "string") {
        return { status: 400, body: { error: { code: "0x80040203", message: `${k} must be a string.` } } };
      }
    }
    const r = applyDecision(body.StageRunId.toLowerCase(), body.ApprovalStatus, body.ApprovalComments ?? null, body.ApprovalProperties ?? null, callerId);
    if (!r.ok) return { status: r.status, body: { error: { code: r.code, message: r.message } } };
    return { status: 204, body: undefined };
  }

  return { applyDecision, updateApprovalStatus };
}

module.exports = { ACTION_MESSAGES, DEPLOY_DELAY_MS, REFUSAL_CODE, REFUSAL_STATUS, createActions, decisionRefusal };
