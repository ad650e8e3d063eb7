import type { LoadedRun } from "../data/PipelinesRepository";
import { normalizeGuid, sameGuid } from "../domain/ids";
import type { Guid, HistoryQuery, HistoryScope, StageRun } from "../domain/types";

/** What the run-history query needs from the loaded run. */
export interface HistoryTarget {
  artifactName: string;
  pipelineId: Guid | null;
  stageId: Guid;
}

/** null when the run has no stage: there is no history to read. */
export function historyTarget(loaded: LoadedRun): HistoryTarget | null {
  const stageId = loaded.run.stage?.id ?? null;
  if (stageId === null) return null;
  const pipelineId = loaded.stage.ok ? (loaded.stage.value?.pipeline?.id ?? null) : null;
  return { artifactName: loaded.run.artifactName ?? "", pipelineId, stageId };
}

/** "pipeline" needs the stage's pipeline and the artifact name, else the query falls back to the stage. */
export function pipelineScopeAvailable(target: HistoryTarget): boolean {
  return target.pipelineId !== null && target.artifactName !== "";
}

export function historyQuery(scope: HistoryScope, target: HistoryTarget, pageSize: number): HistoryQuery {
  return {
    scope: scope === "pipeline" && pipelineScopeAvailable(target) ? "pipeline" : "stage",
    artifactName: target.artifactName,
    pipelineId: target.pipelineId,
    stageId: target.stageId,
    pageSize,
  };
}

const rowKey = (row: StageRun): string => normalizeGuid(row.id) ?? row.id;

/**
 * The rows shown with the next page after them. A page that overlaps the rows shown (newer runs moved the pages on
 * since the first one was read) never shows a row twice: the row stays where it is, as the page's fresher copy.
 */
export function appendPage(shown: readonly StageRun[], page: readonly StageRun[]): StageRun[] {
  const rows = [...shown];
  const at = new Map(rows.map((row, index) => [rowKey(row), index]));
  for (const row of page) {
    const index = at.get(rowKey(row));
    if (index !== undefined) rows[index] = row;
    else {
      at.set(rowKey(row), rows.length);
      rows.push(row);
    }
  }
  return rows;
}

/** The rows with this run's row replaced by its fresh copy (after the user's own decision). */
export function replaceRow(rows: readonly StageRun[], fresh: StageRun): StageRun[] {
  return rows.map((row) => (sameGuid(row.id, fresh.id) ? fresh : row));
}
