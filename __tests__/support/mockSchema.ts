/**
 * The fake host schema of the jest tests' tables, derived from their rows as a test leaves them: a table has the
 * columns its rows hold plus the declared ones (FIXTURE_COLUMNS, the `columns` option), less `missingColumns`.
 * A column's type comes from the fake host's own table definitions where it has one (the pipelines tables and the
 * relay table, under any prefix), else from the values and annotations in the rows.
 */
import { TABLES, type Column, type Schema, type Table } from "../../fakehost/index.cjs";
import { FORMATTED, LABELS, LOOKUP_TABLE, type Row } from "./fixtures";

export interface SchemaOptions {
  declared: Record<string, readonly string[]>;
  missingColumns: Record<string, readonly string[]>;
  missingNavigationProperties: Record<string, readonly string[]>;
}

const CORE_TABLES = new Map(TABLES.map((t) => [t.logicalName, t]));
const RELAY_TABLE = /^([a-z0-9]+)_approvaldecision$/;
const RELAY_TEMPLATE = CORE_TABLES.get("apnl_approvaldecision");
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const SYSTEM_COLUMNS = new Set([
  "_createdby_value",
  "createdon",
  "_modifiedby_value",
  "modifiedon",
  "_ownerid_value",
  "statecode",
  "statuscode",
  "versionnumber",
]);
const CHOICE_LABELS = LABELS as unknown as Record<string, Record<number, string> | undefined>;

/** The fake host's definition of a column, for the same table or (relay tables) the same column under another prefix. */
function knownColumn(table: string, name: string): Column | undefined {
  const own = CORE_TABLES.get(table)?.columns.find((c) => c.name === name);
  if (own) return own;
  const relay = RELAY_TABLE.exec(table);
  if (relay && RELAY_TEMPLATE) {
    const templateName = name === `${table}id` ? "apnl_approvaldecisionid" : name.replace(new RegExp(`^${relay[1]}_`), "apnl_");
    const column = RELAY_TEMPLATE.columns.find((c) => c.name === templateName);
    if (column) return { ...column, name };
  }
  // The system columns are the same on every table.
  return SYSTEM_COLUMNS.has(name) ? CORE_TABLES.get("deploymentstagerun")?.columns.find((c) => c.name === name) : undefined;
}

function inferColumn(table: string, name: string, rows: Row[], missingNav: ReadonlySet<string>): Column {
  const known = knownColumn(table, name);
  const lookup = /^_(.+)_value$/.exec(name);
  if (lookup) {
    const annotated = rows.map((r) => r[`${name}${LOOKUP_TABLE}`]).find((t): t is string => typeof t === "string");
    // An older host without the navigation property still returns the _x_value column.
    const nav = missingNav.has(lookup[1]) ? undefined : lookup[1];
    return { name, type: "lookup", nav, target: annotated ?? known?.target, label: known?.label ?? lookup[1] };
  }
  const labels = CHOICE_LABELS[name];
  if (known) return labels ? { ...known, options: { ...known.options, ...labels } } : known;
  const sample = rows.map((r) => r[name]).find((v) => v !== null && v !== undefined);
  const annotatedChoice = rows.some((r) => typeof r[name] === "number" && r[`${name}${FORMATTED}`] !== undefined);
  if (typeof sample === "boolean") return { name, type: "bool" };
  if (typeof sample === "number") return labels || annotatedChoice ? { name, type: "choice", options: labels } : { name, type: "int" };
  if (typeof sample === "string" && ISO_DATE.test(sample)) return { name, type: "datetime" };
  return { name, type: "string" };
}

function deriveTable(logicalName: string, rows: Row[], options: SchemaOptions): Table {
  const names = new Set<string>([`${logicalName}id`, ...(options.declared[logicalName] ?? [])]);
  for (const row of rows) for (const key of Object.keys(row)) if (!key.includes("@")) names.add(key);
  for (const missing of options.missingColumns[logicalName] ?? []) names.delete(missing);
  const missingNav = new Set(options.missingNavigationProperties[logicalName] ?? []);
  const core = CORE_TABLES.get(logicalName);
  const relay = RELAY_TABLE.exec(logicalName);
  return {
    logicalName,
    entitySet: core?.entitySet ?? `${logicalName}s`,
    primaryId: `${logicalName}id`,
    primaryName: core?.primaryName ?? (relay ? `${relay[1]}_name` : "name"),
    displayName: core?.displayName ?? logicalName,
    columns: [...names].map((name) => inferColumn(logicalName, name, rows, missingNav)),
    // N:N navigation properties (a team's members and roles) as the core defines them; their pairs are rows of the
    // intersect tables (teammembership, teamroles) a test adds.
    ...(core?.collections ? { collections: core.collections } : {}),
  };
}

/** The schema of `tables` as they are now (call it per request: tests change rows between calls). */
export function deriveSchema(tables: Record<string, Row[]>, options: SchemaOptions): Schema {
  const byLogical = new Map<string, Table>();
  const bySet = new Map<string, Table>();
  for (const [name, rows] of Object.entries(tables)) {
    if (!Array.isArray(rows)) continue;
    const table = deriveTable(name, rows, options);
    byLogical.set(name, table);
    bySet.set(table.entitySet, table);
  }
  return { byLogical, bySet };
}
