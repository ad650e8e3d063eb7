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
 *
 * webAPI and fetch are served by the fake host core shared with the playground (fakehost/, via mockHostApi.ts): its
 * store holds host.tables' own arrays and rows, its OData engine answers the queries, its rules the action. The
 * schema is derived from the rows on every request (mockSchema.ts); formatted values stored in a row win over the
 * ones the core would make, and a write through the host drops the stale ones of the columns it writes.
 */
import { afterEach } from "@jest/globals";
import * as fs from "fs";
import * as path from "path";
import { XMLParser } from "fast-xml-parser";
import { ACTION_MESSAGES, createPcfContext, propertyOf, type PcfContextParts } from "../../fakehost/index.cjs";
import type { IInputs } from "../../ApprovalPanel/generated/ManifestTypes";
import { createFixtureTables, FIXTURE_COLUMNS, formatLikeHost, IDS, LABELS, type Row, USERS } from "./fixtures";
import { createHostApi } from "./mockHostApi";

export { dataverseErrorResponse, mockResponse, webApiError, type WebApiErrorInit } from "./mockResponses";
/** The refusal texts of UpdateApprovalStatus, from the fake host shared with the playground. */
export { ACTION_MESSAGES };

export type {
  WebApiMethod,
  WebApiCall,
  FetchCall,
  Fault,
  ActionHandler,
  MockUser,
  MockParameters,
  OmittablePart,
  MockContextOptions,
  ContextExtras,
  MockContext,
  MockHost,
} from "./mockContextTypes";
import type { Fault, MockContext, MockContextOptions, MockHost, MockParameters } from "./mockContextTypes";

export const DEFAULT_CLIENT_URL = "https://contoso.crm.dynamics.com";

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

// ---- the mock ---------------------------------------------------------------------------------------

let harnessMarkers: HTMLElement[] = [];

afterEach(() => {
  for (const el of harnessMarkers) el.remove();
  harnessMarkers = [];
});

/** An id as the host's tables key it: no braces, lower case. */
const bareId = (id: string): string => id.replace(/[{}]/g, "").toLowerCase();

