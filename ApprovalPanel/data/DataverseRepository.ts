import { DEFAULT_STAGE_NAVIGATION, PIPELINE_ADMINISTRATOR_NAME, SYSTEM_ADMINISTRATOR_TEMPLATE_ID, type HostFacts, type HostProbe } from "../domain/hostCheck";
import { clampHistoryPageSize } from "../domain/historyPaging";
import { normalizeGuid } from "../domain/ids";
import { StageRunStatusValue } from "../domain/status";
import { ApprovalStatusValue, STAGE_RUN_TABLE } from "../domain/types";
import type {
  DataError,
  DecisionRequest,
  Guid,
  HistoryPage,
  HistoryQuery,
  HistoryScope,
  RelayDecision,
  Result,
  Stage,
  StageRun,
  SubmitResult,
} from "../domain/types";
import { factsFromResponse, refusalFromFacts } from "./errors";
import type { PolicyRow } from "../domain/policy";
import { columnsOf, mapPolicyRow, mapRelayDecision, mapRun, mapStage, type WebApiRow } from "./mapping";
import { presentColumns, queryGuid, queryPartOf, stringLiteral } from "./odata";
import { downloadArtifactFile, type ArtifactFile, type DownloadOptions } from "./artifactFiles";
import { probeHost, type HostProbeInput } from "./hostProbe";
import type { AdminQuery, LoadedRun, PipelinesRepository } from "./PipelinesRepository";
import { policySchema } from "./policySchema";
import { relaySchema } from "./relaySchema";
import { ABORTED, DEFAULT_TIMEOUT_MS, guarded, read, resultOf, untilAborted } from "./request";

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

/**
 * What the panel keeps for the page session: whether the user's roles make them an administrator, and what an
 * admin's host check found out about the host (null until one ran; ordinary loads never run it).
 */
export interface SessionCache {
  readonly admin: Map<string, Promise<Result<boolean>>>;
  hostFacts: HostFacts | null;
  /**
   * Learnt from a refused $expand: this host does not know the default navigation name (null), so later records
   * skip the refused request. Undefined until known; the host check's fact wins over it.
   */
  refusedStageNavigation?: true;
}

export function createSessionCache(): SessionCache {
  return { admin: new Map(), hostFacts: null };
}

const RUN = STAGE_RUN_TABLE;
const STAGE = "deploymentstage";
/** Navigation property of the run's stage lookup (Dataverse convention for simple lookups; unconfirmed). */
const STAGE_NAV = DEFAULT_STAGE_NAVIGATION;

export const HISTORY_COLUMNS = [
  "deploymentstagerunid",
  "name",
  "artifactname",
  "artifactversion",
  "stagerunstatus",
  "_deploymentstageid_value",
  "_artifactid_value",
  "_createdby_value",
  "createdon",
  "starttime",
  "endtime",
  "approvalstatus",
  "approvalcomments",
  "approvalproperties",
] as const;

export const REREAD_COLUMNS = ["approvalstatus", "stagerunstatus", "approvalcomments", "approvalproperties", "modifiedon"] as const;

/** Role columns for the admin check: the template id is the same in every environment, the name follows its base language. */
const ROLE_SELECT = "$select=roleid,name,_roletemplateid_value";

