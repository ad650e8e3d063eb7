import { policyColumns, type PolicyColumns } from "../domain/policyForm";

/**
 * Column names of the approval policy table (docs/approval-policy.md), derived from the table's publisher prefix as
 * the relay table's are: "apnl_approvalpolicy" → apnl_stageid, apnl_requiredapprovals, …
 */
export interface PolicySchema {
  table: string;
  primaryKey: string;
  columns: PolicyColumns;
  select: string[];
}

/** Null when `table` is not a custom table's logical name (it would end up in a URL). */
export function policySchema(table: string): PolicySchema | null {
  const columns = policyColumns(table);
  if (columns === null) return null;
  // The stage and pipeline names are for the admins' views; the panel matches on the id only.
  const read = Object.entries(columns)
    .filter(([key]) => key !== "stageName" && key !== "pipelineName")
    .map(([, column]) => column);
  return { table, primaryKey: `${table}id`, columns, select: [`${table}id`, ...read] };
}
