import type { AdministratorCheck, LoadedRun, PolicySource, RelayStore, RunSource } from "../data/PipelinesRepository";

/** What the load reads: runs, the administrator check, the stage's policy and the run's relay rows. */
export type PanelLoadSource = RunSource & AdministratorCheck & PolicySource & Pick<RelayStore, "listRelayDecisions">;
import type { StagePolicy } from "../domain/policy";
import type { CurrentUser, DataError, Guid, HistoryScope, PanelConfig, RelayDecision, StageRun } from "../domain/types";

/** One independently loaded part of the panel: a failure degrades only the section that shows it. */
export type Part<T> = { status: "idle" } | { status: "loading" } | { status: "ready"; value: T } | { status: "error"; error: DataError };

/** A part read in wave 2 beside the history: "unavailable" when the run lacks what its query needs. */
export type BesidePart<V> = Part<V> | { status: "unavailable" };

export interface HistoryState {
  /** "unavailable": the run has no stage (or no artifact name), so there is nothing to compare it with. */
  status: "idle" | "unavailable" | "loading" | "ready" | "error";
  rows: StageRun[];
  next: string | null;
  /** The scope the user asked for. */
  scope: HistoryScope;
  /** The scope really queried: "pipeline" needs the artifact name and the stage's pipeline, else "stage". */
  effectiveScope: HistoryScope;
  pipelineScopeAvailable: boolean;
  loadingMore: boolean;
  error: DataError | null;
  moreError: DataError | null;
}

/** The last successful deployment of this solution to this stage; "unavailable" when the run has no stage or solution. */
export type LastDeploymentState = BesidePart<StageRun | null>;

/** The stage's approval policy; "unavailable" when the run has no stage or the form reads no policy table. */
export type PolicyState = BesidePart<StagePolicy>;

/** What the panel has loaded so far, part by part. */
export interface PanelLoadState {
  run: Part<LoadedRun>;
  /** True while a reload runs behind data that is still shown. */
  refreshing: boolean;
  isAdministrator: Part<boolean>;
  /** "idle" when no relay table is configured. */
  relayDecisions: Part<RelayDecision[]>;
  history: HistoryState;
  /** Wave 2, beside the history: the latest succeeded run of this solution in this stage (what the stage holds now). */
  lastDeployment: LastDeploymentState;
  /** Wave 2, beside the history: the stage's approval policy (docs/approval-policy.md). */
  policy: PolicyState;
}

export interface ReloadOptions {
  /**
   * false: only this run changed (the user's own decision), so the history keeps its rows and the current run's row
   * is replaced with the fresh copy instead of reading the first page again. Default true.
   */
  history?: boolean;
}

/** The load state with what the sections may ask of it: the panel's view of the loader. */
export interface PanelData extends PanelLoadState {
  retryPolicy(): void;
  /** Loads the run, the relay rows and the first history page again, keeping what is shown until the answers arrive. */
  reload(options?: ReloadOptions): Promise<void>;
  retryRun(): void;
  retryAdministrator(): void;
  retryRelayDecisions(): void;
  /** Reads the relay rows again, keeping the shown list until the answer arrives (after a relayed decision moved on). */
  refreshRelayDecisions(): void;
  retryHistory(): void;
  setHistoryScope(scope: HistoryScope): void;
  loadMoreHistory(): void;
}

/** What the panel loads for: one record, one user, the form's properties. */
export interface PanelLoadInputs {
  repository: PanelLoadSource;
  runId: Guid | null;
  user: Pick<CurrentUser, "id" | "securityRoleIds">;
  config: Pick<PanelConfig, "decisionRelayTable" | "historyPageSize" | "approvalPolicyTable">;
  /** The control's destroy(): stops every request, and no answer is applied after it. */
  disposeSignal?: AbortSignal;
}

/** The parts a section offers a Retry for. */
export type RetryPart = "run" | "admin" | "relay" | "history" | "policy";

export interface PanelLoader {
  readonly state: PanelLoadState;
  /** The first call starts both waves; a later one reloads only the parts whose inputs changed. */
  load: (inputs: PanelLoadInputs) => void;
  /** Loads the run, the relay rows and the first history page again, keeping what is shown until the answers arrive. */
  reload: (options?: ReloadOptions) => Promise<void>;
  /** Loads a part again after it failed, showing it as loading meanwhile. */
  retry: (part: RetryPart) => void;
  /** Reads the relay rows again, keeping the shown list until the answer arrives (after a relayed decision moved on). */
  refreshRelayDecisions: () => void;
  /** Appends the next history page. */
  loadMore: () => void;
  /** Shows the history of the pipeline or of the stage, from its first page. */
  setScope: (scope: HistoryScope) => void;
  /** Stops every request for good (destroy, unmount). */
  dispose: () => void;
}

/** Which inputs each wave-1 part depends on: a change of other inputs leaves the part alone. */
function inputKeys({ repository, runId, user, config }: PanelLoadInputs): Record<"run" | "admin" | "relay", unknown[]> {
  return {
    run: [repository, runId, user.id, config.historyPageSize, config.approvalPolicyTable],
    admin: [repository, runId, user.id, user.securityRoleIds.join(",")],
    relay: [repository, runId, user.id, config.decisionRelayTable],
  };
}

/** The wave-1 parts to load again for new inputs (all of them for the first inputs). */
export function changedParts(previous: PanelLoadInputs | null, next: PanelLoadInputs): Record<"run" | "admin" | "relay", boolean> {
  const after = inputKeys(next);
  const before = previous === null ? null : inputKeys(previous);
  const changed = (part: "run" | "admin" | "relay"): boolean => before === null || before[part].some((value, i) => !Object.is(value, after[part][i]));
  return { run: changed("run"), admin: changed("admin"), relay: changed("relay") };
}

export const initialHistory: HistoryState = {
  status: "idle",
  rows: [],
  next: null,
  scope: "pipeline",
  effectiveScope: "pipeline",
  pipelineScopeAvailable: false,
  loadingMore: false,
  error: null,
  moreError: null,
};

export const initialPanelLoad: PanelLoadState = {
  run: { status: "idle" },
  refreshing: false,
  isAdministrator: { status: "idle" },
  relayDecisions: { status: "idle" },
  history: initialHistory,
  lastDeployment: { status: "idle" },
  policy: { status: "idle" },
};
