/**
 * Solution versions as Dataverse writes them: major.minor.build.revision, each a whole number.
 * Compared part by part as numbers ("1.10.0.0" is newer than "1.9.0.0"); missing parts count as 0 ("1.4" = "1.4.0.0").
 */

/** Dataverse takes at most four parts; each at most 2,147,483,647 (Int32). */
const MAX_PARTS = 4;
const VERSION = /^\d{1,10}(\.\d{1,10}){0,3}$/;

/** The four numeric parts, or null for text that is not a version (empty, letters, five parts, negative numbers). */
export function parseVersion(text: string | null | undefined): number[] | null {
  if (typeof text !== "string") return null;
  const trimmed = text.trim();
  if (!VERSION.test(trimmed)) return null;
  const parts = trimmed.split(".").map(Number);
  if (parts.some((p) => !Number.isSafeInteger(p))) return null;
  while (parts.length < MAX_PARTS) parts.push(0);
  return parts;
}

/** -1 when a is older than b, 0 when equal, 1 when newer; null when either is not a version. */
export function compareVersions(a: string | null | undefined, b: string | null | undefined): -1 | 0 | 1 | null {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (left === null || right === null) return null;
  for (let i = 0; i < MAX_PARTS; i++) {
    if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
  }
  return 0;
}
