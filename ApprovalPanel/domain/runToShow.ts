import { normalizeGuid } from "./ids";
import { STAGE_RUN_TABLE, type Guid } from "./types";

/**
 * Which deployment stage run the panel shows. On a Deployment Stage Run form (or where the host does not name the
 * table) it is the form's own record. On any other table's form (the Deployment Approvals app's Approval Request,
 * or an admin's own table) it is the run id held in the bound column, because the first-party tables cannot carry
 * our form (Microsoft's pipelines FAQ: the first-party app and tables cannot be customised).
 */
export type RunToShow =
  | { source: "form"; runId: Guid | null }
  | { source: "boundColumn"; runId: Guid; problem: null }
  /** The bound column is empty, or does not hold a GUID: nothing is loaded, no URL is built from it. */
  | { source: "boundColumn"; runId: null; problem: "empty" | "malformed" };

export function runToShow(input: { formTable: string | null; formRecordId: string | null; boundValue: string | null }): RunToShow {
  const table = input.formTable?.trim().toLowerCase() ?? "";
  if (table === "" || table === STAGE_RUN_TABLE) return { source: "form", runId: normalizeGuid(input.formRecordId) };
  const value = input.boundValue?.trim() ?? "";
  if (value === "") return { source: "boundColumn", runId: null, problem: "empty" };
  const runId = normalizeGuid(value);
  return runId === null ? { source: "boundColumn", runId: null, problem: "malformed" } : { source: "boundColumn", runId, problem: null };
}
