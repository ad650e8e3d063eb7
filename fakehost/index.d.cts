// Types of the fake host's public surface (fakehost/index.cjs), for the TypeScript tests.
/// <reference types="powerapps-component-framework" />

type Row = Record<string, unknown>;

export declare const API_BASE: "/api/data/v9.2";
export declare const USERS: Record<"avery" | "riley" | "jordan" | "morgan" | "spn" | "sam" | "kai" | "quinn" | "casey", string>;
export declare const ROLES: Record<
  "sysadmin" | "pipelineAdmin" | "pipelineUser" | "basicUser" | "deploymentApprover" | "sysadminGerman" | "policyReader" | "approverLookalike" | "relayFlow",
  string
>;
/** Role template ids: System Administrator's documented, the two Deployment Pipeline ones invented. */
export declare const ROLE_TEMPLATES: Record<"sysadmin" | "pipelineAdmin" | "pipelineUser", string>;
/** Seed teams; fieldServiceApprovers owns the seed's request of the Field Service UAT stage (Jordan is its member). */
export declare const TEAMS: Record<"releaseManagers" | "hrApprovers" | "fieldServiceApprovers", string>;
export declare const SYSTEM_ADMINISTRATOR_TEMPLATE: "627090ff-40a3-4053-8790-584edc5be201";
export declare const BUSINESS_UNIT_ID: string;
export declare const PIPELINES: Record<"expenses" | "fieldService" | "hr", string>;
export declare const ENVIRONMENTS: Record<"dev" | "test" | "prod" | "uat" | "prodEu" | "preprod" | "hrUat" | "hrProd" | "hrTraining" | "hrPilot", string>;
export declare const STAGES: Record<
  "expensesTest" | "expensesProd" | "fieldUat" | "fieldProd" | "expensesPreprod" | "hrUat" | "hrProd" | "hrTraining" | "hrPilot",
  string
>;
/** Approval policy rows of the seed (apnl_approvalpolicy): one active per HR stage, quorumRetired inactive. */
export declare const POLICIES: Record<"quorum" | "owner" | "invalid" | "quorumRetired" | "fieldUat", string>;
/** The emulator's ids of the two shipped field security profiles (relay flow: writes a decision's outcome; readers). */
export declare const FIELD_PROFILES: Record<"relayFlow" | "readers", string>;
/** The items of the HR UAT policy's checklist (POLICIES.quorum), in its order. */
export declare const QUORUM_CHECKLIST: string[];
/** The items of the HR Production policy's checklist (POLICIES.owner), in its order. */
export declare const OWNER_CHECKLIST: string[];
export declare const ARTIFACTS: Record<string, string>;
/** The ContosoExpenses artifact of each version of the seed's runs; 1.4.2.1's has no file. */
export declare const EXPENSES_ARTIFACTS: Record<"1.4.1.0" | "1.4.2.0" | "1.4.2.1" | "1.4.2.2", string>;
/** playground/artifacts: the unpacked solutions the seed's zips are built from. */
export declare const ARTIFACT_DIR: string;
/** 4 MB, the chunk size the reference gives for Range reads, and the x-ms-chunk-size of every 206 answer. */
export declare const CHUNK_SIZE: number;
/** The seed's zips by "<solution>/<version>", built once per process, and how long that took. */
export declare function seedZips(): { zips: Map<string, { managed: Uint8Array; unmanaged: Uint8Array }>; ms: number };
export type HostileVariant = "large" | "medium" | "bomb" | "corrupt" | "doctype" | "script";
export declare const HOSTILE_VARIANTS: HostileVariant[];
/** The display name of the "script" variant: `<img src=x onerror=alert(1)>`. */
export declare const SCRIPT_NAME: string;
/** The bytes of a large or hostile solution zip (never seeded; register it with host.artifacts.put). */
export declare function hostileArtifact(variant: HostileVariant, options?: { version?: string }): Uint8Array;
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
  policyQuorumPending: string;
  policyExpiredPending: string;
  policyOwnerPending: string;
  policyOwnerInUat: string;
  policyInvalidPending: string;
  policyInvalidInUat: string;
  /** A pending request (ContosoPurchasing 1.0.0.0 → Production, stage owner Avery) no intake flow has taken in yet. */
  intakeArrives: string;
  /** Its Test run (succeeded). */
  intakeArrivesInTest: string;
};
/** The seed's approval request rows (apnl_approvalrequest), by the run they stand for. */
export declare const REQUESTS: Record<
  "ownerPendingMine" | "ownerPendingOther" | "spnPending" | "policyQuorumPending" | "policyExpiredPending" | "approved" | "rejected",
  string
