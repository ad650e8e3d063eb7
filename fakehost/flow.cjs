"use strict";
const { nowIso, connectionUserOf, logFlowStep } = require("./flowRuntime.cjs");
// The "Apply approval decisions" cloud flow (Solutions/src/Workflows/ApplyApprovalDecisions-*.json), played by the
// emulator: when a row is added to a relay table, a run of the flow starts a moment later, as the service principal,
// makes the same checks in the same order with the same refusal texts, calls UpdateApprovalStatus and writes
// apnl_outcome / apnl_outcomemessage / apnl_outcomeon back. Its steps appear in the request log as the service
// principal's requests (header x-playground-caller: relay-flow), so people can watch what the flow does.
// The rules are flow/rules.cjs, one run of the flow flow/relayRun.cjs.
const rules = require("./flow/rules.cjs");
const { createRelayRun } = require("./flow/relayRun.cjs");
const { RELAY_DELAY_MS, SWEEP_AFTER_MINUTES, RELAY_FLOW_MODES, SWEPT, OUTCOMES } = rules;

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
  /** @type {{ mode: import("./flow/rules.cjs").RelayFlowMode, delayMs: number }} */
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

  /** One run of the flow for one row. */
  const runFlow = createRelayRun({
    store,
    settings,
    now,
    connectionUser,
    logStep,
    columnsOf,
    writeOutcome,
    applyDecision: deps.applyDecision,
    nextRunNumber: () => ++runNumber,
  });

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
        settings.mode = /** @type {import("./flow/rules.cjs").RelayFlowMode} */ (input.mode);
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

// The rules go out with the flow, so that the fake host's entry hands on both.
module.exports = { ...rules, createRelayFlow };
