"use strict";
// A Web API request (OData v4 JSON under /api/data/v9.2/) → the handler that answers it (handlers.cjs), with what
// surrounds every request: the URL read (entity set or action, key, what follows), the host variant and its schema
// from the cookies, the caller signed in and who a write acts as, the request logged, the injected faults (failures,
// dropped connections) and latency applied, and an ODataError turned into its answer. Apart from the handlers:
// which request this is and when it is answered is one concern, what it does to the store another.
const { FILE_COLUMNS } = require("../artifacts.cjs");
const { ODataError, parsePrefer, parseQueryString, syntaxError } = require("../query.cjs");
const { bodyForLog } = require("../requestLog.cjs");
const { send } = require("./answer.cjs");
const { GUID } = require("./handlers.cjs");

const API_BASE = "/api/data/v9.2";
/** Tables whose record reads need the caller's Read privilege (deploymentartifact: its file downloads only). */
const READ_CHECKED = ["apnl_approvalpolicy"];

/** @typedef {import("./answer.cjs").ApiAnswer} ApiAnswer */
/** @typedef {ReturnType<typeof import("../schema.cjs").schemaFor>} Schema */

/**
 * @typedef {object} ApiRequest
 * @property {string} method
 * @property {string} path      URL path, starting with /api/data/v9.2
 * @property {string} search    query string without the "?", as sent (still encoded)
 * @property {Record<string, string>} headers  lower-case names
 * @property {Record<string, string>} cookies  pp_user (the caller) and pp_host ("legacy" → the older host)
 * @property {string} body
 * @property {string} origin    e.g. http://localhost:8181, for @odata.context and nextLink
 */

/** @param {string | undefined} header */
function parseCookies(header) {
  /** @type {Record<string,string>} */ const out = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return out;
}

/**
 * The host's Web API: handleApi over the handlers.
 * @param {object} deps
 * @param {import("../store.cjs").Store} deps.store
 * @param {import("../faults.cjs").Faults} deps.faults
 * @param {import("../requestLog.cjs").RequestLog} deps.log
 * @param {(variant: import("../schema.cjs").HostVariant) => Schema} deps.schemaOf
 * @param {Pick<import("./host.cjs").FakeHostOptions, "anyCaller">} deps.options
 * @param {ReturnType<typeof import("./handlers.cjs").createHandlers>} deps.handlers
 */
