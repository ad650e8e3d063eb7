"use strict";
// The client side of the fake host, written once for both of its users: context.webAPI as Web API requests (as
// Xrm.WebApi behaves: formatted values always included, errors as { message, errorCode, code, title }); the PCF context
// around it is xrmContext.js. Plain JS with no dependencies: the jest tests require it (through pcfContext.cjs),
// and the playground's host page loads it as a script (window.FakeHostXrm).

const API_BASE = "/api/data/v9.2";
const DEFAULT_ERROR_CODE = "0x80040216";

/**
 * The error context.webAPI rejects with, from a Dataverse error answer. With `includeStatus` (the playground's
 * extras, which the real context.webAPI lacks) also the HTTP status, and retryAfterSeconds when the host sent one.
 * @param {number} status @param {any} body @param {boolean} includeStatus @param {string | null} [retryAfter]
 */
function webApiErrorOf(status, body, includeStatus, retryAfter = null) {
  const hex = String(body?.error?.code ?? DEFAULT_ERROR_CODE);
  const message = String(body?.error?.message ?? `HTTP ${status}`);
  const n = parseInt(hex, 16);
  /** @type {Record<string, unknown>} */ const error = { message, errorCode: n, code: n, title: message };
  if (includeStatus) {
    error.status = status;
    const seconds = Number(retryAfter);
    if (retryAfter !== null && Number.isFinite(seconds)) error.retryAfterSeconds = seconds;
  }
  return error;
}

/**
 * @typedef {object} WebApiClientOptions
 * @property {typeof fetch} fetch
 * @property {string} [clientUrl]  the organisation's address; "" for this origin (the playground's page)
 * @property {(logicalName: string) => string} entitySetOf  a table's entity set, as Xrm.WebApi reads it from metadata
 * @property {boolean} [errorsIncludeStatus]  add status and retryAfterSeconds to errors (the playground's extras)
 * @property {boolean} [networkErrorsAsWebApiErrors]  a request with no answer rejects as a Web API error with
 *   status 0, not with fetch's own TypeError
 * @property {RequestCredentials} [credentials]
 */

/** @param {string | undefined} options an OData query, with or without its "?" */
const queryOf = (options) => (!options ? "" : options.startsWith("?") ? options : `?${options}`);
/** @param {string} id a record id, with or without braces */
const keyOf = (id) => String(id).replace(/^\{|\}$/g, "");

