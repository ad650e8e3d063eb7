import type { HostCheckEffect, HostFacts } from "./hostCheck/types";
import type { LookupRef, OptionValue, StageRun } from "./types";

/**
 * The run table's columns, each once: how the panel reads it into a StageRun, whether a host may lack it, which
 * queries select it and what the host check expects of it. data/mapping.ts (mapRun), data/columns.ts (the select lists)
 * and the host check's assumptions derive from this table.
 *
 * It lives in the domain, not in data/, because the host check (domain) needs it and the domain imports no outer
 * layer; the alternative, passing the assumptions into buildHostReport, would make every caller of a pure function
 * carry a constant.
 */

/** AttributeTypes the panel accepts for a column; the first is what it expects. */
export const ATTRIBUTE_TYPES = {
  text: ["String", "Memo"],
  memo: ["Memo", "String"],
  choice: ["Picklist", "State", "Status"],
  lookup: ["Lookup", "Customer", "Owner"],
  date: ["DateTime"],
  bool: ["Boolean"],
  key: ["Uniqueidentifier"],
} as const satisfies Record<string, readonly string[]>;

/** StageRun fields a host may lack: `?` in the type, left out of the object when the column is absent. */
type OptionalField = { [K in keyof StageRun]-?: undefined extends StageRun[K] ? K : never }[keyof StageRun];
/** StageRun fields that hold a V. */
type FieldOf<V> = { [K in keyof StageRun]-?: NonNullable<StageRun[K]> extends V ? K : never }[keyof StageRun];

/** A field and its optionality agree with StageRun: an optional column fills a `?` field, and only such a column does. */
type Filled<Read extends string, V> =
  { read: Read; field: Exclude<FieldOf<V>, OptionalField>; optional: false } | { read: Read; field: Extract<FieldOf<V>, OptionalField>; optional: true };

type Reading =
  /** The run's own id (with the id the caller asked for when the row has none). */
  | { read: "id"; field: "id"; optional: false }
  | Filled<"text", string>
  | Filled<"choice", OptionValue>
  /** A lookup: read and selected as `_<column>_value`. */
  | Filled<"lookup", LookupRef>
  /** Selected and checked, but not shown. */
  | { read: "none"; field: null; optional: false };

export type RunColumn = Reading & {
  /** The column's logical name (a lookup's without `_…_value`). */
  column: string;
  /** Selected for history rows and the stage's last deployment. */
  history: boolean;
  /** Selected when the run is read again just before a decision is sent. */
  reread: boolean;
  /** AttributeTypes the host check accepts, the first expected. */
  types: readonly string[];
  /** What the panel does when the host lacks the column (the host check's sentence). */
  effect: HostCheckEffect;
  /** Where the host check may find the value under another name, for the page session. */
  storage?: keyof Pick<HostFacts, "commentsColumn" | "propertiesColumn">;
};

const T = ATTRIBUTE_TYPES;
const shown = { history: false, reread: false, effect: "columnMissing" } as const;
const listed = { history: true, reread: false, effect: "columnMissing" } as const;

/** A row as written below: a column named as its field in lower case is left out (a row without a field names its column). */
type Written<C> = C extends RunColumn ? (C["field"] extends string ? Omit<C, "column"> & { column?: string } : C) : never;

// prettier-ignore
const ROWS: readonly Written<RunColumn>[] = [
  { column: "deploymentstagerunid", field: "id", read: "id", optional: false, ...listed, types: T.key },
  { field: "name", read: "text", optional: false, ...listed, types: T.text },
  { field: "artifactName", read: "text", optional: false, ...listed, types: T.text },
  { field: "artifactVersion", read: "text", optional: false, ...listed, types: T.text },
  { field: "artifactDevCurrentVersion", read: "text", optional: false, ...shown, types: T.text },
  { column: "deploymentstageid", field: "stage", read: "lookup", optional: false, ...listed, types: T.lookup },
  // "Internal use only" per Learn: What changes downloads the artifact's solution through it.
  { column: "artifactid", field: "artifact", read: "lookup", optional: true, ...listed, types: T.lookup },
  { column: "devdeploymentenvironment", field: "sourceEnvironment", read: "lookup", optional: false, ...shown, types: T.lookup },
  { column: "targetdeploymentenvironment", field: "targetEnvironment", read: "lookup", optional: false, ...shown, types: T.lookup },
  { field: "stageRunStatus", read: "choice", optional: false, ...listed, reread: true, types: T.choice },
  { field: "operation", read: "choice", optional: false, ...shown, types: T.choice },
  { field: "subOperation", read: "choice", optional: true, ...shown, types: T.choice },
  { field: "operationStatus", read: "choice", optional: true, ...shown, types: T.choice },
  { field: "deploymentNotes", read: "text", optional: false, ...shown, types: T.memo },
  { field: "aiGeneratedDeploymentNotes", read: "text", optional: true, ...shown, types: T.memo },
  { field: "deploymentSettingsJson", read: "text", optional: false, ...shown, types: T.memo },
  { field: "validationResults", read: "text", optional: false, ...shown, types: T.memo },
  { field: "errorMessage", read: "text", optional: false, ...shown, types: T.memo },
  { field: "scheduledTime", read: "text", optional: true, ...shown, types: T.date },
  { field: "startTime", read: "text", optional: false, ...listed, types: T.date },
  { field: "endTime", read: "text", optional: false, ...listed, types: T.date },
  { field: "approvalStatus", read: "choice", optional: true, ...listed, reread: true, types: T.choice, effect: "approvalStatusMissing" },
  { field: "approvalComments", read: "text", optional: true, ...listed, reread: true, types: T.memo, effect: "commentsMissing", storage: "commentsColumn" },
  { field: "approvalProperties", read: "text", optional: true, ...listed, reread: true, types: T.memo, effect: "propertiesMissing", storage: "propertiesColumn" },
  { column: "createdby", field: "requestedBy", read: "lookup", optional: false, ...listed, types: T.lookup },
  { column: "createdon", field: "requestedOn", read: "text", optional: false, ...listed, types: T.date },
  { column: "modifiedon", field: null, read: "none", optional: false, ...shown, reread: true, types: T.date },
];

/** Every row with its column: as written, else its field's name in lower case (artifactName: artifactname). */
export const STAGE_RUN_COLUMNS: readonly RunColumn[] = ROWS.map((row) => ({ column: row.column ?? String(row.field).toLowerCase(), ...row }) as RunColumn);

/** The name a query selects and a row carries: a lookup's is `_<column>_value`. */
export function webApiName(column: RunColumn): string {
  return column.read === "lookup" ? `_${column.column}_value` : column.column;
}
