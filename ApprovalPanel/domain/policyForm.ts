import { prefixedColumns } from "./customTable";

/**
 * The approval policy table's columns (docs/approval-policy.md) by their suffix after the table's publisher prefix:
 * "apnl_approvalpolicy" → apnl_stageid, apnl_requiredapprovals, … (data/policySchema reads with them).
 */
export const POLICY_COLUMN_SUFFIXES = {
  name: "name",
  stageId: "stageid",
  stageName: "stagename",
  pipelineName: "pipelinename",
  requiredApprovals: "requiredapprovals",
  commentOnApprove: "commentonapprove",
  commentOnReject: "commentonreject",
  allowSelfApproval: "allowselfapproval",
  /** The lookup's Web API value: `_<prefix>_approverteam_value`. */
  approverTeam: "_approverteam_value",
  checklist: "checklist",
  expiryHours: "expiryhours",
} as const;

export type PolicyColumns = Record<keyof typeof POLICY_COLUMN_SUFFIXES, string>;

/** The policy table's column names; null when `table` is not a custom table's logical name. */
export function policyColumns(table: string): PolicyColumns | null {
  return prefixedColumns(table, POLICY_COLUMN_SUFFIXES);
}

/** The values a new policy form opens with for a stage (navigation.openForm's parameters: column → text). */
export function newPolicyFormValues(table: string, stage: { id: string; name: string | null; pipelineName: string | null }): Record<string, string> | null {
  const c = policyColumns(table);
  if (c === null) return null;
  const values: Record<string, string> = { [c.stageId]: stage.id.toLowerCase() };
  if (stage.name) values[c.stageName] = stage.name;
  if (stage.pipelineName) values[c.pipelineName] = stage.pipelineName;
  const name = [stage.pipelineName, stage.name].filter(Boolean).join(" / ");
  if (name !== "") values[c.name] = name;
  return values;
}
