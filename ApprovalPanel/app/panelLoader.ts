import type { LoadedRun, RunSource } from "../data/PipelinesRepository";
import { resultOf } from "../data/request";
import { readPolicy } from "../domain/policy";
import type { Guid, Result } from "../domain/types";
import type { HostInfo } from "../host/HostAdapter";
import { appendPage, historyQuery, historyTarget, pipelineScopeAvailable, replaceRow } from "./panelLoadHistory";
import {
  changedParts,
  initialHistory,
  initialPanelLoad,
  type BesidePart,
  type HistoryState,
  type PanelLoader,
  type PanelLoadInputs,
  type PanelLoadState,
  type RetryPart,
} from "./panelLoadState";
import { createRequestScope } from "./requestScope";
import { whenDisposed } from "./disposeSignal";

type RequestPart = "run" | "admin" | "relay" | "history" | "more" | "last" | "policy";
type BesideKey = "lastDeployment" | "policy";

/** Whether the panel will load a run for this host at all (the root shows a message instead otherwise). */
export function willLoad(host: HostInfo): host is HostInfo & { recordId: Guid } {
  return host.hasWebApi && host.recordId !== null;
}

/**
 * Called from the control's init(): wave 1 starts before the first render instead of after it (the first render,
 * Fluent's provider and theme, takes about 10 ms that the requests no longer wait for; npm run bench).
 */
export function startPanelLoad(repository: RunSource, host: HostInfo, disposeSignal?: AbortSignal): void {
  if (willLoad(host)) repository.startLoad?.(host.recordId, { id: host.user.id, securityRoleIds: host.user.securityRoleIds }, disposeSignal);
}

/**
 * The panel's load as a plain store, in at most two sequential waves:
 *   wave 1 (parallel): the run with its stage, the administrator check, the relay rows (only with a relay table);
 *   wave 2: the first history page (it needs the run's artifact name, the stage and its pipeline) and, beside it,
 *           the last successful deployment of this solution to the stage (for the checks) and the stage's policy.
 * A failed reload keeps what is shown. Answers that arrive after the record changed or after dispose are ignored
 * (one request scope: a part's new request supersedes its old one; dispose closes it). `onChange` gets every new
 * state, synchronously: each wave-2 request starts before the state change that a render would hold up.
 */
