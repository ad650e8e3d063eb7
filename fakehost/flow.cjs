"use strict";
// The "Apply approval decisions" cloud flow (Solutions/src/Workflows/ApplyApprovalDecisions-*.json), played by the
// emulator: when a row is added to a relay table, a run of the flow starts a moment later, as the service principal,
// makes the same checks in the same order with the same refusal texts, calls UpdateApprovalStatus and writes
// apnl_outcome / apnl_outcomemessage / apnl_outcomeon back. Its steps appear in the request log as the service
// principal's requests (header x-playground-caller: relay-flow), so people can watch what the flow does.

/** The role the flow looks for (by name, as the flow's List rows filter does). */
const APPROVER_ROLE_NAME = "Deployment Approver";
/** Delay between a row being added and the flow's run (a real trigger takes seconds; short keeps the playground brisk). */
const RELAY_DELAY_MS = 500;

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
  notCreatedPending: "A new decision must be created as pending (outcome 10).",
  notPending: "The stage run is no longer pending approval.",
  requester: "The requester of a deployment cannot approve or reject it.",
  noRole: "The decider does not hold the Deployment Approver role.",
  notInTeam: "The decider is not a member of the approver team of this stage's approval policy.",
  alreadyApplied: "Another decision for this stage run has already been applied.",
  expired: "The request has expired under this stage's approval policy: ask the maker to request again.",
  commentRequired: "This stage's approval policy requires a comment for this decision.",
  checklistIncomplete: "The approval does not confirm every item of this stage's checklist.",
  alreadyCounted: "This approver has already approved this run: the policy needs approvals from different people.",
};

/** Outcome values of a relay row. */
const OUTCOMES = /** @type {const} */ ({ pending: 10, applied: 20, refused: 30, failed: 40, counted: 50 });

/** The flow's message on a counted approval. @param {number} n @param {number} required */
const countedMessage = (n, required) => `Approval ${n} of ${required} counted.`;

/**
 * The rules of a stage, from its active approval policy row, or the flow's defaults without one (one approval, no
 * self-approval, no team, no checklist, no expiry, no comment rule). Values out of the columns' ranges (which the
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

/** The items a relay row's ApprovalProperties JSON confirms (its `checklist` array); none when it is no such JSON. @param {unknown} text */
function confirmedItems(text) {
  try {
    const parsed = JSON.parse(String(text ?? ""));
    const list = parsed && typeof parsed === "object" ? parsed.checklist : undefined;
    return Array.isArray(list) ? list.filter((x) => typeof x === "string").map((x) => x.trim()) : [];
  } catch {
    return [];
  }
}

/** The active policy of a stage as the flow's List rows reads it: newest first, top 1. @param {Record<string, any>[]} rows @param {string} stageId */
function activePolicyOf(rows, stageId) {
  const id = stageId.toLowerCase();
  return rows
    .filter((r) => String(r.apnl_stageid ?? "").toLowerCase() === id && r.statecode === 0)
    .sort((a, b) => (String(a.modifiedon ?? "") < String(b.modifiedon ?? "") ? 1 : String(a.modifiedon ?? "") > String(b.modifiedon ?? "") ? -1 : 0))[0];
}

/** Columns the flow reads from the policy row. */
const POLICY_SELECT =
  "apnl_approvalpolicyid,apnl_requiredapprovals,apnl_commentonapprove,apnl_commentonreject,apnl_allowselfapproval,_apnl_approverteam_value,apnl_checklist,apnl_expiryhours";

/** A run still pending approval (approvalstatus null or 10). @param {Record<string, any>} run */
const isPending = (run) => run.approvalstatus === null || run.approvalstatus === undefined || run.approvalstatus === 10;

