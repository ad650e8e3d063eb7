"use strict";
// The parsed query options (parse.cjs) applied to a table's rows, as the Dataverse Web API does for the tables we
// emulate: $filter (parsed by @odata/parser) and $orderby compiled against the table into a predicate and a comparator,
// $select and $expand checked against the schema and projected with the annotations Prefer asks for, and the
// @odata.context fragment they make.
const odataParser = require("@odata/parser");
const { collectionOf, columnOf, navOf } = require("../schema.cjs");
const { propertyNotFound, syntaxError } = require("./errors.cjs");
const { splitTopLevel } = require("./parse.cjs");

const { defaultParser } = odataParser;

/** @typedef {import("../schema.cjs").Table} Table */
/** @typedef {import("../schema.cjs").Column} Column */
/** @typedef {import("./parse.cjs").QueryOptions} QueryOptions */

// ---------------------------------------------------------------- $filter

/**
 * @typedef {object} FilterEnv
 * @property {(table: string, id: string) => Record<string, any> | undefined} getRecord
 * @property {(logicalName: string) => Table | undefined} tableOf
 * @property {(collection: import("../schema.cjs").Collection, id: string) => Record<string, any>[]} [related]
 *   the rows an N:N navigation property leads to from the record with this id
 */

/**
 * Parses a $filter with @odata/parser and returns a predicate. Unknown properties → Dataverse's 400.
 * @param {string} text @param {Table} table @param {FilterEnv} env
 * @returns {(record: Record<string, any>) => boolean}
 */
function compileFilter(text, table, env) {
  /** @type {any} */ let ast;
  try {
    ast = defaultParser.filter(text);
  } catch (e) {
    throw syntaxError(`Syntax error in $filter '${text}': ${/** @type {Error} */ (e).message}.`);
  }
  // The parser stops at the first token it cannot use; anything left over is a syntax error.
  if (!ast || ast.next !== text.length) throw syntaxError(`Syntax error at position ${ast ? ast.next : 0} in '${text}'.`);
  const evaluate = compileNode(ast, table, env);
  return (record) => truthy(evaluate(record));
}

/** A boolean result, or a bare Yes/No column or literal used as a condition. @param {any} x */
const truthy = (x) => x === true || (x !== null && typeof x === "object" && ((x.member && x.member.value === true) || (x.lit && x.lit.value === true)));

/** @param {any} node @returns {string[]} */
function pathOf(node) {
  if (Array.isArray(node)) return node.flatMap((n) => pathOf(n));
  switch (node.type) {
    case "FirstMemberExpression":
    case "MemberExpression":
    case "SingleNavigationExpression":
      return pathOf(node.value);
    case "PropertyPathExpression":
      if (node.value && node.value.current) return [node.value.current.value.name, ...pathOf(node.value.next)];
      return pathOf(node.value);
    case "LambdaVariableExpression":
      // `u/col` inside any(u: …): the predicate is compiled against the collection's table, so the variable adds nothing.
      return [];
    case "ODataIdentifier":
      return [node.value.name];
    default:
      throw syntaxError(`Unsupported expression '${node.raw}' in $filter.`);
  }
}

const NUMERIC = new Set(["Edm.SByte", "Edm.Byte", "Edm.Int16", "Edm.Int32", "Edm.Int64", "Edm.Decimal", "Edm.Double", "Edm.Single"]);

/** @param {any} node */
function literalValue(node) {
  const raw = String(node.raw);
  switch (node.value) {
    case "null":
      return { kind: "null", value: null };
    case "Edm.String":
      return { kind: "string", value: raw.slice(1, -1).replace(/''/g, "'") };
    case "Edm.Guid":
      return { kind: "guid", value: raw.toLowerCase() };
    case "Edm.Boolean":
      return { kind: "bool", value: raw === "true" };
    case "Edm.DateTimeOffset":
    case "Edm.Date":
      return { kind: "date", value: Date.parse(raw) };
    default:
      if (NUMERIC.has(node.value)) return { kind: "number", value: Number(raw) };
      throw syntaxError(`Unsupported literal '${raw}' in $filter.`);
  }
}

/**
 * @param {any} node @param {Table} table @param {FilterEnv} env
 * @returns {(record: Record<string, any>) => any}
 */
function compileNode(node, table, env) {
  const bin = () => [compileNode(node.value.left, table, env), compileNode(node.value.right, table, env)];
  switch (node.type) {
    case "AndExpression": {
      const [l, r] = bin();
      return (rec) => truthy(l(rec)) && truthy(r(rec));
    }
    case "OrExpression": {
      const [l, r] = bin();
      return (rec) => truthy(l(rec)) || truthy(r(rec));
    }
    case "NotExpression": {
      const inner = compileNode(node.value, table, env);
      return (rec) => !truthy(inner(rec));
    }
    case "BoolParenExpression":
    case "ParenExpression":
    case "CommonExpression":
      return compileNode(node.value, table, env);
    case "EqualsExpression":
    case "NotEqualsExpression":
    case "LesserThanExpression":
    case "LesserOrEqualsExpression":
    case "GreaterThanExpression":
    case "GreaterOrEqualsExpression":
      return compileComparison(node, table, env);
    case "MethodCallExpression":
      return compileMethod(node, table, env);
    case "Literal": {
      const lit = literalValue(node);
      return () => ({ lit });
    }
    case "FirstMemberExpression":
    case "MemberExpression": {
      const lambda = compileLambda(node, table, env);
      if (lambda) return lambda;
      const get = compileMember(node, table, env);
      return (rec) => ({ member: get(rec) });
    }
    default:
      throw syntaxError(`Unsupported expression '${node.raw}' in $filter.`);
  }
}

