/**
 * Parsers for the run's free-text columns (deploymentsettingsjson, validationresults, errormessage).
 * The host stores these as plain strings, so every parser must survive empty, malformed and
 * oddly encoded input and say what went wrong instead of throwing.
 */

export type ParseProblem = "empty" | "invalidJson" | "wrongShape";

export type Parsed<T> =
  | { ok: true; value: T; skippedEntries: number }
  | { ok: false; problem: ParseProblem; detail: string | null };

export interface EnvironmentVariableSetting {
  schemaName: string;
  value: string | null;
}

export interface ConnectionReferenceSetting {
  logicalName: string;
  connectionId: string | null;
  connectorId: string | null;
}

export interface DeploymentSettings {
  environmentVariables: EnvironmentVariableSetting[];
  connectionReferences: ConnectionReferenceSetting[];
}

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

export interface ReadableError {
  summary: string;
  details: string | null;
}

type JsonObject = Record<string, unknown>;

/** How many times a JSON string holding JSON is unwrapped (validationresults is stored encoded twice). */
export const MAX_JSON_LAYERS = 3;
/** Longest one-line text made from an object (missing dependency, odd values). */
const COMPACT_JSON_MAX_LENGTH = 300;
const COMPACT_JSON_MAX_DEPTH = 4;
export const ERROR_SUMMARY_MAX_LENGTH = 1000;
export const ERROR_DETAILS_MAX_LENGTH = 4000;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export type DecodedJson = { ok: true; value: unknown } | { ok: false; problem: ParseProblem; detail: string | null };

/**
 * JSON.parse, then parse again while the result is a string that itself looks like JSON
 * (a JSON string holding JSON), at most `maxLayers` parses in all.
 * A string that does not look like JSON after the first layer is returned as the string.
 */
export function decodeJsonText(text: string | null | undefined, maxLayers: number = MAX_JSON_LAYERS): DecodedJson {
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
export function valueText(value: unknown, maxJsonLength: number = COMPACT_JSON_MAX_LENGTH): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return compactJson(value, maxJsonLength);
}

/**
 * JSON text of a value with bounded depth and length. JSON.stringify recurses without limit and a
 * deeply nested value would overflow the stack; this never goes deeper than COMPACT_JSON_MAX_DEPTH.
 */
