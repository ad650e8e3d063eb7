import { ApprovalStatusValue, type DecisionRequest, type Guid, type RelayDecision, type Result } from "../../domain/types";
import { mapRelayDecision } from "../mapping";
import { queryGuid, stringLiteral } from "../odata";
import type { RelayStore } from "../PipelinesRepository";
import { relaySchema } from "../relaySchema";
import { guarded, read } from "../request";
import { fail, tableRequest, type DataverseContext } from "./context";

/** The relay table's name column holds at most this many UTF-16 units (its MaxLength in the solution). */
export const RELAY_NAME_MAX_LENGTH = 100;

/**
 * The relay contract names rows "<decision> <run name>"; the run's id stands in when the run has no name. Cut to
 * the column's length by whole characters: half of a surrogate pair (an emoji in the run name) is not text.
 */
export function relayRowName(request: DecisionRequest, stageRunId: Guid): string {
  const word = request.decision === ApprovalStatusValue.Approved ? "Approved" : "Rejected";
  const full = `${word} ${request.runName?.trim() || stageRunId}`;
  let name = "";
  for (const character of full) {
    if (name.length + character.length > RELAY_NAME_MAX_LENGTH) break;
    name += character;
  }
  return name;
}

/** Decision relay rows: the panel writes one per decision and follows it until the relay flow has answered. */
export function createRelay(ctx: DataverseContext): RelayStore {
  const createRelayDecision = async (table: string, request: DecisionRequest, signal?: AbortSignal): Promise<Result<Guid>> => {
    const checked = tableRequest(ctx, relaySchema, table, request.stageRunId);
    if (!checked.ok) return checked;
    const { webAPI, schema, id: stageRunId } = checked.value;
    const c = schema.columns;
    // No outcome: the relay flow alone writes it (the column is secured; a value sent here would be refused).
    const data = {
      [c.name]: relayRowName(request, stageRunId),
      [c.stageRunId]: stageRunId,
      [c.decision]: request.decision,
      [c.comments]: request.comments,
      [c.approvalProperties]: request.approvalProperties,
    };
    // A write: timeout yes, retry no (a second row would be a second decision).
    const r = await guarded(() => webAPI.createRecord(table, data), ctx.timeoutMs, signal);
    if (!r.ok) return r;
    const id = queryGuid(r.value.id);
    return id === null ? fail({ kind: "unknown", serverMessage: "The host returned no id." }) : { ok: true, value: id };
  };

  const getRelayDecision = async (table: string, id: Guid, signal?: AbortSignal): Promise<Result<RelayDecision>> => {
    const checked = tableRequest(ctx, relaySchema, table, id);
    if (!checked.ok) return checked;
    const { webAPI, schema, id: rowId } = checked.value;
    const r = await read(() => webAPI.retrieveRecord(table, rowId, `?$select=${schema.select.join(",")}`), ctx.timeoutMs, signal);
    return r.ok ? { ok: true, value: mapRelayDecision(r.value, schema) } : r;
  };

  const listRelayDecisions = async (table: string, stageRunId: Guid, signal?: AbortSignal): Promise<Result<RelayDecision[]>> => {
    const checked = tableRequest(ctx, relaySchema, table, stageRunId);
    if (!checked.ok) return checked;
    const { webAPI, schema, id: runId } = checked.value;
    const options = `?$select=${schema.select.join(",")}&$filter=${schema.columns.stageRunId} eq ${stringLiteral(runId)}&$orderby=createdon desc`;
    const r = await read(() => webAPI.retrieveMultipleRecords(table, options), ctx.timeoutMs, signal);
    return r.ok ? { ok: true, value: r.value.entities.map((e) => mapRelayDecision(e, schema)) } : r;
  };

  return { createRelayDecision, getRelayDecision, listRelayDecisions };
}
