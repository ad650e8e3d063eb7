"use strict";
// The fake pipelines host as one object: store, faults, request log, actions, relay flow, the approval request flows
// (intake.cjs), and the Dataverse Web API (OData v4 JSON under /api/data/v9.2/) as a function from a plain request to
// a plain answer. The playground serves it over HTTP (playground/emulator/emulator.mjs); tests call it in process
// (pcfContext.cjs).
const { createActions } = require("./actions.cjs");
const { FILE_COLUMNS, createArtifactFiles, downloadFile } = require("./artifacts.cjs");
const { Faults } = require("./faults.cjs");
const { createRelayFlow, isRelayTable } = require("./flow.cjs");
const { createApprovalRequests } = require("./intake.cjs");
const { csdl, entityDefinitions } = require("./metadata.cjs");
const { BUSINESS_UNIT_ID, rolesOf, userPrivileges } = require("./privileges.cjs");
const {
  ODataError,
  compileFilter,
  compileOrderBy,
  contextFragment,
  parsePrefer,
  parseQueryString,
  project,
  queryOptions,
  syntaxError,
  validateProjection,
} = require("./query.cjs");
const { assignColumns, createRecords, notFound } = require("./records.cjs");
const { createFieldSecurity } = require("./fieldSecurity.cjs");
const { RequestLog, bodyForLog } = require("./requestLog.cjs");
const { schemaFor } = require("./schema.cjs");
const { Store } = require("./store.cjs");

const API_BASE = "/api/data/v9.2";
/** The System Administrator role template [doc: SR]. */
const SYSTEM_ADMINISTRATOR_TEMPLATE = "627090ff-40a3-4053-8790-584edc5be201";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Tables whose record reads need the caller's Read privilege (deploymentartifact: its file downloads only). */
const READ_CHECKED = ["apnl_approvalpolicy"];

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
/**
 * @typedef {object} ApiAnswer
 * @property {number} status
 * @property {Record<string, string>} headers
 * @property {unknown} [body]   JSON body; undefined when empty
 * @property {string} [text]    a text body instead (e.g. the $metadata XML); its Content-Type is in headers
 * @property {Uint8Array} [bytes]  a binary body instead (a file column's $value); its headers come with it
 * @property {"drop" | "reset"} [connection]  a fault that breaks the connection instead of answering
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

/** @typedef {ReturnType<typeof schemaFor>} Schema */

/**
 * @typedef {object} FakeHostOptions
 * @property {string | null} [dataFile]   keep the store in this JSON file
 * @property {() => import("./store.cjs").StoreData} [seed]  the data to start from (default: the playground's seed);
 *   its tables are used as they are, not copied
 * @property {(variant: import("./schema.cjs").HostVariant) => Schema} [schema]  the tables and columns, asked on
 *   every request (default: schemaFor); a schema built from the stored rows follows changes to them
 * @property {boolean} [anyCaller]        sign in any caller id, known to the systemuser table or not (the jest tests
 *   name their user; the playground refuses an unknown one with 401)
 * @property {import("./actions.cjs").ActionRules} [rules]
 * @property {number} [deployDelayMs]
 * @property {number} [relayDelayMs]
 * @property {() => number} [now]  the clock (ms) the relay flow reads a policy's expiry against; Date.now by default
 */

