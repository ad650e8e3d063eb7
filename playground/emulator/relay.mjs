// Hook point for the decision relay flow (a later issue): in a real host a Power Automate flow running as the
// service principal picks up each new relay row, calls UpdateApprovalStatus and writes apnl_outcome /
// apnl_outcomemessage / apnl_outcomeon back. The emulator calls onRelayRowCreated for every row created in a
// relay table; today it does nothing, so rows stay at outcome 10 (pending).

/**
 * @typedef {object} RelayHookContext
 * @property {import("./store.mjs").Store} store
 * @property {string} table        logical name, e.g. "apnl_approvaldecision"
 * @property {(runId: string, status: number, comments: string, properties: string, callerId: string) => { ok: true } | { ok: false, status: number, code: string, message: string }} applyDecision
 *   applies a decision to a run with UpdateApprovalStatus's rules, as the given caller
 */

/**
 * @param {Record<string, any>} row the created row (column names with the table's prefix)
 * @param {RelayHookContext} context
 */
export function onRelayRowCreated(row, context) {
  // Intentionally a no-op until the relay flow issue: rows stay pending (outcome 10).
  void row;
  void context;
}

/** Tables treated as relay tables: custom tables whose name ends in "_approvaldecision". @param {string} logicalName */
export const isRelayTable = (logicalName) => /^[a-z0-9]+_approvaldecision$/.test(logicalName);
