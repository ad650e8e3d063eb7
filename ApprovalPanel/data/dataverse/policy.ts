import type { PolicyRow } from "../../domain/policy";
import type { Guid, Result } from "../../domain/types";
import { mapPolicyRow } from "../mapping";
import { queryGuid, stringLiteral } from "../odata";
import type { PolicySource } from "../PipelinesRepository";
import { policySchema } from "../policySchema";
import { read } from "../request";
import { badRequest, fail, NO_HOST, type DataverseContext } from "./context";

/** The approval policy rows of a stage. */
export function createPolicy(ctx: DataverseContext): PolicySource {
  const loadPolicy = async (table: string, stageId: Guid, signal?: AbortSignal): Promise<Result<PolicyRow[]>> => {
    const webAPI = ctx.webAPI;
    if (!webAPI) return fail(NO_HOST);
    const schema = policySchema(table);
    if (schema === null) return badRequest("Not a table name.");
    const stage = queryGuid(stageId);
    if (stage === null) return badRequest("Not a record id.");
    // Two rows at most: one is the policy, a second only tells that the stage has more than one (docs/approval-policy.md).
    const filter = `${schema.columns.stageId} eq ${stringLiteral(stage)} and statecode eq 0`;
    const options = `?$select=${schema.select.join(",")}&$filter=${filter}&$orderby=modifiedon desc&$top=2`;
    const r = await read(() => webAPI.retrieveMultipleRecords(table, options), ctx.timeoutMs, signal);
    return r.ok ? { ok: true, value: r.value.entities.map((e) => mapPolicyRow(e, schema)) } : r;
  };
  return { loadPolicy };
}
