// Types of the fake host's public surface (fakehost/index.cjs), for the TypeScript tests.
/// <reference types="powerapps-component-framework" />

type Row = Record<string, unknown>;

export declare const API_BASE: "/api/data/v9.2";
export declare const USERS: Record<"avery" | "riley" | "jordan" | "morgan" | "spn" | "sam" | "kai", string>;
export declare const ROLES: Record<"sysadmin" | "pipelineAdmin" | "pipelineUser" | "basicUser" | "deploymentApprover" | "sysadminGerman", string>;
/** Role template ids: System Administrator's documented, the two Deployment Pipeline ones invented. */
export declare const ROLE_TEMPLATES: Record<"sysadmin" | "pipelineAdmin" | "pipelineUser", string>;
export declare const TEAMS: Record<"releaseManagers", string>;
export declare const SYSTEM_ADMINISTRATOR_TEMPLATE: "627090ff-40a3-4053-8790-584edc5be201";
export declare const BUSINESS_UNIT_ID: string;
export declare const PIPELINES: Record<"expenses" | "fieldService", string>;
export declare const ENVIRONMENTS: Record<"dev" | "test" | "prod" | "uat" | "prodEu" | "preprod", string>;
export declare const STAGES: Record<"expensesTest" | "expensesProd" | "fieldUat" | "fieldProd" | "expensesPreprod", string>;
export declare const ARTIFACTS: Record<string, string>;
export declare const RUNS: Record<string, string> & {
  ownerPendingMine: string;
  ownerPendingOther: string;
  spnPending: string;
  approved: string;
  rejected: string;
  notDelegated: string;
  historyLatest: string;
  legacyPending: string;
  nullTypePending: string;
};
export declare const SPN_CLIENT_ID: string;
export declare const HISTORY_COUNT: number;

/** UpdateApprovalStatus refusal texts: the first three documented, alreadyDecided the fake host's own. */
export declare const ACTION_MESSAGES: {
  servicePrincipalOnly: string;
  notOwner: string;
  notPending: string;
  alreadyDecided: string;
};
export declare const REFUSAL_STATUS: number;
export declare const REFUSAL_CODE: string;
export declare function decisionRefusal(subject: { run: Row; stage: Row | undefined; caller: Row | undefined; callerId: string; nullTypeIsOwner?: boolean }): {
  reason: "servicePrincipalOnly" | "notOwner" | "notPending" | "alreadyDecided";
  message: string;
} | null;

export interface FaultSpec {
  type: "latency" | "429" | "500" | "drop" | "reset";
  match?: { method?: string; entitySet?: string; kind?: "all" | "read" | "write" | "action" | "metadata"; action?: string };
  latencyMs?: number;
  retryAfterSeconds?: number;
  once?: boolean;
}
export declare function parseFaults(input: unknown): FaultSpec[];

export interface ApiRequest {
  method: string;
  path: string;
  search: string;
  headers: Record<string, string>;
  cookies: Record<string, string>;
  body: string;
  origin: string;
}
export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  /** A text body instead of JSON (the $metadata XML); its Content-Type is in headers. */
  text?: string;
  connection?: "drop" | "reset";
}

export interface FakeHost {
  store: {
    tables: Record<string, Row[]>;
    get(table: string, id: string): Row | undefined;
    all(table: string): Row[];
    reset(): void;
    /** Direct role ids per user (team roles come through the teamroles intersect table). */
    userRoles: Record<string, string[]>;
    rolePrivileges: Record<string, PrivilegeGrant[]>;
  };
  faults: { set(faults: FaultSpec[]): void; clear(): void; list: FaultSpec[] };
  relayFlow: { set(input: { mode?: "on" | "held" | "off" | "broken"; delayMs?: number }): unknown };
  log: { entries: Array<Row & { seq: number; method: string; path: string; status: number }>; clear(): void };
  applyDecision(
    runId: string,
    status: number,
    comments: string | null,
    properties: string | null,
    callerId: string,
  ): { ok: true } | { ok: false; status: number; code: string; message: string };
  handleApi(request: ApiRequest): Promise<ApiAnswer>;
  reset(): void;
  close(): void;
}
export type ColumnType = "guid" | "string" | "memo" | "int" | "bool" | "datetime" | "choice" | "lookup" | "file";
export interface Column {
  name: string;
  type: ColumnType;
  label?: string;
  target?: string;
  nav?: string;
  options?: Record<number, string>;
  /** Metadata AttributeType when not the one of `type` (State, Status, BigInt). */
  attributeType?: string;
}
/** An N:N navigation property kept in an intersect table of the store. */
export interface Collection {
  nav: string;
  target: string;
  intersect: string;
  self: string;
  other: string;
}
export type PrivilegeDepth = "Basic" | "Local" | "Deep" | "Global";
export interface PrivilegeGrant {
  tables: "*" | string[];
  ops: string[];
  depth: PrivilegeDepth;
}
export interface Table {
  logicalName: string;
  entitySet: string;
  primaryId: string;
  primaryName: string;
  displayName: string;
  columns: Column[];
  collections?: Collection[];
}
export interface Schema {
  byLogical: Map<string, Table>;
  bySet: Map<string, Table>;
}
export type HostVariant = "current" | "legacy";
/** The playground's tables (the current host). */
export declare const TABLES: Table[];
export declare function schemaFor(variant: HostVariant): Schema;
/** The CSDL document of GET $metadata for a schema. */
export declare function csdl(schema: Schema, host: { approvals: boolean }): string;
export declare function metadataId(name: string): string;
export declare function userPrivileges(
  store: FakeHost["store"],
  userId: string,
  tables: string[],
): Array<{ Depth: PrivilegeDepth; PrivilegeId: string; BusinessUnitId: string; PrivilegeName: string }>;

/** How a host answers where no source says (all invented). */
export interface ActionRules {
  nullTypeIsOwner?: boolean;
  delegationRefusalStatus?: number;
  alreadyDecidedAsNotPending?: boolean;
  deploys?: boolean;
}
export interface FakeHostOptions {
  dataFile?: string | null;
  /** The data to start from; its tables are used as they are (live), not copied. */
  seed?: () => { tables: Record<string, Row[]>; userRoles: Record<string, string[]>; rolePrivileges?: Record<string, PrivilegeGrant[]> };
  /** Asked on every request. */
  schema?: (variant: HostVariant) => Schema;
  anyCaller?: boolean;
  rules?: ActionRules;
  deployDelayMs?: number;
  relayDelayMs?: number;
}
export declare function createFakeHost(options?: FakeHostOptions): FakeHost;
export declare function parseCookies(header: string | undefined): Record<string, string>;

export interface CallerOptions {
  userId: string;
  host?: "current" | "legacy";
  clientUrl?: string;
}
export declare function createFetch(host: FakeHost, caller: CallerOptions): typeof fetch;
export declare function createWebApi(
  host: FakeHost,
  caller: CallerOptions & { errorsIncludeStatus?: boolean; entitySetOf?: (logicalName: string) => string },
): ComponentFramework.WebApi;
export declare function webApiOverFetch(
  fetchFn: typeof fetch,
  caller: { clientUrl?: string; errorsIncludeStatus?: boolean; entitySetOf?: (logicalName: string) => string },
): ComponentFramework.WebApi;
export declare function makeResponse(status: number, text: string, headers: Record<string, string>): Response;
export declare function webApiErrorOf(status: number, body: unknown, includeStatus: boolean): Record<string, unknown>;
