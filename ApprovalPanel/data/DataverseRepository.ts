import { clampHistoryPageSize } from "../domain/historyPaging";
import { StageRunStatusValue } from "../domain/status";
import { ApprovalStatusValue, STAGE_RUN_TABLE } from "../domain/types";
import type { DataError, DecisionRequest, Guid, HistoryPage, HistoryQuery, RelayDecision, Result, Stage, StageRun, SubmitResult } from "../domain/types";
import { factsFromResponse, refusalFromFacts } from "./errors";
import { columnsOf, mapRelayDecision, mapRun, mapStage, type WebApiRow } from "./mapping";
import { presentColumns, queryGuid, queryPartOf, stringLiteral } from "./odata";
import type { LoadedRun, PipelinesRepository } from "./PipelinesRepository";
import { relaySchema } from "./relaySchema";
import { ABORTED, DEFAULT_TIMEOUT_MS, guarded, read, untilAborted } from "./request";

export interface DataverseRepositoryDeps {
  /** null outside a pipelines host (pcf-start harness): every read answers { kind: "noHost" }. */
  webAPI: ComponentFramework.WebApi | null;
  /** Organisation URL for the action, from page.getClientUrl(). */
  clientUrl: string | null;
  /** Defaults to the browser's fetch. */
  fetchFn?: typeof fetch;
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /**
   * Answers kept for the whole page session. index.ts passes one per loaded bundle, so a form that opens another
   * run (a new control instance) does not ask again; without it the cache lives as long as this repository.
   */
  session?: SessionCache;
}

/** What the panel asks once per page session: whether the user's security roles make them an administrator. */
export interface SessionCache {
  readonly admin: Map<string, Promise<Result<boolean>>>;
}

export function createSessionCache(): SessionCache {
  return { admin: new Map() };
}

const RUN = STAGE_RUN_TABLE;
const STAGE = "deploymentstage";
/** Navigation property of the run's stage lookup (Dataverse convention for simple lookups; unconfirmed). */
const STAGE_NAV = "deploymentstageid";

export const HISTORY_COLUMNS = [
  "deploymentstagerunid",
  "name",
  "artifactname",
  "artifactversion",
  "stagerunstatus",
  "_deploymentstageid_value",
  "_createdby_value",
  "createdon",
  "starttime",
  "endtime",
  "approvalstatus",
  "approvalcomments",
  "approvalproperties",
] as const;

export const REREAD_COLUMNS = ["approvalstatus", "stagerunstatus", "approvalcomments", "approvalproperties", "modifiedon"] as const;

export const ADMIN_ROLE_NAMES = ["system administrator", "deployment pipeline administrator"];

const NO_HOST: DataError = { kind: "noHost" };
const fail = <T>(error: DataError): Result<T> => ({ ok: false, error });
const badRequest = <T>(message: string): Result<T> => fail({ kind: "badRequest", serverMessage: message });

