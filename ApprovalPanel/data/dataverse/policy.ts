import type { PolicyRow } from "../../domain/policy";
import type { Guid, Result } from "../../domain/types";
import { mapPolicyRow } from "../mapping";
import { stringLiteral } from "../odata";
import type { PolicySource } from "../PipelinesRepository";
import { policySchema } from "../policySchema";
import { read } from "../request";
import { tableRequest, type DataverseContext } from "./context";

/** The approval policy rows of a stage. */
export function createPolicy(ctx: DataverseContext): PolicySource {
  const loadPolicy = async (table: string, stageId: Guid, signal?: AbortSignal): Promise<Result<PolicyRow[]>> => {
    const checked = tableRequest(ctx, policySchema, table, stageId);
    if (!checked.ok) return checked;
    const { webAPI, schema, id: stage } = checked.value;
    // Two rows at most: one is the policy, a second only tells that the stage has more than one (docs/approval-policy.md).
    const filter = `${schema.columns.stageId} eq ${stringLiteral(stage)} and statecode eq 0`;
    const options = `?$select=${schema.select.join(",")}&$filter=${filter}&$orderby=modifiedon desc&$top=2`;
    const r = await read(() => webAPI.retrieveMultipleRecords(table, options), ctx.timeoutMs, signal);
    return r.ok ? { ok: true, value: r.value.entities.map((e) => mapPolicyRow(e, schema)) } : r;
  };
  return { loadPolicy };
}
