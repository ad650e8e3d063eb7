"use strict";
// The errors the fake host answers with, as Dataverse words them: ODataError (status, code, message, headers) and the
// 400s for a property the table does not have and for a syntax error. Their own file: the whole host throws them
// (records, metadata, artifacts, field security, the service), not only the query code beside them.

/** @typedef {import("../schema.cjs").Table} Table */

class ODataError extends Error {
  /** @param {number} status @param {string} code @param {string} message @param {Record<string,string>} [headers] */
  constructor(status, code, message, headers) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers ?? {};
  }
  body() {
    return { error: { code: this.code, message: this.message } };
  }
}

/** Dataverse's answer for a column or navigation property the table does not have. */
const propertyNotFound = (/** @type {Table} */ table, /** @type {string} */ name) =>
  new ODataError(400, "0x80060888", `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`);

const syntaxError = (/** @type {string} */ message) => new ODataError(400, "0x80060888", message);

module.exports = { ODataError, propertyNotFound, syntaxError };
