"use strict";
// $filter as the Dataverse Web API applies it to the tables we emulate: parsed by @odata/parser and compiled against
// the table into a predicate (comparisons, functions, lambdas over N:N navigation, Dataverse's case-insensitive text).
const odataParser = require("@odata/parser");
const { collectionOf, columnOf, navOf } = require("../schema.cjs");
const { propertyNotFound, syntaxError } = require("./errors.cjs");

const { defaultParser } = odataParser;

/** @typedef {import("../schema.cjs").Table} Table */
/** @typedef {import("../schema.cjs").Column} Column */

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

module.exports = { compileFilter, normalise };
