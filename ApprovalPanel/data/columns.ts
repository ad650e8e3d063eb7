import { STAGE_RUN_COLUMNS, webApiName, type RunColumn } from "../domain/hostColumns";

/** The run table's columns as the repository's queries select them, from the one column table (domain/hostColumns.ts). */
export { STAGE_RUN_COLUMNS, webApiName, type RunColumn };

const selected = (wanted: (column: RunColumn) => boolean): readonly string[] => STAGE_RUN_COLUMNS.filter(wanted).map(webApiName);

/** A page of run history. */
export const HISTORY_COLUMNS = selected((c) => c.history);

/** The run read again just before a decision is sent. */
export const REREAD_COLUMNS = selected((c) => c.reread);

/** The stage's last deployment: a history row plus its deployment settings, which "What changes" compares with this run's. */
export const BASELINE_COLUMNS: readonly string[] = [...HISTORY_COLUMNS, "deploymentsettingsjson"];

/** Columns the host check may find under another name, by the fact that names it. */
export const STORED_ELSEWHERE = STAGE_RUN_COLUMNS.flatMap((c) => (c.storage ? [{ column: c.column, storage: c.storage }] : []));
