"use strict";
// What each Web API request does, once route.cjs has picked its handler: a table's records read (one, or a page of a
// list), created, updated or upserted, deleted; the actions (UpdateApprovalStatus, WhoAmI), $metadata and
// EntityDefinitions, a user's privileges (RetrieveUserPrivileges), an artifact's file; and what they share: who a write
// acts as (impersonation), the caller's Read privilege, field security, the N:N rows $expand follows. Apart from the
// route, so that what a request does to the store reads in one place, without the URL, faults and latency around it.
const { downloadFile } = require("../artifacts.cjs");
const { createFieldSecurity } = require("../fieldSecurity.cjs");
const { csdl, entityDefinitions } = require("../metadata.cjs");
const { BUSINESS_UNIT_ID, rolesOf, userPrivileges } = require("../privileges.cjs");
const { ODataError, compileFilter, compileOrderBy, contextFragment, project, queryOptions, syntaxError, validateProjection } = require("../query.cjs");
const { assignColumns, notFound } = require("../records.cjs");
const { send, sendFile, sendText } = require("./answer.cjs");

/** The System Administrator role template [doc: SR]. */
const SYSTEM_ADMINISTRATOR_TEMPLATE = "627090ff-40a3-4053-8790-584edc5be201";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** @typedef {import("./answer.cjs").ApiAnswer} ApiAnswer */
/** @typedef {ReturnType<typeof import("../schema.cjs").schemaFor>} Schema */
/** @typedef {ReturnType<typeof import("../query.cjs").parsePrefer>} Prefer */

/**
 * A request to a table's records, as the route read it.
 * @typedef {object} TableRequest
 * @property {import("../schema.cjs").Table} table
 * @property {Schema} schema
 * @property {Record<string, string>} params  the decoded query options
 * @property {string} search    the query string as sent (still encoded), for the nextLink
 * @property {Record<string, string>} headers  lower-case names
 * @property {string} text      the request body ("" for GET and HEAD)
 * @property {Prefer} prefer
 * @property {string} base      origin + API_BASE
 * @property {string} callerId
 * @property {string | null} impersonated  the user a write acts as when the caller names one
 * @property {string} actingId  the impersonated user, else the caller
 */

/**
 * The handlers over the host's store, records, actions and artifact files.
 * @param {object} deps
 * @param {import("../store.cjs").Store} deps.store
 * @param {ReturnType<typeof import("../records.cjs").createRecords>} deps.records
 * @param {ReturnType<typeof import("../actions.cjs").createActions>} deps.actions
 * @param {ReturnType<typeof import("../artifacts.cjs").createArtifactFiles>} deps.artifacts
 * @param {(runId: string) => void} deps.approvalCompleted  the business event after a decision was applied (host.cjs)
 */