function isRow(value: unknown): value is WebApiRow {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * PipelinesRepository over context.webAPI (reads, relay rows) and fetch (the UpdateApprovalStatus action).
 * Every method resolves. A caller's abort resolves with request.ts ABORTED ({ kind: "unknown" }); the hooks
 * ignore answers after they abort.
 */
export function createDataverseRepository(deps: DataverseRepositoryDeps): PipelinesRepository {
  const webAPI = deps.webAPI;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const adminCache = (deps.session ?? createSessionCache()).admin;
  /**
   * The columns the run table has in this host, from the last run read without $select; null until one was read.
   * They belong to the table, not to one run, so a later record's queries use them too.
   */
  let runColumns: ReadonlySet<string> | null = null;

  const loadStage = async (stageId: Guid, signal?: AbortSignal): Promise<Result<Stage>> => {
    if (!webAPI) return fail(NO_HOST);
    const r = await read(() => webAPI.retrieveRecord(STAGE, stageId), timeoutMs, signal);
    return r.ok ? { ok: true, value: mapStage(r.value, stageId) } : r;
  };

  const loadRun = async (runId: Guid, signal?: AbortSignal): Promise<Result<LoadedRun>> => {
    if (!webAPI) return fail(NO_HOST);
    const id = queryGuid(runId);
    if (id === null) return badRequest("Not a record id.");

    const expanded = await read(() => webAPI.retrieveRecord(RUN, id, `?$expand=${STAGE_NAV}`), timeoutMs, signal);
    if (expanded.ok) {
      const row = expanded.value;
      const run = mapRun(row, id);
      runColumns = columnsOf(row, [STAGE_NAV]);
      const nav = row[STAGE_NAV];
      let stage: Result<Stage | null>;
      if (run.stage === null) stage = { ok: true, value: null };
      else if (isRow(nav)) stage = { ok: true, value: mapStage(nav, run.stage.id) };
      // The run names a stage but the expansion came back empty (e.g. no read access): ask for it directly.
      else stage = await loadStage(run.stage.id, signal);
      return { ok: true, value: { run, stage } };
    }

    // Fallback when the host does not know the navigation property (its name is unconfirmed).
    const mentionsNav = (expanded.error.serverMessage ?? "").toLowerCase().includes(STAGE_NAV);
    if (expanded.error.kind !== "badRequest" || !mentionsNav) return expanded;
    const plain = await read(() => webAPI.retrieveRecord(RUN, id), timeoutMs, signal);
    if (!plain.ok) return plain;
    runColumns = columnsOf(plain.value);
    const run = mapRun(plain.value, id);
    const stage: Result<Stage | null> = run.stage === null ? { ok: true, value: null } : await loadStage(run.stage.id, signal);
    return { ok: true, value: { run, stage } };
  };

  const isAdministrator = (securityRoleIds: readonly Guid[], signal?: AbortSignal): Promise<Result<boolean>> => {
    if (!webAPI) return Promise.resolve(fail(NO_HOST));
    const ids = [...new Set(securityRoleIds.map((r) => queryGuid(r)).filter((r): r is Guid => r !== null))].sort();
    if (ids.length === 0) return Promise.resolve({ ok: true, value: false });
    const key = ids.join(",");
    const cached = adminCache.get(key);
    if (cached) return untilAborted(cached, signal);
    const filter = ids.map((r) => `roleid eq ${r}`).join(" or ");
    // Shared by every caller of the session, so it runs without any one caller's signal.
    const pending = read(() => webAPI.retrieveMultipleRecords("role", `?$select=name&$filter=${filter}`), timeoutMs).then((r): Result<boolean> => {
      if (!r.ok) return r;
      const admin = r.value.entities.some((e) => typeof e.name === "string" && ADMIN_ROLE_NAMES.includes(e.name.trim().toLowerCase()));
      return { ok: true, value: admin };
    });
    adminCache.set(key, pending);
    // Keep only answers: a failure may be retried later in the session.
    void pending.then((r) => {
      if (!r.ok) adminCache.delete(key);
    });
    return untilAborted(pending, signal);
  };

  const loadHistory = async (query: HistoryQuery, next?: string | null, signal?: AbortSignal): Promise<Result<HistoryPage>> => {
    if (!webAPI) return fail(NO_HOST);
    const pageSize = clampHistoryPageSize(query.pageSize);
    let options: string;
    if (next) {
      // Our own cursor: the "?…" part of the previous page's nextLink.
      if (!next.startsWith("?") || !next.includes("$skiptoken=")) return badRequest("Not a history cursor.");
      options = next;
    } else {
      const columns = runColumns;
      // Without a run read first we cannot know which columns are safe to select.
      if (columns === null) return badRequest("The run table's columns are not known yet.");
      let filter: string;
      if (query.scope === "pipeline") {
        const pipelineId = queryGuid(query.pipelineId);
        if (pipelineId === null) return badRequest("The stage's pipeline is unknown.");
        if (!columns.has("artifactname") || !columns.has("_deploymentstageid_value")) return badRequest("The run table lacks artifactname.");
        filter = `artifactname eq ${stringLiteral(query.artifactName)} and ${STAGE_NAV}/_deploymentpipelineid_value eq ${pipelineId}`;
      } else {
        const stageId = queryGuid(query.stageId);
        if (stageId === null) return badRequest("Not a stage id.");
        if (!columns.has("_deploymentstageid_value")) return badRequest("The run table lacks the stage lookup.");
        filter = `_deploymentstageid_value eq ${stageId}`;
      }
      const select = presentColumns(HISTORY_COLUMNS, columns);
      if (!select.includes("deploymentstagerunid")) select.unshift("deploymentstagerunid");
      const orderby = columns.has("createdon") ? "&$orderby=createdon desc" : "";
      options = `?$select=${select.join(",")}&$filter=${filter}${orderby}`;
    }
    const r = await read(() => webAPI.retrieveMultipleRecords(RUN, options, pageSize), timeoutMs, signal);
    if (!r.ok) return r;
    return {
      ok: true,
      value: { rows: r.value.entities.map((e) => mapRun(e)), next: queryPartOf(r.value.nextLink) },
    };
  };

  const rereadRun = async (runId: Guid, signal?: AbortSignal): Promise<Result<StageRun>> => {
    if (!webAPI) return fail(NO_HOST);
    const id = queryGuid(runId);
    if (id === null) return badRequest("Not a record id.");
    const columns = runColumns;
    if (columns === null) {
      // No run read yet: read the whole record (it cannot name a missing column) and learn the columns from it.
      const whole = await read(() => webAPI.retrieveRecord(RUN, id), timeoutMs, signal);
      if (!whole.ok) return whole;
      runColumns = columnsOf(whole.value);
      return { ok: true, value: mapRun(whole.value, id) };
    }
    const select = presentColumns(REREAD_COLUMNS, columns);
    if (select.length === 0) select.push("deploymentstagerunid");
    const r = await read(() => webAPI.retrieveRecord(RUN, id, `?$select=${select.join(",")}`), timeoutMs, signal);
    return r.ok ? { ok: true, value: mapRun(r.value, id) } : r;
  };

  const submitDecision = async (request: DecisionRequest, signal?: AbortSignal): Promise<SubmitResult> => {
    const fetchFn = deps.fetchFn ?? (typeof fetch === "function" ? fetch.bind(globalThis) : null);
    const stageRunId = queryGuid(request.stageRunId);
    const clientUrl = deps.clientUrl?.replace(/\/+$/, "") ?? "";
    // Outside a host (no webAPI) there is no Dataverse to send a decision to.
    if (!webAPI || !fetchFn || clientUrl === "") return { kind: "refused", reason: "unknown", serverMessage: "No Dataverse host." };
    if (stageRunId === null) return { kind: "refused", reason: "unknown", serverMessage: "Not a record id." };
    if (request.decision !== ApprovalStatusValue.Approved && request.decision !== ApprovalStatusValue.Rejected) {
      return { kind: "refused", reason: "unknown", serverMessage: "Not a decision." };
    }
    if (signal?.aborted) return { kind: "refused", reason: "unknown", serverMessage: ABORTED.serverMessage };

    const controller = new AbortController();
    let cause: "timeout" | "caller" | null = null;
    const onCallerAbort = (): void => {
      cause ??= "caller";
      controller.abort();
    };
    signal?.addEventListener("abort", onCallerAbort);
    const timer = setTimeout(() => {
      cause ??= "timeout";
      controller.abort();
    }, timeoutMs);

    // Not retried, ever: a decision must not be sent twice. Stop waiting on abort even if fetch ignores the signal.
    const stopped = new Promise<"stopped">((resolve) => controller.signal.addEventListener("abort", () => resolve("stopped"), { once: true }));
    try {
      const response = await Promise.race([
        fetchFn(`${clientUrl}/api/data/v9.2/UpdateApprovalStatus`, {
          method: "POST",
          credentials: "same-origin",
          headers: {
            Accept: "application/json",
            "Content-Type": "application/json; charset=utf-8",
            "OData-MaxVersion": "4.0",
            "OData-Version": "4.0",
          },
          body: JSON.stringify({
            StageRunId: stageRunId,
            ApprovalStatus: request.decision,
            ApprovalComments: request.comments,
            ApprovalProperties: request.approvalProperties,
          }),
          signal: controller.signal,
        }),
        stopped,
      ]);
      if (response === "stopped") throw new DOMException("aborted", "AbortError");
      if (response.status === 204 || response.status === 200) return { kind: "sent" };
      return refusalFromFacts(await factsFromResponse(response));
    } catch (e) {
      if (cause === "timeout") return { kind: "refused", reason: "timeout" };
      if (cause === "caller") return { kind: "refused", reason: "unknown", serverMessage: ABORTED.serverMessage };
      // fetch rejects with a TypeError when the network fails (Fetch standard "network error").
      if (e instanceof TypeError) return { kind: "refused", reason: "offline", serverMessage: e.message };
      return { kind: "refused", reason: "unknown", serverMessage: e instanceof Error ? e.message : undefined };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onCallerAbort);
    }
  };

  const createRelayDecision = async (table: string, request: DecisionRequest, signal?: AbortSignal): Promise<Result<Guid>> => {
    if (!webAPI) return fail(NO_HOST);
    const schema = relaySchema(table);
    if (schema === null) return badRequest("Not a table name.");
    const stageRunId = queryGuid(request.stageRunId);
    if (stageRunId === null) return badRequest("Not a record id.");
    const c = schema.columns;
    const word = request.decision === ApprovalStatusValue.Approved ? "Approved" : "Rejected";
    const data = {
      // The relay contract names rows "<decision> <run name>"; the run's id stands in when the run has no name.
      [c.name]: `${word} ${request.runName?.trim() || stageRunId}`.slice(0, 100),
      [c.stageRunId]: stageRunId,
      [c.decision]: request.decision,
      [c.comments]: request.comments,
      [c.approvalProperties]: request.approvalProperties,
      [c.outcome]: 10,
    };
    // A write: timeout yes, retry no (a second row would be a second decision).
    const r = await guarded(() => webAPI.createRecord(table, data), timeoutMs, signal);
    if (!r.ok) return r;
    const id = queryGuid(r.value.id);
    return id === null ? fail({ kind: "unknown", serverMessage: "The host returned no id." }) : { ok: true, value: id };
  };

  const getRelayDecision = async (table: string, id: Guid, signal?: AbortSignal): Promise<Result<RelayDecision>> => {
    if (!webAPI) return fail(NO_HOST);
    const schema = relaySchema(table);
    if (schema === null) return badRequest("Not a table name.");
    const rowId = queryGuid(id);
    if (rowId === null) return badRequest("Not a record id.");
    const r = await read(() => webAPI.retrieveRecord(table, rowId, `?$select=${schema.select.join(",")}`), timeoutMs, signal);
    return r.ok ? { ok: true, value: mapRelayDecision(r.value, schema) } : r;
  };

  const listRelayDecisions = async (table: string, stageRunId: Guid, signal?: AbortSignal): Promise<Result<RelayDecision[]>> => {
    if (!webAPI) return fail(NO_HOST);
    const schema = relaySchema(table);
    if (schema === null) return badRequest("Not a table name.");
    const runId = queryGuid(stageRunId);
    if (runId === null) return badRequest("Not a record id.");
    const options = `?$select=${schema.select.join(",")}&$filter=${schema.columns.stageRunId} eq ${stringLiteral(runId)}&$orderby=createdon desc`;
    const r = await read(() => webAPI.retrieveMultipleRecords(table, options), timeoutMs, signal);
    return r.ok ? { ok: true, value: r.value.entities.map((e) => mapRelayDecision(e, schema)) } : r;
  };

  const loadLastDeployment = async (run: StageRun, signal?: AbortSignal): Promise<Result<StageRun | null>> => {
    if (!webAPI) return fail(NO_HOST);
    const columns = runColumns;
    if (columns === null) return badRequest("The run table's columns are not known yet.");
    const stageId = queryGuid(run.stage?.id ?? null);
    if (stageId === null || run.artifactName === null) return badRequest("The run has no stage or no solution name.");
    if (!columns.has("artifactname") || !columns.has("stagerunstatus") || !columns.has("_deploymentstageid_value")) {
      return badRequest("The run table lacks artifactname or stagerunstatus.");
    }
    const filters = [
      `artifactname eq ${stringLiteral(run.artifactName)}`,
      `_deploymentstageid_value eq ${stageId}`,
      `stagerunstatus eq ${StageRunStatusValue.Succeeded}`,
    ];
    const runId = queryGuid(run.id);
    if (runId !== null) filters.push(`deploymentstagerunid ne ${runId}`);
    // "Before this run": by creation time when both the column and the run's own time are known.
    const created = run.requestedOn !== null ? Date.parse(run.requestedOn) : NaN;
    const hasCreatedOn = columns.has("createdon");
    if (hasCreatedOn && Number.isFinite(created)) filters.push(`createdon lt ${new Date(created).toISOString()}`);
    const select = presentColumns(HISTORY_COLUMNS, columns);
    if (!select.includes("deploymentstagerunid")) select.unshift("deploymentstagerunid");
    const orderby = hasCreatedOn ? "&$orderby=createdon desc" : "";
    const options = `?$select=${select.join(",")}&$filter=${filters.join(" and ")}${orderby}&$top=1`;
    const r = await read(() => webAPI.retrieveMultipleRecords(RUN, options), timeoutMs, signal);
    if (!r.ok) return r;
    const first = r.value.entities[0];
    return { ok: true, value: first === undefined ? null : mapRun(first) };
  };

  return { loadRun, isAdministrator, loadHistory, loadLastDeployment, rereadRun, submitDecision, createRelayDecision, getRelayDecision, listRelayDecisions };
}
