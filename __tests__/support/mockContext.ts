/**
 * A typed PCF context for component, hook and data-layer tests, backed by an in-memory pipelines host.
 *
 * Quick start:
 *   const host = createMockContext();                       // stage owner on the pending owner-stage run
 *   const host = createMockContext({ user: USERS.requester, recordId: IDS.runs.approved });
 *   host.context                                            // ComponentFramework.Context<IInputs> (+ mode.contextInfo, page)
 *   host.fetchFn                                            // pass as fetchFn to createDataverseRepository (UpdateApprovalStatus)
 *   host.calls / host.fetchCalls / host.openFormCalls       // what the code under test did
 *   host.tables.deploymentstagerun                          // the live store (rows as Web API JSON); mutate freely
 *
 * Options (all optional), see MockContextOptions below:
 *   user, recordId, entityTypeName, clientUrl, parameters (raw manifest values: "yes"/"no", number, string|null),
 *   tables (replace a table's rows), omitTables, columns (declare columns of an empty table),
 *   missingColumns { table: [cols] }: an older host: $select/$filter/$orderby of such a column rejects with a
 *     400-like error; a read without $select omits the keys,
 *   missingNavigationProperties { table: [nav] }: $expand / nav paths of such a property reject with 400,
 *   faults: [{ method, entity?, when?, error? | hang? | response?, times? }] (also host.addFault / host.clearFaults),
 *   actionHandler (or host.setActionHandler): replace the UpdateApprovalStatus behaviour; host.defaultAction keeps it callable,
 *   errorsIncludeStatus: add `status` (HTTP) to the mock's own webAPI errors, as the playground does (the real
 *     context.webAPI gives only message/errorCode/code),
 *   strings (override resx values), languageId, isRTL, allocatedWidth, fluentDesignLanguage, formatTime,
 *   omit: ["webAPI" | "contextInfo" | "page" | "formatting" | "securityRoles"],
 *   harness: true → like Microsoft's pcf-start harness: webAPI methods reject with its Error texts, no entityTypeName,
 *     no record id, and a #control-dimensions element in the document (removed after each test).
 *
 * Errors from webAPI look like Xrm.WebApi's: { message, errorCode: number, code: number, title } (+ status,
 * retryAfterSeconds when given). Build your own with webApiError(). Responses for fetch with mockResponse().
 * The default UpdateApprovalStatus handler applies the host's documented rules: Service Principal stages refuse
 * everyone (403), Stage Owner stages refuse anyone but the owner (403), a run that is not pending is refused (400);
 * success answers 204 and updates the stored run (approvalstatus/comments/properties; rejection → stagerunstatus Failed).
 * userSettings.userId comes with braces and upper case, as in the real host.
 */
import { afterEach } from "@jest/globals";
import * as fs from "fs";
import * as path from "path";
import { XMLParser } from "fast-xml-parser";
import { ACTION_MESSAGES, decisionRefusal } from "../../fakehost/index.cjs";
import type { IInputs } from "../../ApprovalPanel/generated/ManifestTypes";
import {
  choice,
  createFixtureTables,
  dateValue,
  FIXTURE_COLUMNS,
  formatLikeHost,
  IDS,
  LABELS,
  lookup,
  LOOKUP_TABLE,
  type Row,
  USERS,
} from "./fixtures";

export type WebApiMethod = "retrieveRecord" | "retrieveMultipleRecords" | "createRecord" | "updateRecord" | "deleteRecord";

export interface WebApiCall {
  method: WebApiMethod;
  entity: string;
  id?: string;
  options?: string;
  maxPageSize?: number;
  data?: Row;
}

export interface FetchCall {
  url: string;
  method: string;
  /** Header names lower case (as the Headers class gives them). */
  headers: Record<string, string>;
  body: string | null;
  credentials: RequestCredentials | undefined;
  signal: AbortSignal | null;
}

export interface Fault {
  method: WebApiMethod | "fetch";
  entity?: string;
  when?: (call: WebApiCall | FetchCall) => boolean;
  /** Reject with this value (fetch: e.g. new TypeError("Failed to fetch")). */
  error?: unknown;
  /** Never settle. A hanging fetch still rejects when its AbortSignal aborts, as a real fetch does. */
  hang?: boolean;
  /** fetch only: answer with this response. */
  response?: () => Response;
  /** How many calls this fault applies to; default: every call. */
  times?: number;
}

export type ActionHandler = (call: FetchCall, host: MockHost) => Response | Promise<Response>;

export interface MockUser {
  id: string;
  name: string;
  securityRoles?: string[];
}

export interface MockParameters {
  boundField?: string | null;
  requireRejectComment?: string | null;
  requireApproveComment?: string | null;
  allowSelfApproval?: string | null;
  historyPageSize?: number | null;
  decisionRelayTable?: string | null;
}

export type OmittablePart = "webAPI" | "contextInfo" | "page" | "formatting" | "securityRoles";

