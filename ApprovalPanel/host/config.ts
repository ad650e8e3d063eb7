import type { PanelConfig } from "../domain/types";

export const DEFAULT_HISTORY_PAGE_SIZE = 20;
export const MAX_HISTORY_PAGE_SIZE = 250;

/** A custom table's logical name: publisher prefix, underscore, lower-case name. */
const LOGICAL_NAME = /^[a-z][a-z0-9]*_[a-z0-9_]+$/;

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
  if (!Number.isFinite(n)) return DEFAULT_HISTORY_PAGE_SIZE;
  return Math.min(MAX_HISTORY_PAGE_SIZE, Math.max(1, Math.round(n)));
}

/**
 * The relay table's logical name, or null. Logical names are lower case; a maker who pasted the
 * schema name ("apnl_ApprovalDecision") gets it lower-cased. Anything else is ignored rather than
 * sent into a Web API URL.
 */
export function relayTableName(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const value = raw.trim().toLowerCase();
  return LOGICAL_NAME.test(value) ? value : null;
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
