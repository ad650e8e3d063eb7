/**
 * validationresults: the solution checks the host ran before deploying (stored JSON-encoded twice).
 */
import { compactJson, decodeJsonObject, isJsonObject, nameText, nonEmptyText, propertyOf, readEntries, valueText, type JsonObject, type Parsed } from "./json";

export interface ValidationMessage {
  type: string | null;
  message: string;
  errorCode: string | null;
}

export interface ValidationSummary {
  status: string | null;
  messages: ValidationMessage[];
  missingDependencies: string[];
}

/** Microsoft.Xrm.Sdk.SolutionValidationResultType: the host may write the enum as its number. */
const VALIDATION_RESULT_TYPES: Record<number, string> = { 0: "Info", 1: "Warning", 2: "Error" };

function validationType(value: unknown): string | null {
  if (typeof value === "number" && VALIDATION_RESULT_TYPES[value] !== undefined) return VALIDATION_RESULT_TYPES[value];
  return nonEmptyText(value);
}

/**
 * Shape (Microsoft sample; the column holds it JSON-encoded twice):
 * {ValidationStatus, SolutionValidationResults:[{SolutionValidationResultType, Message, ErrorCode}], SolutionDetails, MissingDependencies}
 */
export function parseValidationResults(text: string | null | undefined): Parsed<ValidationSummary> {
  const decoded = decodeJsonObject(text);
  if (!decoded.ok) return decoded;
  const { root } = decoded;

  const results = readEntries(root, "SolutionValidationResults", validationMessageOf);
  const dependencies = readEntries(root, "MissingDependencies", missingDependencyText);
  return {
    ok: true,
    value: { status: nonEmptyText(propertyOf(root, "ValidationStatus")), messages: results.items, missingDependencies: dependencies.items },
    skippedEntries: results.skipped + dependencies.skipped,
  };
}

/** A result with neither a message nor an error code says nothing: skipped. */
function validationMessageOf(entry: unknown): ValidationMessage | null {
  if (!isJsonObject(entry)) return null;
  const message = nonEmptyText(propertyOf(entry, "Message"));
  const errorCode = nonEmptyText(propertyOf(entry, "ErrorCode"));
  if (message === null && errorCode === null) return null;
  return { type: validationType(propertyOf(entry, "SolutionValidationResultType")), message: message ?? "", errorCode };
}

const NAME_KEYS = ["DisplayName", "SchemaName", "Name", "LogicalName", "UniqueName"];

function firstName(object: JsonObject, prefix: string): string | null {
  for (const key of NAME_KEYS) {
    const name = nameText(propertyOf(object, prefix + key));
    if (name !== null) return name;
  }
  return null;
}

/**
 * One line for a missing dependency. Strings are kept; objects use the MissingDependency fields of the
 * Dataverse SDK (RequiredComponentDisplayName/SchemaName/Type, DependentComponent…, as StageSolution returns them),
 * else a plain name property, else compact JSON. Language-neutral: no words, only names and symbols.
 */
function missingDependencyText(entry: unknown): string | null {
  if (typeof entry === "string") return entry.trim() === "" ? null : entry.trim();
  if (typeof entry === "number" || typeof entry === "boolean") return String(entry);
  if (!isJsonObject(entry)) return null;

  const required = firstName(entry, "RequiredComponent");
  if (required !== null) {
    const parent = firstName(entry, "RequiredComponentParent");
    const type = nameText(valueText(propertyOf(entry, "RequiredComponentType")));
    const dependent = firstName(entry, "DependentComponent");
    let line = parent !== null ? `${parent} › ${required}` : required;
    if (type !== null) line += ` (${type})`;
    if (dependent !== null) line += ` ← ${dependent}`;
    return line;
  }
  // Nested form: {Required: {...}, Dependent: {...}} or {RequiredComponent: {...}}.
  for (const key of ["RequiredComponent", "Required"]) {
    const nested = propertyOf(entry, key);
    if (isJsonObject(nested)) {
      const name = firstName(nested, "");
      if (name !== null) return name;
    }
  }
  const name = firstName(entry, "");
  if (name !== null) return name;
  return Object.keys(entry).length === 0 ? null : compactJson(entry);
}

/** What a component is called, as validation results may name it: display name, logical name, table. */
export interface ValidationSubject {
  names: ReadonlyArray<string | null | undefined>;
}

/** Names shorter than this match too much ("id", "no") to tell which component a message is about. */
const MIN_NAME_LENGTH = 4;
const WORD_CHARACTER = /[\p{L}\p{N}_]/u;

/** `name` in `text` as a whole word, case-insensitively: "contoso_costcenter" is not found in "contoso_costcenter2". */
function mentions(text: string, name: string): boolean {
  const haystack = text.toLowerCase();
  const needle = name.toLowerCase();
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = at === 0 ? "" : haystack[at - 1];
    const after = haystack[at + needle.length] ?? "";
    if (!WORD_CHARACTER.test(before) && !WORD_CHARACTER.test(after)) return true;
  }
  return false;
}

/**
 * The validation messages and missing dependencies that name a component (by any of its names, as a whole word), so
 * they can be shown beside that component's change. The host's texts are matched, never interpreted.
 */
export function validationConcerning(summary: ValidationSummary, subject: ValidationSubject): { messages: ValidationMessage[]; missingDependencies: string[] } {
  const names = [...new Set(subject.names.filter((n): n is string => typeof n === "string" && n.trim().length >= MIN_NAME_LENGTH).map((n) => n.trim()))];
  if (names.length === 0) return { messages: [], missingDependencies: [] };
  const named = (text: string): boolean => names.some((name) => mentions(text, name));
  return {
    messages: summary.messages.filter((m) => named(m.message)),
    missingDependencies: summary.missingDependencies.filter(named),
  };
}