function createRoute({ store, faults, log, schemaOf, options, handlers }) {
  /** @param {ApiRequest} req @returns {Promise<ApiAnswer>} */
  async function handleApi(req) {
    const started = Date.now();
    const cookies = req.cookies;
    const rest = req.path.slice(API_BASE.length + 1);
    const segment = /^(\$metadata|[A-Za-z_][A-Za-z0-9_]*)(?:\(([^)]*)\))?(?:\/(.*))?$/.exec(decodeURIComponent(rest));
    const method = req.method.toUpperCase();
    const variant = cookies.pp_host === "legacy" ? "legacy" : "current";
    const schema = schemaOf(variant);
    const name = segment ? segment[1] : "";
    const isAction = name === "UpdateApprovalStatus" || name === "WhoAmI";
    // A bound function (systemusers(id)/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()) counts as a read here.
    const isMetadata = name === "EntityDefinitions" || name === "$metadata";
    /** @type {import("../faults.cjs").RequestKind} */
    const kind = {
      method,
      kind: isAction ? "action" : isMetadata ? "metadata" : method === "GET" ? "read" : "write",
      entitySet: !isAction && !isMetadata ? name : null,
      action: isAction ? name : null,
    };
    const entry = log.begin({ method, url: `${req.path}${req.search ? `?${req.search}` : ""}`, headers: req.headers }, isAction ? "action" : "api", cookies);
    const text = method === "GET" || method === "HEAD" ? "" : req.body;
    entry.body = bodyForLog(text);

    const { latencyMs, failure, noChunking, applied } = faults.take(kind);
    entry.faults = applied;
    // A read is worked out when it arrives and answered latencyMs after it arrived. Dataverse answers concurrent
    // requests in parallel; this single-threaded fake works them one after another, and doing that after the delay
    // added its own queue (a few ms per request) to the last of a wave. Writes, actions and failures still wait
    // first and then apply, so a read made during a write's delay sees the state before the write.
    const answerEarly = method === "GET" && !failure;
    if (latencyMs > 0 && !answerEarly) await waitUntil(started + latencyMs);
    const answer = respond();
    if (latencyMs > 0 && answerEarly) await waitUntil(started + latencyMs);
    // Logged when it is sent: while an early answer waits, the log shows the request still on its way (no status).
    entry.status = answer.status;
    entry.durationMs = Date.now() - started;
    return answer;

    /** @returns {ApiAnswer} */
    function respond() {
      if (failure) {
        if (failure.type === "drop" || failure.type === "reset") {
          return { status: 0, headers: {}, connection: failure.type };
        }
        if (failure.type === "429") {
          const seconds = failure.retryAfterSeconds ?? 5;
          return send(
            429,
            { error: { code: "0x80072322", message: "Number of requests exceeded the limit of 6000 over time window of 300 seconds." } },
            { "Retry-After": String(seconds) },
          );
        }
        return send(500, { error: { code: "0x80040216", message: "An unexpected error occurred." } });
      }

      try {
        const callerId = cookies.pp_user?.toLowerCase() ?? "";
        const caller = callerId ? store.get("systemuser", callerId) : undefined;
        if (!options.anyCaller && (!caller || caller.isdisabled)) {
          throw new ODataError(401, "0x80072560", "The user is not a member of the organization (no pp_user cookie naming a playground user).");
        }
        if (!segment) throw new ODataError(404, "0x8006088a", `Resource not found for the segment '${rest}'.`);
        // Writes act as the impersonated user when the caller names one; reads stay the caller's own.
        const impersonated = method === "GET" ? null : handlers.impersonatedUser(req.headers, callerId);
        const actingId = impersonated ?? callerId;
        const base = `${req.origin}${API_BASE}`;
        const prefer = parsePrefer(req.headers.prefer);
        const [, setName, key, sub] = segment;

        if (setName === "UpdateApprovalStatus") {
          // A host without the approval columns predates delegated deployments: it has no such action either.
          if (!hasApprovalsOf(schema)) {
            throw new ODataError(404, "0x80060888", "Resource not found for the segment 'UpdateApprovalStatus'.");
          }
          if (method !== "POST") throw new ODataError(405, "0x80060888", "The action UpdateApprovalStatus must be called with POST.");
          return handlers.updateApprovalStatus(text, callerId);
        }
        if (setName === "WhoAmI" && method === "GET") return handlers.whoAmI(callerId, base);
        const hasApprovals = hasApprovalsOf(schema);
        if (setName === "$metadata" && method === "GET" && key === undefined && !sub) return handlers.getMetadata(schema, hasApprovals);
        if (setName === "EntityDefinitions") {
          if (method !== "GET") throw new ODataError(405, "0x80060888", "The emulator serves metadata read-only.");
          return handlers.getEntityDefinitions(schema, key, sub, base, parseQueryString(req.search));
        }
        const table = schema.bySet.get(setName);
        if (!table) throw new ODataError(404, "0x8006088a", `Resource not found for the segment '${setName}'.`);
        if (setName === "systemusers" && key !== undefined && sub === "Microsoft.Dynamics.CRM.RetrieveUserPrivileges()" && method === "GET") {
          return handlers.retrieveUserPrivileges(key, callerId, schema, base);
        }
        const fileColumn = table.logicalName === "deploymentartifact" && key !== undefined ? /^([a-z]+)\/\$value$/.exec(sub ?? "") : null;
        if (fileColumn && FILE_COLUMNS.includes(fileColumn[1]) && method === "GET") {
          return handlers.downloadArtifact(key ?? "", fileColumn[1], callerId, caller, schema, req.headers.range, noChunking);
        }
        if (sub) throw new ODataError(400, "0x80060888", `Resource not found for the segment '${sub}'.`);
        // Reads of the tables whose privilege the emulator checks (only these: the others answer whoever asks).
        if (method === "GET" && READ_CHECKED.includes(table.logicalName)) handlers.requireRead(table.logicalName, callerId, caller, schema);
        const params = parseQueryString(req.search);
        /** @type {import("./handlers.cjs").TableRequest} */
        const request = { table, schema, params, search: req.search, headers: req.headers, text, prefer, base, callerId, impersonated, actingId };

        if (key !== undefined) {
          const id = key.replace(/^\{|\}$/g, "");
          if (!GUID.test(id)) throw syntaxError(`Bad Request - Error in query syntax: '${key}' is not a valid key.`);
          if (method === "GET") return handlers.readRecord(request, id);
          if (method === "PATCH") return handlers.patchRecord(request, id);
          if (method === "DELETE") return handlers.deleteRecord(request, id);
          throw new ODataError(405, "0x80060888", `The HTTP method ${method} is not allowed on a single record.`);
        }

        if (method === "GET") return handlers.listRecords(request);
        if (method === "POST") return handlers.postRecord(request);
        throw new ODataError(405, "0x80060888", `The HTTP method ${method} is not allowed on an entity set.`);
      } catch (e) {
        if (e instanceof ODataError) return send(e.status, e.body(), e.headers);
        console.error(e);
        return send(500, { error: { code: "0x80040216", message: `Fake host error: ${/** @type {Error} */ (e).message}` } });
      }
    }
  }

  return handleApi;
}

/** Whether the host has the approval columns (and so the UpdateApprovalStatus action). @param {Schema} schema */
const hasApprovalsOf = (schema) => schema.byLogical.get("deploymentstagerun")?.columns.some((c) => c.name === "approvalstatus") ?? false;

/**
 * Waits until Date.now() reaches `deadline`. Node's timers may fire a millisecond before Date.now() says the time
 * has come (they run on the event loop's own clock, rounded to whole ms), so one setTimeout could answer a
 * "400 ms" fault after 399 ms; this waits again for what is left.
 * @param {number} deadline epoch ms
 */
async function waitUntil(deadline) {
  for (let left = deadline - Date.now(); left > 0; left = deadline - Date.now()) {
    await new Promise((resolve) => setTimeout(resolve, left));
  }
}

module.exports = { API_BASE, createRoute, parseCookies };