>;
export interface Scenario {
  key: string;
  label: string;
  recordId: string;
  host: "current" | "legacy";
  /** The user the scenario is meant to be seen as. */
  user: string;
  relay?: boolean;
  allowSelfApproval?: boolean;
}
export declare const SCENARIOS: Scenario[];
export declare const SPN_CLIENT_ID: string;
export declare const HISTORY_COUNT: number;
/** Choice labels as the host formats them, by column (stagerunstatus, operation, approvalstatus, apnl_status, ...). */
export declare const LABELS: Record<
  "stagerunstatus" | "operation" | "operationstatus" | "suboperation" | "approvalstatus" | "delegateddeploymenttype" | "apnl_status" | "apnl_delegationtype",
  Record<number, string>
>;

/** UpdateApprovalStatus refusal texts: the first three documented, alreadyDecided the fake host's own. */
export declare const ACTION_MESSAGES: {
  servicePrincipalOnly: string;
  notOwner: string;
  notPending: string;
  alreadyDecided: string;
};
export declare const REFUSAL_STATUS: number;
/** How long after an approval the emulated deployment starts, in ms. */
export declare const DEPLOY_DELAY_MS: number;
/** A request body as the request log keeps it: parsed JSON when it is JSON, else the text, null when empty. */
export declare function bodyForLog(text: string): unknown;
export declare const REFUSAL_CODE: string;
export declare function decisionRefusal(subject: { run: Row; stage: Row | undefined; caller: Row | undefined; callerId: string; nullTypeIsOwner?: boolean }): {
  reason: "servicePrincipalOnly" | "notOwner" | "notPending" | "alreadyDecided";
  message: string;
} | null;

/** The relay flow's refusal reasons (outcome 30), word for word, in the order of its checks. */
export declare const REFUSALS: {
  decision: string;
  impersonated: string;
  notCreatedPending: string;
  flood: string;
  noPolicy: string;
  severalPolicies: string;
  notPending: string;
  createdInFuture: string;
  requester: string;
  noRole: string;
  notInTeam: string;
  alreadyApplied: string;
  otherApprover: string;
  expired: string;
  commentRequired: string;
  checklistIncomplete: string;
  alreadyCounted: string;
};
/** Outcome values of a relay row. */
export declare const OUTCOMES: { pending: 10; applied: 20; refused: 30; failed: 40; counted: 50 };
/** `Approval <n> of <required> counted.` */
export declare function countedMessage(n: number, required: number): string;
/** A checklist column's items: one per line, trimmed, empty lines ignored. */
export declare function checklistItems(text: unknown): string[];
export declare const RELAY_FLOW_MODES: Array<"on" | "held" | "off" | "broken">;
/** The shipped Deployment Approver role's id: the relay flow matches a decider's role by it as the root role. */
export declare const APPROVER_ROOT_ROLE_ID: string;
/** A user's rows the relay flow takes within ten minutes; one more is refused. */
export declare const RELAY_FLOOD_LIMIT: number;
/** The flow's outcome message for a counted approval whose approver no longer meets the policy. */
export declare const NO_LONGER_COUNTED: string;
/** The sweeper flow's outcome messages. */
export declare const SWEPT: { notProcessed: string; notWrittenByFlow: string };

