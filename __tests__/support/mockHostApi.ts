/**
 * context.webAPI and fetch of the jest mock host, served in process by the fake host core (fakehost/): one store,
 * one OData engine and one set of UpdateApprovalStatus rules with the playground. What stays here is what a test
 * controls and the core knows nothing of: the record of calls, injected faults, the pcf-start harness's refusals,
 * a replaceable action handler, and the client URL the action must be posted to.
 */
import { createFakeHost, createFetch, webApiOverFetch } from "../../fakehost/index.cjs";
import type { Row } from "./fixtures";
import type { ActionHandler, Fault, FetchCall, MockHost, WebApiCall, WebApiMethod } from "./mockContext";
import { dataverseErrorResponse } from "./mockResponses";
import { deriveSchema, type SchemaOptions } from "./mockSchema";

const HARNESS_TEXT: Record<WebApiMethod, string> = {
  retrieveRecord: "Your control is trying to retrieve a record. This is not yet supported.",
  retrieveMultipleRecords: "Your control is trying to retrieve multiple records. This is not yet supported.",
  createRecord: "Your control is trying to create a record. This is not yet supported.",
  updateRecord: "Your control is trying to update a record. This is not yet supported.",
  deleteRecord: "Your control is trying to delete a record. This is not yet supported.",
};

export interface HostApiOptions extends SchemaOptions {
  /** The live tables: the core's store holds these arrays and row objects, not copies. */
  tables: Record<string, Row[]>;
  /** Lower case, no braces. */
  userId: string;
  /** Each user's direct role ids (lower case): the host's answer to systemuserroles_association. */
  userRoles?: Record<string, string[]>;
  clientUrl: string | null;
  errorsIncludeStatus: boolean;
  harness: boolean;
  faults: Fault[];
  actionHandler: ActionHandler | null;
  /** The MockHost handed to action handlers (set once it is built). */
  host: () => MockHost;
}

export interface HostApi {
  webAPI: ComponentFramework.WebApi;
  fetchFn: typeof fetch;
  defaultAction: ActionHandler;
  calls: WebApiCall[];
  fetchCalls: FetchCall[];
  setActionHandler(handler: ActionHandler | null): void;
  row(table: string, id: string): Row | undefined;
  columnsOf(table: string): string[];
}

const deepCopy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

const abortError = (signal: AbortSignal): unknown =>
  (signal as AbortSignal & { reason?: unknown }).reason ?? new DOMException("The operation was aborted.", "AbortError");

export function createHostApi(options: HostApiOptions): HostApi {
  const { tables, faults } = options;
  const schema = () => deriveSchema(tables, options);
  const core = createFakeHost({
    seed: () => ({ tables, userRoles: options.userRoles ?? {} }),
    schema,
    // The test names its user, who need not be a row of systemuser.
    anyCaller: true,
    // The jest host's answers where no source says (invented, as the playground's are): a delegated stage without a
    // type lets anyone decide, the delegation refusals are 403, a run already decided gets the documented
    // "not pending" text, and an approval does not start a deployment of its own.
    rules: { nullTypeIsOwner: false, delegationRefusalStatus: 403, alreadyDecidedAsNotPending: true, deploys: false },
  });
  // Relay rows stay as the test leaves them: no flow picks them up.
  core.relayFlow.set({ mode: "off" });
  // The core needs an absolute address; a host without a client URL still answers (nextLinks then name this one).
  const coreUrl = options.clientUrl || "https://localhost";
  const coreFetch = createFetch(core, { userId: options.userId, clientUrl: coreUrl });
  const coreWebApi = webApiOverFetch(coreFetch, { clientUrl: coreUrl, errorsIncludeStatus: options.errorsIncludeStatus });

  const calls: WebApiCall[] = [];
  const fetchCalls: FetchCall[] = [];
  let actionHandler = options.actionHandler;

  const takeFault = (call: WebApiCall | FetchCall, method: Fault["method"], entity: string | undefined): Fault | null => {
    const fault = faults.find(
      (f) => f.method === method && (f.entity === undefined || f.entity === entity) && (!f.when || f.when(call)) && (f.times ?? Infinity) > 0,
    );
    if (!fault) return null;
    if (fault.times !== undefined) fault.times--;
    return fault;
  };

  const run = async <T>(call: WebApiCall, send: () => Promise<T>): Promise<T> => {
    calls.push(call);
    const fault = takeFault(call, call.method, call.entity);
    if (fault?.hang) return new Promise<T>(() => undefined);
    if (fault) throw fault.error;
    if (options.harness) throw new Error(HARNESS_TEXT[call.method]);
    return send();
  };

  const webAPI: ComponentFramework.WebApi = {
    retrieveRecord: (entity, id, query) => run({ method: "retrieveRecord", entity, id, options: query }, () => coreWebApi.retrieveRecord(entity, id, query)),
    retrieveMultipleRecords: (entity, query, maxPageSize) =>
      run({ method: "retrieveMultipleRecords", entity, options: query, maxPageSize }, () => coreWebApi.retrieveMultipleRecords(entity, query, maxPageSize)),
    createRecord: (entity, data) => run({ method: "createRecord", entity, data: deepCopy(data) }, () => coreWebApi.createRecord(entity, data)),
    updateRecord: (entity, id, data) => run({ method: "updateRecord", entity, id, data: deepCopy(data) }, () => coreWebApi.updateRecord(entity, id, data)),
    deleteRecord: (entity, id) => run({ method: "deleteRecord", entity, id }, () => coreWebApi.deleteRecord(entity, id)),
  };

  const defaultAction: ActionHandler = (call) => {
    const apiBase = `${options.clientUrl ?? ""}/api/data/v9.2/`;
    // Reads sent over fetch with the user's session (the admin's host check: metadata, $metadata, privileges, roles,
    // teams) are answered by the core, from the schema derived from the tables. Only to this host's own address.
    if (call.method === "GET" && options.clientUrl && call.url.startsWith(apiBase)) {
      return coreFetch(`${coreUrl}/api/data/v9.2/${call.url.slice(apiBase.length)}`, { method: "GET", headers: call.headers });
    }
    // Only a POST to this host's own address reaches it (the control builds the address from the client URL).
    if (call.url !== `${apiBase}UpdateApprovalStatus` || call.method !== "POST") {
      return dataverseErrorResponse(404, "0x80060888", `Resource not found for the segment '${call.url.split("/").pop() ?? ""}'.`);
    }
    return coreFetch(`${coreUrl}/api/data/v9.2/UpdateApprovalStatus`, { method: "POST", headers: call.headers, body: call.body });
  };

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
    const fault = takeFault(call, "fetch", undefined);
    if (fault?.hang) {
      return new Promise<Response>((_resolve, reject) => {
        signal?.addEventListener("abort", () => reject(abortError(signal)), { once: true });
      });
    }
    if (fault?.response) return fault.response();
    if (fault) throw fault.error;
    await Promise.resolve();
    return (actionHandler ?? defaultAction)(call, options.host());
  }) as typeof fetch;

  return {
    webAPI,
    fetchFn,
    defaultAction,
    calls,
    fetchCalls,
    setActionHandler: (handler) => {
      actionHandler = handler;
    },
    row: (table, id) => core.store.get(table, id),
    // A table the host lacks still has its declared columns (metadata is read without the rows).
    columnsOf: (table) =>
      schema()
        .byLogical.get(table)
        ?.columns.map((c) => c.name) ?? (options.declared[table] ?? []).filter((c) => !(options.missingColumns[table] ?? []).includes(c)),
  };
}
