"use strict";
const { holdsRootRole } = require("./privileges.cjs");
const { GUID, nowIso, connectionUserOf, logFlowStep } = require("./flowRuntime.cjs");
// The "Apply approval decisions" cloud flow (Solutions/src/Workflows/ApplyApprovalDecisions-*.json), played by the
// emulator: when a row is added to a relay table, a run of the flow starts a moment later, as the service principal,
// makes the same checks in the same order with the same refusal texts, calls UpdateApprovalStatus and writes
// apnl_outcome / apnl_outcomemessage / apnl_outcomeon back. Its steps appear in the request log as the service
// principal's requests (header x-playground-caller: relay-flow), so people can watch what the flow does.

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

/**
 * @param {object} deps
 * @param {import("./store.cjs").Store} deps.store
 * @param {import("./requestLog.cjs").RequestLog} deps.log
 * @param {(runId: string, status: number, comments: string, properties: string, callerId: string) => { ok: true } | { ok: false, status: number, code: string, message: string }} deps.applyDecision
 *   UpdateApprovalStatus with the host's rules, as the given caller
 * @param {number} [deps.delayMs]
 * @param {() => number} [deps.now]  the emulator's clock (ms), for the policy's expiry; Date.now by default
 */
function createRelayFlow(deps) {
  const { store, log } = deps;
  const now = deps.now ?? (() => Date.now());
  /** @type {{ mode: RelayFlowMode, delayMs: number }} */
  const settings = { mode: "on", delayMs: deps.delayMs ?? RELAY_DELAY_MS };
  /** @type {Array<{ table: string, id: string }>} */
  let queue = [];
  let running = false;
  /** Bumped by reset: a run scheduled before a reset must not touch the new data. */
  let generation = 0;
  let runNumber = 0;

  const connectionUser = () => connectionUserOf(store);
  /** @param {string} method @param {string} path @param {"api"|"action"} kind @param {unknown} body @param {number} status */
  const logStep = (method, path, kind, body, status) => logFlowStep({ store, log }, { caller: "relay-flow", method, path, kind, body, status });

  function pump() {
    if (running || queue.length === 0 || settings.mode === "held") return;
    const job = /** @type {{ table: string, id: string }} */ (queue.shift());
    running = true;
    const gen = generation;
    store.later(() => {
      if (gen !== generation) return;
      try {
        runFlow(job.table, job.id);
      } catch (e) {
        console.error("relay flow:", e);
      }
      running = false;
      pump();
    }, settings.delayMs);
  }

  /** Names of a relay table's columns. @param {string} table */
  const columnsOf = (table) => {
    const prefix = table.slice(0, table.indexOf("_"));
    return (/** @type {string} */ name) => `${prefix}_${name}`;
  };

  /**
   * The flow's UpdateRecord of a row's outcome, as the service principal: modifiedby becomes the flow's user, which is
   * what makes a row count (only rows the flow last modified are counted or block).
   * @param {string} table @param {Record<string, any>} row @param {number} outcome @param {string | null} message @param {Record<string, any> | undefined} spn
   */
  function writeOutcome(table, row, outcome, message, spn) {
    const col = columnsOf(table);
    // Dataverse stores an empty text as null (the flow writes '' on success).
    const patch = { [col("outcome")]: outcome, [col("outcomemessage")]: message === "" ? null : message, [col("outcomeon")]: nowIso() };
    Object.assign(row, patch);
    row.versionnumber = (row.versionnumber ?? 0) + 1;
    row.modifiedon = patch[col("outcomeon")];
    if (spn) row._modifiedby_value = spn.systemuserid;
    store.save();
    logStep("PATCH", `/api/data/v9.2/${table}s(${row[`${table}id`]})`, "api", patch, 204);
  }

  /** One run of the flow for one row. @param {string} table @param {string} id */
  function runFlow(table, id) {
    const row = store.get(table, id);
    if (!row) return; // deleted meanwhile: the trigger's row is gone, the flow's update would fail too
    runNumber++;
    const col = columnsOf(table);
    const set = `${table}s`;
    const spn = connectionUser();
    const write = (/** @type {number} */ outcome, /** @type {string | null} */ message) => writeOutcome(table, row, outcome, message, spn);
    const failure = (/** @type {StepFailure} */ f) => write(40, `${f.step}: ${f.message}`.slice(0, 4000));

    // Scope "Check_the_decision": the reads, then the refusal reason.
    /** @type {Record<string, any>} */ let run;
    /** @type {string} */ let flowUser;
    /** @type {Record<string, any>[]} */ let policies;
    /** @type {StageRules} */ let rules;
    /** @type {boolean} */ let hasRole;
    /** @type {boolean} */ let inTeam = true;
    /** @type {boolean} */ let appliedBefore;
    /** @type {number} */ let recentRows;
    /** @type {Record<string, any>} */ let properties;
    /** @type {boolean} */ let checklistConfirmed = true;
    /** Approvers whose counted approval still meets the policy now (re-checked at every decision). @type {Set<string>} */
    let counted = new Set();
    const runId = String(row[col("stagerunid")] ?? "");
    const decider = String(row._createdby_value ?? "").toLowerCase();
    const decision = row[col("decision")];
    const approve = decision === 20;
    const runPath = `/api/data/v9.2/deploymentstageruns(${runId})`;
    try {
      if (settings.mode === "broken" || !spn) {
        const client = spn?.applicationid ?? "00000000-0000-0000-0000-000000000000";
        throw new StepFailure(
          "Get_the_stage_run",
          `AADSTS7000222: The provided client secret keys for app '${client}' are expired. Visit the Azure portal to create new keys for your app.`,
          401,
        );
      }
      if (!GUID.test(runId)) {
        logStep("GET", runPath, "api", null, 400);
        throw new StepFailure("Get_the_stage_run", `Bad Request - Error in query syntax: '${runId}' is not a valid key.`, 400);
      }
      const found = store.get("deploymentstagerun", runId);
      logStep("GET", runPath, "api", null, found ? 200 : 404);
      if (!found) throw new StepFailure("Get_the_stage_run", `Entity 'deploymentstagerun' With Id = ${runId.toLowerCase()} Does Not Exist`, 404);
      run = found;
      const runKey = String(run.deploymentstagerunid).toLowerCase();

      // WhoAmI: the flow's own user (the service principal's application user); only rows it last modified count.
      logStep("GET", "/api/data/v9.2/WhoAmI", "action", null, 200);
      flowUser = String(spn.systemuserid).toLowerCase();

      // The run's stage policy: active rows of the stage, newest change first, top 2 (a second one is refused).
      const stageId = String(run._deploymentstageid_value ?? "").toLowerCase();
      const policyFilter = `apnl_stageid eq '${stageId}' and statecode eq 0`;
      logStep(
        "GET",
        `/api/data/v9.2/apnl_approvalpolicies?$select=${POLICY_SELECT}&$filter=${encodeURIComponent(policyFilter)}&$orderby=modifiedon desc&$top=2`,
        "api",
        null,
        200,
      );
      policies = activePoliciesOf(store.all("apnl_approvalpolicy"), stageId);
      rules = rulesOf(policies[0]);

      /** Checks 9, 10 and the requester rule for one approver, against the current policy. @param {string} user */
      const eligibility = (user) => {
        const account = store.get("systemuser", user);
        // The role by its root id, held directly by an enabled user (the flow's List rows filter).
        const roleFilter = `_parentrootroleid_value eq ${APPROVER_ROOT_ROLE_ID} and systemuserroles_association/any(u:u/systemuserid eq ${user} and u/isdisabled eq false)`;
        logStep("GET", `/api/data/v9.2/roles?$select=roleid&$filter=${encodeURIComponent(roleFilter)}&$top=1`, "api", null, 200);
        const role = Boolean(account) && !account.isdisabled && holdsRootRole(store, user, APPROVER_ROOT_ROLE_ID);
        let team = true;
        if (rules.teamId) {
          // Members of the policy's team (the teammembership intersect rows).
          const teamFilter = `teamid eq ${rules.teamId} and teammembership_association/any(u:u/systemuserid eq ${user})`;
          logStep("GET", `/api/data/v9.2/teams?$select=teamid&$filter=${encodeURIComponent(teamFilter)}&$top=1`, "api", null, 200);
          const teamId = rules.teamId;
          team = store.all("teammembership").some((m) => String(m.teamid).toLowerCase() === teamId && String(m.systemuserid).toLowerCase() === user);
        }
        const notRequester = rules.allowSelfApproval || user !== String(run._createdby_value ?? "").toLowerCase();
        return { role, team, notRequester };
      };
      const own = eligibility(decider);
      hasRole = own.role;
      inTeam = own.team;

      // Rows of this run the flow itself last wrote, still active: forged or deactivated rows never count or block.
      const byFlow = `_modifiedby_value eq ${flowUser} and statecode eq 0`;
      const appliedFilter = `${col("stagerunid")} eq '${runKey}' and ${col("outcome")} eq 20 and ${byFlow} and ${table}id ne ${id}`;
      logStep("GET", `/api/data/v9.2/${set}?$select=${table}id&$filter=${encodeURIComponent(appliedFilter)}&$top=1`, "api", null, 200);
      const ofRun = store
        .all(table)
        .filter(
          (r) =>
            String(r[col("stagerunid")] ?? "").toLowerCase() === runKey &&
            r[`${table}id`] !== id &&
            String(r._modifiedby_value ?? "").toLowerCase() === flowUser &&
            r.statecode === 0,
        );
      appliedBefore = ofRun.some((r) => r[col("outcome")] === 20);

      // The decider's rows in the last minutes (this one included): a flood is refused.
      const since = new Date(now() - RELAY_FLOOD_MINUTES * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
      const recentFilter = `_createdby_value eq ${decider} and createdon ge ${since}`;
      logStep("GET", `/api/data/v9.2/${set}?$select=${table}id&$filter=${encodeURIComponent(recentFilter)}&$count=true&$top=1`, "api", null, 200);
      recentRows = store
        .all(table)
        .filter((r) => String(r._createdby_value ?? "").toLowerCase() === decider && Date.parse(String(r.createdon ?? "")) >= Date.parse(since)).length;

      properties = clientProperties(row[col("approvalproperties")]);
      if (approve) {
        checklistConfirmed = confirmsEvery(rules.checklist, properties.checklist);

        // The run's counted approvals (decision 20, outcome 50, written by the flow), each approver re-checked
        // against the current policy, role and team: one who no longer meets them no longer counts. Only under exactly
        // one active policy: never in an admin's edit window (none or two), where the rules read are not the stage's.
        const countedFilter = `${col("stagerunid")} eq '${runKey}' and ${col("decision")} eq 20 and ${col("outcome")} eq 50 and ${byFlow} and ${table}id ne ${id}`;
        logStep("GET", `/api/data/v9.2/${set}?$select=${table}id,_createdby_value&$filter=${encodeURIComponent(countedFilter)}`, "api", null, 200);
        const countedRows = policies.length === 1 ? ofRun.filter((r) => r[col("decision")] === 20 && r[col("outcome")] === 50) : [];
        for (const earlier of countedRows) {
          const approver = String(earlier._createdby_value ?? "").toLowerCase();
          const still = eligibility(approver);
          if (still.role && still.team && still.notRequester) counted.add(approver);
          else writeOutcome(table, earlier, OUTCOMES.refused, NO_LONGER_COUNTED, spn);
        }
      }
    } catch (e) {
      if (e instanceof StepFailure) return failure(e);
      throw e;
    }

    const outcome = row[col("outcome")];
    const comment = String(row[col("comments")] ?? "").trim();
    const claimedApprover = properties.approverId;
    const createdMs = Date.parse(String(run.createdon ?? ""));
    const ageHours = (now() - createdMs) / 3600_000;
    /** The checks in the flow's order: the first that fails names the reason. @type {Array<[boolean, string]>} */
    const checks = [
      [decision === 20 || decision === 30, REFUSALS.decision],
      [!row._createdonbehalfby_value, REFUSALS.impersonated],
      [outcome === null || outcome === undefined || outcome === 10, REFUSALS.notCreatedPending],
      [recentRows <= RELAY_FLOOD_LIMIT, REFUSALS.flood],
      [policies.length > 0, REFUSALS.noPolicy],
      [policies.length < 2, REFUSALS.severalPolicies],
      [isPending(run), REFUSALS.notPending],
      [!(createdMs > now() + FUTURE_TOLERANCE_MS), REFUSALS.createdInFuture],
      [rules.allowSelfApproval || decider !== String(run._createdby_value ?? "").toLowerCase(), REFUSALS.requester],
      [hasRole, REFUSALS.noRole],
      [inTeam, REFUSALS.notInTeam],
      [!appliedBefore, REFUSALS.alreadyApplied],
      [claimedApprover === undefined || claimedApprover === null || String(claimedApprover).toLowerCase() === decider, REFUSALS.otherApprover],
      // A run whose createdon cannot be read counts as expired under a policy with an expiry (the stricter reading).
      [!approve || rules.expiryHours === null || (Number.isFinite(ageHours) && ageHours <= rules.expiryHours), REFUSALS.expired],
      [!(approve ? rules.commentOnApprove : rules.commentOnReject) || comment !== "", REFUSALS.commentRequired],
      [!approve || checklistConfirmed, REFUSALS.checklistIncomplete],
      [!approve || !counted.has(decider), REFUSALS.alreadyCounted],
    ];
    const failed = checks.find(([ok]) => !ok);
    if (failed) return write(OUTCOMES.refused, failed[1]);

    // An approval short of the policy's count waits for more: counted, nothing applied.
    if (approve && counted.size + 1 < rules.requiredApprovals) return write(OUTCOMES.counted, countedMessage(counted.size + 1, rules.requiredApprovals));

    // Scope "Apply_the_decision": re-read the run (another decision may have been applied meanwhile), then
    // UpdateApprovalStatus as the service principal, with the flow's own record of who decided beside the client's.
    const current = store.get("deploymentstagerun", runId);
    logStep("GET", `${runPath}?$select=approvalstatus`, "api", null, current ? 200 : 404);
    if (!current || !isPending(current)) return write(OUTCOMES.refused, REFUSALS.notPending);
    const relay = {
      decisionId: String(id).toLowerCase(),
      decidedBy: decider,
      countedApprovers: approve ? [...counted, decider] : [],
      flowRun: `emulated-${runNumber}`,
    };
    // A client key that pretends to be the flow's is dropped; the flow's own relay block replaces any client "relay".
    const fromClient = { ...properties };
    delete fromClient.approverPropertiesOmitted;
    const withClient = JSON.stringify({ ...fromClient, relay });
    const forHost = withClient.length <= PROPERTIES_MAX_LENGTH ? withClient : JSON.stringify({ relay, approverPropertiesOmitted: true });
    // The run that was checked (the re-read), not the row's text.
    const body = {
      StageRunId: String(current.deploymentstagerunid),
      ApprovalStatus: decision,
      ApprovalComments: row[col("comments")] ?? "",
      ApprovalProperties: forHost,
    };
    const result = deps.applyDecision(runId.toLowerCase(), decision, body.ApprovalComments, body.ApprovalProperties, /** @type {any} */ (spn).systemuserid);
    logStep("POST", "/api/data/v9.2/UpdateApprovalStatus", "action", body, result.ok ? 204 : result.status);
    if (!result.ok) return failure(new StepFailure("Update_approval_status", result.message, result.status));
    return write(OUTCOMES.applied, "");
  }

  /**
   * The "Sweep approval decisions" flow (a schedule, every 15 minutes), as the service principal: a row the relay flow
   * never handled (off, broken, its outcome write failed) becomes failed after SWEEP_AFTER_MINUTES, and an active
   * row with an outcome the flow did not write is marked as not counted. Answers how many rows each rule changed.
   * @param {string} [table]
   */
  function sweep(table = "apnl_approvaldecision") {
    const col = columnsOf(table);
    const spn = connectionUser();
    if (!spn || settings.mode === "broken") return { notProcessed: 0, notWrittenByFlow: 0 };
    const flowUser = String(spn.systemuserid).toLowerCase();
    const before = now() - SWEEP_AFTER_MINUTES * 60_000;
    const rows = store.all(table).filter((r) => r.statecode === 0);
    let notProcessed = 0;
    let notWrittenByFlow = 0;
    for (const r of rows) {
      const outcome = r[col("outcome")];
      const written = String(r._modifiedby_value ?? "").toLowerCase() === flowUser;
      if ((outcome === null || outcome === undefined || outcome === 10) && Date.parse(String(r.createdon ?? "")) < before) {
        writeOutcome(table, r, OUTCOMES.failed, SWEPT.notProcessed, spn);
        notProcessed++;
      } else if (outcome !== null && outcome !== undefined && outcome !== 10 && !written) {
        writeOutcome(table, r, OUTCOMES.refused, SWEPT.notWrittenByFlow, spn);
        notWrittenByFlow++;
      }
    }
    return { notProcessed, notWrittenByFlow };
  }

  return {
    settings,
    /** The trigger "When a row is added". @param {string} table @param {Record<string, any>} row */
    onRowCreated(table, row) {
      if (settings.mode === "off") return;
      queue.push({ table, id: String(row[`${table}id`]) });
      pump();
    },
    /** @param {{ mode?: string, delayMs?: number }} input */
    set(input) {
      if (input.mode !== undefined) {
        if (!RELAY_FLOW_MODES.includes(/** @type {any} */ (input.mode))) throw new Error(`mode must be one of ${RELAY_FLOW_MODES.join(", ")}.`);
        settings.mode = /** @type {RelayFlowMode} */ (input.mode);
      }
      if (input.delayMs !== undefined) {
        const ms = Number(input.delayMs);
        if (!Number.isFinite(ms) || ms < 0 || ms > 600_000) throw new Error("delayMs must be between 0 and 600000.");
        settings.delayMs = ms;
      }
      pump();
      return { ...settings, queued: queue.length };
    },
    /** Back to a flow that is on, with nothing queued (the store's reset drops the scheduled run). */
    reset(delayMs = deps.delayMs ?? RELAY_DELAY_MS) {
      generation++;
      queue = [];
      running = false;
      settings.mode = "on";
      settings.delayMs = delayMs;
    },
    sweep,
    get queued() {
      return queue.length;
    },
  };
}

module.exports = {
  APPROVER_ROOT_ROLE_ID,
  RELAY_DELAY_MS,
  RELAY_FLOOD_LIMIT,
  NO_LONGER_COUNTED,
  SWEPT,
  RELAY_FLOW_MODES,
  REFUSALS,
  OUTCOMES,
  countedMessage,
  checklistItems,
  rulesOf,
  activePoliciesOf,
  isRelayTable,
  createRelayFlow,
};
