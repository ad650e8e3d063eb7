"use strict";
// RetrieveUserPrivileges of the fake host: a user's privileges from their roles, direct and through teams.
// Documented: the function returns the user's privileges from all their roles, including those of their teams, and
// privileges from a team's roles come back at Basic depth. The emulator's own: privilege names are built from the
// table's logical name (real names use its schema name, e.g. prvReaddeploymentstagerun vs prvReadDeploymentStageRun;
// compare them case-insensitively), privilege ids are made from the name, and a privilege held at several depths is
// listed once, at its deepest.
const { createHash } = require("node:crypto");

/** @typedef {"Basic" | "Local" | "Deep" | "Global"} Depth */
/**
 * What a role grants. `tables: "*"` is every table of the host.
 * @typedef {{ tables: "*" | string[], ops: string[], depth: Depth }} PrivilegeGrant
 */

const DEPTHS = /** @type {const} */ (["Basic", "Local", "Deep", "Global"]);
const ALL_OPS = ["Create", "Read", "Write", "Delete", "Append", "AppendTo"];
/** The root business unit (WhoAmI answers the same). */
const BUSINESS_UNIT_ID = "0a000000-0000-4000-8000-000000000001";

/** @param {string} name */
function privilegeId(name) {
  const h = createHash("sha1").update(`fakehost:privilege:${name.toLowerCase()}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The store's direct roles of a user, and the roles of the teams they are a member of.
 * @param {import("./store.cjs").Store} store @param {string} userId
 */
function rolesOf(store, userId) {
  const id = userId.toLowerCase();
  const direct = (store.userRoles[id] ?? []).map((r) => r.toLowerCase());
  const teams = store
    .all("teammembership")
    .filter((m) => String(m.systemuserid).toLowerCase() === id)
    .map((m) => String(m.teamid).toLowerCase());
  const viaTeams = store
    .all("teamroles")
    .filter((tr) => teams.includes(String(tr.teamid).toLowerCase()))
    .map((tr) => String(tr.roleid).toLowerCase());
  return { direct, viaTeams };
}

/**
 * Whether a user holds, directly, a role whose root role is `rootRoleId` (a solution role keeps its id as the root of
 * every business unit's copy): the relay flow's role check, which does not see roles held through teams.
 * @param {import("./store.cjs").Store} store @param {string} userId @param {string} rootRoleId
 */
function holdsRootRole(store, userId, rootRoleId) {
  const root = rootRoleId.toLowerCase();
  return rolesOf(store, userId).direct.some((roleId) => String(store.get("role", roleId)?._parentrootroleid_value ?? "").toLowerCase() === root);
}

/**
 * @param {import("./store.cjs").Store} store @param {string} userId @param {string[]} tables every table of the host
 * @returns {Array<{ Depth: Depth, PrivilegeId: string, BusinessUnitId: string, PrivilegeName: string }>}
 */
function userPrivileges(store, userId, tables) {
  const { direct, viaTeams } = rolesOf(store, userId);
  const grants = store.rolePrivileges ?? {};
  /** @type {Map<string, Depth>} */ const held = new Map();
  const add = (/** @type {string[]} */ roleIds, /** @type {boolean} */ team) => {
    for (const roleId of roleIds) {
      for (const g of grants[roleId] ?? []) {
        const depth = team ? "Basic" : g.depth;
        for (const t of g.tables === "*" ? tables : g.tables) {
          for (const op of g.ops) {
            const name = `prv${op}${t}`;
            const before = held.get(name);
            if (!before || DEPTHS.indexOf(depth) > DEPTHS.indexOf(before)) held.set(name, depth);
          }
        }
      }
    }
  };
  add(direct, false);
  add(viaTeams, true);
  return [...held].map(([name, depth]) => ({ Depth: depth, PrivilegeId: privilegeId(name), BusinessUnitId: BUSINESS_UNIT_ID, PrivilegeName: name }));
}

module.exports = { ALL_OPS, BUSINESS_UNIT_ID, DEPTHS, privilegeId, rolesOf, userPrivileges, holdsRootRole };
