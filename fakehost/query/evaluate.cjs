"use strict";
// The parsed query options (parse.cjs) applied to a table's rows, as the Dataverse Web API does for the tables we
// emulate: $orderby compiled against the table into a comparator, $select and $expand checked against the schema and
// projected with the annotations Prefer asks for, and the @odata.context fragment they make. $filter is filter.cjs.
const { collectionOf, columnOf, navOf } = require("../schema.cjs");
const { propertyNotFound, syntaxError } = require("./errors.cjs");
const { splitTopLevel } = require("./parse.cjs");
const { normalise } = require("./filter.cjs");

/** @typedef {import("../schema.cjs").Table} Table */
/** @typedef {import("../schema.cjs").Column} Column */
/** @typedef {import("./parse.cjs").QueryOptions} QueryOptions */

/** @param {string} text @param {Table} table */
function compileOrderBy(text, table) {
  const keys = splitTopLevel(text, ",").map((part) => {
    const [name, dir = "asc", ...rest] = part.split(/\s+/);
    if (rest.length || !["asc", "desc"].includes(dir.toLowerCase())) throw syntaxError(`Syntax error in $orderby at '${part}'.`);
    const column = columnOf(table, name);
    if (!column) throw propertyNotFound(table, name);
    return { column, desc: dir.toLowerCase() === "desc" };
  });
  return (/** @type {Record<string, any>} */ a, /** @type {Record<string, any>} */ b) => {
    for (const { column, desc } of keys) {
      const va = normalise(a[column.name], column, "");
      const vb = normalise(b[column.name], column, "");
      if (va === vb) continue;
      // SQL Server (Dataverse) sorts nulls first in ascending order.
      const cmp = va === null ? -1 : vb === null ? 1 : va < vb ? -1 : 1;
      return desc ? -cmp : cmp;
    }
    return 0;
  };
}

// ---------------------------------------------------------------- annotations and projection

/** @param {string[] | null} patterns @param {string} name */
function annotationWanted(patterns, name) {
  if (!patterns) return false;
  return patterns.some((p) => p === "*" || p === name || (p.endsWith(".*") && name.startsWith(p.slice(0, -1))));
}

const FV = "OData.Community.Display.V1.FormattedValue";
const LOGICAL = "Microsoft.Dynamics.CRM.lookuplogicalname";
const NAVPROP = "Microsoft.Dynamics.CRM.associatednavigationproperty";

const dateFormat = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "2-digit" });
/** Dataverse formats in the user's settings; the playground user is en-US in UTC. @param {string} iso */
const formatDateValue = (iso) => dateFormat.format(new Date(iso)).replace(",", "");

/**
 * @typedef {object} ProjectEnv
 * @property {(table: string, id: string) => Record<string, any> | undefined} getRecord
 * @property {(logicalName: string) => Table | undefined} tableOf
 * @property {string[] | null} annotations
 * @property {(collection: import("../schema.cjs").Collection, id: string) => Record<string, any>[]} [related]
 */

/** Checks $select/$expand names against the table before any record is read. @param {Table} table @param {QueryOptions} q @param {(l: string) => Table | undefined} tableOf */
function validateProjection(table, q, tableOf) {
  for (const name of q.select ?? []) if (!columnOf(table, name)) throw propertyNotFound(table, name);
  for (const item of q.expand) {
    const collection = collectionOf(table, item.nav);
    const targetName = collection ? collection.target : navOf(table, item.nav)?.target;
    const target = targetName ? tableOf(targetName) : undefined;
    if (!target) throw propertyNotFound(table, item.nav);
    if (item.options.filter || item.options.orderby || item.options.top !== null) {
      throw syntaxError(
        collection
          ? // The emulator's own limit: Dataverse also takes $filter/$orderby/$top inside a collection's $expand (but
            // not $orderby/$top together with a nested $expand; Learn: "Join tables using OData").
            `The emulator takes only $select and $expand inside $expand of the collection-valued navigation property '${item.nav}'.`
          : `Only $select and $expand are allowed inside $expand of the single-valued navigation property '${item.nav}'.`,
      );
    }
    validateProjection(target, item.options, tableOf);
  }
}

