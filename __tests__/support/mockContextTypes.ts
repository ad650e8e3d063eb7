/**
 * The types of the jest tests' PCF context (mockContext.ts): its options, what it records, and the host it returns.
 */
import type { IInputs } from "../../ApprovalPanel/generated/ManifestTypes";
import type { Row } from "./fixtures";

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
  approvalPolicyTable?: string | null;
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
  /** With the form parameters (columns filled in on a new record) when the code gave some. */
  openFormCalls: Array<ComponentFramework.NavigationApi.EntityFormOptions & { parameters?: Record<string, string> }>;
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