export interface MockContextOptions {
  /** Default: USERS.stageOwner. */
  user?: MockUser;
  /** Passed verbatim to contextInfo.entityId / page.entityId. Default IDS.runs.pendingOwner (harness: null). */
  recordId?: string | null;
  /** Default "deploymentstagerun" (harness: null). */
  entityTypeName?: string | null;
  /** Default "https://contoso.crm.dynamics.com". */
  clientUrl?: string | null;
  parameters?: MockParameters;
  tables?: Record<string, Row[]>;
  omitTables?: string[];
  columns?: Record<string, readonly string[]>;
  missingColumns?: Record<string, readonly string[]>;
  missingNavigationProperties?: Record<string, readonly string[]>;
  faults?: Fault[];
  actionHandler?: ActionHandler;
  errorsIncludeStatus?: boolean;
  strings?: Record<string, string>;
  languageId?: number;
  isRTL?: boolean;
  allocatedWidth?: number;
  fluentDesignLanguage?: ComponentFramework.FluentDesignState;
  formatTime?: (value: Date, behavior: number) => string;
  omit?: OmittablePart[];
  harness?: boolean;
}

/** Fields the real host has but the PCF type definitions lack. */
export interface ContextExtras {
  mode: ComponentFramework.Mode & {
    contextInfo?: { entityId: string | null; entityTypeName: string | null; entityRecordName: string | null };
  };
  page?: { entityId: string | null; entityTypeName: string | null; isPageReadOnly: boolean; getClientUrl(): string };
}

export type MockContext = Omit<ComponentFramework.Context<IInputs>, "mode"> & ContextExtras;

export interface MockHost {
  /** The context typed as PCF declares it (the extras are there at run time). */
  context: ComponentFramework.Context<IInputs>;
  /** The same object with the undeclared extras typed. */
  raw: MockContext;
  tables: Record<string, Row[]>;
  calls: WebApiCall[];
  fetchCalls: FetchCall[];
  fetchFn: typeof fetch;
  openFormCalls: Array<ComponentFramework.NavigationApi.EntityFormOptions>;
  openUrlCalls: string[];
  formatTimeCalls: Array<{ value: Date; behavior: number }>;
  trackContainerResizeCalls: boolean[];
  requestRenderCount: () => number;
  addFault(fault: Fault): void;
  clearFaults(): void;
  setActionHandler(handler: ActionHandler | null): void;
  defaultAction: ActionHandler;
  /** The stored row (live object) of a table by id, case-insensitive. */
  row(table: string, id: string): Row | undefined;
  /** Columns the mock host's table has (after missingColumns). */
  columnsOf(table: string): string[];
}

export const DEFAULT_CLIENT_URL = "https://contoso.crm.dynamics.com";
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

// ---- errors and responses --------------------------------------------------------------------------

export interface WebApiErrorInit {
  /** Hex Dataverse error code, e.g. "0x80040217". */
  code: string;
  message: string;
  /** HTTP status: only added when given (the real context.webAPI does not expose it). */
  status?: number;
  retryAfterSeconds?: number;
}

/** An error shaped like the ones context.webAPI / Xrm.WebApi reject with. */
export function webApiError(init: WebApiErrorInit): Record<string, unknown> {
  const n = parseInt(init.code, 16);
  const error: Record<string, unknown> = { message: init.message, errorCode: n, code: n, title: init.message };
  if (init.status !== undefined) error.status = init.status;
  if (init.retryAfterSeconds !== undefined) error.retryAfterSeconds = init.retryAfterSeconds;
  return error;
}

/** A minimal fetch Response (jsdom has none). Objects become JSON bodies. */
export function mockResponse(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  const text = body === undefined || body === null ? "" : typeof body === "string" ? body : JSON.stringify(body);
  const h = new Headers(headers);
  if (typeof body === "object" && body !== null && !h.has("content-type")) h.set("content-type", "application/json; odata.metadata=minimal");
  const make = (): Response =>
    ({
      ok: status >= 200 && status < 300,
      status,
      statusText: String(status),
      headers: h,
      redirected: false,
      type: "basic",
      url: "",
      bodyUsed: false,
      text: async () => text,
      json: async () => JSON.parse(text) as unknown,
      clone: () => make(),
    }) as unknown as Response;
  return make();
}

/** The Dataverse error body: {"error":{"code":"0x…","message":"…"}}. */
export function dataverseErrorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return mockResponse(status, { error: { code, message } }, headers);
}

/** The refusal texts of UpdateApprovalStatus, from the fake host shared with the playground. */
export { ACTION_MESSAGES };

class ODataError extends Error {
  constructor(
    readonly status: number,
    readonly hexCode: string,
    message: string,
  ) {
    super(message);
  }
}

// ---- resx -----------------------------------------------------------------------------------------

let resxCache: Record<string, string> | null = null;

/** Strings from ApprovalPanel/strings/ApprovalPanel.1033.resx (read once per test file). */
export function resxStrings(): Record<string, string> {
  if (resxCache) return resxCache;
  const file = path.resolve(__dirname, "../../ApprovalPanel/strings/ApprovalPanel.1033.resx");
  const xml = fs.readFileSync(file, "utf8");
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false, trimValues: false }).parse(xml) as {
    root?: { data?: unknown };
  };
  const data = parsed.root?.data;
  const list = (Array.isArray(data) ? data : data ? [data] : []) as Array<{ "@name"?: string; value?: unknown }>;
  const out: Record<string, string> = {};
  for (const entry of list) {
    if (entry["@name"]) out[entry["@name"]] = entry.value === undefined || entry.value === null ? "" : String(entry.value);
  }
  resxCache = out;
  return out;
}

// ---- OData subset ----------------------------------------------------------------------------------

