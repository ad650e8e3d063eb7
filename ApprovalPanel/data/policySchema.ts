import { prefixedColumns } from "./customTable";

/**
 * Column names of the approval policy table (docs/approval-policy.md), derived from the table's publisher prefix as
 * the relay table's are: "apnl_approvalpolicy" → apnl_stageid, apnl_requiredapprovals, …
 */
export interface PolicySchema {
  table: string;
  primaryKey: string;
  columns: {
    name: string;
    stageId: string;
    stageName: string;
    pipelineName: string;
    requiredApprovals: string;
    commentOnApprove: string;
    commentOnReject: string;
    allowSelfApproval: string;
    /** The lookup's Web API value: `_<prefix>_approverteam_value`. */
    approverTeam: string;
    checklist: string;
    expiryHours: string;
  };
  select: string[];
}

/** Null when `table` is not a custom table's logical name (it would end up in a URL). */
export function policySchema(table: string): PolicySchema | null {
  const columns = prefixedColumns(table, {
    name: "name",
    stageId: "stageid",
    stageName: "stagename",
    pipelineName: "pipelinename",
    requiredApprovals: "requiredapprovals",
    commentOnApprove: "commentonapprove",
    commentOnReject: "commentonreject",
    allowSelfApproval: "allowselfapproval",
    approverTeam: "_approverteam_value",
    checklist: "checklist",
    expiryHours: "expiryhours",
  });
  if (columns === null) return null;
  // The stage and pipeline names are for the admins' views; the panel matches on the id only.
  const read = Object.entries(columns)
    .filter(([key]) => key !== "stageName" && key !== "pipelineName")
    .map(([, column]) => column);
  return { table, primaryKey: `${table}id`, columns, select: [`${table}id`, ...read] };
}

/** The values a new policy form opens with for a stage (navigation.openForm's parameters: column → text). */
export function newPolicyFormValues(table: string, stage: { id: string; name: string | null; pipelineName: string | null }): Record<string, string> | null {
  const schema = policySchema(table);
  if (schema === null) return null;
  const c = schema.columns;
  const values: Record<string, string> = { [c.stageId]: stage.id.toLowerCase() };
  if (stage.name) values[c.stageName] = stage.name;
  if (stage.pipelineName) values[c.pipelineName] = stage.pipelineName;
  const name = [stage.pipelineName, stage.name].filter(Boolean).join(" / ");
  if (name !== "") values[c.name] = name;
  return values;
}
