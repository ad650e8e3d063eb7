import { PIPELINE_ADMINISTRATOR_NAME, SYSTEM_ADMINISTRATOR_TEMPLATE_ID } from "../../domain/hostCheck";
import { normalizeGuid } from "../../domain/ids";
import type { DataError, Guid, Result } from "../../domain/types";
import type { WebApiRow } from "../mapping";
import { queryGuid } from "../odata";
import type { AdminQuery, AdministratorCheck } from "../PipelinesRepository";
import { read, untilAborted } from "../request";
import { fail, isRow, NO_HOST, type DataverseContext } from "./context";

/** Role columns for the admin check: the template id is the same in every environment, the name follows its base language. */
const ROLE_SELECT = "$select=roleid,name,_roletemplateid_value";
/** Failures that say nothing about the query: asking another way would fail (or wait) the same. */
const TRANSIENT_KINDS: ReadonlySet<DataError["kind"]> = new Set(["timeout", "throttled", "server", "offline", "unauthorized", "noHost"]);

/** A collection the answer holds in full: an array and no next link (else the host left part of it out). */
function whole(holder: WebApiRow, nav: string): WebApiRow[] | null {
  return Array.isArray(holder[nav]) && holder[`${nav}@odata.nextLink`] === undefined ? (holder[nav] as unknown[]).filter(isRow) : null;
}

/** One user's question, asked in as few requests as the host allows. */
function askHost(ctx: DataverseContext, webAPI: ComponentFramework.WebApi, userId: Guid | null, roleIds: readonly Guid[]): Promise<Result<boolean>> {
  const isAdminRole = (row: WebApiRow): boolean => {
    const template = normalizeGuid(typeof row._roletemplateid_value === "string" ? row._roletemplateid_value : null);
    const templates = ctx.session.hostFacts?.administratorTemplateIds ?? [SYSTEM_ADMINISTRATOR_TEMPLATE_ID];
    if (template !== null && templates.includes(template)) return true;
    return typeof row.name === "string" && row.name.trim().toLowerCase() === PIPELINE_ADMINISTRATOR_NAME;
  };
  const byIds = async (): Promise<Result<boolean>> => {
    if (roleIds.length === 0) return { ok: true, value: false };
    const filter = roleIds.map((r) => `roleid eq ${r}`).join(" or ");
    const r = await read(() => webAPI.retrieveMultipleRecords("role", `?${ROLE_SELECT}&$filter=${filter}`), ctx.timeoutMs);
    return r.ok ? { ok: true, value: r.value.entities.some(isAdminRole) } : r;
  };
  const throughTeams = async (): Promise<boolean> => {
    if (userId === null) return false;
    const options = `?$select=teamid&$filter=teammembership_association/any(u:u/systemuserid eq ${userId})&$expand=teamroles_association(${ROLE_SELECT})`;
    const r = await read(() => webAPI.retrieveMultipleRecords("team", options), ctx.timeoutMs);
    // A host that refuses the query leaves team roles unseen, as before; the direct roles still decide.
    if (!r.ok) return false;
    return r.value.entities.some((team) => Array.isArray(team.teamroles_association) && (team.teamroles_association as WebApiRow[]).some(isAdminRole));
  };
  const twoSteps = (): Promise<Result<boolean>> =>
    byIds().then(async (r): Promise<Result<boolean>> => (r.ok && !r.value ? { ok: true, value: await throughTeams() } : r));
  const inOneRequest = async (): Promise<Result<boolean>> => {
    if (userId === null) return twoSteps();
    const options = `?$select=systemuserid&$expand=systemuserroles_association(${ROLE_SELECT}),teammembership_association($select=teamid;$expand=teamroles_association(${ROLE_SELECT}))`;
    const r = await read(() => webAPI.retrieveRecord("systemuser", userId, options), ctx.timeoutMs);
    // Busy, down, offline or signed out: say so, as before (a second request would wait as long). Any other failure
    // is a refusal of the query itself (its shape, reading users; context.webAPI often gives no HTTP status to tell
    // them apart): the two-step way.
    if (!r.ok) return TRANSIENT_KINDS.has(r.error.kind) ? r : twoSteps();
    const row = r.value;
    const direct = whole(row, "systemuserroles_association");
    const teams = whole(row, "teammembership_association");
    const teamRoles = teams?.map((team) => whole(team, "teamroles_association")) ?? null;
    const roles = [...(direct ?? []), ...(teamRoles ?? []).flatMap((list) => list ?? [])];
    if (roles.some(isAdminRole)) return { ok: true, value: true };
    // Teams (or a team's roles) not given in full: ask for the teams' roles on their own.
    if (teams === null || teamRoles === null || teamRoles.some((list) => list === null)) {
      if (await throughTeams()) return { ok: true, value: true };
    }
    // The settings may name a role the answer does not hold (they were read when the app loaded): ask for those.
    const known = new Set(roles.map((role) => normalizeGuid(typeof role.roleid === "string" ? role.roleid : null)));
    return direct !== null && roleIds.every((id) => known.has(id)) ? { ok: true, value: false } : byIds();
  };
  return inOneRequest();
}

/**
 * Admin by role template id (System Administrator's is fixed; Deployment Pipeline Administrator's only when the
 * host check found it), else Deployment Pipeline Administrator by the role record's name, which follows the
 * organisation's base language. One request reads the user's direct roles and their teams' roles together
 * (nested $expand on the N:N navigation properties, which Dataverse supports: Learn, "Join tables using OData"), so
 * a non-admin approver costs the load one request, not two. A host that refuses it (400, or 403: no read on users)
 * gets the two-step way: the roles the user's settings name, then the roles of the user's teams.
 */
export function createAdministratorCheck(ctx: DataverseContext): AdministratorCheck {
  const adminCache = ctx.session.admin;
  const isAdministrator = (user: AdminQuery, signal?: AbortSignal): Promise<Result<boolean>> => {
    const webAPI = ctx.webAPI;
    if (!webAPI) return Promise.resolve(fail(NO_HOST));
    const ids = [...new Set(user.securityRoleIds.map((r) => queryGuid(r)).filter((r): r is Guid => r !== null))].sort();
    const userId = queryGuid(user.id);
    if (ids.length === 0 && userId === null) return Promise.resolve({ ok: true, value: false });
    const key = `${userId ?? ""}|${ids.join(",")}`;
    const cached = adminCache.get(key);
    if (cached) return untilAborted(cached, signal);
    // Shared by every caller of the session, so it runs without any one caller's signal.
    const pending = askHost(ctx, webAPI, userId, ids);
    adminCache.set(key, pending);
    // Keep only answers: a failure may be retried later in the session.
    void pending.then((r) => {
      // Only this request's own entry: the host check may have cleared the cache and a newer answer taken its place.
      if (!r.ok && adminCache.get(key) === pending) adminCache.delete(key);
    });
    return untilAborted(pending, signal);
  };
  return { isAdministrator };
}
