// The emulated pipelines host: Dataverse Web API (OData v4 JSON) under /api/data/v9.2/ plus the playground's
// control endpoints under /__playground/. Plain node:http handlers, no framework.
import { randomUUID } from "node:crypto";
import { Faults, parseFaults } from "./faults.mjs";
import {
  ODataError,
  compileFilter,
  compileOrderBy,
  contextFragment,
  parsePrefer,
  parseQueryString,
  project,
  propertyNotFound,
  queryOptions,
  syntaxError,
  validateProjection,
} from "./odata.mjs";
import { RELAY_FLOW_MODES, createRelayFlow, isRelayTable } from "./relay.mjs";
import { RequestLog, bodyForLog } from "./requestLog.mjs";
import { columnOf, navOf, schemaFor } from "./schema.mjs";
import { SCENARIOS } from "./seed.mjs";
import { Store } from "./store.mjs";

export const API_BASE = "/api/data/v9.2";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Delay between "deploying" and "succeeded" after an approval. */
export const DEPLOY_DELAY_MS = 1500;

const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

/** @param {string | undefined} header */
export function parseCookies(header) {
  /** @type {Record<string,string>} */ const out = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return out;
}

/** @param {import("node:http").IncomingMessage} req */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */ const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const notFound = (/** @type {string} */ logicalName, /** @type {string} */ id) =>
  new ODataError(404, "0x80040217", `Entity '${logicalName}' With Id = ${id} Does Not Exist`);

/**
 * @param {{ dataFile?: string | null, deployDelayMs?: number, relayDelayMs?: number }} [options]
 */
