import { normalizeGuid } from "../domain/ids";
import type { LookupRef, OptionValue, RelayDecision, RelayOutcome, Stage, StageRun } from "../domain/types";
import { ApprovalStatusValue, RelayOutcomeValue } from "../domain/types";
import type { PolicyRow } from "../domain/policy";
import type { PolicySchema } from "./policySchema";
import type { RelaySchema } from "./relaySchema";
import { STAGE_RUN_COLUMNS, type RunColumn } from "./columns";

/**
 * Web API JSON → domain objects.
 * Convention (domain/types.ts): a key the host did not send → undefined (column not in this host);
 * a key sent as null → null. Non-optional fields of the domain types use null for both.
 */

export type WebApiRow = Record<string, unknown>;

const FORMATTED = "@OData.Community.Display.V1.FormattedValue";

function has(row: WebApiRow, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(row, key);
}

export function formattedValue(row: WebApiRow, key: string): string | null {
  const value = row[`${key}${FORMATTED}`];
  return typeof value === "string" ? value : null;
}

/** A text column: absent → undefined, null/empty type → null. */
export function textOf(row: WebApiRow, key: string): string | null | undefined {
  if (!has(row, key)) return undefined;
  const value = row[key];
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : String(value);
}

/** A choice column with the host's label. */
export function optionOf(row: WebApiRow, key: string): OptionValue | null | undefined {
  if (!has(row, key)) return undefined;
  const raw = row[key];
  if (raw === null || raw === undefined) return null;
  const value = typeof raw === "number" ? raw : Number(raw);
  if (!Number.isFinite(value)) return null;
  return { value, label: formattedValue(row, key) };
}

/** A lookup `_<name>_value` with its formatted name. */
export function lookupOf(row: WebApiRow, name: string): LookupRef | null | undefined {
  const key = `_${name}_value`;
  if (!has(row, key)) return undefined;
  const id = normalizeGuid(typeof row[key] === "string" ? (row[key] as string) : null);
  if (id === null) return null;
  return { id, name: formattedValue(row, key) };
}

export function boolOf(row: WebApiRow, key: string): boolean | null | undefined {
  if (!has(row, key)) return undefined;
  const value = row[key];
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  return null;
}

const orNull = <T>(value: T | null | undefined): T | null => (value === undefined ? null : value);

/** Logical names of the columns a record read without $select carries (annotations and expansions left out). */
export function columnsOf(row: WebApiRow, expanded?: readonly string[]): Set<string> {
  return new Set(Object.keys(row).filter((k) => !k.includes("@") && !expanded?.includes(k)));
}

/**
 * What the host check learnt about the run table, for the page session: where the approval comments and
 * properties are stored, and the choice labels in the user's language (used when a row carries no formatted value).
 */
export interface RunMappingHints {
  commentsColumn: string | null;
  propertiesColumn: string | null;
  /** "deploymentstagerun.<column>" → value → label. */
  optionLabels: Record<string, Record<number, string>>;
}

function withHostLabel(option: OptionValue | null | undefined, column: string, hints: RunMappingHints | undefined): OptionValue | null | undefined {
  if (!option || option.label !== null || !hints) return option;
  const label = hints.optionLabels[`deploymentstagerun.${column}`]?.[option.value];
  return label === undefined ? option : { ...option, label };
}

/** One column's value as its table entry reads it: undefined when the host lacks the column (or stores it nowhere). */
function readColumn(row: WebApiRow, column: RunColumn, hints: RunMappingHints | undefined): unknown {
  switch (column.read) {
    case "id":
      return normalizeGuid(textOf(row, column.column));
    case "choice":
      return withHostLabel(optionOf(row, column.column), column.column, hints);
    case "lookup":
      return lookupOf(row, column.column);
    case "none":
      return undefined;
    case "text": {
      if (column.storage === undefined || hints === undefined) return textOf(row, column.column);
      // A host without this column (per the host check) has no value here, whatever the row holds.
      const stored = hints[column.storage];
      return stored === null ? undefined : textOf(row, stored);
    }
  }
}