/** apnl_approvalrequest.apnl_status values. */
export declare const REQUEST_STATUSES: {
  waiting: 276400000;
  approved: 276400001;
  rejected: 276400002;
  superseded: 276400003;
  expired: 276400004;
  cancelled: 276400005;
};
/** apnl_approvalrequest.apnl_status labels by value. */
export declare const REQUEST_STATUS: Record<number, string>;
/** apnl_approvalrequest.apnl_delegationtype values. */
export declare const DELEGATION_TYPES: { stageOwner: 276400000; servicePrincipal: 276400001; unknown: 276400002 };
/** apnl_approvalrequest.apnl_delegationtype labels by value. */
export declare const DELEGATION_TYPE: Record<number, string>;
export type NotificationChannel = "email" | "teams" | "none";
/** apnl_NotificationChannel's values. */
export declare const NOTIFICATION_CHANNELS: NotificationChannel[];
/** How many characters of the deployment notes a request keeps (500). */
export declare const NOTES_EXCERPT_LENGTH: number;
/** x-playground-caller of each approval request flow's logged steps. */
export declare const FLOW_CALLERS: { intake: "intake-flow"; outcome: "outcome-flow"; expiry: "expiry-flow" };
/** A failure of an approval request flow run on demand; the playground answers with its status. */
export declare class IntakeError extends Error {
  status: number;
  constructor(status: number, message: string);
}
export interface NotificationFacts {
  name: string;
  requesterName: string;
  solution: string;
  version: string;
  sourceEnvironment: string;
  targetEnvironment: string;
  pipeline: string;
  stage: string;
  requestedOn: string;
  notesExcerpt: string | null;
  newerWaiting: number;
  link: string | null;
  requestId: string;
}
/** The intake flow's notification, word for word. */
export declare function notificationText(facts: NotificationFacts): { subject: string; body: string };
/** apnl_AppUrl + "&pagetype=entityrecord&etn=apnl_approvalrequest&id=<row id>", or null when the address is not set. */
export declare function requestLink(appUrl: string, requestId: string): string | null;
/** The environment variables apnl_NotificationChannel, apnl_DefaultApproverTeam and apnl_AppUrl. */
export interface IntakeSettings {
  channel: NotificationChannel;
  defaultApproverTeam: string;
  appUrl: string;
}
/** A notification the intake flow sent (the playground's outbox stands for Outlook and Teams). */
export interface OutboxEntry {
  id: string;
  channel: "email" | "teams";
  /** The row's owner: a user id or a team id. */
  to: string;
  toName: string | null;
  subject: string;
  body: string;
  link: string | null;
  requestId: string;
  runId: string;
  sentOn: string;
}
/** A request row as the app's views list it. */
export interface ApprovalRequestViewRow {
  id: string;
  runId: string;
  name: string;
  solutionName: string | null;
  solutionVersion: string | null;
  stageName: string | null;
  requesterName: string | null;
  requestedOn: string | null;
  ownerId: string | null;
  ownerType: "systemuser" | "team";
  ownerName: string | null;
  status: number;
  statusLabel: string;
  decidedByName: string | null;
  decidedOn: string | null;
}
/** The Deployment Approvals app's flows over apnl_approvalrequest, its views and the notification outbox. */
export interface ApprovalRequests {
  /** Live: the flows read them at every run. */
  readonly settings: IntakeSettings;
  /** The notifications sent, oldest first. */
  readonly outbox: OutboxEntry[];
  /**
   * "Take in approval requests" (OnApprovalStarted): upserts the run's row, assigns it to who decides, notifies.
   * Throws IntakeError: 400 not a GUID, 404 no such run (or stage), 409 the run is not pending approval.
   */
  onApprovalStarted(runId: string): {
    requestId: string;
    created: boolean;
    ownerId: string;
    ownerType: "systemuser" | "team";
    notification: OutboxEntry | null;
  };
  /** "Record approval outcomes" (OnApprovalCompleted): null when the run has no row or is not decided. */
  onApprovalCompleted(runId: string): { requestId: string; status: number; superseded: string[] } | null;
  /** "Expire waiting requests" (hourly): how many rows each rule changed. */
  expire(): { expired: number; cancelled: number; approved: number; rejected: number; superseded: number };
  /** Waiting for me: waiting rows the user or one of their teams owns, oldest first. */
  waitingFor(userId: string): ApprovalRequestViewRow[];
  /** All waiting, oldest first. */
  allWaiting(): ApprovalRequestViewRow[];
  /** Decided (every status but Waiting), decided on descending. */
  decided(): ApprovalRequestViewRow[];
  /** The request row of a run, as stored. */
  rowOfRun(runId: string): Row | undefined;
  /** Sets environment variables (throws IntakeError 400 on a bad value); answers all of them. */
  set(input: Partial<{ channel: NotificationChannel; defaultApproverTeam: string | null; appUrl: string | null }>): IntakeSettings;
  /** Back to the defaults (channel none, no team, no address) and an empty outbox. */
  reset(): void;
}