/** @param {FakeHostOptions} [options] */
function createFakeHost(options = {}) {
  const store = new Store({ dataFile: options.dataFile ?? null, seed: options.seed });
  const faults = new Faults();
  const log = new RequestLog();
  const fixedSchemas = { current: schemaFor("current"), legacy: schemaFor("legacy") };
  const schemaOf = options.schema ?? ((/** @type {import("./schema.cjs").HostVariant} */ variant) => fixedSchemas[variant]);
  /** @type {ReturnType<typeof createRelayFlow>} */ let relayFlow;
  const records = createRecords({ store, onRowCreated: (table, record) => isRelayTable(table) && relayFlow.onRowCreated(table, record) });
  const actions = createActions({ store, touch: records.touch, deployDelayMs: options.deployDelayMs, rules: options.rules });
  // The Deployment Approvals app's flows (intake, outcomes, expiry) over the apnl_approvalrequest rows.
  const approvalRequests = createApprovalRequests({ store, log, now: options.now });
  /**
   * The business event OnApprovalCompleted after UpdateApprovalStatus applied a decision: the "Record approval
   * outcomes" flow runs. Its failure does not undo the decision (the expiry flow records a missed outcome later).
   * @param {string} runId
   */
  const approvalCompleted = (runId) => {
    try {
      approvalRequests.onApprovalCompleted(runId);
    } catch (e) {
      console.error("outcome flow:", e);
    }
  };
  /** UpdateApprovalStatus with the host's rules, then its business event. @type {typeof actions.applyDecision} */
  const applyDecision = (runId, status, comments, properties, callerId) => {
    const r = actions.applyDecision(runId, status, comments, properties, callerId);
    if (r.ok) approvalCompleted(runId);
    return r;
  };
  // The "Apply approval decisions" flow, run as the service principal on every new relay row. The event of a decision
  // it applied is handled once its run has finished (the relay row then carries its outcome, which names the decider).
  relayFlow = createRelayFlow({
    store,
    log,
    applyDecision: (runId, status, comments, properties, callerId) => {
      const r = actions.applyDecision(runId, status, comments, properties, callerId);
      if (r.ok) queueMicrotask(() => approvalCompleted(runId));
      return r;
    },
    delayMs: options.relayDelayMs,
    now: options.now,
  });
  const artifacts = createArtifactFiles(store);

  /** @param {ReturnType<typeof parsePrefer>} prefer @param {boolean} paged @returns {Record<string, string>} */
  function preferenceApplied(prefer, paged) {
    const applied = [];
    if (prefer.annotations) applied.push(`odata.include-annotations="${prefer.annotations.join(",")}"`);
    if (paged && prefer.maxPageSize) applied.push(`odata.maxpagesize=${prefer.maxPageSize}`);
    return applied.length ? { "Preference-Applied": applied.join(",") } : {};
  }

  /** The rows an N:N navigation property leads to. @param {import("./schema.cjs").Collection} c @param {string} id */
  function related(c, id) {
    const self = String(id).toLowerCase();
    if (c.intersect === "userRoles") {
      // Keyed by lower-case user id, as rolesOf (privileges.cjs) reads it.
      return (store.userRoles[self] ?? []).map((roleId) => store.get(c.target, roleId)).filter((r) => r !== undefined);
    }
    return store
      .all(c.intersect)
      .filter((pair) => String(pair[c.self]).toLowerCase() === self)
      .map((pair) => store.get(c.target, String(pair[c.other])))
      .filter((r) => r !== undefined);
  }

  /** Whether the user holds a System Administrator role (by template), directly or through a team. @param {string} userId */
  function isSystemAdministrator(userId) {
    const { direct, viaTeams } = rolesOf(store, userId);
    return [...direct, ...viaTeams].some((id) => String(store.get("role", id)?._roletemplateid_value ?? "").toLowerCase() === SYSTEM_ADMINISTRATOR_TEMPLATE);
  }

  const fieldSecurity = createFieldSecurity(store, isSystemAdministrator);

  /**
   * The user a write acts as under impersonation (Microsoft Learn, "Impersonate another user using the Web API"): the
   * MSCRMCallerID header names a systemuserid, CallerObjectId a user's Microsoft Entra object id. Dataverse then
   * records that user as createdby and the caller as createdonbehalfby. The caller needs the Act on Behalf of Another
   * User privilege; the emulator grants it to System Administrators only (its own simplification).
   * @param {Record<string, string | undefined>} headers @param {string} callerId @returns {string | null}
   */
  function impersonatedUser(headers, callerId) {
    const byId = headers.mscrmcallerid;
    const byObjectId = headers.callerobjectid;
    if (byId === undefined && byObjectId === undefined) return null;
    if (!isSystemAdministrator(callerId)) {
      throw new ODataError(403, "0x80040220", `Principal user (Id=${callerId}, type=8) is missing prvActOnBehalfOfAnotherUser privilege.`);
    }
    const wanted = String(byId ?? byObjectId)
      .replace(/^\{|\}$/g, "")
      .toLowerCase();
    const user = store
      .all("systemuser")
      .find((u) => (byId !== undefined ? String(u.systemuserid) : String(u.azureactivedirectoryobjectid ?? "")).toLowerCase() === wanted);
    if (!user || user.isdisabled) throw notFound("systemuser", wanted);
    return String(user.systemuserid).toLowerCase();
  }

  /**
   * systemusers(id)/Microsoft.Dynamics.CRM.RetrieveUserPrivileges(). Another user's privileges: System
   * Administrators only, else 403 (the rule, the status and the text are the emulator's own; Dataverse checks
   * read access to the user).
   * @param {string} key @param {string} callerId @param {Schema} schema @param {string} base
   */
  function retrieveUserPrivileges(key, callerId, schema, base) {
    const id = key.replace(/^\{|\}$/g, "").toLowerCase();
    if (!GUID.test(id)) throw syntaxError(`Bad Request - Error in query syntax: '${key}' is not a valid key.`);
    if (!store.get("systemuser", id)) throw notFound("systemuser", id);
    if (id !== callerId && !isSystemAdministrator(callerId)) {
      throw new ODataError(403, "0x80040220", "Only a System Administrator may read another user's privileges in the playground.");
    }
    return {
      "@odata.context": `${base}/$metadata#Microsoft.Dynamics.CRM.RetrieveUserPrivilegesResponse`,
      RolePrivileges: userPrivileges(store, id, [...schema.byLogical.keys()]),
    };
  }

  /**
   * The caller needs Read on the table (from their roles, privileges.cjs); a caller the store does not know (the jest
   * tests' own users, with anyCaller) is not checked: the emulator's own. 403 with 0x80040220 as Dataverse answers a
   * missing privilege; its text is the emulator's own.
   * @param {string} logicalName @param {string} callerId @param {Record<string, any> | undefined} caller @param {Schema} schema
   */
  function requireRead(logicalName, callerId, caller, schema) {
    // A store that grants no privileges at all (the jest tests' fixture tables) does not model them: nothing is checked.
    if (!caller || Object.keys(store.rolePrivileges ?? {}).length === 0) return;
    const name = `prvRead${logicalName}`;
    if (userPrivileges(store, callerId, [...schema.byLogical.keys()]).some((p) => p.PrivilegeName === name)) return;
    throw new ODataError(403, "0x80040220", `Principal user (Id=${callerId}, type=8) is missing ${name} privilege on entity '${logicalName}'.`);
  }

  /**
   * GET deploymentartifacts(id)/<file column>/$value. The caller needs Read on deploymentartifact (requireRead).
   * @param {string} key @param {string} column @param {string} callerId @param {Record<string, any> | undefined} caller
   * @param {Schema} schema @param {string | undefined} range @param {false | "whole" | "refused"} noChunking
   */
  function downloadArtifact(key, column, callerId, caller, schema, range, noChunking) {
    const id = key.replace(/^\{|\}$/g, "").toLowerCase();
    if (!GUID.test(id)) throw syntaxError(`Bad Request - Error in query syntax: '${key}' is not a valid key.`);
    requireRead("deploymentartifact", callerId, caller, schema);
    return downloadFile({ row: store.get("deploymentartifact", id), id, column, range, noChunking, fileOf: artifacts.fileOf });
  }

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
    /** @type {import("./faults.cjs").RequestKind} */
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
      /** @param {number} status @param {unknown} body @param {Record<string,string>} [headers] @returns {ApiAnswer} */
      const send = (status, body, headers = {}) => ({ status, body, headers: { "OData-Version": "4.0", "Cache-Control": "no-cache", ...headers } });
      /** @param {number} status @param {string} body @param {string} contentType @returns {ApiAnswer} */
      const sendText = (status, body, contentType) => ({ ...send(status, undefined, { "Content-Type": contentType }), text: body });
      /** @param {{ status: number, bytes: Uint8Array, headers: Record<string, string> }} file @returns {ApiAnswer} */
      const sendFile = (file) => ({ ...send(file.status, undefined, file.headers), bytes: file.bytes });

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
        const impersonated = method === "GET" ? null : impersonatedUser(req.headers, callerId);
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
          const r = actions.updateApprovalStatus(text, callerId);
          if (r.status === 204) approvalCompleted(String(JSON.parse(text).StageRunId).toLowerCase());
          return send(r.status, r.body);
        }
        if (setName === "WhoAmI" && method === "GET") {
          return send(200, {
            "@odata.context": `${base}/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
            BusinessUnitId: BUSINESS_UNIT_ID,
            UserId: callerId,
            OrganizationId: "0b000000-0000-4000-8000-000000000001",
          });
        }
        const hasApprovals = hasApprovalsOf(schema);
        if (setName === "$metadata" && method === "GET" && key === undefined && !sub) {
          return sendText(200, csdl(schema, { approvals: hasApprovals }), "application/xml");
        }
        if (setName === "EntityDefinitions") {
          if (method !== "GET") throw new ODataError(405, "0x80060888", "The emulator serves metadata read-only.");
          return send(200, entityDefinitions(schema, key, sub, base, parseQueryString(req.search)));
        }
        const table = schema.bySet.get(setName);
        if (!table) throw new ODataError(404, "0x8006088a", `Resource not found for the segment '${setName}'.`);
        if (setName === "systemusers" && key !== undefined && sub === "Microsoft.Dynamics.CRM.RetrieveUserPrivileges()" && method === "GET") {
          return send(200, retrieveUserPrivileges(key, callerId, schema, base));
        }
        const fileColumn = table.logicalName === "deploymentartifact" && key !== undefined ? /^([a-z]+)\/\$value$/.exec(sub ?? "") : null;
        if (fileColumn && FILE_COLUMNS.includes(fileColumn[1]) && method === "GET") {
          return sendFile(downloadArtifact(key ?? "", fileColumn[1], callerId, caller, schema, req.headers.range, noChunking));
        }
        if (sub) throw new ODataError(400, "0x80060888", `Resource not found for the segment '${sub}'.`);
        // Reads of the tables whose privilege the emulator checks (only these: the others answer whoever asks).
        if (method === "GET" && READ_CHECKED.includes(table.logicalName)) requireRead(table.logicalName, callerId, caller, schema);
        const params = parseQueryString(req.search);
        const tableOf = (/** @type {string} */ l) => schema.byLogical.get(l);
        const getRecord = (/** @type {string} */ t, /** @type {string} */ id) => store.get(t, id);
        const projectEnv = { getRecord, tableOf, related, annotations: prefer.annotations };

        if (key !== undefined) {
          const id = key.replace(/^\{|\}$/g, "");
          if (!GUID.test(id)) throw syntaxError(`Bad Request - Error in query syntax: '${key}' is not a valid key.`);
          if (method === "GET") {
            const q = queryOptions(params);
            if (q.filter || q.orderby || q.top !== null)
              throw syntaxError("Query options $filter, $orderby and $top are not allowed when retrieving a single record.");
            validateProjection(table, q, tableOf);
            const stored = store.get(table.logicalName, id);
            if (!stored) throw notFound(table.logicalName, id);
            const record = fieldSecurity.readerFor(table, callerId)(stored);
            const body = { "@odata.context": `${base}/$metadata#${contextFragment(table, q)}/$entity`, ...project(record, table, q, projectEnv) };
            return send(200, body, preferenceApplied(prefer, false));
          }
          if (method === "PATCH") {
            const patch = records.parseWriteBody(text, table, schema);
            const existing = store.get(table.logicalName, id);
            const ifMatch = req.headers["if-match"];
            if (!existing && ifMatch) throw notFound(table.logicalName, id);
            if (existing && ifMatch && ifMatch !== "*" && ifMatch !== `W/"${existing.versionnumber}"`) {
              throw new ODataError(412, "0x80060882", "The version of the existing record doesn't match the RowVersion property provided.");
            }
            if (existing) {
              fieldSecurity.checkWrite(table, patch, actingId, "update");
              records.checkKeys(table, { ...existing, ...patch }, id.toLowerCase());
              assignColumns(existing, patch);
              records.touch(existing, actingId);
              store.save();
            } else {
              fieldSecurity.checkWrite(table, patch, actingId, "create");
              records.createRecord(table, { ...patch, [table.primaryId]: id.toLowerCase() }, actingId, { onBehalfOf: impersonated ? callerId : null });
            }
            return send(204, undefined, { "OData-EntityId": `${base}/${table.entitySet}(${id.toLowerCase()})` });
          }
          if (method === "DELETE") {
            if (!store.delete(table.logicalName, id)) throw notFound(table.logicalName, id);
            return send(204, undefined);
          }
          throw new ODataError(405, "0x80060888", `The HTTP method ${method} is not allowed on a single record.`);
        }

        if (method === "GET") {
          const q = queryOptions(params);
          validateProjection(table, q, tableOf);
          let rows = store.all(table.logicalName).map(fieldSecurity.readerFor(table, callerId));
          if (q.filter) rows = rows.filter(compileFilter(q.filter, table, { getRecord, tableOf, related }));
          if (q.orderby) rows = [...rows].sort(compileOrderBy(q.orderby, table));
          const total = rows.length;
          let skip = 0;
          if (params.$skiptoken !== undefined) {
            const m = /skip="(\d+)"/.exec(params.$skiptoken);
            if (!m) throw syntaxError("The $skiptoken is not valid.");
            skip = Number(m[1]);
          }
          /** @type {string | null} */ let nextLink = null;
          if (q.top !== null) {
            // Dataverse: $top wins over odata.maxpagesize; no paging.
            rows = rows.slice(0, q.top);
          } else {
            const pageSize = prefer.maxPageSize ?? 5000;
            if (skip + pageSize < rows.length) {
              const page = Math.floor(skip / pageSize) + 2;
              const cookie = `<cookie pagenumber="${page}" skip="${skip + pageSize}" istracking="False" />`;
              const kept = req.search.split("&").filter((p) => p && !p.startsWith("$skiptoken=") && !p.startsWith("%24skiptoken="));
              kept.push(`$skiptoken=${encodeURIComponent(cookie)}`);
              nextLink = `${base}/${table.entitySet}?${kept.join("&")}`;
            }
            rows = rows.slice(skip, skip + pageSize);
          }
          /** @type {Record<string, unknown>} */
          const body = { "@odata.context": `${base}/$metadata#${contextFragment(table, q)}` };
          if (params.$count === "true") body["@odata.count"] = total;
          body.value = rows.map((r) => project(r, table, q, projectEnv));
          if (nextLink) body["@odata.nextLink"] = nextLink;
          return send(200, body, preferenceApplied(prefer, q.top === null));
        }

        if (method === "POST") {
          const fields = records.parseWriteBody(text, table, schema);
          fieldSecurity.checkWrite(table, fields, actingId, "create");
          const record = records.createRecord(table, fields, actingId, { onBehalfOf: impersonated ? callerId : null });
          const entityId = `${base}/${table.entitySet}(${record[table.primaryId]})`;
          if (!prefer.returnRepresentation) return send(204, undefined, { "OData-EntityId": entityId });
          const q = queryOptions(params);
          validateProjection(table, q, tableOf);
          const body = { "@odata.context": `${base}/$metadata#${contextFragment(table, q)}/$entity`, ...project(record, table, q, projectEnv) };
          return send(201, body, { "OData-EntityId": entityId, "Preference-Applied": "return=representation" });
        }
        throw new ODataError(405, "0x80060888", `The HTTP method ${method} is not allowed on an entity set.`);
      } catch (e) {
        if (e instanceof ODataError) return send(e.status, e.body(), e.headers);
        console.error(e);
        return send(500, { error: { code: "0x80040216", message: `Fake host error: ${/** @type {Error} */ (e).message}` } });
      }
    }
  }

  /** Back to the seed: data, faults, the relay flow, and the approval request flows' settings and outbox. */
  function reset() {
    store.reset();
    artifacts.reset();
    faults.clear();
    relayFlow.reset();
    approvalRequests.reset();
  }

  return {
    store,
    faults,
    log,
    relayFlow,
    approvalRequests,
    artifacts,
    applyDecision,
    handleApi,
    reset,
    close() {
      store.clearTimers();
    },
  };
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

module.exports = { API_BASE, SYSTEM_ADMINISTRATOR_TEMPLATE, createFakeHost, parseCookies };