export function createMockContext(options: MockContextOptions = {}): MockHost {
  const harness = options.harness === true;
  const omit = new Set(options.omit ?? []);
  const user = options.user ?? USERS.stageOwner;
  const userId = bareId(user.id);
  const clientUrl = options.clientUrl === undefined ? DEFAULT_CLIENT_URL : options.clientUrl;
  const recordId = options.recordId !== undefined ? options.recordId : harness ? null : IDS.runs.pendingOwner;
  const entityTypeName = options.entityTypeName !== undefined ? options.entityTypeName : harness ? null : "deploymentstagerun";

  const tables: Record<string, Row[]> = { ...createFixtureTables(), ...(options.tables ?? {}) };
  for (const t of options.omitTables ?? []) delete tables[t];
  const openFormCalls: MockHost["openFormCalls"] = [];
  const openUrlCalls: string[] = [];
  const formatTimeCalls: Array<{ value: Date; behavior: number }> = [];
  const trackContainerResizeCalls: boolean[] = [];
  let renderCount = 0;
  const faults: Fault[] = [...(options.faults ?? [])];
  const api = createHostApi({
    tables,
    declared: { ...FIXTURE_COLUMNS, ...(options.columns ?? {}) },
    missingColumns: options.missingColumns ?? {},
    missingNavigationProperties: options.missingNavigationProperties ?? {},
    userId,
    // The host's own record of who holds which role (systemuserroles_association): the fixture users' and the
    // signed-in user's roles, as their settings name them.
    userRoles: Object.fromEntries([...Object.values(USERS), user].map((u) => [bareId(u.id), (u.securityRoles ?? []).map(bareId)])),
    clientUrl,
    errorsIncludeStatus: options.errorsIncludeStatus === true,
    harness,
    faults,
    actionHandler: options.actionHandler ?? null,
    host: () => host,
  });
  const { webAPI, columnsOf } = api;

  const strings = { ...resxStrings(), ...(options.strings ?? {}) };
  const p = options.parameters ?? {};
  const pick = <T>(key: keyof MockParameters, fallback: T): T => (key in p ? (p[key] as T) : fallback);
  const text = (raw: string | null) => propertyOf("SingleLine.Text", raw);
  const choice = (raw: string | null) => propertyOf("Enum", raw);
  const parameters = {
    boundField: text(pick<string | null>("boundField", "ContosoExpenses - UAT - 1.4.0.2")),
    requireRejectComment: choice(pick<string | null>("requireRejectComment", "yes")),
    requireApproveComment: choice(pick<string | null>("requireApproveComment", "no")),
    allowSelfApproval: choice(pick<string | null>("allowSelfApproval", "no")),
    historyPageSize: propertyOf("Whole.None", pick<number | null>("historyPageSize", 20)),
    decisionRelayTable: text(pick<string | null>("decisionRelayTable", null)),
    approvalPolicyTable: text(pick<string | null>("approvalPolicyTable", null)),
  } as unknown as IInputs;

  const metadataFor = (table: string, attributes?: string[]): ComponentFramework.PropertyHelper.EntityMetadata => {
    // Shape approximates the runtime object (Attributes.get(name).attributeDescriptor.OptionSet); not typed by PCF.
    const cols = columnsOf(table);
    const labelSets = LABELS as unknown as Record<string, Record<number, string> | undefined>;
    const attrs = (attributes ?? cols).filter((a) => cols.includes(a));
    const byName = new Map(
      attrs.map((a) => {
        const choices = Object.entries(labelSets[a] ?? {}).map(([value, label]) => ({ Value: Number(value), Label: label }));
        return [a, { LogicalName: a, OptionSet: choices, attributeDescriptor: { LogicalName: a, OptionSet: choices } }];
      }),
    );
    return {
      LogicalName: table,
      EntitySetName: `${table}s`,
      PrimaryIdAttribute: `${table}id`,
      PrimaryNameAttribute: "name",
      Attributes: { get: (name: string) => byName.get(name), getNames: () => [...byName.keys()] },
    };
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
  };

  const navigation: ComponentFramework.Navigation = {
    openAlertDialog: () => Promise.resolve(),
    openConfirmDialog: () => Promise.resolve({ confirmed: false }),
    openErrorDialog: () => Promise.resolve(),
    openFile: () => Promise.resolve(),
    openForm: (formOptions, formParameters) => {
      openFormCalls.push(formParameters === undefined ? formOptions : { ...formOptions, parameters: formParameters as Record<string, string> });
      return Promise.resolve({ savedEntityReference: [] });
    },
    openUrl: (url) => {
      openUrlCalls.push(url);
    },
    openWebResource: () => undefined,
  };

  // The same context the playground's host page builds (fakehost/xrmContext.js), with this mock's parts.
  const raw = createPcfContext({
    parameters: parameters as unknown as Record<string, unknown>,
    webAPI,
    user: { id: userId, name: user.name, securityRoles: user.securityRoles ?? [] },
    languageId: options.languageId ?? 1033,
    isRTL: options.isRTL ?? false,
    getString: (id: string) => (id in strings ? strings[id] : id),
    formatting,
    navigation: navigation as unknown as PcfContextParts["navigation"],
    getEntityMetadata: (table, attributes) => Promise.resolve(metadataFor(table, attributes)),
    lookupObjects: () => Promise.resolve([]),
    mode: {
      allocatedWidth: options.allocatedWidth ?? 800,
      label: "Approval",
      trackContainerResize: (value) => {
        trackContainerResizeCalls.push(value);
      },
      contextInfo: omit.has("contextInfo") ? undefined : { entityId: recordId, entityTypeName, entityRecordName: null },
    },
    page: omit.has("page") ? null : { entityId: recordId, entityTypeName, isPageReadOnly: false, getClientUrl: () => clientUrl ?? "" },
    formFactor: () => 1,
    requestRender: () => {
      renderCount++;
    },
    unavailable: (what) => () => {
      throw new Error(`mockContext: ${what} is not implemented`);
    },
    fluentDesignLanguage: options.fluentDesignLanguage,
  }) as unknown as MockContext;
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
    calls: api.calls,
    fetchCalls: api.fetchCalls,
    fetchFn: api.fetchFn,
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
    setActionHandler: api.setActionHandler,
    defaultAction: api.defaultAction,
    row: api.row,
    columnsOf,
  };
  return host;
}