export interface FaultSpec {
  /**
   * no-chunking and chunking-refused: switches, not failures, of a host that cannot download a file in chunks.
   * no-chunking: file downloads ignore Range and answer 200 with the whole file. chunking-refused: a Range is refused
   * with 400 and 0x80090017, "Downloading in multiple chunks is not supported…"; a request without Range gets the whole file.
   */
  type: "latency" | "429" | "500" | "drop" | "reset" | "no-chunking" | "chunking-refused";
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
  /** A binary body (a file column's $value); its headers (x-ms-file-size, Content-Range, …) are in headers. */
  bytes?: Uint8Array;
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
  relayFlow: {
    set(input: { mode?: "on" | "held" | "off" | "broken"; delayMs?: number }): unknown;
    settings: { mode: "on" | "held" | "off" | "broken"; delayMs: number };
    /** Rows waiting for a run of the flow. */
    readonly queued: number;
    /** One run of the "Sweep approval decisions" flow: how many rows each of its rules changed. */
    sweep(): { notProcessed: number; notWrittenByFlow: number };
  };
  /** The Deployment Approvals app's flows; the host runs onApprovalCompleted after every decision it applies. */
  approvalRequests: ApprovalRequests;
  /** The bytes behind the artifact rows' file columns (in memory only). */
  artifacts: {
    /** Puts bytes into a file column of an artifact row (a new file id), creating the row when it is missing. */
    put(
      artifactId: string,
      bytes: Uint8Array,
      options?: { column?: "artifactfile" | "artifactfileunmanaged"; fileName?: string; name?: string; version?: string },
    ): { artifactId: string; column: string; fileId: string };
    files: Map<string, { name: string; bytes: Uint8Array; mimetype: string }>;
    /** Back to the seed's files. */
    reset(): void;
    /** How long building the seed's zips took (once per process), in ms. */
    readonly buildMs: number;
  };
  log: {
    entries: Array<Row & { seq: number; method: string; path: string; status: number }>;
    clear(): void;
    /** Logs a request as it arrives; the caller fills in its body, status and duration. */
    begin(
      req: { method?: string; url?: string; headers: Record<string, string | string[] | undefined> },
      kind: "api" | "action" | "static" | "playground",
      cookies: Record<string, string>,
    ): Row & { body: unknown; status: number; durationMs: number; faults: string[] };
  };
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
  /** Column defaults a new row gets when the request leaves them out. */
  defaults?: Record<string, unknown>;
  /** Alternate keys: a second row with the same values of one key's columns is refused. */
  keys?: string[][];
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
  /** The clock (ms) the relay and expiry flows read a policy's expiry against; Date.now by default. */
  now?: () => number;
}
export declare function createFakeHost(options?: FakeHostOptions): FakeHost;
/** A fresh copy of the playground's seed: its tables (live rows), each user's direct roles and what each role grants. */
export declare function createSeed(): { tables: Record<string, Row[]>; userRoles: Record<string, string[]>; rolePrivileges: Record<string, PrivilegeGrant[]> };
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
export declare function makeResponse(status: number, text: string, headers: Record<string, string>, bytes?: Uint8Array): Response;
export declare function webApiErrorOf(status: number, body: unknown, includeStatus: boolean, retryAfter?: string | null): Record<string, unknown>;

/** What the PCF context of the playground's host page and of the jest mock context differ in (fakehost/xrmContext.js). */
export interface PcfContextParts {
  parameters: Record<string, unknown>;
  updatedProperties?: string[];
  webAPI?: ComponentFramework.WebApi;
  /** id without braces: the context gives it in braces and upper case, as the real host does. */
  user: { id: string; name: string; securityRoles: string[] };
  languageId: number;
  isRTL: boolean;
  getString(key: string): string;
  formatting: Record<string, (...args: never[]) => unknown>;
  navigation: Record<string, (...args: never[]) => unknown>;
  getEntityMetadata(entityName: string, attributes?: string[]): Promise<unknown>;
  lookupObjects(): Promise<unknown[]>;
  mode: {
    allocatedWidth: number;
    label: string;
    trackContainerResize(value: boolean): void;
    contextInfo?: { entityId: string | null; entityTypeName: string | null; entityRecordName: string | null };
  };
  page: Record<string, unknown> | null;
  formFactor(): number;
  requestRender(): void;
  /** A device or factory feature this host lacks. */
  unavailable(what: string): (...args: unknown[]) => unknown;
  fluentDesignLanguage: ComponentFramework.FluentDesignState | undefined;
}
/** The context a model-driven form hands a control, loosely typed (the real one has more than PCF declares). */
export declare function createPcfContext(parts: PcfContextParts): Record<string, unknown>;
/** A form property's value object: text, a choice ("Enum") or a whole number. */
export declare function propertyOf(
  type: string | null,
  raw: string | number | null,
  extra?: Record<string, unknown>,
): { raw: string | number | null; formatted: string; type: string | null; error: boolean; errorMessage: string };