/**
 * A run from its row, field by field as the column table (domain/hostColumns.ts) says. An optional field is left out
 * entirely when the host lacks its column; any other field is null then.
 */
export function mapRun(row: WebApiRow, fallbackId?: string, hints?: RunMappingHints): StageRun {
  const run: Record<string, unknown> = {};
  for (const column of STAGE_RUN_COLUMNS) {
    if (column.field === null) continue;
    const value = readColumn(row, column, hints);
    if (!column.optional) run[column.field] = value ?? null;
    else if (value !== undefined) run[column.field] = value;
  }
  run.id = run.id ?? normalizeGuid(fallbackId) ?? "";
  return run as unknown as StageRun;
}

export function mapStage(row: WebApiRow, fallbackId?: string): Stage {
  const stage: Stage = {
    id: normalizeGuid(textOf(row, "deploymentstageid")) ?? normalizeGuid(fallbackId) ?? "",
    name: orNull(textOf(row, "name")),
    pipeline: orNull(lookupOf(row, "deploymentpipelineid")),
    owner: orNull(lookupOf(row, "ownerid")),
  };
  const isDelegated = boolOf(row, "isdelegateddeployment");
  const delegationType = optionOf(row, "delegateddeploymenttype");
  const spn = textOf(row, "spnclientid");
  const previousStage = lookupOf(row, "previousdeploymentstageid");
  if (previousStage !== undefined) stage.previousStage = previousStage;
  if (isDelegated !== undefined) stage.isDelegated = isDelegated;
  if (delegationType !== undefined) stage.delegationType = delegationType;
  if (spn !== undefined) stage.servicePrincipalClientId = spn;
  return stage;
}

function relayOutcome(value: unknown): RelayOutcome {
  switch (value) {
    // A new row has no outcome until the relay flow writes one (the panel sends none: the column is secured).
    case null:
    case undefined:
    case RelayOutcomeValue.Pending:
      return "pending";
    case RelayOutcomeValue.Applied:
      return "applied";
    case RelayOutcomeValue.Refused:
      return "refused";
    case RelayOutcomeValue.Failed:
      return "failed";
    case RelayOutcomeValue.Counted:
      return "counted";
    default:
      return "unknown";
  }
}

export function mapRelayDecision(row: WebApiRow, schema: RelaySchema): RelayDecision {
  const c = schema.columns;
  const decision = row[c.decision];
  return {
    id: normalizeGuid(textOf(row, schema.primaryKey)) ?? "",
    stageRunId: normalizeGuid(textOf(row, c.stageRunId)) ?? orNull(textOf(row, c.stageRunId)) ?? "",
    decision: decision === ApprovalStatusValue.Approved || decision === ApprovalStatusValue.Rejected ? decision : null,
    comments: orNull(textOf(row, c.comments)),
    approvalProperties: orNull(textOf(row, c.approvalProperties)),
    outcome: relayOutcome(row[c.outcome]),
    outcomeMessage: orNull(textOf(row, c.outcomeMessage)),
    outcomeOn: orNull(textOf(row, c.outcomeOn)),
    decidedBy: orNull(lookupOf(row, "createdby")),
    decidedOn: orNull(textOf(row, "createdon")),
  };
}

/** A policy row with its values as sent: the domain (readPolicy) checks them. The team lookup column is `_x_value`. */
export function mapPolicyRow(row: WebApiRow, schema: PolicySchema): PolicyRow {
  const c = schema.columns;
  const teamId = normalizeGuid(textOf(row, c.approverTeam));
  return {
    id: normalizeGuid(textOf(row, schema.primaryKey)) ?? "",
    name: orNull(textOf(row, c.name)),
    requiredApprovals: row[c.requiredApprovals],
    commentOnApprove: row[c.commentOnApprove],
    commentOnReject: row[c.commentOnReject],
    allowSelfApproval: row[c.allowSelfApproval],
    approverTeam: teamId !== null ? { id: teamId, name: formattedValue(row, c.approverTeam) } : null,
    checklist: row[c.checklist],
    expiryHours: row[c.expiryHours],
  };
}
