"use strict";
// The relay flow's rules (fakehost/flow.cjs): its limits, refusal texts and outcomes, and how it reads a stage's
// approval policy and the client's approval properties.

/**
 * The Deployment Approver role the flow looks for, by its id as the root role of every business unit's copy (the
 * shipped role's id, Solutions/src/Roles/Deployment Approver.xml), never by its name: anyone who can create a role can
 * name one "Deployment Approver".
 */
const APPROVER_ROOT_ROLE_ID = "38f47392-816e-45ea-bfde-e36ae6e61953";
/** Delay between a row being added and the flow's run (a real trigger takes seconds; short keeps the playground brisk). */
const RELAY_DELAY_MS = 500;
/** A user's rows the flow takes within RELAY_FLOOD_MINUTES: one more is refused (a flood would hold up everyone's). */
const RELAY_FLOOD_LIMIT = 20;
const RELAY_FLOOD_MINUTES = 10;
/** A run created later than the flow's clock plus this is refused (clock skew between servers is smaller). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** The sweeper flow: a row still without an outcome this long after it was created failed to reach the flow. */
const SWEEP_AFTER_MINUTES = 30;
/** The properties the host receives stay within the column size the panel keeps to (4,000). */
const PROPERTIES_MAX_LENGTH = 4000;

/**
 * on: every new row is handled after the delay, one run at a time (the trigger's concurrency is 1).
 * held: runs wait in the queue until the mode goes back to on (a slow trigger); lets two decisions meet the flow together.
 * off: the flow is turned off; rows added meanwhile stay pending (the playground does not replay them later).
 * broken: the service principal's connection fails (an expired client secret): the first step fails, outcome 40.
 * @typedef {"on" | "held" | "off" | "broken"} RelayFlowMode
 */
const RELAY_FLOW_MODES = /** @type {const} */ (["on", "held", "off", "broken"]);

/** Refusal texts of the flow's "Refusal reason" step, word for word, in the order of its checks (docs/approval-policy.md). */
const REFUSALS = {
  decision: "The decision must be 20 (approve) or 30 (reject).",
  impersonated: "The decision was created on behalf of another user: the relay takes only decisions people record themselves.",
  notCreatedPending: "A new decision must be created as pending (outcome 10).",
  flood: `Too many decisions from this user in the last ${RELAY_FLOOD_MINUTES} minutes: the relay takes more once it is quieter.`,
  noPolicy: "This stage has no active approval policy: the relay does not decide it. An administrator sets one to turn the relay on for the stage.",
  severalPolicies: "This stage has more than one active approval policy: the relay does not decide it until an administrator deactivates all but one.",
  notPending: "The stage run is no longer pending approval.",
  createdInFuture: "The stage run's creation time is later than now: the relay does not decide it.",
  requester: "The requester of a deployment cannot approve or reject it.",
  noRole: "The decider does not hold the Deployment Approver role.",
  notInTeam: "The decider is not a member of the approver team of this stage's approval policy.",
  alreadyApplied: "Another decision for this stage run has already been applied.",
  otherApprover: "The decision's ApprovalProperties name another approver than the user who created it.",
  expired: "The request has expired under this stage's approval policy: ask the maker to request again.",
  commentRequired: "This stage's approval policy requires a comment for this decision.",
  checklistIncomplete: "The approval does not confirm every item of this stage's checklist.",
  alreadyCounted: "This approver has already approved this run: the policy needs approvals from different people.",
};

/** The flow's outcome for a counted approval whose approver no longer meets the policy when the next decision comes. */
const NO_LONGER_COUNTED = "This approval no longer counts: its approver no longer meets this stage's approval policy (role, team, account or self-approval).";
/** The sweeper's outcomes. */
const SWEPT = {
  notProcessed: `The relay flow did not record an outcome within ${SWEEP_AFTER_MINUTES} minutes: record the decision again.`,
  notWrittenByFlow: "This row's outcome was not written by the relay flow: it is not counted.",
};

/** Outcome values of a relay row. */
const OUTCOMES = /** @type {const} */ ({ pending: 10, applied: 20, refused: 30, failed: 40, counted: 50 });

/** The flow's message on a counted approval. @param {number} n @param {number} required */
const countedMessage = (n, required) => `Approval ${n} of ${required} counted.`;

/**
 * The rules of a stage, from its active approval policy row (without one the flow refuses the decision before any
 * rule is read; the defaults below only describe an empty row). Values out of the columns' ranges (which the
 * solution's columns refuse, so only a row written around them holds one) are read as the panel reads them
 * (domain/policy.ts readPolicy): required approvals clamped to 1 to 5 (a non-whole number counts as 1), an expiry
 * outside 1 to 8760 hours ignored.
 * @typedef {{ policyId: string | null, requiredApprovals: number, allowSelfApproval: boolean, teamId: string | null,
 *   checklist: string[], expiryHours: number | null, commentOnApprove: boolean, commentOnReject: boolean }} StageRules
 * @param {Record<string, any> | undefined} row
 * @returns {StageRules}
 */
