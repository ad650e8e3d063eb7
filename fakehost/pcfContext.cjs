"use strict";
// The fake host as a PCF control sees it, in process (no HTTP): a `fetch` for the Web API, and `context.webAPI` and
// the PCF context over it, from the client the playground's host page uses too (xrm.js, xrmContext.js).
const { TextDecoder, TextEncoder } = require("node:util");
const { TABLES } = require("./schema.cjs");
const xrm = require("./xrm.js");
const { createPcfContext, propertyOf } = require("./xrmContext.js");

/**
 * A minimal fetch Response (jsdom has none). With `bytes`, the body is binary: arrayBuffer() gives those bytes and
 * text()/json() read them as UTF-8; else the body is `text`.
 * @param {number} status @param {string} text @param {Record<string, string>} headers @param {Uint8Array} [bytes]
 */
function makeResponse(status, text, headers, bytes) {
  const body = bytes ?? new TextEncoder().encode(text);
  const asText = bytes ? () => new TextDecoder().decode(bytes) : () => text;
  const make = () =>
    /** @type {any} */ ({
      ok: status >= 200 && status < 300,
      status,
      statusText: String(status),
      headers: new Headers(headers),
      redirected: false,
      type: "basic",
      url: "",
      bodyUsed: false,
      text: async () => asText(),
      json: async () => JSON.parse(asText()),
      // A copy, so a caller writing into it cannot change the host's stored file.
      arrayBuffer: async () => body.slice().buffer,
      clone: () => make(),
    });
  return make();
}

/**
 * Request headers by lower-case name. Plain objects and pairs are read directly, not through `Headers`: jsdom's
 * Headers drops `Range` (an old forbidden-header rule), which the file downloads need. A jsdom Headers object passed
 * in has lost it already: send Range in a plain object under jsdom.
 * @param {HeadersInit | undefined} init
 */
function lowerHeaders(init) {
  /** @type {Record<string, string>} */ const out = {};
  if (Array.isArray(init)) for (const [key, value] of init) out[String(key).toLowerCase()] = String(value);
  else if (init && typeof (/** @type {any} */ (init).forEach) !== "function") {
    for (const [key, value] of Object.entries(init)) out[key.toLowerCase()] = String(value);
  } else {
    new Headers(init).forEach((value, key) => {
      out[key] = value;
    });
  }
  return out;
}

/**
 * @typedef {object} CallerOptions
 * @property {string} userId        the signed-in user (a systemuser id of the store)
 * @property {"current" | "legacy"} [host]  legacy: the older host without the approval columns
 * @property {string} [clientUrl]   default https://contoso.crm.dynamics.com
 */

/**
 * A fetch over the fake host. Dropped connections reject with TypeError("Failed to fetch"), as a browser's fetch does.
 * @param {ReturnType<typeof import("./service.cjs").createFakeHost>} host @param {CallerOptions} caller
 * @returns {typeof fetch}
 */
function createFetch(host, caller) {
  const clientUrl = caller.clientUrl ?? "https://contoso.crm.dynamics.com";
  return /** @type {any} */ (
    async (/** @type {any} */ input, /** @type {RequestInit | undefined} */ init) => {
      const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url, clientUrl);
      const answer = await host.handleApi({
        method: (init?.method ?? "GET").toUpperCase(),
        path: url.pathname,
        search: url.search.slice(1),
        headers: lowerHeaders(init?.headers),
        cookies: { pp_user: caller.userId, ...(caller.host ? { pp_host: caller.host } : {}) },
        body: typeof init?.body === "string" ? init.body : "",
        origin: url.origin,
      });
      if (answer.connection) throw new TypeError("Failed to fetch");
      if (answer.bytes) return makeResponse(answer.status, "", answer.headers, answer.bytes);
      // A text answer (the $metadata XML) keeps its own Content-Type; json() of it throws, as a browser's does.
      const text = answer.text ?? (answer.body === undefined ? "" : JSON.stringify(answer.body));
      const headers =
        answer.text !== undefined || answer.body === undefined
          ? answer.headers
          : { "Content-Type": "application/json; odata.metadata=minimal; charset=utf-8", ...answer.headers };
      return makeResponse(answer.status, text, headers);
    }
  );
}

/**
 * context.webAPI over the fake host (logical names in, entity sets resolved from the schema).
 * @param {ReturnType<typeof import("./service.cjs").createFakeHost>} host
 * @param {CallerOptions & { errorsIncludeStatus?: boolean, entitySetOf?: (logicalName: string) => string }} caller
 * @returns {ComponentFramework.WebApi}
 */
function createWebApi(host, caller) {
  return webApiOverFetch(createFetch(host, caller), caller);
}

/**
 * context.webAPI as Web API requests sent with `fetchFn`: in process (createWebApi) or to the playground over HTTP.
 * The client is xrm.js, the one the playground's host page uses.
 * @param {typeof fetch} fetchFn
 * @param {{ clientUrl?: string, errorsIncludeStatus?: boolean, entitySetOf?: (logicalName: string) => string }} caller
 * @returns {ComponentFramework.WebApi}
 */
function webApiOverFetch(fetchFn, caller) {
  // The schema's entity set (apnl_approvalpolicy → apnl_approvalpolicies); "<name>s" for a table it does not know.
  const entitySetOf =
    caller.entitySetOf ?? ((/** @type {string} */ logicalName) => TABLES.find((t) => t.logicalName === logicalName)?.entitySet ?? `${logicalName}s`);
  return xrm.webApiOverFetch(fetchFn, { clientUrl: caller.clientUrl, errorsIncludeStatus: caller.errorsIncludeStatus, entitySetOf });
}

module.exports = { createFetch, createWebApi, makeResponse, webApiErrorOf: xrm.webApiErrorOf, webApiOverFetch, createPcfContext, propertyOf };
