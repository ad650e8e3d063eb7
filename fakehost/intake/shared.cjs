"use strict";
// What the Deployment Approvals app's flows (fakehost/intake.cjs) share: the request table's values, the failure its
// callers see, and the texts the flows write.
const { isoAt } = require("../flowRuntime.cjs");

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

module.exports = {
  TABLE,
  SET,
  API,
  REQUEST_STATUSES,
  DELEGATION_TYPES,
  NOTIFICATION_CHANNELS,
  NOTES_EXCERPT_LENGTH,
  NEWER_WAITING_MAX,
  RECORD_PAGE,
  FLOW_CALLERS,
  RUN_FAILED,
  RUN_CANCELED,
  IntakeError,
  lower,
  timeOf,
  isoText,
  isPending,
  notesExcerpt,
  notificationText,
  requestLink,
  defaultSettings,
};