function rulesOf(row) {
  if (!row) {
    return {
      policyId: null,
      requiredApprovals: 1,
      allowSelfApproval: false,
      teamId: null,
      checklist: [],
      expiryHours: null,
      commentOnApprove: false,
      commentOnReject: false,
    };
  }
  const approvals = row.apnl_requiredapprovals;
  const expiry = row.apnl_expiryhours;
  return {
    policyId: String(row.apnl_approvalpolicyid),
    requiredApprovals: Number.isInteger(approvals) ? Math.min(5, Math.max(1, approvals)) : 1,
    allowSelfApproval: row.apnl_allowselfapproval === true,
    teamId: row._apnl_approverteam_value ? String(row._apnl_approverteam_value).toLowerCase() : null,
    checklist: checklistItems(row.apnl_checklist),
    expiryHours: typeof expiry === "number" && expiry > 0 && expiry <= 8760 ? expiry : null,
    // The columns' defaults where a row holds null: no comment to approve, a comment to reject.
    commentOnApprove: row.apnl_commentonapprove === true,
    commentOnReject: row.apnl_commentonreject !== false,
  };
}

/** A checklist column's items: one per line, trimmed, empty lines ignored. @param {unknown} text */
const checklistItems = (text) =>
  typeof text === "string"
    ? text
        .split(/\r\n|\r|\n/)
        .map((l) => l.trim())
        .filter((l) => l !== "")
    : [];

/** The stage's active policies as the flow's List rows reads them: newest change first, top 2 (two means several). @param {Record<string, any>[]} rows @param {string} stageId */
function activePoliciesOf(rows, stageId) {
  const id = stageId.toLowerCase();
  return rows
    .filter((r) => String(r.apnl_stageid ?? "").toLowerCase() === id && r.statecode === 0)
    .sort((a, b) => (String(a.modifiedon ?? "") < String(b.modifiedon ?? "") ? 1 : String(a.modifiedon ?? "") > String(b.modifiedon ?? "") ? -1 : 0))
    .slice(0, 2);
}

/** Columns the flow reads from the policy row. */
const POLICY_SELECT =
  "apnl_approvalpolicyid,apnl_requiredapprovals,apnl_commentonapprove,apnl_commentonreject,apnl_allowselfapproval,_apnl_approverteam_value,apnl_checklist,apnl_expiryhours";

/**
 * A run awaiting approval: approval status 10. A run whose status is still empty (validation not finished) is not
 * pending yet; a host without the column (it predates delegated deployments) has no approval gate to hold it either,
 * so only a missing column passes, as the flow's contains() test reads it.
 * @param {Record<string, any>} run
 */
const isPending = (run) => !("approvalstatus" in run) || run.approvalstatus === 10;

/** Tables treated as relay tables: custom tables whose name ends in "_approvaldecision". @param {string} logicalName */
const isRelayTable = (logicalName) => /^[a-z0-9]+_approvaldecision$/.test(logicalName);

/** A step that failed: the flow records "<step name>: <error message>" (its Failed_*_steps query). */
class StepFailure extends Error {
  /** @param {string} step @param {string} message @param {number} status */
  constructor(step, message, status) {
    super(message);
    this.step = step;
    this.status = status;
  }
}

/**
 * The client's ApprovalProperties as the flow's json() reads them: empty is {}; anything but a JSON object fails the
 * step (the flow fails closed: outcome 40, for an approval and a rejection alike).
 * @param {unknown} text @returns {Record<string, any>}
 */
function clientProperties(text) {
  const raw = String(text ?? "");
  if (raw.trim() === "") return {};
  /** @type {unknown} */ let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new StepFailure("Client_properties", "The template language function 'json' parameter is not valid: the value cannot be parsed as JSON.", 400);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new StepFailure("Client_properties", "The decision's ApprovalProperties must be a JSON object.", 400);
  }
  return /** @type {Record<string, any>} */ (parsed);
}

/**
 * Whether every checklist item is confirmed, as the flow's intersection() compares them: exact texts in an array; a
 * `checklist` that is not an array fails the step (intersection() refuses it), so nothing passes by a substring.
 * @param {string[]} items @param {unknown} confirmed
 */
function confirmsEvery(items, confirmed) {
  if (confirmed === undefined || confirmed === null) return items.length === 0;
  if (!Array.isArray(confirmed)) {
    throw new StepFailure("Confirmed_checklist_items", "The template language function 'intersection' expects parameters of the same type: an array.", 400);
  }
  const given = new Set(confirmed.filter((x) => typeof x === "string"));
  return items.every((item) => given.has(item));
}

module.exports = {
  APPROVER_ROOT_ROLE_ID,
  RELAY_DELAY_MS,
  RELAY_FLOOD_LIMIT,
  RELAY_FLOOD_MINUTES,
  FUTURE_TOLERANCE_MS,
  SWEEP_AFTER_MINUTES,
  PROPERTIES_MAX_LENGTH,
  RELAY_FLOW_MODES,
  REFUSALS,
  NO_LONGER_COUNTED,
  SWEPT,
  OUTCOMES,
  countedMessage,
  rulesOf,
  checklistItems,
  activePoliciesOf,
  POLICY_SELECT,
  isPending,
  isRelayTable,
  StepFailure,
  clientProperties,
  confirmsEvery,
};
