"use strict";
// The Deployment Approvals app's flows (issue 23), played by the emulator like the relay flow (flow.cjs): each run
// acts as the service principal's application user, writes the apnl_approvalrequest rows directly in the store and
// logs its Dataverse steps as that user's requests (header x-playground-caller: intake-flow, outcome-flow or
// expiry-flow), so people can watch what the flows do.
//   "Take in approval requests"  business event OnApprovalStarted → onApprovalStarted(runId)
//   "Record approval outcomes"    business event OnApprovalCompleted → onApprovalCompleted(runId); the host calls it
//                                 after UpdateApprovalStatus applied a decision (service/host.cjs)
//   "Expire waiting requests"     recurrence, hourly → expire()
// plus the app's views (the FetchXML of Waiting for me, All waiting, Decided) and the notifications the intake sent
// (an outbox instead of Office 365 Outlook or Teams).
// By concern, under intake/: shared.cjs (values, texts), requestRows.cjs (reading and writing rows as the flows),
// takeIn.cjs, outcomes.cjs (outcomes and expiry), views.cjs.
const { createRequestRows } = require("./intake/requestRows.cjs");
const { createTakeIn } = require("./intake/takeIn.cjs");
const { createOutcomes } = require("./intake/outcomes.cjs");
const { createViews } = require("./intake/views.cjs");
const {
  DELEGATION_TYPES,
  FLOW_CALLERS,
  IntakeError,
  NOTES_EXCERPT_LENGTH,
  NOTIFICATION_CHANNELS,
  REQUEST_STATUSES,
  defaultSettings,
  lower,
  notificationText,
  requestLink,
} = require("./intake/shared.cjs");

/**
 * @param {object} deps
 * @param {import("./store.cjs").Store} deps.store
 * @param {import("./requestLog.cjs").RequestLog} deps.log
 * @param {() => number} [deps.now]  the emulator's clock (ms): the expiry flow's "now", and the times the flows write
 */
function createApprovalRequests(deps) {
  /** @type {import("./intake/shared.cjs").IntakeSettings} */
  const settings = defaultSettings();
  /** @type {import("./intake/shared.cjs").OutboxEntry[]} */
  const outbox = [];
  const rows = createRequestRows(deps, settings);
  const { rowOfRun } = rows;
  const { onApprovalStarted } = createTakeIn(rows, outbox);
  const { onApprovalCompleted, expire } = createOutcomes(rows);
  const { waitingFor, allWaiting, decided } = createViews(rows);

  /** @param {{ channel?: unknown, defaultApproverTeam?: unknown, appUrl?: unknown }} input */
  function set(input) {
    /** @type {Partial<import("./intake/shared.cjs").IntakeSettings>} */ const next = {};
    if (input.channel !== undefined) {
      if (!NOTIFICATION_CHANNELS.includes(/** @type {any} */ (input.channel)))
        throw new IntakeError(400, `channel must be one of ${NOTIFICATION_CHANNELS.join(", ")}.`);
      next.channel = /** @type {import("./intake/shared.cjs").IntakeSettings["channel"]} */ (input.channel);
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