/** @param {string} text */
function parseOrUndefined(text) {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Web API requests through `options.fetch`, and context.webAPI and utils.getEntityMetadata over them.
 * @param {WebApiClientOptions} options
 */
function createWebApiClient(options) {
  const clientUrl = options.clientUrl ?? "https://contoso.crm.dynamics.com";
  const setOf = options.entitySetOf;
  const annotations = 'odata.include-annotations="*"';

  /**
   * One request; rejects with a Web API error when the answer is not a success.
   * @param {string} method @param {string} pathAndQuery under the API base @param {Record<string, string>} [headers] @param {unknown} [body]
   */
  async function request(method, pathAndQuery, headers = {}, body = undefined) {
    /** @type {Response} */ let res;
    try {
      res = await options.fetch(`${clientUrl}${API_BASE}/${pathAndQuery}`, {
        method,
        headers: {
          Accept: "application/json",
          "OData-Version": "4.0",
          "OData-MaxVersion": "4.0",
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        ...(options.credentials ? { credentials: options.credentials } : {}),
      });
    } catch (e) {
      if (!options.networkErrorsAsWebApiErrors) throw e;
      throw { message: `Network error: ${/** @type {Error} */ (e).message}`, errorCode: 0, code: 0, status: 0 };
    }
    const text = await res.text();
    if (!res.ok) throw webApiErrorOf(res.status, parseOrUndefined(text), options.errorsIncludeStatus === true, res.headers.get("Retry-After"));
    return { res, json: text ? JSON.parse(text) : undefined };
  }

  /** @param {any} json */
  const withoutContext = (json) => {
    const rest = { ...json };
    delete rest["@odata.context"];
    return rest;
  };
  const idFrom = (/** @type {Response} */ res) => /\(([^)]+)\)$/.exec(res.headers.get("OData-EntityId") ?? "")?.[1] ?? "";

  /** @type {ComponentFramework.WebApi} */
  const webAPI = /** @type {any} */ ({
    async retrieveRecord(/** @type {string} */ entity, /** @type {string} */ id, /** @type {string | undefined} */ query) {
      const { json } = await request("GET", `${setOf(entity)}(${keyOf(id)})${queryOf(query)}`, { Prefer: annotations });
      return withoutContext(json);
    },
    async retrieveMultipleRecords(/** @type {string} */ entity, /** @type {string | undefined} */ query, /** @type {number | undefined} */ maxPageSize) {
      const prefer = maxPageSize ? `${annotations},odata.maxpagesize=${maxPageSize}` : annotations;
      const { json } = await request("GET", `${setOf(entity)}${queryOf(query)}`, { Prefer: prefer });
      /** @type {{ entities: any[], nextLink?: string }} */ const out = { entities: json.value };
      if (json["@odata.nextLink"]) out.nextLink = json["@odata.nextLink"];
      return out;
    },
    async createRecord(/** @type {string} */ entity, /** @type {Record<string, unknown>} */ data) {
      const { res } = await request("POST", setOf(entity), {}, data);
      return { id: idFrom(res), entityType: entity };
    },
    async updateRecord(/** @type {string} */ entity, /** @type {string} */ id, /** @type {Record<string, unknown>} */ data) {
      // If-Match: * as Xrm.WebApi sends it: an update never creates the record.
      await request("PATCH", `${setOf(entity)}(${keyOf(id)})`, { "If-Match": "*" }, data);
      return { id, entityType: entity };
    },
    async deleteRecord(/** @type {string} */ entity, /** @type {string} */ id) {
      await request("DELETE", `${setOf(entity)}(${keyOf(id)})`);
      return { id, entityType: entity };
    },
  });

  /**
   * context.utils.getEntityMetadata from EntityDefinitions, in the shape model-driven apps give
   * (Attributes.get(name).attributeDescriptor.OptionSet).
   * @param {string} entityName @param {string[] | undefined} [attributes]
   */
  async function getEntityMetadata(entityName, attributes) {
    const { json: body } = await request("GET", `EntityDefinitions(LogicalName='${entityName}')`);
    const label = (/** @type {any} */ l) => l?.UserLocalizedLabel?.Label ?? "";
    const wanted = attributes && attributes.length ? new Set(attributes) : null;
    /** @type {Record<string, any>} */ const collection = {};
    for (const a of body.Attributes) {
      if (wanted && !wanted.has(a.LogicalName)) continue;
      /** @type {any[] | undefined} */ let choices;
      if (a.OptionSet?.Options) choices = a.OptionSet.Options.map((/** @type {any} */ o) => ({ Value: o.Value, Label: label(o.Label), Color: null }));
      if (a.OptionSet?.TrueOption) choices = [a.OptionSet.FalseOption, a.OptionSet.TrueOption].map((o) => ({ Value: o.Value, Label: label(o.Label) }));
      const descriptor = {
        LogicalName: a.LogicalName,
        DisplayName: label(a.DisplayName),
        AttributeType: a.AttributeType,
        Targets: a.Targets,
        OptionSet: choices,
      };
      collection[a.LogicalName] = {
        ...descriptor,
        attributeDescriptor: descriptor,
        OptionSet: choices ? Object.fromEntries(choices.map((o) => [o.Value, { Value: o.Value, Label: o.Label }])) : undefined,
      };
    }
    return {
      LogicalName: body.LogicalName,
      EntitySetName: body.EntitySetName,
      PrimaryIdAttribute: body.PrimaryIdAttribute,
      PrimaryNameAttribute: body.PrimaryNameAttribute,
      DisplayName: label(body.DisplayName),
      Attributes: {
        _collection: collection,
        get: (/** @type {string} */ name) => collection[name],
        getAll: () => Object.values(collection),
        getByName: (/** @type {string} */ name) => collection[name],
      },
    };
  }

  return { request, webAPI, getEntityMetadata };
}

/**
 * context.webAPI as Web API requests sent with `fetchFn` (createWebApiClient's webAPI).
 * @param {typeof fetch} fetchFn @param {Omit<WebApiClientOptions, "fetch">} options
 * @returns {ComponentFramework.WebApi}
 */
function webApiOverFetch(fetchFn, options) {
  return createWebApiClient({ ...options, fetch: fetchFn }).webAPI;
}

const xrm = { API_BASE, webApiErrorOf, createWebApiClient, webApiOverFetch };
// CommonJS for node; a global for the playground's page, which loads this file as a plain script.
if (typeof module === "object" && module.exports) module.exports = xrm;
else /** @type {any} */ (globalThis).FakeHostXrm = xrm;
