/**
 * Decoding for the run's free-text JSON columns (deploymentsettingsjson, validationresults, approval properties).
 * The host stores these as plain strings, so every reader must survive empty, malformed and oddly encoded input
 * and say what went wrong instead of throwing.
 */

export type ParseProblem = "empty" | "invalidJson" | "wrongShape";

export type Parsed<T> = { ok: true; value: T; skippedEntries: number } | { ok: false; problem: ParseProblem; detail: string | null };

export type JsonObject = Record<string, unknown>;

/** How many times a JSON string holding JSON is unwrapped (validationresults is stored encoded twice). */
export const MAX_JSON_LAYERS = 3;
/** Longest one-line text made from an object (missing dependency, odd values). */
const COMPACT_JSON_MAX_LENGTH = 300;
const COMPACT_JSON_MAX_DEPTH = 4;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export type DecodedJson = { ok: true; value: unknown } | { ok: false; problem: ParseProblem; detail: string | null };

/**
 * JSON.parse, then parse again while the result is a string that itself looks like JSON
 * (a JSON string holding JSON), at most `maxLayers` parses in all.
 * A string that does not look like JSON after the first layer is returned as the string.
 */
export function decodeJsonText(text: string | null | undefined, maxLayers?: number): DecodedJson {
  maxLayers ??= MAX_JSON_LAYERS;
  if (text === null || text === undefined) return { ok: false, problem: "empty", detail: null };
  // A byte order mark survives some exports and makes JSON.parse fail.
  let current = text.replace(/^\uFEFF/, "").trim();
  if (current === "") return { ok: false, problem: "empty", detail: null };
  let value: unknown = current;
  for (let layer = 0; layer < maxLayers; layer++) {
    try {
      value = JSON.parse(current);
    } catch (error) {
      // Also reached for an inner string that starts like JSON but is broken.
      return { ok: false, problem: "invalidJson", detail: errorText(error) };
    }
    if (typeof value !== "string") return { ok: true, value };
    current = value.trim();
    if (current === "") return { ok: false, problem: "empty", detail: null };
    if (!looksLikeJson(current)) return { ok: true, value };
  }
  return { ok: true, value };
}

function looksLikeJson(text: string): boolean {
  const first = text.charAt(0);
  return first === "{" || first === "[" || first === '"';
}

function errorText(error: unknown): string | null {
  return error instanceof Error ? error.message : null;
}

/** Reads a property whatever its casing (SchemaName, schemaName, schemaname): hosts and tools differ. */
export function propertyOf(object: JsonObject, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(object, name)) return object[name];
  const wanted = name.toLowerCase();
  for (const key of Object.keys(object)) {
    if (key.toLowerCase() === wanted && object[key] !== undefined) return object[key];
  }
  return undefined;
}

/** Text for a scalar or a structure; null for null/undefined. Objects become (bounded) JSON text. */
export function valueText(value: unknown, maxJsonLength?: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return compactJson(value, maxJsonLength);
}

/**
 * JSON text of a value with bounded depth and length. JSON.stringify recurses without limit and a
 * deeply nested value would overflow the stack; this never goes deeper than COMPACT_JSON_MAX_DEPTH.
 */
export function compactJson(value: unknown, maxLength?: number): string {
  const limit = maxLength ?? COMPACT_JSON_MAX_LENGTH;
  const out: string[] = [];
  let length = 0;
  const push = (part: string): boolean => {
    out.push(part);
    length += part.length;
    return length <= limit;
  };
  const write = (item: unknown, depth: number): boolean => {
    if (item === null || item === undefined) return push("null");
    if (typeof item === "string") return push(JSON.stringify(item));
    if (typeof item === "number" || typeof item === "boolean") return push(String(item));
    if (typeof item !== "object") return push("null");
    if (Array.isArray(item)) {
      if (depth >= COMPACT_JSON_MAX_DEPTH) return push(item.length === 0 ? "[]" : "[…]");
      if (!push("[")) return false;
      for (let i = 0; i < item.length; i++) {
        if (i > 0 && !push(",")) return false;
        if (!write(item[i], depth + 1)) return false;
      }
      return push("]");
    }
    const keys = Object.keys(item as JsonObject);
    if (depth >= COMPACT_JSON_MAX_DEPTH) return push(keys.length === 0 ? "{}" : "{…}");
    if (!push("{")) return false;
    for (let i = 0; i < keys.length; i++) {
      if (i > 0 && !push(",")) return false;
      if (!push(JSON.stringify(keys[i]) + ":")) return false;
      if (!write((item as JsonObject)[keys[i]], depth + 1)) return false;
    }
    return push("}");
  };
  const complete = write(value, 0);
  const text = out.join("");
  return complete && text.length <= limit ? text : text.slice(0, Math.max(0, limit - 1)) + "…";
}

export function nonEmptyText(value: unknown): string | null {
  const text = valueText(value);
  if (text === null) return null;
  return text.trim() === "" ? null : text;
}

/** A trimmed name, or null for anything that is not a non-blank string. */
export function nameText(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/**
 * The entries of the array under `name`, each read by `read`; an entry it cannot make sense of (null) is skipped
 * and counted. Missing/null → no entries; a non-array value counts as one skipped entry.
 */
export function readEntries<T>(object: JsonObject, name: string, read: (entry: unknown) => T | null): { items: T[]; skipped: number } {
  const value = propertyOf(object, name);
  if (value === undefined || value === null) return { items: [], skipped: 0 };
  if (!Array.isArray(value)) return { items: [], skipped: 1 };
  const items: T[] = [];
  let skipped = 0;
  for (const entry of value) {
    const item = read(entry);
    if (item === null) skipped++;
    else items.push(item);
  }
  return { items, skipped };
}

function shapeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

export type DecodedObject = { ok: true; root: JsonObject } | { ok: false; problem: ParseProblem; detail: string | null };

/** A column whose JSON must be an object at the top: `null` counts as empty, any other shape is named in the detail. */
export function decodeJsonObject(text: string | null | undefined): DecodedObject {
  const decoded = decodeJsonText(text);
  if (!decoded.ok) return decoded;
  const root = decoded.value;
  if (root === null) return { ok: false, problem: "empty", detail: null };
  if (!isJsonObject(root)) return { ok: false, problem: "wrongShape", detail: shapeName(root) };
  return { ok: true, root };
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function sortedJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v !== null && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(value)) ?? "null";
}