export function createEmulator(options = {}) {
  const store = new Store({ dataFile: options.dataFile ?? null });
  const faults = new Faults();
  const log = new RequestLog();
  const deployDelayMs = options.deployDelayMs ?? DEPLOY_DELAY_MS;
  let version = 2_000_000;
  const schemas = { current: schemaFor("current"), legacy: schemaFor("legacy") };

  /** @param {Record<string, any>} record */
  const touch = (record, /** @type {string | null} */ userId) => {
    record.versionnumber = ++version;
    record.modifiedon = nowIso();
    if (userId) record._modifiedby_value = userId;
  };

  /**
   * UpdateApprovalStatus with the host's documented rules. Shared with the relay hook.
   * @param {string} runId @param {number} status @param {string} comments @param {string} properties @param {string} callerId
   */
  function applyDecision(runId, status, comments, properties, callerId) {
    const run = store.get("deploymentstagerun", runId);
    if (!run) return { ok: /** @type {const} */ (false), status: 404, code: "0x80040217", message: `Entity 'deploymentstagerun' With Id = ${runId} Does Not Exist` };
    const stage = run._deploymentstageid_value ? store.get("deploymentstage", run._deploymentstageid_value) : undefined;
    const refuse = (/** @type {string} */ message) => ({ ok: /** @type {const} */ (false), status: 400, code: "0x80040265", message });
    // Host reference: this is the message before the run is pending (and on stages without approvals).
    if (!stage || !stage.isdelegateddeployment || run.approvalstatus === null || run.approvalstatus === undefined) {
      return refuse("Unable to find approval status attribute for stage run record.");
    }
    const caller = store.get("systemuser", callerId);
    if (stage.delegateddeploymenttype === 2) {
      const isSpn = caller && caller.applicationid && stage.spnclientid && String(caller.applicationid).toLowerCase() === String(stage.spnclientid).toLowerCase();
      if (!isSpn) return refuse("Delegated deployments of type 'ServicePrincipal' may only be approved or rejected by the Service Principal configured in the deployment stage.");
    } else if (String(stage._ownerid_value).toLowerCase() !== callerId.toLowerCase()) {
      return refuse("Delegated deployments of type 'Owner' may only be approved or rejected by the owner of the deployment stage.");
    }
    if (run.approvalstatus !== 10) return refuse("The deployment stage run is not pending approval.");

    run.approvalstatus = status;
    run.approvalcomments = comments;
    run.approvalproperties = properties;
    touch(run, callerId);
    if (status === 20) {
      run.stagerunstatus = 200000010; // Deploying
      run.suboperation = 200000103;
      run.operationstatus = 200000001;
      run.starttime = run.starttime ?? nowIso();
      store.save();
      store.later(() => {
        const current = store.get("deploymentstagerun", runId);
        if (!current || current.stagerunstatus !== 200000010) return;
        current.stagerunstatus = 200000002;
        current.operationstatus = 200000002;
        current.endtime = nowIso();
        touch(current, null);
      }, deployDelayMs);
    } else {
      // Docs: on rejection the deployment does not proceed and the run is set to failed.
      run.stagerunstatus = 200000003;
      run.operationstatus = 200000003;
      run.endtime = nowIso();
      store.save();
    }
    return { ok: /** @type {const} */ (true) };
  }

  // The "Apply approval decisions" flow, run as the service principal on every new relay row.
  const relayFlow = createRelayFlow({ store, log, applyDecision, delayMs: options.relayDelayMs });

  /**
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   * @param {URL} url
   * @returns {Promise<boolean>} whether this handler answered
   */
  async function handle(req, res, url) {
    const path = url.pathname;
    if (path.startsWith("/__playground/")) {
      await handlePlayground(req, res, url);
      return true;
    }
    if (path !== API_BASE && !path.startsWith(`${API_BASE}/`)) return false;
    await handleApi(req, res, url);
    return true;
  }

  /** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res @param {URL} url */
  async function handleApi(req, res, url) {
    const started = Date.now();
    const cookies = parseCookies(req.headers.cookie);
    const rest = url.pathname.slice(API_BASE.length + 1);
    const segment = /^([A-Za-z_][A-Za-z0-9_]*)(?:\(([^)]*)\))?(?:\/(.*))?$/.exec(decodeURIComponent(rest));
    const method = (req.method ?? "GET").toUpperCase();
    const variant = cookies.pp_host === "legacy" ? "legacy" : "current";
    const schema = schemas[variant];
    const name = segment ? segment[1] : "";
    const isAction = name === "UpdateApprovalStatus" || name === "WhoAmI";
    const isMetadata = name === "EntityDefinitions" || name === "$metadata";
    /** @type {import("./faults.mjs").RequestKind} */
    const kind = {
      method,
      kind: isAction ? "action" : isMetadata ? "metadata" : method === "GET" ? "read" : "write",
      entitySet: !isAction && !isMetadata ? name : null,
      action: isAction ? name : null,
    };
    const entry = log.begin(req, isAction ? "action" : "api", cookies);
    const text = method === "GET" || method === "HEAD" ? "" : await readBody(req);
    entry.body = bodyForLog(text);

    const { latencyMs, failure, applied } = faults.take(kind);
    entry.faults = applied;
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));

    /** @param {number} status @param {unknown} body @param {Record<string,string>} [headers] */
    const send = (status, body, headers = {}) => {
      entry.status = status;
      entry.durationMs = Date.now() - started;
      const h = { "OData-Version": "4.0", "Cache-Control": "no-cache", ...headers };
      if (body === undefined) {
        res.writeHead(status, h);
        res.end();
      } else {
        res.writeHead(status, { "Content-Type": "application/json; odata.metadata=minimal; charset=utf-8", ...h });
        res.end(JSON.stringify(body));
      }
    };

    if (failure) {
      if (failure.type === "drop" || failure.type === "reset") {
        entry.status = 0;
        entry.durationMs = Date.now() - started;
        // "reset": close before any byte. Browsers may resend such a request by themselves (Chromium does when a
        // reused keep-alive connection fails before the answer starts), so the page may never notice.
        // "drop": the answer starts but breaks: headers no client may accept (two different Content-Length values,
        // RFC 9112 §6.3), then the connection closes. Bytes arrived, so no browser resends it, and the page's fetch
        // fails with a network error. (Truncated but valid-looking headers are not enough: Chromium accepts them.)
        if (failure.type === "drop") req.socket.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 10\r\nContent-Length: 20\r\n\r\n");
        req.socket.destroy();
        return;
      }
      if (failure.type === "429") {
        const seconds = failure.retryAfterSeconds ?? 5;
        send(429, { error: { code: "0x80072322", message: "Number of requests exceeded the limit of 6000 over time window of 300 seconds." } }, { "Retry-After": String(seconds) });
        return;
      }
      send(500, { error: { code: "0x80040216", message: "An unexpected error occurred." } });
      return;
    }

    try {
      const callerId = cookies.pp_user?.toLowerCase() ?? "";
      const caller = callerId ? store.get("systemuser", callerId) : undefined;
      if (!caller || caller.isdisabled) {
        throw new ODataError(401, "0x80072560", "The user is not a member of the organization (no pp_user cookie naming a playground user).");
      }
      if (!segment) throw new ODataError(404, "0x8006088a", `Resource not found for the segment '${rest}'.`);
      const origin = `http://${req.headers.host ?? "localhost"}`;
      const base = `${origin}${API_BASE}`;
      const prefer = parsePrefer(/** @type {string|undefined} */ (req.headers.prefer));
      const [, setName, key, sub] = segment;

      if (setName === "UpdateApprovalStatus") {
        if (method !== "POST") throw new ODataError(405, "0x80060888", "The action UpdateApprovalStatus must be called with POST.");
        const r = updateApprovalStatus(text, callerId);
        send(r.status, r.body);
        return;
      }
      if (setName === "WhoAmI" && method === "GET") {
        send(200, { "@odata.context": `${base}/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`, BusinessUnitId: "0a000000-0000-4000-8000-000000000001", UserId: callerId, OrganizationId: "0b000000-0000-4000-8000-000000000001" });
        return;
      }
      if (setName === "EntityDefinitions") {
        send(200, entityDefinitions(schema, key, sub, base));
        return;
      }
      const table = schema.bySet.get(setName);
      if (!table) throw new ODataError(404, "0x8006088a", `Resource not found for the segment '${setName}'.`);
      if (sub) throw new ODataError(400, "0x80060888", `Resource not found for the segment '${sub}'.`);
      const params = parseQueryString(url.search.slice(1));
      const tableOf = (/** @type {string} */ l) => schema.byLogical.get(l);
      const getRecord = (/** @type {string} */ t, /** @type {string} */ id) => store.get(t, id);

      if (key !== undefined) {
        const id = key.replace(/^\{|\}$/g, "");
        if (!GUID.test(id)) throw syntaxError(`Bad Request - Error in query syntax: '${key}' is not a valid key.`);
        if (method === "GET") {
          const q = queryOptions(params);
          if (q.filter || q.orderby || q.top !== null) throw syntaxError("Query options $filter, $orderby and $top are not allowed when retrieving a single record.");
          validateProjection(table, q, tableOf);
          const record = store.get(table.logicalName, id);
          if (!record) throw notFound(table.logicalName, id);
          const body = { "@odata.context": `${base}/$metadata#${contextFragment(table, q)}/$entity`, ...project(record, table, q, { getRecord, tableOf, annotations: prefer.annotations }) };
          send(200, body, preferenceApplied(prefer, false));
          return;
        }
        if (method === "PATCH") {
          const patch = parseWriteBody(text, table, schema);
          const existing = store.get(table.logicalName, id);
          const ifMatch = req.headers["if-match"];
          if (!existing && ifMatch) throw notFound(table.logicalName, id);
          if (existing && ifMatch && ifMatch !== "*" && ifMatch !== `W/"${existing.versionnumber}"`) {
            throw new ODataError(412, "0x80060882", "The version of the existing record doesn't match the RowVersion property provided.");
          }
          if (existing) {
            Object.assign(existing, patch);
            touch(existing, callerId);
            store.save();
          } else {
            createRecord(table, { ...patch, [table.primaryId]: id.toLowerCase() }, callerId);
          }
          send(204, undefined, { "OData-EntityId": `${base}/${table.entitySet}(${id.toLowerCase()})` });
          return;
        }
        if (method === "DELETE") {
          if (!store.delete(table.logicalName, id)) throw notFound(table.logicalName, id);
          send(204, undefined);
          return;
        }
        throw new ODataError(405, "0x80060888", `The HTTP method ${method} is not allowed on a single record.`);
      }

      if (method === "GET") {
        const q = queryOptions(params);
        validateProjection(table, q, tableOf);
        let rows = store.all(table.logicalName);
        if (q.filter) {
          const keep = compileFilter(q.filter, table, { getRecord, tableOf });
          rows = rows.filter(keep);
        }
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
            const kept = url.search
              .slice(1)
              .split("&")
              .filter((p) => p && !p.startsWith("$skiptoken=") && !p.startsWith("%24skiptoken="));
            kept.push(`$skiptoken=${encodeURIComponent(cookie)}`);
            nextLink = `${base}/${table.entitySet}?${kept.join("&")}`;
          }
          rows = rows.slice(skip, skip + pageSize);
        }
        /** @type {Record<string, unknown>} */
        const body = { "@odata.context": `${base}/$metadata#${contextFragment(table, q)}` };
        if (params.$count === "true") body["@odata.count"] = total;
        body.value = rows.map((r) => project(r, table, q, { getRecord, tableOf, annotations: prefer.annotations }));
        if (nextLink) body["@odata.nextLink"] = nextLink;
        send(200, body, preferenceApplied(prefer, q.top === null));
        return;
      }

      if (method === "POST") {
        const fields = parseWriteBody(text, table, schema);
        const record = createRecord(table, fields, callerId);
        const id = record[table.primaryId];
        const entityId = `${base}/${table.entitySet}(${id})`;
        if (prefer.returnRepresentation) {
          const q = queryOptions(params);
          validateProjection(table, q, tableOf);
          send(201, { "@odata.context": `${base}/$metadata#${contextFragment(table, q)}/$entity`, ...project(record, table, q, { getRecord, tableOf, annotations: prefer.annotations }) }, { "OData-EntityId": entityId, "Preference-Applied": "return=representation" });
        } else {
          send(204, undefined, { "OData-EntityId": entityId });
        }
        return;
      }
      throw new ODataError(405, "0x80060888", `The HTTP method ${method} is not allowed on an entity set.`);
    } catch (e) {
      if (e instanceof ODataError) send(e.status, e.body(), e.headers);
      else {
        console.error(e);
        send(500, { error: { code: "0x80040216", message: `Emulator error: ${/** @type {Error} */ (e).message}` } });
      }
    }
  }

  /** @param {ReturnType<typeof parsePrefer>} prefer @param {boolean} paged */
  function preferenceApplied(prefer, paged) {
    const applied = [];
    if (prefer.annotations) applied.push(`odata.include-annotations="${prefer.annotations.join(",")}"`);
    if (paged && prefer.maxPageSize) applied.push(`odata.maxpagesize=${prefer.maxPageSize}`);
    return applied.length ? { "Preference-Applied": applied.join(",") } : {};
  }

  /**
   * Body of POST/PATCH → column values. Lookups come as "nav@odata.bind": "/set(id)".
   * @param {string} text @param {import("./schema.mjs").Table} table @param {ReturnType<typeof schemaFor>} schema
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
        if (!m || !target || target.logicalName !== nav.target) throw syntaxError(`The value '${v}' of '${k}' is not a valid reference to a ${nav.target} record.`);
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

  /** @param {import("./schema.mjs").Table} table @param {Record<string, any>} fields @param {string} callerId */
  function createRecord(table, fields, callerId) {
    const id = String(fields[table.primaryId] ?? randomUUID()).toLowerCase();
    if (store.get(table.logicalName, id)) throw new ODataError(412, "0x80040237", "A record with matching key values already exists.");
    /** @type {Record<string, any>} */ const record = {};
    for (const c of table.columns) record[c.name] = null;
    const now = nowIso();
    Object.assign(record, { statecode: 0, statuscode: 1 }, fields, {
      [table.primaryId]: id,
      _createdby_value: callerId,
      _modifiedby_value: callerId,
      _ownerid_value: callerId,
      createdon: now,
      modifiedon: now,
      versionnumber: ++version,
    });
    store.put(table.logicalName, id, record);
    if (isRelayTable(table.logicalName)) {
      relayFlow.onRowCreated(table.logicalName, record);
    }
    return record;
  }

  /** @param {string} text @param {string} callerId */
  function updateApprovalStatus(text, callerId) {
    /** @type {any} */ let body;
    try {
      body = JSON.parse(text || "{}");
    } catch {
      return { status: 400, body: { error: { code: "0x80060888", message: "The request body is not valid JSON." } } };
    }
    const allowed = ["StageRunId", "ApprovalStatus", "ApprovalComments", "ApprovalProperties"];
    for (const k of Object.keys(body ?? {})) {
      if (!allowed.includes(k)) {
        return { status: 400, body: { error: { code: "0x80060888", message: `The parameter '${k}' in the request payload is not a valid parameter for the operation 'UpdateApprovalStatus'.` } } };
      }
    }
    if (typeof body.StageRunId !== "string" || !GUID.test(body.StageRunId)) {
      return { status: 400, body: { error: { code: "0x80040203", message: "StageRunId is required and must be a Guid." } } };
    }
    if (body.ApprovalStatus !== 20 && body.ApprovalStatus !== 30) {
      return { status: 400, body: { error: { code: "0x80040203", message: "ApprovalStatus must be 20 (approved) or 30 (rejected)." } } };
    }
    for (const k of ["ApprovalComments", "ApprovalProperties"]) {
      if (body[k] !== undefined && body[k] !== null && typeof body[k] !== "string") {
        return { status: 400, body: { error: { code: "0x80040203", message: `${k} must be a string.` } } };
      }
    }
    const r = applyDecision(body.StageRunId.toLowerCase(), body.ApprovalStatus, body.ApprovalComments ?? null, body.ApprovalProperties ?? null, callerId);
    if (!r.ok) return { status: r.status, body: { error: { code: r.code, message: r.message } } };
    return { status: 204, body: undefined };
  }

  /**
   * A small EntityDefinitions: the entity, and its attributes with option sets inlined (the real service needs a
   * cast to PicklistAttributeMetadata for that; the host page only needs labels).
   * @param {ReturnType<typeof schemaFor>} schema @param {string | undefined} key @param {string | undefined} sub @param {string} base
   */
  function entityDefinitions(schema, key, sub, base) {
    const m = /^LogicalName='([a-z0-9_]+)'$/.exec(key ?? "");
    if (!m) throw syntaxError("Use EntityDefinitions(LogicalName='<table>') in the playground.");
    const table = schema.byLogical.get(m[1]);
    if (!table) throw new ODataError(404, "0x80040217", `Could not find an entity with name ${m[1]}.`);
    const label = (/** @type {string} */ text) => ({ UserLocalizedLabel: { Label: text, LanguageCode: 1033 }, LocalizedLabels: [{ Label: text, LanguageCode: 1033 }] });
    const attributes = table.columns
      .filter((c) => !c.name.startsWith("_") || c.type === "lookup")
      .map((c) => {
        /** @type {Record<string, unknown>} */
        const a = {
          LogicalName: c.type === "lookup" ? c.nav : c.name,
          AttributeType: { guid: "Uniqueidentifier", string: "String", memo: "Memo", int: "Integer", bool: "Boolean", datetime: "DateTime", choice: "Picklist", lookup: c.nav === "ownerid" ? "Owner" : "Lookup" }[c.type],
          DisplayName: label(c.label ?? c.name),
        };
        if (c.type === "choice") {
          a.OptionSet = { Options: Object.entries(c.options ?? {}).map(([value, text]) => ({ Value: Number(value), Label: label(text) })) };
        }
        if (c.type === "bool") a.OptionSet = { TrueOption: { Value: 1, Label: label("Yes") }, FalseOption: { Value: 0, Label: label("No") } };
        if (c.type === "lookup") a.Targets = [c.target];
        return a;
      });
    if (sub === "Attributes") return { "@odata.context": `${base}/$metadata#EntityDefinitions('${table.logicalName}')/Attributes`, value: attributes };
    if (sub) throw new ODataError(404, "0x8006088a", `Resource not found for the segment '${sub}'.`);
    return {
      "@odata.context": `${base}/$metadata#EntityDefinitions/$entity`,
      LogicalName: table.logicalName,
      EntitySetName: table.entitySet,
      PrimaryIdAttribute: table.primaryId,
      PrimaryNameAttribute: table.primaryName,
      DisplayName: label(table.displayName),
      Attributes: attributes,
    };
  }

  /** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res @param {URL} url */
  async function handlePlayground(req, res, url) {
    const method = (req.method ?? "GET").toUpperCase();
    const json = (/** @type {number} */ status, /** @type {unknown} */ body) => {
      if (entry) entry.status = status;
      res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-cache" });
      res.end(body === undefined ? "" : JSON.stringify(body));
    };
    const text = method === "GET" ? "" : await readBody(req);
    // The log endpoint itself is not logged (tests poll it); every other playground call is.
    const entry = url.pathname === "/__playground/log" ? null : log.begin(req, "playground", parseCookies(req.headers.cookie));
    if (entry) entry.body = bodyForLog(text);
    /** @type {any} */ let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      json(400, { error: "The body is not JSON." });
      return;
    }
    switch (`${method} ${url.pathname}`) {
      case "GET /__playground/log": {
        const since = Number(url.searchParams.get("since") ?? 0);
        const kind = url.searchParams.get("kind");
        json(200, { entries: log.entries.filter((e) => e.seq > since && (!kind || e.kind === kind)) });
        return;
      }
      case "DELETE /__playground/log":
        log.clear();
        json(200, { cleared: true });
        return;
      case "GET /__playground/faults":
        json(200, { faults: faults.list });
        return;
      case "POST /__playground/faults":
        try {
          faults.set(parseFaults(body));
        } catch (e) {
          json(400, { error: /** @type {Error} */ (e).message });
          return;
        }
        json(200, { faults: faults.list });
        return;
      case "DELETE /__playground/faults":
        faults.clear();
        json(200, { faults: [] });
        return;
      case "POST /__playground/reset":
        store.reset();
        faults.clear();
        relayFlow.reset();
        if (body && body.clearLog) log.clear();
        json(200, { reset: true });
        return;
      case "GET /__playground/relay":
        json(200, { ...relayFlow.settings, queued: relayFlow.queued, modes: RELAY_FLOW_MODES });
        return;
      case "POST /__playground/relay":
        try {
          json(200, relayFlow.set(body ?? {}));
        } catch (e) {
          json(400, { error: /** @type {Error} */ (e).message });
        }
        return;
      case "GET /__playground/config": {
        const roles = new Map(store.all("role").map((r) => [r.roleid, r.name]));
        json(200, {
          scenarios: SCENARIOS,
          users: store.all("systemuser").map((u) => ({
            id: u.systemuserid,
            name: u.fullname,
            applicationId: u.applicationid,
            roleIds: store.userRoles[u.systemuserid] ?? [],
            roleNames: (store.userRoles[u.systemuserid] ?? []).map((id) => roles.get(id) ?? id),
          })),
        });
        return;
      }
      default:
        json(404, { error: `No playground endpoint ${method} ${url.pathname}.` });
    }
  }

  return {
    handle,
    store,
    faults,
    log,
    applyDecision,
    relayFlow,
    close() {
      store.clearTimers();
    },
  };
}
