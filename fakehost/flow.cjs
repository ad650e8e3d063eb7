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

/** Refusal texts of the flow's "Refusal reason" step, word for word. */
const REFUSALS = {
  decision: "The decision must be 20 (approve) or 30 (reject).",
  notCreatedPending: "A new decision must be created as pending (outcome 10).",
  notPending: "The stage run is no longer pending approval.",
  requester: "The requester of a deployment cannot approve or reject it.",
  noRole: "The decider does not hold the Deployment Approver role.",
  alreadyApplied: "Another decision for this stage run has already been applied.",
};

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
 */
function createRelayFlow(deps) {
  const { store, log } = deps;
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

    // Scope "Check_the_decision": three reads, then the refusal reason.
    /** @type {Record<string, any>} */ let run;
    /** @type {boolean} */ let hasRole;
    /** @type {boolean} */ let appliedBefore;
    const runId = String(row[col("stagerunid")] ?? "");
    try {
      if (settings.mode === "broken" || !spn) {
        const client = spn?.applicationid ?? "00000000-0000-0000-0000-000000000000";
        throw new StepFailure(
          "Get_the_stage_run",
          `AADSTS7000222: The provided client secret keys for app '${client}' are expired. Visit the Azure portal to create new keys for your app.`,
          401,
        );
      }
      const runPath = `/api/data/v9.2/deploymentstageruns(${runId})`;
      if (!GUID.test(runId)) {
        logStep("GET", runPath, "api", null, 400);
        throw new StepFailure("Get_the_stage_run", `Bad Request - Error in query syntax: '${runId}' is not a valid key.`, 400);
      }
      const found = store.get("deploymentstagerun", runId);
      logStep("GET", runPath, "api", null, found ? 200 : 404);
      if (!found) throw new StepFailure("Get_the_stage_run", `Entity 'deploymentstagerun' With Id = ${runId.toLowerCase()} Does Not Exist`, 404);
      run = found;

      const decider = String(row._createdby_value ?? "").toLowerCase();
      const roleFilter = `name eq '${APPROVER_ROLE_NAME}' and systemuserroles_association/any(u:u/systemuserid eq ${decider})`;
      logStep("GET", `/api/data/v9.2/roles?$select=roleid,name&$filter=${encodeURIComponent(roleFilter)}&$top=1`, "api", null, 200);
      // Direct assignments only, as the flow's filter sees them (store.userRoles holds direct assignments).
      const roleIds = store.userRoles[decider] ?? [];
      hasRole = roleIds.some((rid) => String(store.get("role", rid)?.name ?? "").toLowerCase() === APPROVER_ROLE_NAME.toLowerCase());

      const appliedFilter = `${col("stagerunid")} eq '${String(run.deploymentstagerunid).toLowerCase()}' and ${col("outcome")} eq 20 and ${table}id ne ${id}`;
      logStep("GET", `/api/data/v9.2/${set}?$select=${table}id&$filter=${encodeURIComponent(appliedFilter)}&$top=1`, "api", null, 200);
      appliedBefore = store
        .all(table)
        .some(
          (r) =>
            String(r[col("stagerunid")] ?? "").toLowerCase() === String(run.deploymentstagerunid).toLowerCase() &&
            r[col("outcome")] === 20 &&
            r[`${table}id`] !== id,
        );
    } catch (e) {
      if (e instanceof StepFailure) return failure(e);
      throw e;
    }

    const decision = row[col("decision")];
    const outcome = row[col("outcome")];
    const approval = run.approvalstatus;
    const reason =
      decision !== 20 && decision !== 30
        ? REFUSALS.decision
        : !(outcome === null || outcome === undefined || outcome === 10)
          ? REFUSALS.notCreatedPending
          : !(approval === null || approval === undefined || approval === 10)
            ? REFUSALS.notPending
            : String(row._createdby_value ?? "").toLowerCase() === String(run._createdby_value ?? "").toLowerCase()
              ? REFUSALS.requester
              : !hasRole
                ? REFUSALS.noRole
                : appliedBefore
                  ? REFUSALS.alreadyApplied
                  : "";
    if (reason !== "") return write(30, reason);

    // Scope "Apply_the_decision": UpdateApprovalStatus with the row's values, as the service principal.
    const body = {
      StageRunId: runId,
      ApprovalStatus: decision,
      ApprovalComments: row[col("comments")] ?? "",
      ApprovalProperties: row[col("approvalproperties")] ?? "",
    };
    const result = deps.applyDecision(runId.toLowerCase(), decision, body.ApprovalComments, body.ApprovalProperties, /** @type {any} */ (spn).systemuserid);
    logStep("POST", "/api/data/v9.2/UpdateApprovalStatus", "action", body, result.ok ? 204 : result.status);
    if (!result.ok) return failure(new StepFailure("Update_approval_status", result.message, result.status));
    return write(20, "");
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

module.exports = { APPROVER_ROLE_NAME, RELAY_DELAY_MS, RELAY_FLOW_MODES, REFUSALS, isRelayTable, createRelayFlow };
