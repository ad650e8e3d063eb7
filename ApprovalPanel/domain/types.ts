/**
 * Plain data the panel works with. No PCF, no OData, no React here.
 *
 * Convention for columns the host may not have (marked unconfirmed in the host reference):
 *   `undefined` = the column does not exist in this host, `null` = the column exists but is empty.
 */

export type Guid = string;

/** The deployment stage run table: the form the panel sits on, and the rows its history lists. */
export const STAGE_RUN_TABLE = "deploymentstagerun";

/** Values of the UpdateApprovalStatus action and of the run's approval status column. */
export const ApprovalStatusValue = {
  Pending: 10,
  Approved: 20,
  Rejected: 30,
} as const;

export type DecisionValue = typeof ApprovalStatusValue.Approved | typeof ApprovalStatusValue.Rejected;

/** A choice column: the raw value and the host's own label (formatted value), when the host gave one. */
export interface OptionValue {
  value: number;
  label: string | null;
}

/** A lookup column: the id and the host's display name (formatted value), when the host gave one. */
export interface LookupRef {
  id: Guid;
  name: string | null;
}

/** A Deployment Stage Run (table deploymentstagerun). Also used for run-history rows. */
export interface StageRun {
  id: Guid;
  name: string | null;
  artifactName: string | null;
  artifactVersion: string | null;
  artifactDevCurrentVersion: string | null;
  /** The deployment artifact (the solution files this run deploys): `_artifactid_value`, "internal use only" per Learn; absent when the host lacks the lookup. */
  artifact?: LookupRef | null;
  stage: LookupRef | null;
  sourceEnvironment: LookupRef | null;
  targetEnvironment: LookupRef | null;
  /** createdby: most likely the requester (host reference: unconfirmed). */
  requestedBy: LookupRef | null;
  /** ISO 8601 UTC strings as the Web API returns them. */
  requestedOn: string | null;
  scheduledTime?: string | null;
  startTime: string | null;
  endTime: string | null;
  stageRunStatus: OptionValue | null;
  operation: OptionValue | null;
  subOperation?: OptionValue | null;
  operationStatus?: OptionValue | null;
  deploymentNotes: string | null;
  aiGeneratedDeploymentNotes?: string | null;
  deploymentSettingsJson: string | null;
  validationResults: string | null;
  errorMessage: string | null;
  approvalStatus?: OptionValue | null;
  approvalComments?: string | null;
  approvalProperties?: string | null;
}

export type DelegationMode = "stageOwner" | "servicePrincipal" | "unknown";

/** A Deployment Stage (table deploymentstage). */
export interface Stage {
  id: Guid;
  name: string | null;
  pipeline: LookupRef | null;
  owner: LookupRef | null;
  isDelegated?: boolean | null;
  /** delegateddeploymenttype: 1 Stage Owner, 2 Service Principal (values unconfirmed). */
  delegationType?: OptionValue | null;
  servicePrincipalClientId?: string | null;
  /** previousdeploymentstageid: the stage a version must succeed in first (Microsoft Learn table reference). */
  previousStage?: LookupRef | null;
}

/** Settings from the form's property bag (manifest input properties), already defaulted. */
export interface PanelConfig {
  requireRejectComment: boolean;
  requireApproveComment: boolean;
  allowSelfApproval: boolean;
  historyPageSize: number;
  /** Logical name of the decision relay table, or null when not configured. */
  decisionRelayTable: string | null;
  /** Logical name of the approval policy table, or null when the form turns policies off. */
  approvalPolicyTable: string | null;
}

/** The signed-in user as the host describes them. Ids are lower case, without braces. */
export interface CurrentUser {
  id: Guid;
  name: string;
  securityRoleIds: Guid[];
}

/** Why a read or a write failed, as far as the panel needs to know. */
export type DataErrorKind =
  | "noHost" // no webAPI: outside a pipelines host (pcf-start harness)
  | "notFound"
  | "unauthorized"
  | "forbidden"
  | "badRequest"
  | "throttled"
  | "offline"
  | "timeout"
  | "server"
  | "unknown";

export interface DataError {
  kind: DataErrorKind;
  status?: number;
  /** The server's own message, shown to the user as it came. */
  serverMessage?: string;
  retryAfterSeconds?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DataError };

/** Why the server refused UpdateApprovalStatus, matched on meaning (the live wording can differ). */
export type RefusalKind = "notOwner" | "servicePrincipalOnly" | "notPending" | "noPrivilege" | "throttled" | "offline" | "timeout" | "server" | "unknown";

export interface DecisionRequest {
  stageRunId: Guid;
  decision: DecisionValue;
  /** For the requester (ApprovalComments). */
  comments: string;
  /** JSON for admins (ApprovalProperties), built by buildApprovalProperties. */
  approvalProperties: string;
  /** The run's name, for the relay row's name ("<Approved|Rejected> <run name>"); not sent with the action. */
  runName?: string | null;
}

export type SubmitResult = { kind: "sent" } | { kind: "refused"; reason: RefusalKind; status?: number; serverMessage?: string; retryAfterSeconds?: number };

/** Relay row outcome (whole-number column): set by the flow that applies decisions. */
export const RelayOutcomeValue = {
  Pending: 10,
  Applied: 20,
  Refused: 30,
  Failed: 40,
  /** A valid approval that waits for more approvals (a stage policy asking for several; docs/approval-policy.md). */
  Counted: 50,
} as const;

export type RelayOutcome = "pending" | "applied" | "refused" | "failed" | "counted" | "unknown";

/** A row of the decision relay table (see README "Decision relay table"). */
export interface RelayDecision {
  id: Guid;
  stageRunId: Guid;
  decision: DecisionValue | null;
  comments: string | null;
  approvalProperties: string | null;
  outcome: RelayOutcome;
  outcomeMessage: string | null;
  outcomeOn: string | null;
  decidedBy: LookupRef | null;
  decidedOn: string | null;
}

export type HistoryScope = "pipeline" | "stage";

export interface HistoryQuery {
  scope: HistoryScope;
  artifactName: string;
  /** Needed for scope "pipeline". */
  pipelineId: Guid | null;
  stageId: Guid;
  pageSize: number;
}

export interface HistoryPage {
  rows: StageRun[];
  /** Opaque cursor for the next page, null on the last page. */
  next: string | null;
  /**
   * Set when the page covers a narrower scope than asked: a host whose run → stage navigation property is unknown
   * cannot filter runs by the stage's pipeline, so its "pipeline" history is the stage's.
   */
  scope?: HistoryScope;
}