function createHandlers({ store, records, actions, artifacts, approvalCompleted }) {
  /** @param {Prefer} prefer @param {boolean} paged @returns {Record<string, string>} */
  function preferenceApplied(prefer, paged) {
    const applied = [];
    if (prefer.annotations) applied.push(`odata.include-annotations="${prefer.annotations.join(",")}"`);
    if (paged && prefer.maxPageSize) applied.push(`odata.maxpagesize=${prefer.maxPageSize}`);
    return applied.length ? { "Preference-Applied": applied.join(",") } : {};
  }

  /** The rows an N:N navigation property leads to. @param {import("../schema.cjs").Collection} c @param {string} id */
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

  /** What $filter and the projection read besides the row itself. @param {Schema} schema @param {Prefer} prefer */
  function readEnv(schema, prefer) {
    const tableOf = (/** @type {string} */ l) => schema.byLogical.get(l);
    const getRecord = (/** @type {string} */ t, /** @type {string} */ id) => store.get(t, id);
    const projectEnv = { getRecord, tableOf, related, annotations: prefer.annotations };
    return { getRecord, tableOf, projectEnv };
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

  // ---------------------------------------------------------------- actions and metadata

  /** POST UpdateApprovalStatus, then its business event. @param {string} text the body @param {string} callerId @returns {ApiAnswer} */
  function updateApprovalStatus(text, callerId) {
    const r = actions.updateApprovalStatus(text, callerId);
    if (r.status === 204) approvalCompleted(String(JSON.parse(text).StageRunId).toLowerCase());
    return send(r.status, r.body);
  }

  /** GET WhoAmI. @param {string} callerId @param {string} base @returns {ApiAnswer} */
  function whoAmI(callerId, base) {
    return send(200, {
      "@odata.context": `${base}/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
      BusinessUnitId: BUSINESS_UNIT_ID,
      UserId: callerId,
      OrganizationId: "0b000000-0000-4000-8000-000000000001",
    });
  }

  /** GET $metadata. @param {Schema} schema @param {boolean} hasApprovals @returns {ApiAnswer} */
  function getMetadata(schema, hasApprovals) {
    return sendText(200, csdl(schema, { approvals: hasApprovals }), "application/xml");
  }

  /**
   * GET EntityDefinitions... (metadata.cjs).
   * @param {Schema} schema @param {string | undefined} key @param {string | undefined} sub @param {string} base
   * @param {Record<string, string>} params @returns {ApiAnswer}
   */
  function getEntityDefinitions(schema, key, sub, base, params) {
    return send(200, entityDefinitions(schema, key, sub, base, params));
  }

  /**
   * systemusers(id)/Microsoft.Dynamics.CRM.RetrieveUserPrivileges(). Another user's privileges: System
   * Administrators only, else 403 (the rule, the status and the text are the emulator's own; Dataverse checks
   * read access to the user).
   * @param {string} key @param {string} callerId @param {Schema} schema @param {string} base @returns {ApiAnswer}
   */
  function retrieveUserPrivileges(key, callerId, schema, base) {
    const id = key.replace(/^\{|\}$/g, "").toLowerCase();
    if (!GUID.test(id)) throw syntaxError(`Bad Request - Error in query syntax: '${key}' is not a valid key.`);
    if (!store.get("systemuser", id)) throw notFound("systemuser", id);
    if (id !== callerId && !isSystemAdministrator(callerId)) {
      throw new ODataError(403, "0x80040220", "Only a System Administrator may read another user's privileges in the playground.");
    }
    return send(200, {
      "@odata.context": `${base}/$metadata#Microsoft.Dynamics.CRM.RetrieveUserPrivilegesResponse`,
      RolePrivileges: userPrivileges(store, id, [...schema.byLogical.keys()]),
    });
  }

  /**
   * GET deploymentartifacts(id)/<file column>/$value. The caller needs Read on deploymentartifact (requireRead).
   * @param {string} key @param {string} column @param {string} callerId @param {Record<string, any> | undefined} caller
   * @param {Schema} schema @param {string | undefined} range @param {false | "whole" | "refused"} noChunking
   * @returns {ApiAnswer}
   */
  function downloadArtifact(key, column, callerId, caller, schema, range, noChunking) {
    const id = key.replace(/^\{|\}$/g, "").toLowerCase();
    if (!GUID.test(id)) throw syntaxError(`Bad Request - Error in query syntax: '${key}' is not a valid key.`);
    requireRead("deploymentartifact", callerId, caller, schema);
    return sendFile(downloadFile({ row: store.get("deploymentartifact", id), id, column, range, noChunking, fileOf: artifacts.fileOf }));
  }

  // ---------------------------------------------------------------- a table's records

  /** GET <set>(id): one record. @param {TableRequest} r @param {string} id @returns {ApiAnswer} */
  function readRecord({ table, schema, params, prefer, base, callerId }, id) {
    const { tableOf, projectEnv } = readEnv(schema, prefer);
    const q = queryOptions(params);
    if (q.filter || q.orderby || q.top !== null) throw syntaxError("Query options $filter, $orderby and $top are not allowed when retrieving a single record.");
    validateProjection(table, q, tableOf);
    const stored = store.get(table.logicalName, id);
    if (!stored) throw notFound(table.logicalName, id);
    const record = fieldSecurity.readerFor(table, callerId)(stored);
    const body = { "@odata.context": `${base}/$metadata#${contextFragment(table, q)}/$entity`, ...project(record, table, q, projectEnv) };
    return send(200, body, preferenceApplied(prefer, false));
  }

  /** PATCH <set>(id): an update, or an upsert when the record is missing. @param {TableRequest} r @param {string} id @returns {ApiAnswer} */
  function patchRecord({ table, schema, headers, text, base, callerId, impersonated, actingId }, id) {
    const patch = records.parseWriteBody(text, table, schema);
    const existing = store.get(table.logicalName, id);
    const ifMatch = headers["if-match"];
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

  /** DELETE <set>(id). @param {TableRequest} r @param {string} id @returns {ApiAnswer} */
  function deleteRecord({ table }, id) {
    if (!store.delete(table.logicalName, id)) throw notFound(table.logicalName, id);
    return send(204, undefined);
  }

  /** GET <set>: a page of the rows $filter keeps, in $orderby's order, and the nextLink to the next page. @param {TableRequest} r @returns {ApiAnswer} */
  function listRecords({ table, schema, params, search, prefer, base, callerId }) {
    const { getRecord, tableOf, projectEnv } = readEnv(schema, prefer);
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
        const kept = search.split("&").filter((p) => p && !p.startsWith("$skiptoken=") && !p.startsWith("%24skiptoken="));
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

  /** POST <set>: a new record, returned when Prefer asks for its representation. @param {TableRequest} r @returns {ApiAnswer} */
  function postRecord({ table, schema, params, text, prefer, base, callerId, impersonated, actingId }) {
    const { tableOf, projectEnv } = readEnv(schema, prefer);
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

  return {
    impersonatedUser,
    requireRead,
    updateApprovalStatus,
    whoAmI,
    getMetadata,
    getEntityDefinitions,
    retrieveUserPrivileges,
    downloadArtifact,
    readRecord,
    patchRecord,
    deleteRecord,
    listRecords,
    postRecord,
  };
}

module.exports = { GUID, SYSTEM_ADMINISTRATOR_TEMPLATE, createHandlers };
