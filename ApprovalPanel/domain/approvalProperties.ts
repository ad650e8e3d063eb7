import { normalizeGuid } from "./ids";
import { decodeJsonText, isJsonObject, valueText } from "./json";
import { ApprovalStatusValue, type CurrentUser, type DecisionValue } from "./types";

/**
 * ApprovalProperties is admin-only information in the host (Microsoft Learn). It holds who decided,
 * what and when, from which panel version, and the optional admin note: nothing secret (no roles, no tokens).
 */
export function buildApprovalProperties(input: {
  user: CurrentUser;
  decision: DecisionValue;
  decidedAt: Date;
  panelVersion: string;
  adminNote: string;
}): string {
  return JSON.stringify({
    approverId: normalizeGuid(input.user.id) ?? input.user.id,
    approverName: input.user.name,
    decision: input.decision === ApprovalStatusValue.Approved ? "Approved" : "Rejected",
    decisionValue: input.decision,
    decidedOnUtc: input.decidedAt.toISOString(),
    panelVersion: input.panelVersion,
    adminNote: input.adminNote.trim(),
  });
}

/** Nested values are shown as JSON text up to this length (a flow run link must fit). */
const PROPERTY_VALUE_MAX_LENGTH = 2000;

/**
 * Key/value rows for the admin view. A flow may have written anything here (the docs suggest a flow run link),
 * so JSON objects become rows and any other text is one row with an empty key.
 */
export function parseApprovalProperties(text: string | null | undefined): { entries: Array<{ key: string; value: string }> } | null {
  if (text === null || text === undefined || text.trim() === "") return null;
  const decoded = decodeJsonText(text);
  if (decoded.ok && isJsonObject(decoded.value)) {
    const entries = Object.keys(decoded.value).map((key) => ({
      key,
      value: valueText((decoded.value as Record<string, unknown>)[key], PROPERTY_VALUE_MAX_LENGTH) ?? "",
    }));
    return { entries };
  }
  return { entries: [{ key: "", value: text }] };
}

export interface ApprovalPropertiesSummary {
  approverName: string | null;
  decidedOnUtc: string | null;
  adminNote: string | null;
}

/**
 * Who decided, when, and the admin note, from properties this panel (or a flow writing the same names) recorded;
 * null when the text holds none of them. Admin information: callers show it to administrators only.
 */
export function summarizeApprovalProperties(text: string | null | undefined): ApprovalPropertiesSummary | null {
  const parsed = parseApprovalProperties(text);
  if (parsed === null) return null;
  const find = (name: string): string | null => {
    const entry = parsed.entries.find((e) => e.key.toLowerCase() === name.toLowerCase());
    return entry !== undefined && entry.value.trim() !== "" ? entry.value.trim() : null;
  };
  const summary = { approverName: find("approverName"), decidedOnUtc: find("decidedOnUtc"), adminNote: find("adminNote") };
  return summary.approverName === null && summary.decidedOnUtc === null && summary.adminNote === null ? null : summary;
}
