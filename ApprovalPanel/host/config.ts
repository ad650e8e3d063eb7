import { clampHistoryPageSize } from "../domain/historyPaging";
import { isCustomTableName } from "../domain/ids";
import type { PanelConfig } from "../domain/types";

/** Raw property-bag values as the host passes them (Enum inputs arrive as their value strings). */
export interface RawPanelParameters {
  requireRejectComment?: unknown;
  requireApproveComment?: unknown;
  allowSelfApproval?: unknown;
  historyPageSize?: unknown;
  decisionRelayTable?: unknown;
  approvalPolicyTable?: unknown;
}

/** The policy table this solution ships (docs/approval-policy.md); a form that names no other table reads this one. */
export const DEFAULT_POLICY_TABLE = "apnl_approvalpolicy";

function yesNo(raw: unknown, fallback: boolean): boolean {
  if (typeof raw === "boolean") return raw;
  if (typeof raw !== "string") return fallback;
  const value = raw.trim().toLowerCase();
  if (value === "yes") return true;
  if (value === "no") return false;
  return fallback;
}

function pageSize(raw: unknown): number {
  const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
  return clampHistoryPageSize(n);
}

/**
 * The relay table's logical name, or null. Logical names are lower case; a maker who pasted the
 * schema name ("apnl_ApprovalDecision") gets it lower-cased. Anything else is ignored rather than
 * sent into a Web API URL.
 */
export function relayTableName(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const value = raw.trim().toLowerCase();
  return isCustomTableName(value) ? value : null;
}

/** Manifest defaults: requireRejectComment yes, requireApproveComment no, allowSelfApproval no, historyPageSize 20, policies from apnl_approvalpolicy. */
export function panelConfigFrom(raw: RawPanelParameters): PanelConfig {
  return {
    requireRejectComment: yesNo(raw.requireRejectComment, true),
    requireApproveComment: yesNo(raw.requireApproveComment, false),
    allowSelfApproval: yesNo(raw.allowSelfApproval, false),
    historyPageSize: pageSize(raw.historyPageSize),
    decisionRelayTable: relayTableName(raw.decisionRelayTable),
    // No row for a stage means the form's rules, so reading the shipped table by default changes nothing until an
    // admin writes a policy; a form that names another (custom) table reads that one.
    approvalPolicyTable: relayTableName(raw.approvalPolicyTable) ?? DEFAULT_POLICY_TABLE,
  };
}
