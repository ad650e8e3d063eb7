import { clampHistoryPageSize } from "../../domain/historyPaging";
import { StageRunStatusValue } from "../../domain/status";
import { STAGE_RUN_TABLE, type HistoryPage, type HistoryQuery, type HistoryScope, type Result, type StageRun } from "../../domain/types";
import { BASELINE_COLUMNS, HISTORY_COLUMNS } from "../columns";
import { presentColumns, queryGuid, queryPartOf, stringLiteral } from "../odata";
import type { RunSource } from "../PipelinesRepository";
import { read } from "../request";
import { badRequest, fail, NO_HOST, type DataverseContext } from "./context";

/** The columns to select from what the run table has, the run's key always among them. */
function selectFrom(ctx: DataverseContext, wanted: readonly string[], columns: ReadonlySet<string>): string[] {
  const select = presentColumns(ctx.withStorage(wanted), columns);
  if (!select.includes("deploymentstagerunid")) select.unshift("deploymentstagerunid");
  return select;
}

/** The `$filter` of a first history page, the scope it was narrowed to, or why it cannot be asked. */
function historyFilter(ctx: DataverseContext, query: HistoryQuery, columns: ReadonlySet<string>): Result<{ filter: string; narrowed?: HistoryScope }> {
  const nav = ctx.stageNavigation();
  if (query.scope === "pipeline" && nav !== null) {
    const pipelineId = queryGuid(query.pipelineId);
    if (pipelineId === null) return badRequest("The stage's pipeline is unknown.");
    if (!columns.has("artifactname") || !columns.has("_deploymentstageid_value")) return badRequest("The run table lacks artifactname.");
    return { ok: true, value: { filter: `artifactname eq ${stringLiteral(query.artifactName)} and ${nav}/_deploymentpipelineid_value eq ${pipelineId}` } };
  }
  // A pipeline-wide history filters through the navigation property: without one, the stage's history.
  const narrowed: HistoryScope | undefined = query.scope === "pipeline" ? "stage" : undefined;
  const stageId = queryGuid(query.stageId);
  if (stageId === null) return badRequest("Not a stage id.");
  if (!columns.has("_deploymentstageid_value")) return badRequest("The run table lacks the stage lookup.");
  return { ok: true, value: { filter: `_deploymentstageid_value eq ${stageId}`, ...(narrowed ? { narrowed } : {}) } };
}

/** Run history pages and the stage's last deployment: queries that select only the columns the run table has. */
export function createHistory(ctx: DataverseContext): Pick<RunSource, "loadHistory" | "loadLastDeployment"> {
  const loadHistory = async (query: HistoryQuery, next?: string | null, signal?: AbortSignal): Promise<Result<HistoryPage>> => {
    const webAPI = ctx.webAPI;
    if (!webAPI) return fail(NO_HOST);
    const pageSize = clampHistoryPageSize(query.pageSize);
    let options: string;
    let narrowed: HistoryScope | undefined;
    if (next) {
      // Our own cursor: the "?…" part of the previous page's nextLink.
      if (!next.startsWith("?") || !next.includes("$skiptoken=")) return badRequest("Not a history cursor.");
      options = next;
    } else {
      const columns = ctx.runColumns;
      // Without a run read first we cannot know which columns are safe to select.
      if (columns === null) return badRequest("The run table's columns are not known yet.");
      const filter = historyFilter(ctx, query, columns);
      if (!filter.ok) return filter;
      narrowed = filter.value.narrowed;
      const orderby = columns.has("createdon") ? "&$orderby=createdon desc" : "";
      options = `?$select=${selectFrom(ctx, HISTORY_COLUMNS, columns).join(",")}&$filter=${filter.value.filter}${orderby}`;
    }
    const r = await read(() => webAPI.retrieveMultipleRecords(STAGE_RUN_TABLE, options, pageSize), ctx.timeoutMs, signal);
    if (!r.ok) return r;
    return {
      ok: true,
      value: { rows: r.value.entities.map((e) => ctx.mapRun(e)), next: queryPartOf(r.value.nextLink), ...(narrowed ? { scope: narrowed } : {}) },
    };
  };

  const loadLastDeployment = async (run: StageRun, signal?: AbortSignal): Promise<Result<StageRun | null>> => {
    const webAPI = ctx.webAPI;
    if (!webAPI) return fail(NO_HOST);
    const columns = ctx.runColumns;
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
    const keys = [columns.has("endtime") ? "endtime desc" : null, columns.has("createdon") ? "createdon desc" : null].filter((k) => k !== null);
    const orderby = keys.length > 0 ? `&$orderby=${keys.join(",")}` : "";
    const options = `?$select=${selectFrom(ctx, BASELINE_COLUMNS, columns).join(",")}&$filter=${filters.join(" and ")}${orderby}&$top=1`;
    const r = await read(() => webAPI.retrieveMultipleRecords(STAGE_RUN_TABLE, options), ctx.timeoutMs, signal);
    if (!r.ok) return r;
    const first = r.value.entities[0];
    return { ok: true, value: first === undefined ? null : ctx.mapRun(first) };
  };

  return { loadHistory, loadLastDeployment };
}