export function createPanelLoader(onChange: (state: PanelLoadState) => void): PanelLoader {
  const scope = createRequestScope<RequestPart>();
  let state = initialPanelLoad;
  let inputs: PanelLoadInputs | null = null;
  let loaded: LoadedRun | null = null;
  /** A first history page is shown and no other first page is on its way. */
  let historyShown = false;
  let watched: AbortSignal | undefined;
  let unwatch = (): void => undefined;

  const set = (patch: Partial<PanelLoadState>): void => {
    const next = { ...state, ...patch };
    if ((Object.keys(patch) as Array<keyof PanelLoadState>).every((key) => Object.is(state[key], next[key]))) return;
    state = next;
    onChange(state);
  };
  const setHistory = (patch: Partial<HistoryState>): void => set({ history: { ...state.history, ...patch } });

  /**
   * One wave-2 part beside the history; `read` null: unavailable. A first load stays "idle" (the checks read it as
   * loading), so that no render holds up the requests that start next. A failed reload keeps what is shown.
   */
  async function loadBeside<T, V>(
    key: BesideKey,
    part: RequestPart,
    read: ((signal: AbortSignal) => Promise<Result<T>>) | null,
    toValue: (answer: T) => V,
    keepShown: boolean,
  ): Promise<void> {
    // The two keys hold parts of different values: this call's part is the one of V.
    const put = (value: BesidePart<V>): void => set({ [key]: value } as Partial<PanelLoadState>);
    if (read === null) {
      scope.cancel(part);
      put({ status: "unavailable" });
      return;
    }
    const request = scope.begin(part);
    if (request === null) return;
    const pending = resultOf(() => read(request.signal));
    if (!keepShown && state[key].status !== "idle") put({ status: "loading" });
    const result = await pending;
    if (!request.isCurrent()) return;
    if (result.ok) put({ status: "ready", value: toValue(result.value) });
    else if (!keepShown || state[key].status !== "ready") put({ status: "error", error: result.error });
  }

  function loadLastDeployment(repository: RunSource, { run }: LoadedRun, keepShown: boolean): Promise<void> {
    const available = run.stage !== null && run.artifactName !== null && run.artifactName.trim() !== "";
    const read = available ? (signal: AbortSignal) => repository.loadLastDeployment(run, signal) : null;
    return loadBeside("lastDeployment", "last", read, (value) => value, keepShown);
  }

  function loadPolicy(current: PanelLoadInputs, { run }: LoadedRun, keepShown: boolean): Promise<void> {
    const stageId = run.stage?.id ?? null;
    const table = current.config.approvalPolicyTable;
    const read = stageId !== null && table !== null ? (signal: AbortSignal) => current.repository.loadPolicy(table, stageId, signal) : null;
    return loadBeside("policy", "policy", read, readPolicy, keepShown);
  }

  async function loadHistoryFirstPage(current: PanelLoadInputs, run: LoadedRun, keepRows: boolean): Promise<void> {
    const target = historyTarget(run);
    // A new first page supersedes any "load more" still in flight.
    scope.cancel("more");
    if (target === null) {
      scope.cancel("history");
      set({ history: { ...initialHistory, scope: state.history.scope, status: "unavailable" } });
      return;
    }
    const query = historyQuery(state.history.scope, target, current.config.historyPageSize);
    const request = scope.begin("history");
    if (request === null) return;
    historyShown = false;
    const pending = resultOf(() => current.repository.loadHistory(query, null, request.signal));
    const shown = keepRows && state.history.status === "ready" ? { ...state.history, loadingMore: false, moreError: null } : null;
    setHistory({
      status: shown !== null ? "ready" : "loading",
      rows: keepRows ? state.history.rows : [],
      next: keepRows ? state.history.next : null,
      effectiveScope: query.scope,
      pipelineScopeAvailable: pipelineScopeAvailable(target),
      loadingMore: false,
      error: null,
      moreError: null,
    });
    const result = await pending;
    if (!request.isCurrent()) return;
    if (result.ok) {
      historyShown = true;
      // The repository may have narrowed the scope (a host without the stage navigation property).
      const narrowed = result.value.scope;
      const narrowing = narrowed !== undefined && narrowed !== query.scope ? { effectiveScope: narrowed, pipelineScopeAvailable: false } : {};
      setHistory({ status: "ready", rows: result.value.rows, next: result.value.next, error: null, ...narrowing });
    } else if (shown !== null) {
      // A failed reload keeps the rows shown, with their paging, as every other part does.
      historyShown = true;
      set({ history: shown });
    } else {
      setHistory({ status: "error", rows: [], next: null, error: result.error });
    }
  }

  async function loadRunPart(keepShown: boolean, refreshHistory?: boolean): Promise<void> {
    const current = inputs;
    const runId = current?.runId ?? null;
    if (current === null || runId === null) return;
    const request = scope.begin("run");
    if (request === null) return;
    if (keepShown && loaded !== null) set({ refreshing: true });
    else if (state.run.status !== "loading") set({ run: { status: "loading" } });
    const result = await resultOf(() => current.repository.loadRun(runId, request.signal));
    if (!request.isCurrent()) return;
    set({ refreshing: false });
    if (!result.ok) {
      // Keep showing the last good copy on a failed reload; a first load shows the panel-level message.
      if (!keepShown || loaded === null) set({ run: { status: "error", error: result.error } });
      return;
    }
    loaded = result.value;
    if (refreshHistory === false && keepShown && historyShown) {
      set({ run: { status: "ready", value: result.value }, history: { ...state.history, rows: replaceRow(state.history.rows, result.value.run) } });
      return;
    }
    // Wave 2 starts before the run is shown: the panel's first full render takes about as long as a request (npm run
    // bench). The last deployment first: its request starts before the history's state change.
    const last = loadLastDeployment(current.repository, result.value, keepShown);
    const stagePolicy = loadPolicy(current, result.value, keepShown);
    const history = loadHistoryFirstPage(current, result.value, keepShown);
    set({ run: { status: "ready", value: result.value } });
    await Promise.all([history, last, stagePolicy]);
  }

  async function loadAdministrator(): Promise<void> {
    const current = inputs;
    if (current === null) return;
    const request = scope.begin("admin");
    if (request === null) return;
    set({ isAdministrator: { status: "loading" } });
    const user = { id: current.user.id, securityRoleIds: [...current.user.securityRoleIds] };
    const result = await resultOf(() => current.repository.isAdministrator(user, request.signal));
    if (!request.isCurrent()) return;
    set({ isAdministrator: result.ok ? { status: "ready", value: result.value } : { status: "error", error: result.error } });
  }

  async function loadRelay(keepShown: boolean): Promise<void> {
    const current = inputs;
    const runId = current?.runId ?? null;
    const relayTable = current?.config.decisionRelayTable ?? null;
    if (current === null || runId === null || relayTable === null) {
      scope.cancel("relay");
      if (state.relayDecisions.status !== "idle") set({ relayDecisions: { status: "idle" } });
      return;
    }
    const request = scope.begin("relay");
    if (request === null) return;
    if (!keepShown) set({ relayDecisions: { status: "loading" } });
    const result = await resultOf(() => current.repository.listRelayDecisions(relayTable, runId, request.signal));
    if (!request.isCurrent()) return;
    if (result.ok) set({ relayDecisions: { status: "ready", value: result.value } });
    else if (!keepShown) set({ relayDecisions: { status: "error", error: result.error } });
  }

  /** A new record, user, repository or page size: start over, keeping only the history scope the user chose. */
  function restart(runId: Guid | null): void {
    for (const part of ["run", "history", "more", "last", "policy"] as const) scope.cancel(part);
    loaded = null;
    historyShown = false;
    set({
      run: { status: runId === null ? "idle" : "loading" },
      refreshing: false,
      history: { ...initialHistory, scope: state.history.scope },
      lastDeployment: { status: "idle" },
      policy: { status: "idle" },
    });
    void loadRunPart(false);
  }

  function dispose(): void {
    unwatch();
    scope.close();
  }

  function watchDispose(signal: AbortSignal | undefined): void {
    if (signal === watched) return;
    unwatch();
    watched = signal;
    unwatch = whenDisposed(signal, dispose);
  }

  function load(next: PanelLoadInputs): void {
    const changed = changedParts(inputs, next);
    inputs = next;
    if (!scope.closed) {
      if (changed.run) restart(next.runId);
      if (changed.admin) {
        scope.cancel("admin");
        if (next.runId !== null) void loadAdministrator();
      }
      if (changed.relay) void loadRelay(false);
    }
    watchDispose(next.disposeSignal);
  }

  function loadMore(): void {
    const current = inputs;
    const next = state.history.next;
    const target = loaded === null ? null : historyTarget(loaded);
    if (current === null || next === null || target === null) return;
    // A first page loaded again meanwhile (scope switch, reload) cancels this request, so its page is dropped.
    const request = scope.begin("more");
    if (request === null) return;
    setHistory({ loadingMore: true, moreError: null });
    const query = historyQuery(state.history.scope, target, current.config.historyPageSize);
    void resultOf(() => current.repository.loadHistory(query, next, request.signal)).then((result) => {
      if (!request.isCurrent()) return;
      if (result.ok) setHistory({ rows: appendPage(state.history.rows, result.value.rows), next: result.value.next, loadingMore: false });
      else setHistory({ loadingMore: false, moreError: result.error });
    });
  }

  function retry(part: RetryPart): void {
    if (part === "run") void loadRunPart(false);
    else if (part === "admin") void loadAdministrator();
    else if (part === "relay") void loadRelay(false);
    else if (inputs !== null && loaded !== null) {
      if (part === "history") void loadHistoryFirstPage(inputs, loaded, false);
      else void loadPolicy(inputs, loaded, false);
    }
  }

  return {
    get state() {
      return state;
    },
    load,
    reload: async (options) => {
      await Promise.all([loadRunPart(true, options?.history !== false), loadRelay(true)]);
    },
    retry,
    refreshRelayDecisions: () => void loadRelay(true),
    loadMore,
    setScope: (historyScope) => {
      setHistory({ scope: historyScope });
      if (inputs !== null && loaded !== null) void loadHistoryFirstPage(inputs, loaded, false);
    },
    dispose,
  };
}
