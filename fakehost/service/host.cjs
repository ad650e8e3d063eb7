"use strict";
// The fake pipelines host as one object: store, faults, request log, actions, relay flow, the approval request flows
// (intake.cjs), wired together (a decision applied raises the business event the outcome flow runs on), with the
// Web API as the route (route.cjs) over the handlers (handlers.cjs). Its own file: making the host is neither routing
// a request nor handling one.
const { createActions } = require("../actions.cjs");
const { createArtifactFiles } = require("../artifacts.cjs");
const { Faults } = require("../faults.cjs");
const { createRelayFlow, isRelayTable } = require("../flow.cjs");
const { createApprovalRequests } = require("../intake.cjs");
const { createRecords } = require("../records.cjs");
const { RequestLog } = require("../requestLog.cjs");
const { schemaFor } = require("../schema.cjs");
const { Store } = require("../store.cjs");
const { createHandlers } = require("./handlers.cjs");
const { createRoute } = require("./route.cjs");

/** @typedef {ReturnType<typeof schemaFor>} Schema */

/**
 * @typedef {object} FakeHostOptions
 * @property {string | null} [dataFile]   keep the store in this JSON file
 * @property {() => import("../store.cjs").StoreData} [seed]  the data to start from (default: the playground's seed);
 *   its tables are used as they are, not copied
 * @property {(variant: import("../schema.cjs").HostVariant) => Schema} [schema]  the tables and columns, asked on
 *   every request (default: schemaFor); a schema built from the stored rows follows changes to them
 * @property {boolean} [anyCaller]        sign in any caller id, known to the systemuser table or not (the jest tests
 *   name their user; the playground refuses an unknown one with 401)
 * @property {import("../actions.cjs").ActionRules} [rules]
 * @property {number} [deployDelayMs]
 * @property {number} [relayDelayMs]
 * @property {() => number} [now]  the clock (ms) the relay flow reads a policy's expiry against; Date.now by default
 */

/** @param {FakeHostOptions} [options] */
function createFakeHost(options = {}) {
  const store = new Store({ dataFile: options.dataFile ?? null, seed: options.seed });
  const faults = new Faults();
  const log = new RequestLog();
  const fixedSchemas = { current: schemaFor("current"), legacy: schemaFor("legacy") };
  const schemaOf = options.schema ?? ((/** @type {import("../schema.cjs").HostVariant} */ variant) => fixedSchemas[variant]);
  /** @type {ReturnType<typeof createRelayFlow>} */ let relayFlow;
  const records = createRecords({ store, onRowCreated: (table, record) => isRelayTable(table) && relayFlow.onRowCreated(table, record) });
  const actions = createActions({ store, touch: records.touch, deployDelayMs: options.deployDelayMs, rules: options.rules });
  // The Deployment Approvals app's flows (intake, outcomes, expiry) over the apnl_approvalrequest rows.
  const approvalRequests = createApprovalRequests({ store, log, now: options.now });
  /**
   * The business event OnApprovalCompleted after UpdateApprovalStatus applied a decision: the "Record approval
   * outcomes" flow runs. Its failure does not undo the decision (the expiry flow records a missed outcome later).
   * @param {string} runId
   */
  const approvalCompleted = (runId) => {
    try {
      approvalRequests.onApprovalCompleted(runId);
    } catch (e) {
      console.error("outcome flow:", e);
    }
  };
  /** UpdateApprovalStatus with the host's rules, then its business event. @type {typeof actions.applyDecision} */
  const applyDecision = (runId, status, comments, properties, callerId) => {
    const r = actions.applyDecision(runId, status, comments, properties, callerId);
    if (r.ok) approvalCompleted(runId);
    return r;
  };
  // The "Apply approval decisions" flow, run as the service principal on every new relay row. The event of a decision
  // it applied is handled once its run has finished (the relay row then carries its outcome, which names the decider).
  relayFlow = createRelayFlow({
    store,
    log,
    applyDecision: (runId, status, comments, properties, callerId) => {
      const r = actions.applyDecision(runId, status, comments, properties, callerId);
      if (r.ok) queueMicrotask(() => approvalCompleted(runId));
      return r;
    },
    delayMs: options.relayDelayMs,
    now: options.now,
  });
  const artifacts = createArtifactFiles(store);
  const handlers = createHandlers({ store, records, actions, artifacts, approvalCompleted });
  const handleApi = createRoute({ store, faults, log, schemaOf, options, handlers });

  /** Back to the seed: data, faults, the relay flow, and the approval request flows' settings and outbox. */
  function reset() {
    store.reset();
    artifacts.reset();
    faults.clear();
    relayFlow.reset();
    approvalRequests.reset();
  }

  return {
    store,
    faults,
    log,
    relayFlow,
    approvalRequests,
    artifacts,
    applyDecision,
    handleApi,
    reset,
    close() {
      store.clearTimers();
    },
  };
}

module.exports = { createFakeHost };