export function compactJson(value: unknown, maxLength: number = COMPACT_JSON_MAX_LENGTH): string {
  const out: string[] = [];
  let length = 0;
  const push = (part: string): boolean => {
    out.push(part);
    length += part.length;
    return length <= maxLength;
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
  return complete && text.length <= maxLength ? text : text.slice(0, Math.max(0, maxLength - 1)) + "…";
}

function nonEmptyText(value: unknown): string | null {
  const text = valueText(value);
  if (text === null) return null;
  return text.trim() === "" ? null : text;
}

function nameText(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** The array under `name`; missing/null → empty. A non-array value counts as one skipped entry. */
function arrayProperty(object: JsonObject, name: string): { items: unknown[]; skipped: number } {
  const value = propertyOf(object, name);
  if (value === undefined || value === null) return { items: [], skipped: 0 };
  if (Array.isArray(value)) return { items: value, skipped: 0 };
  return { items: [], skipped: 1 };
}

function shapeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

// ---------------------------------------------------------------------------------------------
// deploymentsettingsjson

/**
 * Shape (Microsoft Learn, pipelines samples):
 * {"EnvironmentVariables":[{"SchemaName","Value"}],"ConnectionReferences":[{"LogicalName","ConnectionId","ConnectorId"}]}
 * Tools write the names in other casings (Microsoft's Terraform provider uses lower case), so names are matched case-insensitively.
 */
export function parseDeploymentSettings(text: string | null | undefined): Parsed<DeploymentSettings> {
  const decoded = decodeJsonText(text);
  if (!decoded.ok) return { ok: false, problem: decoded.problem, detail: decoded.detail };
  const root = decoded.value;
  if (root === null) return { ok: false, problem: "empty", detail: null };
  if (!isJsonObject(root)) return { ok: false, problem: "wrongShape", detail: shapeName(root) };

  let skippedEntries = 0;
  const environmentVariables: EnvironmentVariableSetting[] = [];
  const variables = arrayProperty(root, "EnvironmentVariables");
  skippedEntries += variables.skipped;
  for (const entry of variables.items) {
    const schemaName = isJsonObject(entry) ? nameText(propertyOf(entry, "SchemaName")) : null;
    if (!isJsonObject(entry) || schemaName === null) {
      skippedEntries++;
      continue;
    }
    environmentVariables.push({ schemaName, value: valueText(propertyOf(entry, "Value")) });
  }

  const connectionReferences: ConnectionReferenceSetting[] = [];
  const references = arrayProperty(root, "ConnectionReferences");
  skippedEntries += references.skipped;
  for (const entry of references.items) {
    const logicalName = isJsonObject(entry) ? nameText(propertyOf(entry, "LogicalName")) : null;
    if (!isJsonObject(entry) || logicalName === null) {
      skippedEntries++;
      continue;
    }
    // An empty id means "not set" in settings files.
    connectionReferences.push({
      logicalName,
      connectionId: nonEmptyText(propertyOf(entry, "ConnectionId")),
      connectorId: nonEmptyText(propertyOf(entry, "ConnectorId")),
    });
  }

  return { ok: true, value: { environmentVariables, connectionReferences }, skippedEntries };
}

// ---------------------------------------------------------------------------------------------
// validationresults

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
  const decoded = decodeJsonText(text);
  if (!decoded.ok) return { ok: false, problem: decoded.problem, detail: decoded.detail };
  const root = decoded.value;
  if (root === null) return { ok: false, problem: "empty", detail: null };
  if (!isJsonObject(root)) return { ok: false, problem: "wrongShape", detail: shapeName(root) };

  let skippedEntries = 0;
  const messages: ValidationMessage[] = [];
  const results = arrayProperty(root, "SolutionValidationResults");
  skippedEntries += results.skipped;
  for (const entry of results.items) {
    if (!isJsonObject(entry)) {
      skippedEntries++;
      continue;
    }
    const message = nonEmptyText(propertyOf(entry, "Message"));
    const errorCode = nonEmptyText(propertyOf(entry, "ErrorCode"));
    if (message === null && errorCode === null) {
      skippedEntries++;
      continue;
    }
    messages.push({ type: validationType(propertyOf(entry, "SolutionValidationResultType")), message: message ?? "", errorCode });
  }

  const missingDependencies: string[] = [];
  const dependencies = arrayProperty(root, "MissingDependencies");
  skippedEntries += dependencies.skipped;
  for (const entry of dependencies.items) {
    const line = missingDependencyText(entry);
    if (line === null) skippedEntries++;
    else missingDependencies.push(line);
  }

  return {
    ok: true,
    value: { status: nonEmptyText(propertyOf(root, "ValidationStatus")), messages, missingDependencies },
    skippedEntries,
  };
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

// ---------------------------------------------------------------------------------------------
// errormessage

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", nbsp: " " };

/** Decodes XML/HTML character references once (so "&amp;lt;" becomes the text "&lt;"). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (whole, body: string) => {
    if (body.charAt(0) === "#") {
      const code = body.charAt(1) === "x" || body.charAt(1) === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\uFFFD";
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[body.toLowerCase()];
    return named !== undefined ? named : whole;
  });
}

function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function cap(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1).trimEnd() + "…";
}

/**
 * Markup to text: CDATA content is kept as it is, tags become spaces, entities are decoded.
 * Linear time: `<[^<>]*>` stops at the next "<", and CDATA is found with indexOf.
 */
function markupToText(markup: string): string {
  const parts: string[] = [];
  let position = 0;
  while (position < markup.length) {
    const start = markup.indexOf("<![CDATA[", position);
    const plainEnd = start === -1 ? markup.length : start;
    parts.push(decodeEntities(markup.slice(position, plainEnd).replace(/<[^<>]*>/g, " ")));
    if (start === -1) break;
    const end = markup.indexOf("]]>", start + 9);
    if (end === -1) {
      parts.push(markup.slice(start + 9));
      break;
    }
    parts.push(markup.slice(start + 9, end));
    position = end + 3;
  }
  return parts.join("");
}

function looksLikeMarkup(text: string): boolean {
  return /<\/?[A-Za-z][\w.:-]*(?:\s[^<>]{0,500})?\/?>/.test(text);
}

/** Opening tag of a message element, any namespace prefix; attribute text bounded so a broken tag cannot cost more than 500 steps. */
const MESSAGE_OPEN = /<((?:[\w.-]+:)?(?:Message|faultstring|ErrorMessage))(\s[^<>]{0,500})?>/gi;

interface FoundElement {
  start: number;
  end: number;
  content: string;
}

/** Closing tags by local name; any prefix, since the prefix of a broken document may not match the opening one. */
const MESSAGE_CLOSE: Record<string, RegExp> = {
  message: /<\/(?:[\w.-]+:)?message\s*>/gi,
  faultstring: /<\/(?:[\w.-]+:)?faultstring\s*>/gi,
  errormessage: /<\/(?:[\w.-]+:)?errormessage\s*>/gi,
};

/**
 * The first message element with text. Linear in the input: a name whose closing tag is missing is
 * searched once, and an empty element is skipped whole (with the candidates nested in it).
 */
function findMessageElement(text: string): FoundElement | null {
  const unclosed = new Set<string>();
  MESSAGE_OPEN.lastIndex = 0;
  let open: RegExpExecArray | null;
  while ((open = MESSAGE_OPEN.exec(text)) !== null) {
    const attributes = open[2] ?? "";
    if (attributes.endsWith("/")) continue; // <Message i:nil="true"/>
    const localName = open[1].slice(open[1].indexOf(":") + 1).toLowerCase();
    if (unclosed.has(localName)) continue;
    const close = MESSAGE_CLOSE[localName];
    const contentStart = open.index + open[0].length;
    close.lastIndex = contentStart;
    const closeMatch = close.exec(text);
    if (closeMatch === null) {
      unclosed.add(localName);
      continue;
    }
    const end = closeMatch.index + closeMatch[0].length;
    const content = text.slice(contentStart, closeMatch.index);
    if (foldWhitespace(markupToText(content)) === "") {
      MESSAGE_OPEN.lastIndex = end;
      continue;
    }
    return { start: open.index, end, content };
  }
  return null;
}

function removeAll(text: string, part: string): string {
  return part === "" ? text : text.split(part).join(" ");
}

/** {"error":{"code","message"}} (Web API) or {"message"}: the same error text in JSON form. */
function jsonErrorOf(text: string): ReadableError | null {
  if (text.charAt(0) !== "{") return null;
  const decoded = decodeJsonText(text, 1);
  if (!decoded.ok || !isJsonObject(decoded.value)) return null;
  const inner = propertyOf(decoded.value, "error");
  const source = isJsonObject(inner) ? inner : decoded.value;
  const message = nameText(propertyOf(source, "message"));
  if (message === null) return null;
  const code = nameText(valueText(propertyOf(source, "code")));
  return { summary: cap(foldWhitespace(message), ERROR_SUMMARY_MAX_LENGTH), details: code };
}

/**
 * The errormessage column can hold raw fault text or SOAP/XML (Microsoft Learn, table reference).
 * Returns text only (never markup): the message element as the summary, the rest as details.
 */
export function readableErrorMessage(raw: string | null | undefined): ReadableError | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.trim();
  if (text === "") return null;

  const fromJson = jsonErrorOf(text);
  if (fromJson !== null) return fromJson;

  if (looksLikeMarkup(text)) {
    const element = findMessageElement(text);
    const all = foldWhitespace(markupToText(text));
    if (all === "") return null;
    if (element !== null) {
      const fullSummary = foldWhitespace(markupToText(element.content));
      const rest = markupToText(text.slice(0, element.start) + " " + text.slice(element.end));
      // SOAP faults repeat the message (faultstring and Message): do not show it twice.
      const details = foldWhitespace(removeAll(foldWhitespace(rest), fullSummary));
      return {
        summary: cap(fullSummary, ERROR_SUMMARY_MAX_LENGTH),
        details: details === "" ? null : cap(details, ERROR_DETAILS_MAX_LENGTH),
      };
    }
    return splitLongText(all);
  }
  return splitLongText(foldWhitespace(text));
}

/** Short text is the summary; long text gets a shortened summary and the whole text (capped) as details. */
function splitLongText(text: string): ReadableError {
  if (text.length <= ERROR_SUMMARY_MAX_LENGTH) return { summary: text, details: null };
  return { summary: cap(text, ERROR_SUMMARY_MAX_LENGTH), details: cap(text, ERROR_DETAILS_MAX_LENGTH) };
}