type Literal = string | number | boolean | null | { guid: string } | { date: number };
/** An OData DateTimeOffset literal, unquoted: 2025-03-14T09:12:33Z or with milliseconds and an offset. */
const DATE_LITERAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
type FilterNode =
  | { type: "cmp"; path: string[]; op: "eq" | "ne" | "gt" | "ge" | "lt" | "le"; value: Literal }
  | { type: "and" | "or"; left: FilterNode; right: FilterNode };

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const ws = /^\s+/.exec(rest);
    if (ws) {
      i += ws[0].length;
      continue;
    }
    if (rest[0] === "(" || rest[0] === ")") {
      tokens.push(rest[0]);
      i++;
      continue;
    }
    if (rest[0] === "'") {
      let j = 1;
      let value = "";
      for (;;) {
        if (j >= rest.length) throw new ODataError(400, "0x80060888", `Syntax error: unterminated string literal in '${text}'.`);
        if (rest[j] === "'") {
          if (rest[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += rest[j];
        j++;
      }
      tokens.push(`'${value}`);
      i += j + 1;
      continue;
    }
    const word = /^[0-9A-Za-z_./:-]+/.exec(rest);
    if (!word) throw new ODataError(400, "0x80060888", `Syntax error at position ${i} in '${text}'.`);
    tokens.push(word[0]);
    i += word[0].length;
  }
  return tokens;
}

function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  let pos = 0;
  const fail = (): never => {
    throw new ODataError(400, "0x80060888", `Syntax error at position ${pos} in '${text}'.`);
  };
  const literal = (tok: string | undefined): Literal => {
    if (tok === undefined) return fail();
    if (tok.startsWith("'")) return tok.slice(1);
    if (tok === "null") return null;
    if (tok === "true") return true;
    if (tok === "false") return false;
    if (GUID.test(tok)) return { guid: tok.toLowerCase() };
    if (DATE_LITERAL.test(tok) && Number.isFinite(Date.parse(tok))) return { date: Date.parse(tok) };
    if (/^-?\d+(\.\d+)?$/.test(tok)) return Number(tok);
    return fail();
  };
  const primary = (): FilterNode => {
    if (tokens[pos] === "(") {
      pos++;
      const inner = orExpr();
      if (tokens[pos] !== ")") fail();
      pos++;
      return inner;
    }
    const field = tokens[pos++];
    if (!field || !/^[A-Za-z_][\w/]*$/.test(field)) fail();
    const op = tokens[pos++];
    if (!op || !["eq", "ne", "gt", "ge", "lt", "le"].includes(op)) fail();
    const value = literal(tokens[pos++]);
    return { type: "cmp", path: field.split("/"), op: op as "eq", value };
  };
  const andExpr = (): FilterNode => {
    let left = primary();
    while (tokens[pos] === "and") {
      pos++;
      left = { type: "and", left, right: primary() };
    }
    return left;
  };
  const orExpr = (): FilterNode => {
    let left = andExpr();
    while (tokens[pos] === "or") {
      pos++;
      left = { type: "or", left, right: andExpr() };
    }
    return left;
  };
  const node = orExpr();
  if (pos !== tokens.length) fail();
  return node;
}

/** Split "?$a=1&$b='x&y'" into options, honouring quotes. */
function splitQuery(options: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!options) return out;
  const text = options.startsWith("?") ? options.slice(1) : options;
  let current = "";
  let quoted = false;
  const parts: string[] = [];
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    if (ch === "&" && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  if (current) parts.push(current);
  for (const part of parts) {
    const eq = part.indexOf("=");
    if (eq < 0) throw new ODataError(400, "0x80060888", `The query parameter '${part}' is not supported.`);
    const key = part.slice(0, eq);
    if (out.has(key)) throw new ODataError(400, "0x80060888", `Query option '${key}' was specified more than once.`);
    out.set(key, part.slice(eq + 1));
  }
  return out;
}

function deepCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function entitySet(table: string): string {
  return `${table}s`;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}

// ---- the mock ---------------------------------------------------------------------------------------

let harnessMarkers: HTMLElement[] = [];

afterEach(() => {
  for (const el of harnessMarkers) el.remove();
  harnessMarkers = [];
});

const HARNESS_TEXT: Record<WebApiMethod, string> = {
  retrieveRecord: "Your control is trying to retrieve a record. This is not yet supported.",
  retrieveMultipleRecords: "Your control is trying to retrieve multiple records. This is not yet supported.",
  createRecord: "Your control is trying to create a record. This is not yet supported.",
  updateRecord: "Your control is trying to update a record. This is not yet supported.",
  deleteRecord: "Your control is trying to delete a record. This is not yet supported.",
};

