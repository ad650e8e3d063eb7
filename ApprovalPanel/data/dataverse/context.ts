import type { HostFacts } from "../../domain/hostCheck";
import { DEFAULT_STAGE_NAVIGATION } from "../../domain/hostCheck";
import { isJsonObject } from "../../domain/json";
import type { DataError, Guid, Result, StageRun } from "../../domain/types";
import { STORED_ELSEWHERE } from "../columns";
import { mapRun, type WebApiRow } from "../mapping";
import { queryGuid } from "../odata";
import { DEFAULT_TIMEOUT_MS } from "../request";

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

/** What the fetch paths (the action, metadata, artifact files) need. */
export interface FetchDeps {
  fetchFn: typeof fetch | null;
  clientUrl: string | null;
  timeoutMs: number;
}

/** The state every concern of the repository shares: the host's Web API, the timeout, the page session, the run table's columns. */
export interface DataverseContext {
  readonly webAPI: ComponentFramework.WebApi | null;
  readonly clientUrl: string | null;
  readonly timeoutMs: number;
  readonly session: SessionCache;
  /**
   * The columns the run table has in this host, from the last run read without $select; null until one was read.
   * They belong to the table, not to one run, so a later record's queries use them too.
   */
  runColumns: ReadonlySet<string> | null;
  /** The browser's fetch unless one was given. Read per call: tests set a global fetch after creating the repository. */
  fetchDeps(): FetchDeps;
  /** The run → stage navigation property to use, or null when this host has none the panel knows. */
  stageNavigation(): string | null;
  /** mapRun with what the host check found (comment column, labels). */
  mapRun(row: WebApiRow, id?: Guid): StageRun;
  /** A column list with the comments and properties columns the host check found in place of the default names. */
  withStorage(columns: readonly string[]): string[];
}

export function createDataverseContext(deps: DataverseRepositoryDeps): DataverseContext {
  const session = deps.session ?? createSessionCache();
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    webAPI: deps.webAPI,
    clientUrl: deps.clientUrl,
    timeoutMs,
    session,
    runColumns: null,
    fetchDeps: () => ({ fetchFn: deps.fetchFn ?? (typeof fetch === "function" ? fetch.bind(globalThis) : null), clientUrl: deps.clientUrl, timeoutMs }),
    stageNavigation: () => {
      if (session.hostFacts !== null) return session.hostFacts.stageNavigation;
      return session.refusedStageNavigation ? null : DEFAULT_STAGE_NAVIGATION;
    },
    mapRun: (row, id) => mapRun(row, id, session.hostFacts ?? undefined),
    withStorage: (columns) => {
      const facts = session.hostFacts;
      if (facts === null) return [...columns];
      const swap: Record<string, string | null> = Object.fromEntries(STORED_ELSEWHERE.map((c) => [c.column, facts[c.storage]]));
      return columns.flatMap((c) => (c in swap ? (swap[c] === null ? [] : [swap[c] as string]) : [c]));
    },
  };
}

export const NO_HOST: DataError = { kind: "noHost" };
export const fail = <T>(error: DataError): Result<T> => ({ ok: false, error });
export const badRequest = <T>(message: string): Result<T> => fail({ kind: "badRequest", serverMessage: message });

/** A request on one of the panel's own tables, checked: the host's Web API, the table's schema and the record id. */
export interface TableRequest<S> {
  webAPI: ComponentFramework.WebApi;
  schema: S;
  id: Guid;
}

/** Checks a request on a table of the panel's own in the order the host would refuse it: no host, not a table, not an id. */
export function tableRequest<S>(ctx: DataverseContext, schemaOf: (table: string) => S | null, table: string, id: Guid): Result<TableRequest<S>> {
  const webAPI = ctx.webAPI;
  if (!webAPI) return fail(NO_HOST);
  const schema = schemaOf(table);
  if (schema === null) return badRequest("Not a table name.");
  const checked = queryGuid(id);
  if (checked === null) return badRequest("Not a record id.");
  return { ok: true, value: { webAPI, schema, id: checked } };
}

/** A Web API row: an object, not an array. */
export const isRow: (value: unknown) => value is WebApiRow = isJsonObject;
