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
}

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

/** Manifest defaults: requireRejectComment yes, requireApproveComment no, allowSelfApproval no, historyPageSize 20. */
export function panelConfigFrom(raw: RawPanelParameters): PanelConfig {
  return {
    requireRejectComment: yesNo(raw.requireRejectComment, true),
    requireApproveComment: yesNo(raw.requireApproveComment, false),
    allowSelfApproval: yesNo(raw.allowSelfApproval, false),
    historyPageSize: pageSize(raw.historyPageSize),
    decisionRelayTable: relayTableName(raw.decisionRelayTable),
  };
}