/**
 * One record as the Web API returns it.
 * @param {Record<string, any>} record @param {Table} table @param {QueryOptions} q @param {ProjectEnv} env
 */
function project(record, table, q, env) {
  /** @type {Record<string, any>} */ const out = { "@odata.etag": record["@odata.etag"] ?? `W/"${record.versionnumber ?? 0}"` };
  const columns = q.select ? table.columns.filter((c) => q.select?.includes(c.name) || c.name === table.primaryId) : table.columns;
  const want = (/** @type {string} */ name) => annotationWanted(env.annotations, name);
  const stored = storedAnnotations(record);
  for (const c of columns) {
    const value = record[c.name] ?? null;
    if (value !== null) {
      if (c.type === "choice" && want(FV)) out[`${c.name}@${FV}`] = c.options?.[value] ?? String(value);
      else if (c.type === "bool" && want(FV)) out[`${c.name}@${FV}`] = value ? "Yes" : "No";
      // A stored value that is no date (the jest tests store broken ones) gets no formatted value instead of a crash.
      else if (c.type === "datetime" && want(FV)) {
        if (Number.isFinite(Date.parse(value))) out[`${c.name}@${FV}`] = formatDateValue(value);
      } else if (c.type === "int" && c.name !== "versionnumber" && want(FV)) out[`${c.name}@${FV}`] = Number(value).toLocaleString("en-US");
      else if (c.type === "lookup" && c.target) {
        const target = env.tableOf(c.target);
        const related = env.getRecord(c.target, value);
        if (want(FV) && target && related) out[`${c.name}@${FV}`] = related[target.primaryName] ?? "";
        if (want(NAVPROP)) out[`${c.name}@${NAVPROP}`] = c.nav;
        if (want(LOGICAL)) out[`${c.name}@${LOGICAL}`] = c.target;
      }
    }
    out[c.name] = value;
    for (const [name, text] of stored.get(c.name) ?? []) if (want(name)) out[`${c.name}@${name}`] = text;
  }
  for (const item of q.expand) {
    const collection = collectionOf(table, item.nav);
    if (collection) {
      const target = /** @type {Table} */ (env.tableOf(collection.target));
      const rows = env.related ? env.related(collection, record[table.primaryId]) : [];
      out[item.nav] = rows.map((r) => project(r, target, item.options, env));
      continue;
    }
    const nav = /** @type {Column} */ (navOf(table, item.nav));
    const target = /** @type {Table} */ (env.tableOf(/** @type {string} */ (nav.target)));
    const id = record[nav.name];
    const related = id ? env.getRecord(target.logicalName, id) : undefined;
    out[item.nav] = related ? project(related, target, item.options, env) : null;
  }
  return out;
}

/**
 * Annotations a row carries itself ("col@OData.Community.Display.V1.FormattedValue": "…"), by column. Rows copied from
 * a real answer (the jest fixtures) hold the host's labels this way; they win over the ones the fake host would make.
 * A write to a column drops its stored annotations (records.assignColumns).
 * @param {Record<string, any>} record @returns {Map<string, Array<[string, unknown]>>}
 */
function storedAnnotations(record) {
  /** @type {Map<string, Array<[string, unknown]>>} */ const byColumn = new Map();
  for (const key of Object.keys(record)) {
    const at = key.indexOf("@");
    if (at <= 0) continue;
    const column = key.slice(0, at);
    const list = byColumn.get(column) ?? [];
    list.push([key.slice(at + 1), record[key]]);
    byColumn.set(column, list);
  }
  return byColumn;
}

/** "$metadata#set(cols)" fragment of @odata.context. @param {Table} table @param {QueryOptions} q */
function contextFragment(table, q) {
  const parts = [...(q.select ?? [])];
  for (const e of q.expand) parts.push(`${e.nav}(${contextFragmentInner(e.options)})`);
  return parts.length ? `${table.entitySet}(${parts.join(",")})` : table.entitySet;
}
/** @param {QueryOptions} q @returns {string} */
function contextFragmentInner(q) {
  const parts = [...(q.select ?? [])];
  for (const e of q.expand) parts.push(`${e.nav}(${contextFragmentInner(e.options)})`);
  return parts.join(",");
}

module.exports = { compileOrderBy, annotationWanted, formatDateValue, validateProjection, project, contextFragment };
