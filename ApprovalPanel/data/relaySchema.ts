import { prefixedColumns } from "./customTable";

/**
 * Column names of the decision relay table, derived from the table's publisher prefix
 * (the text before the first "_"): "apnl_approvaldecision" → apnl_name, apnl_stagerunid, …
 */
export interface RelaySchema {
  table: string;
  primaryKey: string;
  columns: {
    name: string;
    stageRunId: string;
    decision: string;
    comments: string;
    approvalProperties: string;
    outcome: string;
    outcomeMessage: string;
    outcomeOn: string;
  };
  /** Every column the panel reads, for $select. */
  select: string[];
}

/** Null when `table` is not a custom table's logical name (it would end up in a URL). */
export function relaySchema(table: string): RelaySchema | null {
  const columns = prefixedColumns(table, {
    name: "name",
    stageRunId: "stagerunid",
    decision: "decision",
    comments: "comments",
    approvalProperties: "approvalproperties",
    outcome: "outcome",
    outcomeMessage: "outcomemessage",
    outcomeOn: "outcomeon",
  });
  if (columns === null) return null;
  return {
    table,
    primaryKey: `${table}id`,
    columns,
    select: [...Object.values(columns), "_createdby_value", "createdon"],
  };
}