/** Tables treated as relay tables: custom tables whose name ends in "_approvaldecision". @param {string} logicalName */
const isRelayTable = (logicalName) => /^[a-z0-9]+_approvaldecision$/.test(logicalName);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

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

  /** The flow's connection: the application user of the service principal (the seed has one). */
  const connectionUser = () => store.all("systemuser").find((u) => u.applicationid && !u.isdisabled);

  /** @param {string} method @param {string} path @param {"api"|"action"} kind @param {unknown} body @param {number} status */
  const logStep = (method, path, kind, body, status) => {
    const spn = connectionUser();
    log.add({ method, path, kind, headers: { "x-playground-caller": "relay-flow" }, user: spn?.systemuserid ?? null, host: "current", body, status });
  };

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

  /** One run of the flow for one row. @param {string} table @param {string} id */
  function runFlow(table, id) {
    const row = store.get(table, id);
    if (!row) return; // deleted meanwhile: the trigger's row is gone, the flow's update would fail too
    const prefix = table.slice(0, table.indexOf("_"));
    const col = (/** @type {string} */ name) => `${prefix}_${name}`;
    const set = `${table}s`;
    const spn = connectionUser();
    const write = (/** @type {number} */ outcome, /** @type {string | null} */ message) => {
      // Dataverse stores an empty text as null (the flow writes '' on success).
      const patch = { [col("outcome")]: outcome, [col("outcomemessage")]: message === "" ? null : message, [col("outcomeon")]: nowIso() };
      Object.assign(row, patch);
      row.versionnumber = (row.versionnumber ?? 0) + 1;
      row.modifiedon = patch[col("outcomeon")];
      if (spn) row._modifiedby_value = spn.systemuserid;
      store.save();
      logStep("PATCH", `/api/data/v9.2/${set}(${id})`, "api", patch, 204);
    };
    const failure = (/** @type {StepFailure} */ f) => write(40, `${f.step}: ${f.message}`.slice(0, 4000));

    // Scope "Check_the_decision": the reads, then the refusal reason.
    /** @type {Record<string, any>} */ let run;
    /** @type {boolean} */ let hasRole;
    /** @type {boolean} */ let appliedBefore;
    /** @type {StageRules} */ let rules;
    /** @type {boolean} */ let inTeam = true;
    /** @type {Set<string>} */ let counted = new Set();
    const runId = String(row[col("stagerunid")] ?? "");
    const decider = String(row._createdby_value ?? "").toLowerCase();
    const decision = row[col("decision")];
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

      // The run's stage policy: active rows of the stage, newest first, top 1.
      const stageId = String(run._deploymentstageid_value ?? "").toLowerCase();
      const policyFilter = `apnl_stageid eq '${stageId}' and statecode eq 0`;
      logStep(
        "GET",
        `/api/data/v9.2/apnl_approvalpolicies?$select=${POLICY_SELECT}&$filter=${encodeURIComponent(policyFilter)}&$orderby=modifiedon desc&$top=1`,
        "api",
        null,
        200,
      );
      rules = rulesOf(activePolicyOf(store.all("apnl_approvalpolicy"), stageId));

      const roleFilter = `name eq '${APPROVER_ROLE_NAME}' and systemuserroles_association/any(u:u/systemuserid eq ${decider})`;
      logStep("GET", `/api/data/v9.2/roles?$select=roleid,name&$filter=${encodeURIComponent(roleFilter)}&$top=1`, "api", null, 200);
      // Direct assignments only, as the flow's filter sees them (store.userRoles holds direct assignments).
      const roleIds = store.userRoles[decider] ?? [];
      hasRole = roleIds.some((rid) => String(store.get("role", rid)?.name ?? "").toLowerCase() === APPROVER_ROLE_NAME.toLowerCase());

      if (rules.teamId) {
        // Members of the policy's team (the teammembership intersect rows).
        const teamFilter = `teamid eq ${rules.teamId} and teammembership_association/any(u:u/systemuserid eq ${decider})`;
        logStep("GET", `/api/data/v9.2/teams?$select=teamid&$filter=${encodeURIComponent(teamFilter)}&$top=1`, "api", null, 200);
        const teamId = rules.teamId;
        inTeam = store.all("teammembership").some((m) => String(m.teamid).toLowerCase() === teamId && String(m.systemuserid).toLowerCase() === decider);
      }

      const appliedFilter = `${col("stagerunid")} eq '${runKey}' and ${col("outcome")} eq 20 and ${table}id ne ${id}`;
      logStep("GET", `/api/data/v9.2/${set}?$select=${table}id&$filter=${encodeURIComponent(appliedFilter)}&$top=1`, "api", null, 200);
      const ofRun = store.all(table).filter((r) => String(r[col("stagerunid")] ?? "").toLowerCase() === runKey && r[`${table}id`] !== id);
      appliedBefore = ofRun.some((r) => r[col("outcome")] === 20);

      if (decision === 20) {
        // The run's counted approvals (decision 20, outcome 50): their deciders.
        const countedFilter = `${col("stagerunid")} eq '${runKey}' and ${col("decision")} eq 20 and ${col("outcome")} eq 50`;
        logStep("GET", `/api/data/v9.2/${set}?$select=_createdby_value&$filter=${encodeURIComponent(countedFilter)}`, "api", null, 200);
        counted = new Set(
          ofRun.filter((r) => r[col("decision")] === 20 && r[col("outcome")] === 50).map((r) => String(r._createdby_value ?? "").toLowerCase()),
        );
      }
    } catch (e) {
      if (e instanceof StepFailure) return failure(e);
      throw e;
    }

    const outcome = row[col("outcome")];
    const approve = decision === 20;
    const comment = String(row[col("comments")] ?? "").trim();
    const confirmed = approve ? confirmedItems(row[col("approvalproperties")]) : [];
    const ageHours = (now() - Date.parse(String(run.createdon ?? ""))) / 3600_000;
    /** Checks 1 to 11, in the flow's order: the first that fails names the reason. @type {Array<[boolean, string]>} */
    const checks = [
      [decision === 20 || decision === 30, REFUSALS.decision],
      [outcome === null || outcome === undefined || outcome === 10, REFUSALS.notCreatedPending],
      [isPending(run), REFUSALS.notPending],
      [rules.allowSelfApproval || decider !== String(run._createdby_value ?? "").toLowerCase(), REFUSALS.requester],
      [hasRole, REFUSALS.noRole],
      [inTeam, REFUSALS.notInTeam],
      [!appliedBefore, REFUSALS.alreadyApplied],
      // A run whose createdon cannot be read counts as expired under a policy with an expiry (the stricter reading).
      [!approve || rules.expiryHours === null || (Number.isFinite(ageHours) && ageHours <= rules.expiryHours), REFUSALS.expired],
      [!(approve ? rules.commentOnApprove : rules.commentOnReject) || comment !== "", REFUSALS.commentRequired],
      [!approve || rules.checklist.every((item) => confirmed.includes(item)), REFUSALS.checklistIncomplete],
      [!approve || !counted.has(decider), REFUSALS.alreadyCounted],
    ];
    const failed = checks.find(([ok]) => !ok);
    if (failed) return write(OUTCOMES.refused, failed[1]);

    // An approval short of the policy's count waits for more: counted, nothing applied.
    if (approve && counted.size + 1 < rules.requiredApprovals) return write(OUTCOMES.counted, countedMessage(counted.size + 1, rules.requiredApprovals));

    // Scope "Apply_the_decision": re-read the run (another decision may have been applied meanwhile), then
    // UpdateApprovalStatus with the row's values, as the service principal.
    const current = store.get("deploymentstagerun", runId);
    logStep("GET", `${runPath}?$select=approvalstatus`, "api", null, current ? 200 : 404);
    if (!current || !isPending(current)) return write(OUTCOMES.refused, REFUSALS.notPending);
    const body = {
      StageRunId: runId,
      ApprovalStatus: decision,
      ApprovalComments: row[col("comments")] ?? "",
      ApprovalProperties: row[col("approvalproperties")] ?? "",
    };
    const result = deps.applyDecision(runId.toLowerCase(), decision, body.ApprovalComments, body.ApprovalProperties, /** @type {any} */ (spn).systemuserid);
    logStep("POST", "/api/data/v9.2/UpdateApprovalStatus", "action", body, result.ok ? 204 : result.status);
    if (!result.ok) return failure(new StepFailure("Update_approval_status", result.message, result.status));
    return write(OUTCOMES.applied, "");
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
    get queued() {
      return queue.length;
    },
  };
}

module.exports = {
  APPROVER_ROLE_NAME,
  RELAY_DELAY_MS,
  RELAY_FLOW_MODES,
  REFUSALS,
  OUTCOMES,
  countedMessage,
  checklistItems,
  rulesOf,
  activePolicyOf,
  isRelayTable,
  createRelayFlow,
};