/** The PropertyPathExpression under a member expression, if it is one. @param {any} node */
function propertyPathOf(node) {
  let n = node;
  while (n && (n.type === "FirstMemberExpression" || n.type === "MemberExpression") && !Array.isArray(n.value)) n = n.value;
  return n && n.type === "PropertyPathExpression" ? n : null;
}

/**
 * `nav/any(x: predicate)` or `nav/all(x: predicate)` over an N:N navigation property (e.g.
 * teammembership_association/any(u:u/systemuserid eq …)); null when the node is no lambda.
 * @param {any} node @param {Table} table @param {FilterEnv} env
 * @returns {((record: Record<string, any>) => boolean) | null}
 */
function compileLambda(node, table, env) {
  const pp = propertyPathOf(node);
  const next = pp?.value?.next;
  if (!pp || !pp.value.current || !next || next.type !== "CollectionPathExpression") return null;
  const lambda = next.value;
  const kind = lambda?.type === "AnyExpression" ? "any" : lambda?.type === "AllExpression" ? "all" : null;
  const navName = pp.value.current.value.name;
  const collection = collectionOf(table, navName);
  if (!collection) throw propertyNotFound(table, navName);
  const target = env.tableOf(collection.target);
  if (!kind || !target || !env.related) throw syntaxError(`Unsupported expression '${node.raw}' in $filter.`);
  const related = env.related;
  // any() without a predicate: "has at least one".
  const predicate = lambda.value?.predicate ? compileNode(lambda.value.predicate.value, target, env) : () => true;
  return (record) => {
    const rows = related(collection, record[table.primaryId]);
    return kind === "any" ? rows.some((r) => truthy(predicate(r))) : rows.every((r) => truthy(predicate(r)));
  };
}

/**
 * Resolves a property path (`col`, or `nav/col` through a single-valued navigation property).
 * @param {any} node @param {Table} table @param {FilterEnv} env
 * @returns {(record: Record<string, any>) => { value: any, column: Column }}
 */
function compileMember(node, table, env) {
  const path = pathOf(node);
  /** @type {Array<{ nav: Column }>} */ const hops = [];
  let current = table;
  for (let i = 0; i < path.length - 1; i++) {
    const nav = navOf(current, path[i]);
    if (!nav || !nav.target) throw propertyNotFound(current, path[i]);
    const next = env.tableOf(nav.target);
    if (!next) throw propertyNotFound(current, path[i]);
    hops.push({ nav });
    current = next;
  }
  const last = path[path.length - 1];
  const column = columnOf(current, last);
  if (!column) throw propertyNotFound(current, last);
  return (record) => {
    /** @type {Record<string, any> | undefined} */ let rec = record;
    for (const hop of hops) {
      /** @type {unknown} */ const id = rec ? rec[hop.nav.name] : null;
      rec = id ? env.getRecord(/** @type {string} */ (hop.nav.target), String(id)) : undefined;
    }
    return { value: rec ? (rec[column.name] ?? null) : null, column };
  };
}

/** Brings a column value and a literal to comparable JS values (Dataverse compares text case-insensitively). */
function normalise(/** @type {any} */ value, /** @type {Column | null} */ column, /** @type {string} */ kind) {
  if (value === null || value === undefined) return null;
  if (kind === "date" || column?.type === "datetime") return typeof value === "number" ? value : Date.parse(value);
  if (typeof value === "string") return value.toLowerCase();
  return value;
}

/** @param {any} node @param {Table} table @param {FilterEnv} env */
function compileComparison(node, table, env) {
  const left = compileNode(node.value.left, table, env);
  const right = compileNode(node.value.right, table, env);
  const op = node.type;
  return (/** @type {Record<string, any>} */ rec) => {
    const a = left(rec);
    const b = right(rec);
    const side = (/** @type {any} */ x, /** @type {any} */ other) => {
      if (x.lit) return normalise(x.lit.value, other.member ? other.member.column : null, x.lit.kind);
      if (x.member) return normalise(x.member.value, x.member.column, other.lit ? other.lit.kind : "");
      return x;
    };
    const va = side(a, b);
    const vb = side(b, a);
    if (op === "EqualsExpression") return va === vb;
    if (op === "NotEqualsExpression") return va !== vb;
    if (va === null || vb === null) return false;
    if (op === "LesserThanExpression") return va < vb;
    if (op === "LesserOrEqualsExpression") return va <= vb;
    if (op === "GreaterThanExpression") return va > vb;
    return va >= vb;
  };
}

/** @param {any} node @param {Table} table @param {FilterEnv} env */
function compileMethod(node, table, env) {
  const method = String(node.value.method).toLowerCase();
  if (!["contains", "startswith", "endswith"].includes(method)) throw syntaxError(`The function '${method}' is not supported in $filter.`);
  const [subject, needle] = node.value.parameters.map((/** @type {any} */ p) => compileNode(p, table, env));
  return (/** @type {Record<string, any>} */ rec) => {
    const s = subject(rec);
    const n = needle(rec);
    const hay = String((s.member ? s.member.value : s.lit?.value) ?? "").toLowerCase();
    const find = String((n.member ? n.member.value : n.lit?.value) ?? "").toLowerCase();
    if (method === "contains") return hay.includes(find);
    if (method === "startswith") return hay.startsWith(find);
    return hay.endsWith(find);
  };
}

// ---------------------------------------------------------------- $orderby

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

module.exports = { compileFilter, compileOrderBy, annotationWanted, formatDateValue, validateProjection, project, contextFragment };
