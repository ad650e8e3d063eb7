import { STAGE_RUN_TABLE, type Guid, type Result, type Stage, type StageRun } from "../../domain/types";
import { REREAD_COLUMNS } from "../columns";
import { columnsOf, mapStage } from "../mapping";
import { presentColumns, queryGuid } from "../odata";
import type { AdminQuery, DecisionGateway, LoadedRun, RunSource } from "../PipelinesRepository";
import { read, untilAborted } from "../request";
import { badRequest, fail, isRow, NO_HOST, type DataverseContext } from "./context";

const STAGE = "deploymentstage";

/** The run with its stage (one $expand, or two reads where the host refuses it), an early start, and the re-read before a decision. */
export function createRuns(
  ctx: DataverseContext,
  askAdministrator: (user: AdminQuery) => void,
): Pick<RunSource, "loadRun" | "startLoad"> & Pick<DecisionGateway, "rereadRun"> {
  const loadStage = async (stageId: Guid, signal?: AbortSignal): Promise<Result<Stage>> => {
    const webAPI = ctx.webAPI;
    if (!webAPI) return fail(NO_HOST);
    const r = await read(() => webAPI.retrieveRecord(STAGE, stageId), ctx.timeoutMs, signal);
    return r.ok ? { ok: true, value: mapStage(r.value, stageId) } : r;
  };

  const stageOf = (run: StageRun, signal?: AbortSignal): Promise<Result<Stage | null>> | Result<Stage | null> =>
    run.stage === null ? { ok: true, value: null } : loadStage(run.stage.id, signal);

  /** The run read whole, then its stage in a second request. */
  const loadRunAndStage = async (id: Guid, signal?: AbortSignal): Promise<Result<LoadedRun>> => {
    const webAPI = ctx.webAPI;
    if (!webAPI) return fail(NO_HOST);
    const plain = await read(() => webAPI.retrieveRecord(STAGE_RUN_TABLE, id), ctx.timeoutMs, signal);
    if (!plain.ok) return plain;
    ctx.runColumns = columnsOf(plain.value);
    const run = ctx.mapRun(plain.value, id);
    return { ok: true, value: { run, stage: await stageOf(run, signal) } };
  };

  const readRun = async (runId: Guid, signal?: AbortSignal): Promise<Result<LoadedRun>> => {
    const webAPI = ctx.webAPI;
    if (!webAPI) return fail(NO_HOST);
    const id = queryGuid(runId);
    if (id === null) return badRequest("Not a record id.");

    // The host check may have found the host's own name for the navigation property, or that it has none.
    const stageNav = ctx.stageNavigation();
    if (stageNav === null) return loadRunAndStage(id, signal);
    const expanded = await read(() => webAPI.retrieveRecord(STAGE_RUN_TABLE, id, `?$expand=${stageNav}`), ctx.timeoutMs, signal);
    if (expanded.ok) {
      const row = expanded.value;
      const run = ctx.mapRun(row, id);
      ctx.runColumns = columnsOf(row, [stageNav]);
      const nav = row[stageNav];
      // The run names a stage but the expansion came back empty (e.g. no read access): ask for it directly.
      const stage = run.stage !== null && isRow(nav) ? { ok: true as const, value: mapStage(nav, run.stage.id) } : await stageOf(run, signal);
      return { ok: true, value: { run, stage } };
    }

    // Fallback when the host does not know the navigation property (its name is unconfirmed).
    const mentionsNav = (expanded.error.serverMessage ?? "").toLowerCase().includes(stageNav.toLowerCase());
    if (expanded.error.kind !== "badRequest" || !mentionsNav) return expanded;
    if (ctx.session.hostFacts === null) ctx.session.refusedStageNavigation = true;
    return loadRunAndStage(id, signal);
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
    if (!ctx.webAPI || id === null || started.has(id)) return;
    // The control's dispose signal: a destroyed control's read stops (its throttling back-off too).
    started.set(id, readRun(id, signal));
    // The administrator answer is kept for the page session anyway: asking now only moves it earlier.
    askAdministrator(user);
  };

  const rereadRun = async (runId: Guid, signal?: AbortSignal): Promise<Result<StageRun>> => {
    const webAPI = ctx.webAPI;
    if (!webAPI) return fail(NO_HOST);
    const id = queryGuid(runId);
    if (id === null) return badRequest("Not a record id.");
    const columns = ctx.runColumns;
    if (columns === null) {
      // No run read yet: read the whole record (it cannot name a missing column) and learn the columns from it.
      const whole = await read(() => webAPI.retrieveRecord(STAGE_RUN_TABLE, id), ctx.timeoutMs, signal);
      if (!whole.ok) return whole;
      ctx.runColumns = columnsOf(whole.value);
      return { ok: true, value: ctx.mapRun(whole.value, id) };
    }
    const select = presentColumns(ctx.withStorage(REREAD_COLUMNS), columns);
    if (select.length === 0) select.push("deploymentstagerunid");
    const r = await read(() => webAPI.retrieveRecord(STAGE_RUN_TABLE, id, `?$select=${select.join(",")}`), ctx.timeoutMs, signal);
    return r.ok ? { ok: true, value: ctx.mapRun(r.value, id) } : r;
  };

  return { loadRun, startLoad, rereadRun };
}
