import { normalizeGuid } from "./ids";
import { decodeJsonText, isJsonObject, valueText } from "./json";
import { ApprovalStatusValue, type CurrentUser, type DecisionValue } from "./types";

/** The size of the relay table's ApprovalProperties column; the panel keeps the action's text within it too. */
export const APPROVAL_PROPERTIES_MAX_LENGTH = 4000;

/** What a stage policy adds: the policy, the ticked checklist items and the review fingerprint (docs/approval-policy.md). */
export interface PolicyProperties {
  policyId: string;
  checklist: string[];
  fingerprint: { value: string; parts: string[] } | null;
}

/**
 * ApprovalProperties is admin-only information in the host (Microsoft Learn). It holds who decided,
 * what and when, from which panel version, and the optional admin note: nothing secret (no roles, no tokens).
 * With a stage policy it also holds what the approver confirmed and the fingerprint of what they were shown.
 * The text stays within APPROVAL_PROPERTIES_MAX_LENGTH: the admin note is cut first (marked with "…").
 */
export function buildApprovalProperties(input: {
  user: CurrentUser;
  decision: DecisionValue;
  decidedAt: Date;
  panelVersion: string;
  adminNote: string;
  policy?: PolicyProperties | null;
}): string {
  const build = (adminNote: string): string =>
    JSON.stringify({
      approverId: normalizeGuid(input.user.id) ?? input.user.id,
      approverName: input.user.name,
      decision: input.decision === ApprovalStatusValue.Approved ? "Approved" : "Rejected",
      decisionValue: input.decision,
      decidedOnUtc: input.decidedAt.toISOString(),
      panelVersion: input.panelVersion,
      adminNote,
      ...(input.policy
        ? {
            policyId: input.policy.policyId,
            checklist: input.policy.checklist,
            reviewFingerprint: input.policy.fingerprint?.value ?? null,
            reviewedParts: input.policy.fingerprint?.parts ?? [],
          }
        : {}),
    });
  const note = input.adminNote.trim();
  const full = build(note);
  if (full.length <= APPROVAL_PROPERTIES_MAX_LENGTH || note === "") return full;
  // JSON escaping can make a character longer than one, so cut by what the whole text measures.
  const over = full.length - APPROVAL_PROPERTIES_MAX_LENGTH;
  return build(`${note.slice(0, Math.max(0, note.length - over - 1))}…`);
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
