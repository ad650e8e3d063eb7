"use strict";
// Writes of the fake host: request bodies → column values, new records with their system columns.
const { randomUUID } = require("node:crypto");
const { ODataError, propertyNotFound, syntaxError } = require("./query.cjs");
const { columnOf, navOf } = require("./schema.cjs");

const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

const notFound = (/** @type {string} */ logicalName, /** @type {string} */ id) =>
  new ODataError(404, "0x80040217", `${logicalName} With Id = ${id.toLowerCase()} Does Not Exist`);

/**
 * Writes column values into a stored row, dropping the annotations the row carried for those columns (they would
 * describe the old value; the projection makes fresh ones). @param {Record<string, any>} record @param {Record<string, any>} values
 */
function assignColumns(record, values) {
  for (const column of Object.keys(values)) {
    for (const key of Object.keys(record)) if (key.startsWith(`${column}@`)) delete record[key];
  }
  Object.assign(record, values);
}

/**
 * @param {{ store: import("./store.cjs").Store, onRowCreated?: (table: string, record: Record<string, any>) => void }} deps
 */
function createRecords(deps) {
  const { store } = deps;
  let version = 2_000_000;

  /** Bumps the row version and the modified columns. @param {Record<string, any>} record @param {string | null} userId */
  function touch(record, userId) {
    /** @type {Record<string, any>} */ const values = { modifiedon: nowIso() };
    // Rows handed in without a row version (the jest fixtures) keep their stored etag.
    if ("versionnumber" in record) values.versionnumber = ++version;
    if (userId) values._modifiedby_value = userId;
    assignColumns(record, values);
  }

  /**
   * Body of POST/PATCH → column values. Lookups come as "nav@odata.bind": "/set(id)".
   * @param {string} text @param {import("./schema.cjs").Table} table @param {ReturnType<typeof import("./schema.cjs").schemaFor>} schema
   */
  function parseWriteBody(text, table, schema) {
    /** @type {any} */ let body;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      throw syntaxError("The request body is not valid JSON.");
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) throw syntaxError("The request body must be a JSON object.");
    /** @type {Record<string, any>} */ const fields = {};
    for (const [k, v] of Object.entries(body)) {
      if (k.endsWith("@odata.bind")) {
        const navName = k.slice(0, -"@odata.bind".length);
        const nav = navOf(table, navName);
        if (!nav) throw propertyNotFound(table, navName);
        if (v === null) {
          fields[nav.name] = null;
          continue;
        }
        const m = /^\/?([A-Za-z_]+)\(([0-9a-fA-F-]{36})\)$/.exec(String(v).replace(/^.*\/api\/data\/v9\.2/, ""));
        const target = m ? schema.bySet.get(m[1]) : undefined;
        if (!m || !target || target.logicalName !== nav.target)
          throw syntaxError(`The value '${v}' of '${k}' is not a valid reference to a ${nav.target} record.`);
        if (!store.get(target.logicalName, m[2])) throw notFound(target.logicalName, m[2]);
        fields[nav.name] = m[2].toLowerCase();
        continue;
      }
      const column = columnOf(table, k);
      if (!column || column.type === "lookup") {
        throw new ODataError(400, "0x80060888", `Invalid property '${k}' was found in entity 'Microsoft.Dynamics.CRM.${table.logicalName}'.`);
      }
      const ok =
        v === null ||
        (["string", "memo", "guid", "datetime"].includes(column.type) && typeof v === "string") ||
        (["int", "choice"].includes(column.type) && Number.isInteger(v)) ||
        (column.type === "bool" && typeof v === "boolean");
      if (!ok) throw syntaxError(`Cannot convert the literal '${JSON.stringify(v)}' to the expected type of '${k}' (${column.type}).`);
      fields[k] = v;
    }
    return fields;
  }

  /**
   * Refuses a row whose alternate key values another row of the table already holds (Dataverse: a duplicate key
   * error). @param {import("./schema.cjs").Table} table @param {Record<string, any>} row @param {string} id the row's own id
   */
  function checkKeys(table, row, id) {
    for (const key of table.keys ?? []) {
      if (key.some((c) => row[c] === null || row[c] === undefined)) continue;
      const same = (/** @type {Record<string, any>} */ other) => key.every((c) => String(other[c] ?? "").toLowerCase() === String(row[c]).toLowerCase());
      if (store.all(table.logicalName).some((other) => String(other[table.primaryId]).toLowerCase() !== id && same(other))) {
        throw new ODataError(412, "0x80040237", `A record that has the attribute values ${key.join(", ")} already exists.`);
      }
    }
  }

  /**
   * @param {import("./schema.cjs").Table} table @param {Record<string, any>} fields @param {string} callerId
   * @param {{ onBehalfOf?: string | null }} [options] onBehalfOf: the caller who impersonated callerId (createdonbehalfby)
   */
  function createRecord(table, fields, callerId, options = {}) {
    const id = String(fields[table.primaryId] ?? randomUUID()).toLowerCase();
    if (store.get(table.logicalName, id)) throw new ODataError(412, "0x80040237", "A record with matching key values already exists.");
    /** @type {Record<string, any>} */ const record = {};
    for (const c of table.columns) record[c.name] = null;
    const now = nowIso();
    /** @type {Record<string, any>} */ const system = {
      _createdby_value: callerId,
      _createdonbehalfby_value: options.onBehalfOf ?? null,
      _modifiedby_value: callerId,
      _ownerid_value: callerId,
      createdon: now,
      modifiedon: now,
      versionnumber: ++version,
    };
    // Only the system columns this table has (a table of the jest tests may declare just a few).
    const has = (/** @type {string} */ name) => table.columns.some((c) => c.name === name);
    const defaults = Object.fromEntries(Object.entries({ statecode: 0, statuscode: 1, ...table.defaults }).filter(([k]) => has(k)));
    Object.assign(record, defaults, fields, Object.fromEntries(Object.entries(system).filter(([k]) => has(k))), { [table.primaryId]: id });
    checkKeys(table, record, id);
    store.put(table.logicalName, id, record);
    deps.onRowCreated?.(table.logicalName, record);
    return record;
  }

  return { touch, parseWriteBody, createRecord, checkKeys };
}

module.exports = { assignColumns, createRecords, notFound };
