import { sortedJson } from "./json";

/**
 * The review fingerprint (docs/approval-policy.md): SHA-256 over what the approver was shown, so an auditor can tell
 * later whether a decision was made on the same settings, validation results and changes as the run holds now.
 */

export type ReviewedPart = "run" | "version" | "settings" | "validation" | "changes";

export interface ReviewInput {
  runId: string;
  artifactVersion: string | null;
  deploymentSettingsJson: string | null;
  validationResults: string | null;
  /** The "What changes" summary, when the approver opened it (counts per kind and risk ids); null when not opened. */
  changes: unknown;
  /**
   * The whole comparison the approver was shown (every component added, removed or changed, with its fingerprints), as
   * language-neutral text; null or absent when not opened. Part of "changes": the fingerprint then covers every change,
   * not only the counts.
   */
  comparison?: string | null;
}

/** The text that is hashed, and the parts that went into it. Settings and validation are hashed as the run holds them. */
export function reviewText(input: ReviewInput): { text: string; parts: ReviewedPart[] } {
  const parts: ReviewedPart[] = ["run", "version", "settings", "validation"];
  const value: Record<string, unknown> = {
    runId: input.runId.toLowerCase(),
    version: input.artifactVersion,
    settings: input.deploymentSettingsJson,
    validation: input.validationResults,
  };
  if (input.changes !== null && input.changes !== undefined) {
    value.changes = input.changes;
    if (typeof input.comparison === "string" && input.comparison !== "") value.comparison = input.comparison;
    parts.push("changes");
  }
  return { text: sortedJson(value), parts };
}

/**
 * "sha256:<64 hex digits>", or null where Web Crypto is missing (it needs a secure context; Dataverse pages are HTTPS).
 * `subtleCrypto` is for tests (null: none).
 */
export async function reviewFingerprint(input: ReviewInput, subtleCrypto?: SubtleCrypto | null): Promise<{ value: string; parts: ReviewedPart[] } | null> {
  const subtle = subtleCrypto === undefined ? globalThis.crypto?.subtle : subtleCrypto;
  if (!subtle) return null;
  const { text, parts } = reviewText(input);
  try {
    const digest = await subtle.digest("SHA-256", new TextEncoder().encode(text));
    const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
    return { value: `sha256:${hex}`, parts };
  } catch {
    return null;
  }
}