export function createMockContext(options: MockContextOptions = {}): MockHost {
  const harness = options.harness === true;
  const omit = new Set(options.omit ?? []);
  const user = options.user ?? USERS.stageOwner;
  const userId = user.id.replace(/[{}]/g, "").toLowerCase();
  const clientUrl = options.clientUrl === undefined ? DEFAULT_CLIENT_URL : options.clientUrl;
  const recordId = options.recordId !== undefined ? options.recordId : harness ? null : IDS.runs.pendingOwner;
  const entityTypeName = options.entityTypeName !== undefined ? options.entityTypeName : harness ? null : "deploymentstagerun";

  const tables: Record<string, Row[]> = { ...createFixtureTables(), ...(options.tables ?? {}) };
  for (const t of options.omitTables ?? []) delete tables[t];
  const declared: Record<string, readonly string[]> = { ...FIXTURE_COLUMNS, ...(options.columns ?? {}) };
  const missing = options.missingColumns ?? {};
  const missingNav = options.missingNavigationProperties ?? {};
  const faults: Fault[] = [...(options.faults ?? [])];
  const calls: WebApiCall[] = [];
  const fetchCalls: FetchCall[] = [];
  const openFormCalls: ComponentFramework.NavigationApi.EntityFormOptions[] = [];
  const openUrlCalls: string[] = [];
  const formatTimeCalls: Array<{ value: Date; behavior: number }> = [];
  const trackContainerResizeCalls: boolean[] = [];
  let renderCount = 0;
  let actionHandler: ActionHandler | null = options.actionHandler ?? null;
  let idCounter = 0;

  const toWebApiError = (e: ODataError): Record<string, unknown> =>
    webApiError({ code: e.hexCode, message: e.message, status: options.errorsIncludeStatus ? e.status : undefined });

  const requireTable = (table: string): Row[] => {
    const rows = tables[table];
    if (!rows) throw new ODataError(404, "0x80060888", `Resource not found for the segment '${entitySet(table)}'.`);
    return rows;
  };

  const columnsOf = (table: string): string[] => {
    const known = callMemo?.get(`columns:${table}`);
    if (Array.isArray(known)) return [...(known as string[])];
    const columns = scanColumns(table);
    callMemo?.set(`columns:${table}`, columns);
    return [...columns];
  };

  const scanColumns = (table: string): string[] => {
    const set = new Set<string>(declared[table] ?? []);
    for (const row of tables[table] ?? []) for (const key of Object.keys(row)) if (!key.includes("@")) set.add(key);
    for (const m of missing[table] ?? []) set.delete(m);
    return [...set];
  };

  const requireColumn = (table: string, column: string): void => {
    if (!columnsOf(table).includes(column)) {
      throw new ODataError(400, "0x80060888", `Could not find a property named '${column}' on type 'Microsoft.Dynamics.CRM.${table}'.`);
    }
  };

  /**
   * Column sets and navigation targets already worked out during the current call: tables do not change within one
   * call, and a query over 10,000 rows must not rescan the whole table for every row.
   */
  let callMemo: Map<string, unknown> | null = null;

  /** Single-valued navigation property `nav` of `table` → target table. */
  const navTarget = (table: string, nav: string): string => {
    const memoKey = `nav:${table}/${nav}`;
    const known = callMemo?.get(memoKey);
    if (typeof known === "string") return known;
    const target = resolveNavTarget(table, nav);
    callMemo?.set(memoKey, target);
    return target;
  };

  const resolveNavTarget = (table: string, nav: string): string => {
    const col = `_${nav}_value`;
    const fail = (): never => {
      throw new ODataError(400, "0x80060888", `Could not find a property named '${nav}' on type 'Microsoft.Dynamics.CRM.${table}'.`);
    };
    if ((missingNav[table] ?? []).includes(nav) || !columnsOf(table).includes(col)) return fail();
    for (const row of tables[table] ?? []) {
      const target = row[`${col}${LOOKUP_TABLE}`];
      if (typeof target === "string") return target;
    }
    if (nav === "deploymentstageid") return "deploymentstage";
    return fail();
  };

  const findRow = (table: string, id: string): Row | undefined => {
    const key = `${table}id`;
    const wanted = id.replace(/[{}]/g, "").toLowerCase();
    return (tables[table] ?? []).find((r) => String(r[key]).toLowerCase() === wanted);
  };

  const project = (table: string, row: Row, select: string[] | null): Row => {
    const cols = select ?? columnsOf(table);
    const pk = `${table}id`;
    const out: Row = {};
    if (row["@odata.etag"] !== undefined) out["@odata.etag"] = row["@odata.etag"];
    const wanted = new Set(cols);
    wanted.add(pk);
    for (const col of wanted) {
      out[col] = row[col] === undefined ? null : row[col];
      for (const key of Object.keys(row)) if (key.startsWith(`${col}@`)) out[key] = row[key];
    }
    return deepCopy(out);
  };

  const parseSelect = (table: string, value: string | undefined): string[] | null => {
    if (value === undefined) return null;
    const cols = value.split(",").map((c) => c.trim());
    for (const c of cols) requireColumn(table, c);
    return cols;
  };

  const expandInto = (table: string, row: Row, out: Row, value: string | undefined): void => {
    if (value === undefined) return;
    for (const part of value.split(",")) {
      const m = /^(\w+)(?:\(\$select=([\w,]+)\))?$/.exec(part.trim());
      if (!m) throw new ODataError(400, "0x80060888", `Syntax error in $expand '${value}'.`);
      const target = navTarget(table, m[1]);
      const id = row[`_${m[1]}_value`];
      const targetRow = typeof id === "string" ? findRow(target, id) : undefined;
      out[m[1]] = targetRow ? project(target, targetRow, parseSelect(target, m[2])) : null;
    }
  };

  const validateFilter = (table: string, node: FilterNode): void => {
    if (node.type !== "cmp") {
      validateFilter(table, node.left);
      validateFilter(table, node.right);
      return;
    }
    if (node.path.length === 1) requireColumn(table, node.path[0]);
    else if (node.path.length === 2) requireColumn(navTarget(table, node.path[0]), node.path[1]);
    else throw new ODataError(400, "0x80060888", `Unsupported path '${node.path.join("/")}'.`);
  };

  const valueAt = (table: string, row: Row, p: string[]): unknown => {
    if (p.length === 1) return row[p[0]];
    const target = navTarget(table, p[0]);
    const id = row[`_${p[0]}_value`];
    const targetRow = typeof id === "string" ? findRow(target, id) : undefined;
    return targetRow?.[p[1]];
  };

  const matches = (table: string, row: Row, node: FilterNode): boolean => {
    if (node.type === "and") return matches(table, row, node.left) && matches(table, row, node.right);
    if (node.type === "or") return matches(table, row, node.left) || matches(table, row, node.right);
    if (node.type !== "cmp") return false;
    const actual = valueAt(table, row, node.path);
    const lit = node.value;
    const expected = lit !== null && typeof lit === "object" ? ("guid" in lit ? lit.guid : lit.date) : lit;
    let cmp: number;
    if (lit !== null && typeof lit === "object" && "date" in lit) {
      // Dates compare as instants; a stored value that is not a date never matches (as Dataverse's column type ensures).
      const when = typeof actual === "string" ? Date.parse(actual) : NaN;
      if (!Number.isFinite(when)) return false;
      cmp = when - lit.date;
    } else if (expected === null) cmp = actual === null || actual === undefined ? 0 : 1;
    else if (actual === null || actual === undefined) cmp = -1;
    else if (typeof expected === "string") cmp = String(actual).toLowerCase().localeCompare(expected.toLowerCase());
    else cmp = compareValues(actual, expected);
    switch (node.op) {
      case "eq":
        return cmp === 0;
      case "ne":
        return cmp !== 0;
      case "gt":
        return cmp > 0;
      case "ge":
        return cmp >= 0;
      case "lt":
        return cmp < 0;
      default:
        return cmp <= 0;
    }
  };

  const checkFault = (call: WebApiCall | FetchCall, method: Fault["method"], entity: string | undefined): Fault | null => {
    const fault = faults.find(
      (f) => f.method === method && (f.entity === undefined || f.entity === entity) && (!f.when || f.when(call)) && (f.times ?? Infinity) > 0,
    );
    if (!fault) return null;
    if (fault.times !== undefined) fault.times--;
    return fault;
  };

  const run = async <T>(call: WebApiCall, body: () => T): Promise<T> => {
    calls.push(call);
    const fault = checkFault(call, call.method, call.entity);
    if (fault?.hang) return new Promise<T>(() => undefined);
    if (fault) throw fault.error;
    if (harness) throw new Error(HARNESS_TEXT[call.method]);
    await Promise.resolve();
    callMemo = new Map();
    try {
      return body();
    } catch (e) {
      if (e instanceof ODataError) throw toWebApiError(e);
      throw e;
    } finally {
      callMemo = null;
    }
  };

  const requireGuid = (id: string): void => {
    if (!GUID.test(id.replace(/^\{(.*)\}$/, "$1"))) throw new ODataError(400, "0x80060888", `Bad Request - Error in query syntax: '${id}' is not a valid Guid.`);
  };

  const now = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

  const annotate = (table: string, data: Row): Row => {
    const out: Row = {};
    for (const [key, value] of Object.entries(data)) {
      const labels = (LABELS as unknown as Record<string, Record<number, string> | undefined>)[key];
      if (labels && (typeof value === "number" || value === null)) Object.assign(out, choice(key, value));
      else out[key] = value;
      requireColumn(table, key);
    }
    return out;
  };

  const userName = (): string => {
    const row = findRow("systemuser", userId);
    return typeof row?.fullname === "string" ? row.fullname : user.name;
  };

  const webAPI: ComponentFramework.WebApi = {
    retrieveRecord: (entity, id, opts) =>
      run({ method: "retrieveRecord", entity, id, options: opts }, () => {
        requireTable(entity);
        requireGuid(id);
        const query = splitQuery(opts);
        for (const key of query.keys()) {
          if (key !== "$select" && key !== "$expand") throw new ODataError(400, "0x80060888", `The query parameter '${key}' is not supported.`);
        }
        const select = parseSelect(entity, query.get("$select"));
        const row = findRow(entity, id);
        if (query.has("$expand")) for (const part of query.get("$expand")!.split(",")) navTarget(entity, part.replace(/\(.*$/, "").trim());
        if (!row) throw new ODataError(404, "0x80040217", `${entity} With Id = ${id.replace(/[{}]/g, "").toLowerCase()} Does Not Exist`);
        const out = project(entity, row, select);
        expandInto(entity, row, out, query.get("$expand"));
        return out as ComponentFramework.WebApi.Entity;
      }),

    retrieveMultipleRecords: (entity, opts, maxPageSize) =>
      run({ method: "retrieveMultipleRecords", entity, options: opts, maxPageSize }, () => {
        const rows = requireTable(entity);
        const query = splitQuery(opts);
        for (const key of query.keys()) {
          if (!["$select", "$filter", "$orderby", "$expand", "$skiptoken", "$top"].includes(key)) {
            throw new ODataError(400, "0x80060888", `The query parameter '${key}' is not supported.`);
          }
        }
        const select = parseSelect(entity, query.get("$select"));
        const filterText = query.get("$filter");
        const filter = filterText === undefined ? null : parseFilter(filterText);
        if (filter) validateFilter(entity, filter);
        let result = rows.filter((r) => !filter || matches(entity, r, filter));
        const orderby = query.get("$orderby");
        if (orderby !== undefined) {
          const keys = orderby.split(",").map((part) => {
            const [col, dir = "asc"] = part.trim().split(/\s+/);
            requireColumn(entity, col);
            return { col, desc: dir.toLowerCase() === "desc" };
          });
          result = [...result].sort((a, b) => {
            for (const k of keys) {
              const c = compareValues(a[k.col], b[k.col]);
              if (c !== 0) return k.desc ? -c : c;
            }
            return 0;
          });
        }
        const top = query.get("$top");
        if (top !== undefined) result = result.slice(0, Number(top));
        const pageSize = maxPageSize && maxPageSize > 0 ? maxPageSize : 5000;
        let page = 1;
        const token = query.get("$skiptoken");
        if (token !== undefined) {
          const m = /pagenumber="(\d+)"/.exec(decodeURIComponent(token));
          if (!m) throw new ODataError(400, "0x80060888", "The $skiptoken is not valid.");
          page = Number(m[1]);
        }
        const start = (page - 1) * pageSize;
        const entities = result.slice(start, start + pageSize).map((r) => {
          const out = project(entity, r, select);
          expandInto(entity, r, out, query.get("$expand"));
          return out;
        });
        const response: { entities: Row[]; nextLink?: string } = { entities };
        if (start + pageSize < result.length) {
          const kept = [...query.entries()].filter(([k]) => k !== "$skiptoken").map(([k, v]) => `${k}=${v}`);
          const cookie = `<cookie pagenumber="${page + 1}" pagingcookie="%253ccookie%2520page%253d%2522${page}%2522%253e%253c%252fcookie%253e" istracking="False" />`;
          kept.push(`$skiptoken=${encodeURIComponent(cookie)}`);
          response.nextLink = `${clientUrl ?? "https://localhost"}/api/data/v9.2/${entitySet(entity)}?${kept.join("&")}`;
        }
        return response as ComponentFramework.WebApi.RetrieveMultipleResponse;
      }),

    createRecord: (entity, data) =>
      run({ method: "createRecord", entity, data: deepCopy(data) }, () => {
        const rows = requireTable(entity);
        const id = `00000000-0000-4000-8000-${String(++idCounter).padStart(12, "0")}`;
        const row: Row = {
          "@odata.etag": `W/"${1000 + idCounter}"`,
          [`${entity}id`]: id,
          ...annotate(entity, data),
          ...lookup("createdby", { id: userId, name: userName() }, "systemuser"),
          ...dateValue("createdon", now()),
        };
        rows.push(row);
        return { id, entityType: entity } as unknown as ComponentFramework.LookupValue;
      }),

    updateRecord: (entity, id, data) =>
      run({ method: "updateRecord", entity, id, data: deepCopy(data) }, () => {
        requireTable(entity);
        requireGuid(id);
        const row = findRow(entity, id);
        if (!row) throw new ODataError(404, "0x80040217", `${entity} With Id = ${id} Does Not Exist`);
        Object.assign(row, annotate(entity, data), dateValue("modifiedon", now()));
        return { id: String(row[`${entity}id`]), entityType: entity } as unknown as ComponentFramework.LookupValue;
      }),

    deleteRecord: (entity, id) =>
      run({ method: "deleteRecord", entity, id }, () => {
        const rows = requireTable(entity);
        const row = findRow(entity, id);
        if (!row) throw new ODataError(404, "0x80040217", `${entity} With Id = ${id} Does Not Exist`);
        rows.splice(rows.indexOf(row), 1);
        return { id, entityType: entity } as unknown as ComponentFramework.LookupValue;
      }),
  };

  const defaultAction: ActionHandler = (call) => {
    const expectedUrl = `${clientUrl ?? ""}/api/data/v9.2/UpdateApprovalStatus`;
    if (call.url !== expectedUrl || call.method !== "POST") {
      return dataverseErrorResponse(404, "0x80060888", `Resource not found for the segment '${call.url.split("/").pop() ?? ""}'.`);
    }
    // A host without the approval columns predates delegated deployments: no such action there.
    if (!columnsOf("deploymentstagerun").includes("approvalstatus")) {
      return dataverseErrorResponse(404, "0x80060888", "Resource not found for the segment 'UpdateApprovalStatus'.");
    }
    let body: { StageRunId?: unknown; ApprovalStatus?: unknown; ApprovalComments?: unknown; ApprovalProperties?: unknown };
    try {
      body = JSON.parse(call.body ?? "") as typeof body;
    } catch {
      return dataverseErrorResponse(400, "0x80048d19", "Error identified in Payload provided by the user for Entity :'', The request body is not valid JSON.");
    }
    if (typeof body.StageRunId !== "string" || !GUID.test(body.StageRunId)) {
      return dataverseErrorResponse(400, "0x80048d19", "Error identified in Payload provided by the user: StageRunId is not a valid Guid.");
    }
    if (body.ApprovalStatus !== 20 && body.ApprovalStatus !== 30) {
      return dataverseErrorResponse(400, "0x80040203", `Invalid value for ApprovalStatus: ${String(body.ApprovalStatus)}.`);
    }
    const runRow = findRow("deploymentstagerun", body.StageRunId);
    if (!runRow) return dataverseErrorResponse(404, "0x80040217", `deploymentstagerun With Id = ${body.StageRunId} Does Not Exist`);
    const stageId = runRow._deploymentstageid_value;
    const stage = typeof stageId === "string" ? findRow("deploymentstage", stageId) : undefined;
    // The fake host's rules; this host's own presentation (invented either way): 403 for the delegation refusals, and
    // a run already decided gets the documented "not pending" text.
    const refusal = decisionRefusal({ run: runRow, stage, caller: findRow("systemuser", userId), callerId: userId, nullTypeIsOwner: false });
    if (refusal?.reason === "servicePrincipalOnly" || refusal?.reason === "notOwner") return dataverseErrorResponse(403, "0x80040265", refusal.message);
    if (refusal) return dataverseErrorResponse(400, "0x80040265", ACTION_MESSAGES.notPending);
    Object.assign(
      runRow,
      choice("approvalstatus", body.ApprovalStatus),
      { approvalcomments: typeof body.ApprovalComments === "string" ? body.ApprovalComments : null },
      { approvalproperties: typeof body.ApprovalProperties === "string" ? body.ApprovalProperties : null },
      dateValue("modifiedon", now()),
      lookup("modifiedby", { id: userId, name: userName() }, "systemuser"),
    );
    // Docs: a rejected deployment does not proceed and the run is set to failed.
    if (body.ApprovalStatus === 30) Object.assign(runRow, choice("stagerunstatus", 200000003), dateValue("endtime", now()));
    return mockResponse(204);
  };

  const abortError = (signal: AbortSignal): unknown =>
    (signal as AbortSignal & { reason?: unknown }).reason ?? new DOMException("The operation was aborted.", "AbortError");

  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const call: FetchCall = {
      url,
      method: (init?.method ?? "GET").toUpperCase(),
      headers,
      body: typeof init?.body === "string" ? init.body : null,
      credentials: init?.credentials,
      signal: init?.signal ?? null,
    };
    fetchCalls.push(call);
    const signal = init?.signal ?? null;
    if (signal?.aborted) throw abortError(signal);
    const fault = checkFault(call, "fetch", undefined);
    if (fault?.hang) {
      return new Promise<Response>((_resolve, reject) => {
        signal?.addEventListener("abort", () => reject(abortError(signal)), { once: true });
      });
    }
    if (fault?.response) return fault.response();
    if (fault) throw fault.error;
    await Promise.resolve();
    return (actionHandler ?? defaultAction)(call, host);
  }) as typeof fetch;

  const strings = { ...resxStrings(), ...(options.strings ?? {}) };
  const p = options.parameters ?? {};
  const pick = <T>(key: keyof MockParameters, fallback: T): T => (key in p ? (p[key] as T) : fallback);
  const stringProp = (raw: string | null, type = "SingleLine.Text"): ComponentFramework.PropertyTypes.StringProperty => ({
    raw,
    type,
    error: false,
    errorMessage: "",
    formatted: raw ?? "",
  });
  const enumProp = (raw: string | null) => ({ type: "Enum", raw }) as unknown as ComponentFramework.PropertyTypes.EnumProperty<"yes" | "no">;
  const historyRaw = pick<number | null>("historyPageSize", 20);
  const parameters: IInputs = {
    boundField: stringProp(pick<string | null>("boundField", "ContosoExpenses - UAT - 1.4.0.2")),
    requireRejectComment: enumProp(pick<string | null>("requireRejectComment", "yes")),
    requireApproveComment: enumProp(pick<string | null>("requireApproveComment", "no")),
    allowSelfApproval: enumProp(pick<string | null>("allowSelfApproval", "no")),
    historyPageSize: { raw: historyRaw, type: "Whole.None", error: false, errorMessage: "", formatted: historyRaw === null ? "" : String(historyRaw) },
    decisionRelayTable: stringProp(pick<string | null>("decisionRelayTable", null)),
  };

  const metadataFor = (table: string, attributes?: string[]): ComponentFramework.PropertyHelper.EntityMetadata => {
    // Shape approximates the runtime object (Attributes.get(name).attributeDescriptor.OptionSet); not typed by PCF.
    const cols = columnsOf(table);
    const labelSets = LABELS as unknown as Record<string, Record<number, string> | undefined>;
    const attrs = (attributes ?? cols).filter((a) => cols.includes(a));
    const byName = new Map(
      attrs.map((a) => {
        const options = Object.entries(labelSets[a] ?? {}).map(([value, label]) => ({ Value: Number(value), Label: label }));
        return [a, { LogicalName: a, OptionSet: options, attributeDescriptor: { LogicalName: a, OptionSet: options } }];
      }),
    );
    return {
      LogicalName: table,
      EntitySetName: entitySet(table),
      PrimaryIdAttribute: `${table}id`,
      PrimaryNameAttribute: "name",
      Attributes: { get: (name: string) => byName.get(name), getNames: () => [...byName.keys()] },
    };
  };

  const notImplemented = (what: string) => () => {
    throw new Error(`mockContext: ${what} is not implemented`);
  };

  const formatting = {
    formatTime: (value: Date, behavior: number) => {
      formatTimeCalls.push({ value, behavior });
      if (options.formatTime) return options.formatTime(value, behavior);
      if (Number.isNaN(value.getTime())) throw new RangeError("Invalid time value");
      return formatLikeHost(value);
    },
    formatDateShort: (value: Date) => formatLikeHost(value).split(" ")[0],
    formatDateLong: (value: Date) => value.toUTCString(),
    formatDateLongAbbreviated: (value: Date) => value.toUTCString(),
    formatDateYearMonth: (value: Date) => `${value.getUTCFullYear()}-${value.getUTCMonth() + 1}`,
    formatDateAsFilterStringInUTC: (value: Date) => value.toISOString().slice(0, 10),
    formatInteger: (value: number) => String(value),
    formatDecimal: (value: number, precision?: number) => value.toFixed(precision ?? 2),
    formatCurrency: (value: number, precision?: number, symbol?: string) => `${symbol ?? "$"}${value.toFixed(precision ?? 2)}`,
    formatLanguage: (value: number) => (value === 1033 ? "English" : String(value)),
    getWeekOfYear: () => 1,
  } as unknown as ComponentFramework.Formatting;

  const mode: ContextExtras["mode"] = {
    allocatedHeight: -1,
    allocatedWidth: options.allocatedWidth ?? 800,
    isControlDisabled: false,
    isVisible: true,
    label: "Approval",
    setControlState: () => true,
    setFullScreen: () => undefined,
    trackContainerResize: (value: boolean) => {
      trackContainerResizeCalls.push(value);
    },
  };
  if (!omit.has("contextInfo")) mode.contextInfo = { entityId: recordId, entityTypeName, entityRecordName: null };

  const raw: MockContext = {
    client: { disableScroll: false, getFormFactor: () => 1, getClient: () => "Web", isOffline: () => false, isNetworkAvailable: () => true },
    device: {
      captureAudio: notImplemented("device.captureAudio"),
      captureImage: notImplemented("device.captureImage"),
      captureVideo: notImplemented("device.captureVideo"),
      getBarcodeValue: notImplemented("device.getBarcodeValue"),
      getCurrentPosition: notImplemented("device.getCurrentPosition"),
      pickFile: notImplemented("device.pickFile"),
    },
    factory: {
      getPopupService: notImplemented("factory.getPopupService"),
      requestRender: () => {
        renderCount++;
      },
    },
    formatting,
    mode,
    navigation: {
      openAlertDialog: () => Promise.resolve(),
      openConfirmDialog: () => Promise.resolve({ confirmed: false }),
      openErrorDialog: () => Promise.resolve(),
      openFile: () => Promise.resolve(),
      openForm: (formOptions) => {
        openFormCalls.push(formOptions);
        return Promise.resolve({ savedEntityReference: [] });
      },
      openUrl: (url) => {
        openUrlCalls.push(url);
      },
      openWebResource: () => undefined,
    },
    resources: {
      getString: (id: string) => (id in strings ? strings[id] : id),
      getResource: (_id, _success, failure) => failure(),
    },
    userSettings: {
      // The real host gives the user id in braces and upper case.
      userId: `{${userId.toUpperCase()}}`,
      userName: user.name,
      languageId: options.languageId ?? 1033,
      isRTL: options.isRTL ?? false,
      securityRoles: [...(user.securityRoles ?? [])],
      dateFormattingInfo: {} as ComponentFramework.UserSettingApi.DateFormattingInfo,
      numberFormattingInfo: {} as ComponentFramework.UserSettingApi.NumberFormattingInfo,
      getTimeZoneOffsetMinutes: () => 0,
    },
    utils: {
      getEntityMetadata: (table: string, attributes?: string[]) => Promise.resolve(metadataFor(table, attributes)),
      hasEntityPrivilege: () => true,
      lookupObjects: () => Promise.resolve([]),
    },
    webAPI,
    parameters,
    updatedProperties: [],
    events: {},
    fluentDesignLanguage: options.fluentDesignLanguage,
    copilot: {} as ComponentFramework.Copilot,
  };
  if (!omit.has("page")) {
    raw.page = {
      entityId: recordId,
      entityTypeName,
      isPageReadOnly: false,
      getClientUrl: () => clientUrl ?? "",
    };
  }
  const loose = raw as unknown as Record<string, unknown>;
  if (omit.has("webAPI")) delete loose.webAPI;
  if (omit.has("formatting")) delete loose.formatting;
  if (omit.has("securityRoles")) delete (raw.userSettings as unknown as Record<string, unknown>).securityRoles;

  if (harness && typeof document !== "undefined") {
    const marker = document.createElement("div");
    marker.id = "control-dimensions";
    document.body.appendChild(marker);
    harnessMarkers.push(marker);
  }

  const host: MockHost = {
    context: raw as unknown as ComponentFramework.Context<IInputs>,
    raw,
    tables,
    calls,
    fetchCalls,
    fetchFn,
    openFormCalls,
    openUrlCalls,
    formatTimeCalls,
    trackContainerResizeCalls,
    requestRenderCount: () => renderCount,
    addFault: (fault) => {
      faults.push(fault);
    },
    clearFaults: () => {
      faults.length = 0;
    },
    setActionHandler: (handler) => {
      actionHandler = handler;
    },
    defaultAction,
    row: findRow,
    columnsOf,
  };
  return host;
}