const NO_HOST: DataError = { kind: "noHost" };
/** Failures that say nothing about the query: asking another way would fail (or wait) the same. */
const TRANSIENT_KINDS: ReadonlySet<DataError["kind"]> = new Set(["timeout", "throttled", "server", "offline", "unauthorized", "noHost"]);
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
  const session = deps.session ?? createSessionCache();
  const adminCache = session.admin;
  /**
   * The columns the run table has in this host, from the last run read without $select; null until one was read.
   * They belong to the table, not to one run, so a later record's queries use them too.
   */
  let runColumns: ReadonlySet<string> | null = null;

  /** The run → stage navigation property to use, or null when this host has none the panel knows. */
  const stageNavigation = (): string | null => {
    if (session.hostFacts !== null) return session.hostFacts.stageNavigation;
    return session.refusedStageNavigation ? null : STAGE_NAV;
  };

  /** What the fetch paths (the action, metadata, artifact files) need; the browser's fetch unless one was given. Read per call: tests set a global fetch after creating the repository. */
  const fetchDeps = () => ({ fetchFn: deps.fetchFn ?? (typeof fetch === "function" ? fetch.bind(globalThis) : null), clientUrl: deps.clientUrl, timeoutMs });

  const mapRunHere = (row: WebApiRow, id?: Guid): StageRun => mapRun(row, id, session.hostFacts ?? undefined);
  /** A column list with the comments and properties columns the host check found in place of the default names. */
  const withStorage = (columns: readonly string[]): string[] => {
    const facts = session.hostFacts;
    if (facts === null) return [...columns];
    const swap: Record<string, string | null> = { approvalcomments: facts.commentsColumn, approvalproperties: facts.propertiesColumn };
    return columns.flatMap((c) => (c in swap ? (swap[c] === null ? [] : [swap[c] as string]) : [c]));
  };

  const loadStage = async (stageId: Guid, signal?: AbortSignal): Promise<Result<Stage>> => {
    if (!webAPI) return fail(NO_HOST);
    const r = await read(() => webAPI.retrieveRecord(STAGE, stageId), timeoutMs, signal);
    return r.ok ? { ok: true, value: mapStage(r.value, stageId) } : r;
  };

  /** Runs whose read started before anyone asked (startLoad), each taken by the next loadRun of that run. */
  const started = new Map<Guid, Promise<Result<LoadedRun>>>();

  const loadRun = (runId: Guid, signal?: AbortSignal): Promise<Result<LoadedRun>> => {
    const id = queryGuid(runId);
    const early = id === null ? undefined : started.get(id);
    if (id !== null && early !== undefined) {
      // Taken once: a later load (after a decision, a retry) reads the run again.
      started.delete(id);
      return untilAborted(early, signal);
    }
    return readRun(runId, signal);
  };

  const startLoad = (runId: Guid, user: AdminQuery, signal?: AbortSignal): void => {
    const id = queryGuid(runId);
    if (!webAPI || id === null || started.has(id)) return;
    // The control's dispose signal: a destroyed control's read stops (its throttling back-off too).
    started.set(id, readRun(id, signal));
    // The administrator answer is kept for the page session anyway: asking now only moves it earlier.
    void isAdministrator(user);
  };

  const readRun = async (runId: Guid, signal?: AbortSignal): Promise<Result<LoadedRun>> => {
    if (!webAPI) return fail(NO_HOST);
    const id = queryGuid(runId);
    if (id === null) return badRequest("Not a record id.");

    // The host check may have found the host's own name for the navigation property, or that it has none.
    const stageNav = stageNavigation();
    if (stageNav === null) return loadRunAndStage(id, signal);
    const expanded = await read(() => webAPI.retrieveRecord(RUN, id, `?$expand=${stageNav}`), timeoutMs, signal);
    if (expanded.ok) {
      const row = expanded.value;
      const run = mapRunHere(row, id);
      runColumns = columnsOf(row, [stageNav]);
      const nav = row[stageNav];
      let stage: Result<Stage | null>;
      if (run.stage === null) stage = { ok: true, value: null };
      else if (isRow(nav)) stage = { ok: true, value: mapStage(nav, run.stage.id) };
      // The run names a stage but the expansion came back empty (e.g. no read access): ask for it directly.
      else stage = await loadStage(run.stage.id, signal);
      return { ok: true, value: { run, stage } };
    }

    // Fallback when the host does not know the navigation property (its name is unconfirmed).
    const mentionsNav = (expanded.error.serverMessage ?? "").toLowerCase().includes(stageNav.toLowerCase());
    if (expanded.error.kind !== "badRequest" || !mentionsNav) return expanded;
    if (session.hostFacts === null) session.refusedStageNavigation = true;
    return loadRunAndStage(id, signal);
  };

  /** The run read whole, then its stage in a second request. */
  const loadRunAndStage = async (id: Guid, signal?: AbortSignal): Promise<Result<LoadedRun>> => {
    if (!webAPI) return fail(NO_HOST);
    const plain = await read(() => webAPI.retrieveRecord(RUN, id), timeoutMs, signal);
    if (!plain.ok) return plain;
    runColumns = columnsOf(plain.value);
    const run = mapRunHere(plain.value, id);
    const stage: Result<Stage | null> = run.stage === null ? { ok: true, value: null } : await loadStage(run.stage.id, signal);
    return { ok: true, value: { run, stage } };
  };

  /**
   * Admin by role template id (System Administrator's is fixed; Deployment Pipeline Administrator's only when the
   * host check found it), else Deployment Pipeline Administrator by the role record's name, which follows the
   * organisation's base language. One request reads the user's direct roles and their teams' roles together
   * (nested $expand on the N:N navigation properties, which Dataverse supports: Learn, "Join tables using OData"), so
   * a non-admin approver costs the load one request, not two. A host that refuses it (400, or 403: no read on users)
   * gets the two-step way: the roles the user's settings name, then the roles of the user's teams.
   */
  const isAdministrator = (user: AdminQuery, signal?: AbortSignal): Promise<Result<boolean>> => {
    if (!webAPI) return Promise.resolve(fail(NO_HOST));
    const ids = [...new Set(user.securityRoleIds.map((r) => queryGuid(r)).filter((r): r is Guid => r !== null))].sort();
    const userId = queryGuid(user.id);
    if (ids.length === 0 && userId === null) return Promise.resolve({ ok: true, value: false });
    const key = `${userId ?? ""}|${ids.join(",")}`;
    const cached = adminCache.get(key);
    if (cached) return untilAborted(cached, signal);
    const isAdminRole = (row: WebApiRow): boolean => {
      const template = normalizeGuid(typeof row._roletemplateid_value === "string" ? row._roletemplateid_value : null);
      const templates = session.hostFacts?.administratorTemplateIds ?? [SYSTEM_ADMINISTRATOR_TEMPLATE_ID];
      if (template !== null && templates.includes(template)) return true;
      return typeof row.name === "string" && row.name.trim().toLowerCase() === PIPELINE_ADMINISTRATOR_NAME;
    };
    const byIds = async (): Promise<Result<boolean>> => {
      if (ids.length === 0) return { ok: true, value: false };
      const filter = ids.map((r) => `roleid eq ${r}`).join(" or ");
      const r = await read(() => webAPI.retrieveMultipleRecords("role", `?${ROLE_SELECT}&$filter=${filter}`), timeoutMs);
      return r.ok ? { ok: true, value: r.value.entities.some(isAdminRole) } : r;
    };
    const throughTeams = async (): Promise<boolean> => {
      if (userId === null) return false;
      const options = `?$select=teamid&$filter=teammembership_association/any(u:u/systemuserid eq ${userId})&$expand=teamroles_association(${ROLE_SELECT})`;
      const r = await read(() => webAPI.retrieveMultipleRecords("team", options), timeoutMs);
      // A host that refuses the query leaves team roles unseen, as before; the direct roles still decide.
      if (!r.ok) return false;
      return r.value.entities.some((team) => Array.isArray(team.teamroles_association) && (team.teamroles_association as WebApiRow[]).some(isAdminRole));
    };
    const twoSteps = (): Promise<Result<boolean>> =>
      byIds().then(async (r): Promise<Result<boolean>> => (r.ok && !r.value ? { ok: true, value: await throughTeams() } : r));
    const inOneRequest = async (): Promise<Result<boolean>> => {
      if (userId === null) return twoSteps();
      const options = `?$select=systemuserid&$expand=systemuserroles_association(${ROLE_SELECT}),teammembership_association($select=teamid;$expand=teamroles_association(${ROLE_SELECT}))`;
      const r = await read(() => webAPI.retrieveRecord("systemuser", userId, options), timeoutMs);
      // Busy, down, offline or signed out: say so, as before (a second request would wait as long). Any other failure
      // is a refusal of the query itself (its shape, reading users; context.webAPI often gives no HTTP status to tell
      // them apart): the two-step way.
      if (!r.ok) return TRANSIENT_KINDS.has(r.error.kind) ? r : twoSteps();
      const row = r.value;
      /** A collection the answer holds in full: an array and no next link (else the host left part of it out). */
      const whole = (holder: WebApiRow, nav: string): WebApiRow[] | null =>
        Array.isArray(holder[nav]) && holder[`${nav}@odata.nextLink`] === undefined ? (holder[nav] as unknown[]).filter(isRow) : null;
      const direct = whole(row, "systemuserroles_association");
      const teams = whole(row, "teammembership_association");
      const teamRoles = teams?.map((team) => whole(team, "teamroles_association")) ?? null;
      const roles = [...(direct ?? []), ...(teamRoles ?? []).flatMap((list) => list ?? [])];
      if (roles.some(isAdminRole)) return { ok: true, value: true };
      // Teams (or a team's roles) not given in full: ask for the teams' roles on their own.
      if (teams === null || teamRoles === null || teamRoles.some((list) => list === null)) {
        if (await throughTeams()) return { ok: true, value: true };
      }
      // The settings may name a role the answer does not hold (they were read when the app loaded): ask for those.
      const known = new Set(roles.map((role) => normalizeGuid(typeof role.roleid === "string" ? role.roleid : null)));
      return direct !== null && ids.every((id) => known.has(id)) ? { ok: true, value: false } : byIds();
    };
    // Shared by every caller of the session, so it runs without any one caller's signal.
    const pending = inOneRequest();
    adminCache.set(key, pending);
    // Keep only answers: a failure may be retried later in the session.
    void pending.then((r) => {
      // Only this request's own entry: the host check may have cleared the cache and a newer answer taken its place.
      if (!r.ok && adminCache.get(key) === pending) adminCache.delete(key);
    });
    return untilAborted(pending, signal);
  };

  const probe = (input: HostProbeInput, signal?: AbortSignal): Promise<HostProbe> => probeHost(fetchDeps(), input, signal);

  /** The artifact's solution file (managed by default), in Range chunks; every failure a typed result. */
  const downloadArtifact = (artifactId: Guid, options?: DownloadOptions): Promise<Result<ArtifactFile>> =>
    resultOf(() => downloadArtifactFile(fetchDeps(), artifactId, options));

  const adoptHostFacts = (facts: HostFacts): void => {
    session.hostFacts = facts;
    // Admin answers were reached without what the check found (e.g. a template id): ask again next time.
    adminCache.clear();
  };

  const loadHistory = async (query: HistoryQuery, next?: string | null, signal?: AbortSignal): Promise<Result<HistoryPage>> => {
    if (!webAPI) return fail(NO_HOST);
    const pageSize = clampHistoryPageSize(query.pageSize);
    let options: string;
    let narrowed: HistoryScope | undefined;
    if (next) {
      // Our own cursor: the "?…" part of the previous page's nextLink.
      if (!next.startsWith("?") || !next.includes("$skiptoken=")) return badRequest("Not a history cursor.");
      options = next;
    } else {
      const columns = runColumns;
      // Without a run read first we cannot know which columns are safe to select.
      if (columns === null) return badRequest("The run table's columns are not known yet.");
      let filter: string;
      const nav = stageNavigation();
      if (query.scope === "pipeline" && nav !== null) {
        const pipelineId = queryGuid(query.pipelineId);
        if (pipelineId === null) return badRequest("The stage's pipeline is unknown.");
        if (!columns.has("artifactname") || !columns.has("_deploymentstageid_value")) return badRequest("The run table lacks artifactname.");
        filter = `artifactname eq ${stringLiteral(query.artifactName)} and ${nav}/_deploymentpipelineid_value eq ${pipelineId}`;
      } else {
        // A pipeline-wide history filters through the navigation property: without one, the stage's history.
        if (query.scope === "pipeline") narrowed = "stage";
        const stageId = queryGuid(query.stageId);
        if (stageId === null) return badRequest("Not a stage id.");
        if (!columns.has("_deploymentstageid_value")) return badRequest("The run table lacks the stage lookup.");
        filter = `_deploymentstageid_value eq ${stageId}`;
      }
      const select = presentColumns(withStorage(HISTORY_COLUMNS), columns);
      if (!select.includes("deploymentstagerunid")) select.unshift("deploymentstagerunid");
      const orderby = columns.has("createdon") ? "&$orderby=createdon desc" : "";
      options = `?$select=${select.join(",")}&$filter=${filter}${orderby}`;
    }
    const r = await read(() => webAPI.retrieveMultipleRecords(RUN, options, pageSize), timeoutMs, signal);
    if (!r.ok) return r;
    return {
      ok: true,
      value: { rows: r.value.entities.map((e) => mapRunHere(e)), next: queryPartOf(r.value.nextLink), ...(narrowed ? { scope: narrowed } : {}) },
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
      return { ok: true, value: mapRunHere(whole.value, id) };
    }
    const select = presentColumns(withStorage(REREAD_COLUMNS), columns);
    if (select.length === 0) select.push("deploymentstagerunid");
    const r = await read(() => webAPI.retrieveRecord(RUN, id, `?$select=${select.join(",")}`), timeoutMs, signal);
    return r.ok ? { ok: true, value: mapRunHere(r.value, id) } : r;
  };

  const submitDecision = async (request: DecisionRequest, signal?: AbortSignal): Promise<SubmitResult> => {
    const fetchFn = fetchDeps().fetchFn;
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
      // No outcome: the relay flow alone writes it (the column is secured; a value sent here would be refused).
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
    // What the stage holds now, so no "created before this run": a newer request that already succeeded is what an
    // approval would deploy over, and both the checks and What changes must compare with it. Requests are approved
    // out of order, so the last to finish deploying wins (endtime; nulls sort last in desc), then the last created.
    const hasCreatedOn = columns.has("createdon");
    const keys = [columns.has("endtime") ? "endtime desc" : null, hasCreatedOn ? "createdon desc" : null].filter((k) => k !== null);
    // The baseline's deployment settings too: "What changes" compares them with this run's.
    const select = presentColumns(withStorage([...HISTORY_COLUMNS, "deploymentsettingsjson"]), columns);
    if (!select.includes("deploymentstagerunid")) select.unshift("deploymentstagerunid");
    const orderby = keys.length > 0 ? `&$orderby=${keys.join(",")}` : "";
    const options = `?$select=${select.join(",")}&$filter=${filters.join(" and ")}${orderby}&$top=1`;
    const r = await read(() => webAPI.retrieveMultipleRecords(RUN, options), timeoutMs, signal);
    if (!r.ok) return r;
    const first = r.value.entities[0];
    return { ok: true, value: first === undefined ? null : mapRunHere(first) };
  };

  const loadPolicy = async (table: string, stageId: Guid, signal?: AbortSignal): Promise<Result<PolicyRow[]>> => {
    if (!webAPI) return fail(NO_HOST);
    const schema = policySchema(table);
    if (schema === null) return badRequest("Not a table name.");
    const stage = queryGuid(stageId);
    if (stage === null) return badRequest("Not a record id.");
    // Two rows at most: one is the policy, a second only tells that the stage has more than one (docs/approval-policy.md).
    const filter = `${schema.columns.stageId} eq ${stringLiteral(stage)} and statecode eq 0`;
    const options = `?$select=${schema.select.join(",")}&$filter=${filter}&$orderby=modifiedon desc&$top=2`;
    const r = await read(() => webAPI.retrieveMultipleRecords(table, options), timeoutMs, signal);
    return r.ok ? { ok: true, value: r.value.entities.map((e) => mapPolicyRow(e, schema)) } : r;
  };

  return {
    loadRun,
    startLoad,
    loadPolicy,
    isAdministrator,
    probeHost: probe,
    adoptHostFacts,
    downloadArtifact,
    loadHistory,
    loadLastDeployment,
    rereadRun,
    submitDecision,
    createRelayDecision,
    getRelayDecision,
    listRelayDecisions,
  };
}
