import * as React from "react";
import type { LoadedRun, PipelinesRepository } from "../data/PipelinesRepository";
import { resultOf } from "../data/request";
import { sameGuid } from "../domain/ids";
import { readPolicy, type StagePolicy } from "../domain/policy";
import {
  type CurrentUser,
  type DataError,
  type Guid,
  type HistoryQuery,
  type HistoryScope,
  type PanelConfig,
  type RelayDecision,
  type Result,
  type StageRun,
} from "../domain/types";
import type { HostInfo } from "../host/HostAdapter";
import { createRequestScope, type RequestScope } from "./requestScope";

/** One independently loaded part of the panel: a failure degrades only the section that shows it. */
export type Part<T> = { status: "idle" } | { status: "loading" } | { status: "ready"; value: T } | { status: "error"; error: DataError };

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

export interface PanelData {
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

export interface ReloadOptions {
  /**
   * false: only this run changed (the user's own decision), so the history keeps its rows and the current run's row
   * is replaced with the fresh copy instead of reading the first page again. Default true.
   */
  history?: boolean;
}

type PartName = "run" | "admin" | "relay" | "history" | "more" | "last" | "policy";

const initialHistory: HistoryState = {
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

interface HistoryTarget {
  artifactName: string;
  pipelineId: Guid | null;
  stageId: Guid;
}

/** What the run-history query needs from the loaded run; null when the run has no stage. */
function historyTarget(loaded: LoadedRun): HistoryTarget | null {
  const stageId = loaded.run.stage?.id ?? null;
  if (stageId === null) return null;
  const pipelineId = loaded.stage.ok ? (loaded.stage.value?.pipeline?.id ?? null) : null;
  return { artifactName: loaded.run.artifactName ?? "", pipelineId, stageId };
}

function effectiveScopeOf(scope: HistoryScope, target: HistoryTarget): HistoryScope {
  return scope === "pipeline" && target.pipelineId !== null && target.artifactName !== "" ? "pipeline" : "stage";
}

function historyQuery(scope: HistoryScope, target: HistoryTarget, pageSize: number): HistoryQuery {
  return { scope: effectiveScopeOf(scope, target), artifactName: target.artifactName, pipelineId: target.pipelineId, stageId: target.stageId, pageSize };
}

/** A part read in wave 2 beside the history: "unavailable" when the run lacks what its query needs. */
type BesidePart<V> = Part<V> | { status: "unavailable" };

/**
 * One wave-2 part beside the history (the last deployment, the stage's policy); `read` null: unavailable. Like the
 * history, the request starts before the state change renders, and a first load stays "idle" (the checks read it as
 * loading): React 16 renders each state change here at once, and that render would hold up the requests that start
 * next. A failed reload keeps what is shown.
 */
async function loadBesideHistory<T, V>(
  scope: RequestScope<PartName>,
  name: PartName,
  setState: React.Dispatch<React.SetStateAction<BesidePart<V>>>,
  read: ((signal: AbortSignal) => Promise<Result<T>>) | null,
  toValue: (answer: T) => V,
  keepShown: boolean,
): Promise<void> {
  if (read === null) {
    scope.cancel(name);
    setState({ status: "unavailable" });
    return;
  }
  const request = scope.begin(name);
  if (request === null) return;
  const pending = resultOf(() => read(request.signal));
  if (!keepShown) setState((shown) => (shown.status === "idle" ? shown : { status: "loading" }));
  const result = await pending;
  if (!request.isCurrent()) return;
  if (result.ok) setState({ status: "ready", value: toValue(result.value) });
  else setState((shown) => (keepShown && shown.status === "ready" ? shown : { status: "error", error: result.error }));
}

/** Whether the panel will load a run for this host at all (the root shows a message instead otherwise). */
export function willLoad(host: HostInfo): host is HostInfo & { recordId: Guid } {
  return host.hasWebApi && host.recordId !== null;
}

/**
 * Called from the control's init(): wave 1 starts before the first render instead of after it (the first render,
 * Fluent's provider and theme, takes about 10 ms that the requests no longer wait for; npm run bench).
 */
export function startPanelLoad(repository: PipelinesRepository, host: HostInfo, disposeSignal?: AbortSignal): void {
  if (willLoad(host)) repository.startLoad?.(host.recordId, { id: host.user.id, securityRoleIds: host.user.securityRoleIds }, disposeSignal);
}

/**
 * Loading state of the whole panel, in at most two sequential waves:
 *   wave 1 (parallel): the run with its stage, the administrator check, the relay rows (only with a relay table);
 *   wave 2: the first history page (it needs the run's artifact name, the stage and its pipeline) and, beside it,
 *           the last successful deployment of this solution to the stage (for the checks) and the stage's policy.
 * Each part has its own effect, so a change that concerns one part (the user's roles: the administrator check)
 * reloads only that part. Answers that arrive after the record changed, after unmount or after dispose are
 * ignored (one request scope: a part's new request supersedes its old one; dispose and unmount close it).
 */
export function usePanelData(
  repository: PipelinesRepository,
  runId: Guid | null,
  user: CurrentUser,
  config: PanelConfig,
  disposeSignal?: AbortSignal,
): PanelData {
  const [run, setRun] = React.useState<Part<LoadedRun>>({ status: "idle" });
  const [refreshing, setRefreshing] = React.useState(false);
  const [isAdministrator, setIsAdministrator] = React.useState<Part<boolean>>({ status: "idle" });
  const [relayDecisions, setRelayDecisions] = React.useState<Part<RelayDecision[]>>({ status: "idle" });
  const [history, setHistory] = React.useState<HistoryState>(initialHistory);
  const [lastDeployment, setLastDeployment] = React.useState<LastDeploymentState>({ status: "idle" });
  const [policy, setPolicy] = React.useState<PolicyState>({ status: "idle" });

  // Primitive dependencies: the host builds new objects on every updateView.
  const userId = user.id;
  const roleKey = user.securityRoleIds.join(",");
  const relayTable = config.decisionRelayTable;
  const pageSize = config.historyPageSize;
  const policyTable = config.approvalPolicyTable;

  const [scope] = React.useState(() => createRequestScope<PartName>());
  const loadedRef = React.useRef<LoadedRun | null>(null);
  const scopeRef = React.useRef<HistoryScope>("pipeline");
  const nextRef = React.useRef<string | null>(null);
  /** A first history page is shown and no other first page is on its way. */
  const historyShown = React.useRef(false);

  const loadHistoryFirstPage = React.useCallback(
    async (loaded: LoadedRun, keepRows: boolean): Promise<void> => {
      const target = historyTarget(loaded);
      // A new first page supersedes any "load more" still in flight.
      scope.cancel("more");
      if (target === null) {
        scope.cancel("history");
        setHistory((h) => ({ ...initialHistory, scope: h.scope, status: "unavailable" }));
        return;
      }
      const query = historyQuery(scopeRef.current, target, pageSize);
      const pipelineScopeAvailable = target.pipelineId !== null && target.artifactName !== "";
      const request = scope.begin("history");
      if (request === null) return;
      historyShown.current = false;
      // The request starts before the state change: React 16 renders synchronously here (outside event handlers).
      const pending = resultOf(() => repository.loadHistory(query, null, request.signal));
      setHistory((h) => ({
        ...h,
        status: keepRows && h.status === "ready" ? "ready" : "loading",
        rows: keepRows ? h.rows : [],
        next: keepRows ? h.next : null,
        effectiveScope: query.scope,
        pipelineScopeAvailable,
        loadingMore: false,
        error: null,
        moreError: null,
      }));
      const result = await pending;
      if (!request.isCurrent()) return;
      if (result.ok) {
        nextRef.current = result.value.next;
        historyShown.current = true;
        // The repository may have narrowed the scope (a host without the stage navigation property).
        const narrowed = result.value.scope;
        setHistory((h) => ({
          ...h,
          status: "ready",
          rows: result.value.rows,
          next: result.value.next,
          error: null,
          ...(narrowed !== undefined && narrowed !== query.scope ? { effectiveScope: narrowed, pipelineScopeAvailable: false } : {}),
        }));
      } else {
        setHistory((h) => ({ ...h, status: "error", rows: [], next: null, error: result.error }));
      }
    },
    [repository, pageSize, scope],
  );

  const loadLastDeployment = React.useCallback(
    (loaded: LoadedRun, keepShown: boolean): Promise<void> => {
      const run = loaded.run;
      const available = run.stage !== null && run.artifactName !== null && run.artifactName.trim() !== "";
      const read = available ? (signal: AbortSignal) => repository.loadLastDeployment(run, signal) : null;
      return loadBesideHistory(scope, "last", setLastDeployment, read, (value) => value, keepShown);
    },
    [repository, scope],
  );

  const loadPolicy = React.useCallback(
    (loaded: LoadedRun, keepShown: boolean): Promise<void> => {
      const stageId = loaded.run.stage?.id ?? null;
      const read = stageId !== null && policyTable !== null ? (signal: AbortSignal) => repository.loadPolicy(policyTable, stageId, signal) : null;
      return loadBesideHistory(scope, "policy", setPolicy, read, readPolicy, keepShown);
    },
    [repository, policyTable, scope],
  );

  const loadRunPart = React.useCallback(
    async (keepShown: boolean, refreshHistory = true): Promise<void> => {
      if (runId === null) return;
      const request = scope.begin("run");
      if (request === null) return;
      if (keepShown && loadedRef.current !== null) setRefreshing(true);
      else setRun({ status: "loading" });
      const result = await resultOf(() => repository.loadRun(runId, request.signal));
      if (!request.isCurrent()) return;
      setRefreshing(false);
      if (!result.ok) {
        // Keep showing the last good copy on a failed reload; a first load shows the panel-level message.
        if (!keepShown || loadedRef.current === null) setRun({ status: "error", error: result.error });
        return;
      }
      loadedRef.current = result.value;
      const fresh = result.value.run;
      if (!refreshHistory && keepShown && historyShown.current) {
        setHistory((h) => ({ ...h, rows: h.rows.map((row) => (sameGuid(row.id, fresh.id) ? fresh : row)) }));
        setRun({ status: "ready", value: result.value });
        return;
      }
      // Start the history request before rendering the run: the panel's first full render takes about as long as a
      // request (npm run bench), and the second wave used to wait for it.
      // The last deployment first: its request starts before the history's state change renders.
      const last = loadLastDeployment(result.value, keepShown);
      const stagePolicy = loadPolicy(result.value, keepShown);
      const history = loadHistoryFirstPage(result.value, keepShown);
      setRun({ status: "ready", value: result.value });
      await Promise.all([history, last, stagePolicy]);
    },
    [repository, runId, scope, loadHistoryFirstPage, loadLastDeployment, loadPolicy],
  );

  const loadAdministrator = React.useCallback(async (): Promise<void> => {
    const request = scope.begin("admin");
    if (request === null) return;
    setIsAdministrator({ status: "loading" });
    const roleIds = roleKey === "" ? [] : roleKey.split(",");
    const result = await resultOf(() => repository.isAdministrator({ id: userId, securityRoleIds: roleIds }, request.signal));
    if (!request.isCurrent()) return;
    setIsAdministrator(result.ok ? { status: "ready", value: result.value } : { status: "error", error: result.error });
  }, [repository, roleKey, userId, scope]);

  const loadRelay = React.useCallback(
    async (keepShown: boolean): Promise<void> => {
      if (runId === null || relayTable === null) {
        scope.cancel("relay");
        setRelayDecisions({ status: "idle" });
        return;
      }
      const request = scope.begin("relay");
      if (request === null) return;
      if (!keepShown) setRelayDecisions({ status: "loading" });
      const result = await resultOf(() => repository.listRelayDecisions(relayTable, runId, request.signal));
      if (!request.isCurrent()) return;
      if (result.ok) setRelayDecisions({ status: "ready", value: result.value });
      else if (!keepShown) setRelayDecisions({ status: "error", error: result.error });
    },
    [repository, runId, relayTable, scope],
  );

  // Wave 1, the run (and after it wave 2, its history): for a new record, user, repository or page size, start over.
  // Layout effects: wave 1 starts when the first render is committed, not after the browser has painted it.
  React.useLayoutEffect(() => {
    if (scope.closed) return undefined;
    loadedRef.current = null;
    nextRef.current = null;
    historyShown.current = false;
    setRun({ status: runId === null ? "idle" : "loading" });
    setRefreshing(false);
    setHistory((h) => ({ ...initialHistory, scope: h.scope }));
    setLastDeployment({ status: "idle" });
    setPolicy({ status: "idle" });
    void loadRunPart(false);
    return () => scope.cancel("run", "history", "more", "last", "policy");
  }, [scope, runId, userId, loadRunPart]);

  // Wave 1, the administrator check: also when only the user's roles changed (the run and history stay).
  React.useLayoutEffect(() => {
    if (scope.closed || runId === null) return undefined;
    void loadAdministrator();
    return () => scope.cancel("admin");
  }, [scope, runId, userId, loadAdministrator]);

  // Wave 1, the relay rows (none without a relay table).
  React.useLayoutEffect(() => {
    if (scope.closed) return undefined;
    void loadRelay(false);
    return () => scope.cancel("relay");
  }, [scope, runId, userId, loadRelay]);

  // The control's destroy(): stop every request and never update state again.
  React.useEffect(() => {
    if (disposeSignal === undefined) return undefined;
    const stop = (): void => scope.close();
    if (disposeSignal.aborted) {
      stop();
      return undefined;
    }
    disposeSignal.addEventListener("abort", stop);
    return () => disposeSignal.removeEventListener("abort", stop);
  }, [disposeSignal, scope]);

  React.useEffect(() => () => scope.close(), [scope]);

  const reload = React.useCallback(
    async (options?: ReloadOptions): Promise<void> => {
      await Promise.all([loadRunPart(true, options?.history !== false), loadRelay(true)]);
    },
    [loadRunPart, loadRelay],
  );

  const retryRun = React.useCallback(() => {
    void loadRunPart(false);
  }, [loadRunPart]);

  const retryAdministrator = React.useCallback(() => {
    void loadAdministrator();
  }, [loadAdministrator]);

  const retryRelayDecisions = React.useCallback(() => {
    void loadRelay(false);
  }, [loadRelay]);

  const refreshRelayDecisions = React.useCallback(() => {
    void loadRelay(true);
  }, [loadRelay]);

  const retryPolicy = React.useCallback(() => {
    if (loadedRef.current !== null) void loadPolicy(loadedRef.current, false);
  }, [loadPolicy]);

  const retryHistory = React.useCallback(() => {
    if (loadedRef.current !== null) void loadHistoryFirstPage(loadedRef.current, false);
  }, [loadHistoryFirstPage]);

  const setHistoryScope = React.useCallback(
    (historyScope: HistoryScope) => {
      scopeRef.current = historyScope;
      setHistory((h) => ({ ...h, scope: historyScope }));
      if (loadedRef.current !== null) void loadHistoryFirstPage(loadedRef.current, false);
    },
    [loadHistoryFirstPage],
  );

  const loadMoreHistory = React.useCallback(() => {
    const loaded = loadedRef.current;
    const next = nextRef.current;
    if (loaded === null || next === null) return;
    const target = historyTarget(loaded);
    if (target === null) return;
    // A first page loaded again meanwhile (scope switch, reload) cancels this request, so its page is dropped.
    const request = scope.begin("more");
    if (request === null) return;
    setHistory((h) => ({ ...h, loadingMore: true, moreError: null }));
    void resultOf(() => repository.loadHistory(historyQuery(scopeRef.current, target, pageSize), next, request.signal)).then((result) => {
      if (!request.isCurrent()) return;
      if (result.ok) {
        nextRef.current = result.value.next;
        setHistory((h) => ({ ...h, rows: [...h.rows, ...result.value.rows], next: result.value.next, loadingMore: false }));
      } else {
        setHistory((h) => ({ ...h, loadingMore: false, moreError: result.error }));
      }
    });
  }, [repository, pageSize, scope]);

  return {
    run,
    refreshing,
    isAdministrator,
    relayDecisions,
    history,
    lastDeployment,
    policy,
    retryPolicy,
    reload,
    retryRun,
    retryAdministrator,
    retryRelayDecisions,
    refreshRelayDecisions,
    retryHistory,
    setHistoryScope,
    loadMoreHistory,
  };
}
