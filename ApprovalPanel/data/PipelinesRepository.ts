import type { HostFacts, HostProbe } from "../domain/hostCheck";
import type { PolicyRow } from "../domain/policy";
import type { ArtifactFile, DownloadOptions } from "./artifactFiles";
import type { HostProbeInput } from "./hostProbe";
import type { DecisionRequest, Guid, HistoryPage, HistoryQuery, RelayDecision, Result, Stage, StageRun, SubmitResult } from "../domain/types";

/** Who asks whether they are an administrator: their id (for roles held through teams) and their direct role ids. */
export interface AdminQuery {
  id: Guid;
  securityRoleIds: readonly Guid[];
}

/** The run as loaded for the panel. */
export interface LoadedRun {
  run: StageRun;
  /** The run's stage; null when the run has no stage lookup; an error degrades only the gate section. */
  stage: Result<Stage | null>;
}

/** The run and what the panel loads around it (waves 1 and 2). */
export interface RunSource {
  /** Wave 1: the run (read once without $select, which teaches the repository the run table's columns) with its stage. */
  loadRun(runId: Guid, signal?: AbortSignal): Promise<Result<LoadedRun>>;

  /**
   * Start wave 1 (the run and the administrator check) before the panel first renders, so the requests do not wait
   * for it; the next loadRun of that run takes the answer. Optional: a repository without it is asked when the panel
   * mounts. `signal` (the control's dispose) stops the early read.
   */
  startLoad?(runId: Guid, user: AdminQuery, signal?: AbortSignal): void;

  /**
   * Wave 2: one page of run history, newest first. `next` is the cursor of a previous page.
   * A first page needs a successful loadRun before it (the columns it may select); without one it answers badRequest.
   */
  loadHistory(query: HistoryQuery, next?: string | null, signal?: AbortSignal): Promise<Result<HistoryPage>>;

  /**
   * Wave 2, beside the history: the latest succeeded run of the run's solution in its stage other than this one,
   * newer requests included: what the stage holds now (one `$top=1` query); null when there is none. For the
   * checks "not newer than the target" and What changes' baseline.
   */
  loadLastDeployment(run: StageRun, signal?: AbortSignal): Promise<Result<StageRun | null>>;
}

export interface AdministratorCheck {
  /**
   * Wave 1: whether the user holds Deployment Pipeline Administrator or System Administrator, directly or through a
   * team. Cached per page session.
   */
  isAdministrator(user: AdminQuery, signal?: AbortSignal): Promise<Result<boolean>>;
}

export interface PolicySource {
  /**
   * Wave 2, beside the history: the active rows of the approval policy table for the run's stage, newest first (at
   * most two: a second one only says the stage has more than one). Empty when the stage has no policy.
   */
  loadPolicy(table: string, stageId: Guid, signal?: AbortSignal): Promise<Result<PolicyRow[]>>;
}

/** A decision sent as the signed-in user, after a last look at the run. */
export interface DecisionGateway {
  /** Just before sending a decision: the run's current approval and run status (the whole record if no loadRun preceded it). */
  rereadRun(runId: Guid, signal?: AbortSignal): Promise<Result<StageRun>>;

  /** POST UpdateApprovalStatus as the signed-in user. */
  submitDecision(request: DecisionRequest, signal?: AbortSignal): Promise<SubmitResult>;
}

/** Service principal stages with a relay table: decisions recorded as rows that the relay flow applies. */
export interface RelayStore {
  /** Record the decision as a row. */
  createRelayDecision(table: string, request: DecisionRequest, signal?: AbortSignal): Promise<Result<Guid>>;

  /** Follow one relay row. */
  getRelayDecision(table: string, id: Guid, signal?: AbortSignal): Promise<Result<RelayDecision>>;

  /** Every relay row for a run, newest first. */
  listRelayDecisions(table: string, stageRunId: Guid, signal?: AbortSignal): Promise<Result<RelayDecision[]>>;
}

export interface ArtifactSource {
  /** The solution file of a deployment artifact (for the component diff): Range chunks, progress, abort; never rejects. */
  downloadArtifact(artifactId: Guid, options?: DownloadOptions): Promise<Result<ArtifactFile>>;
}

/** The admin's host check. */
export interface HostProber {
  /** Read-only metadata requests; each part's failure stays in that part. */
  probeHost(input: HostProbeInput, signal?: AbortSignal): Promise<HostProbe>;

  /** Use what the host check found (navigation name, comment column, labels, role template ids) for the page session. */
  adoptHostFacts(facts: HostFacts): void;
}

/**
 * Everything the panel reads from and writes to the pipelines host, one interface per concern; a user that needs one
 * concern takes only that one.
 * Components and hooks see only these interfaces: no URLs, no OData, no PCF context.
 * Every method resolves (never rejects): failures come back as typed results.
 * Which columns the host's run table has is the repository's own concern: it learns them in loadRun and never puts
 * a column the table lacks into a later query.
 */
export type PipelinesRepository = RunSource & AdministratorCheck & PolicySource & DecisionGateway & RelayStore & ArtifactSource & HostProber;
