"use strict";
// Column-level security of the fake host, as the solution ships it (Solutions/src/Other/FieldSecurityProfiles.xml):
// a column the schema marks `secured` is read, set on create and changed only by members of a field security profile
// that grants it, directly or through a team, and by System Administrators (Microsoft Learn, "Column-level security":
// System Administrators have full access to every secured column). Without read access the column reads as null.
// The error's status, code and wording on a refused write are the emulator's own; Dataverse refuses such a write
// with a privilege error too.
const { ODataError } = require("./query.cjs");

/** @typedef {{ read: boolean, create: boolean, update: boolean }} FieldAccess */
/**
 * A profile row of the store's `fieldsecurityprofile` table (not exposed over the Web API): its members (users or
 * teams) and its permissions per "<table>.<column>".
 * @typedef {{ fieldsecurityprofileid: string, name: string, members: string[], permissions: Record<string, FieldAccess> }} FieldSecurityProfile
 */

const NONE = Object.freeze({ read: false, create: false, update: false });
const ALL = Object.freeze({ read: true, create: true, update: true });

/**
 * @param {import("./store.cjs").Store} store
 * @param {(userId: string) => boolean} isSystemAdministrator
 */
function createFieldSecurity(store, isSystemAdministrator) {
  /** What a user may do with one secured column. @param {string} userId @param {string} table @param {string} column @returns {FieldAccess} */
  function accessOf(userId, table, column) {
    const id = userId.toLowerCase();
    if (isSystemAdministrator(id)) return ALL;
    const teams = store
      .all("teammembership")
      .filter((m) => String(m.systemuserid).toLowerCase() === id)
      .map((m) => String(m.teamid).toLowerCase());
    const principals = new Set([id, ...teams]);
    /** @type {FieldAccess} */ const access = { ...NONE };
    for (const profile of /** @type {FieldSecurityProfile[]} */ (store.all("fieldsecurityprofile"))) {
      if (!profile.members.some((m) => principals.has(String(m).toLowerCase()))) continue;
      const granted = profile.permissions[`${table}.${column}`];
      if (!granted) continue;
      access.read ||= granted.read;
      access.create ||= granted.create;
      access.update ||= granted.update;
    }
    return access;
  }

  /**
   * The secured columns of a table. A store with no profiles at all (the jest tests' fixture tables) does not model
   * column security, as requireRead does not model privileges there: nothing is secured.
   * @param {import("./schema.cjs").Table} table
   */
  const securedColumns = (table) => (store.all("fieldsecurityprofile").length === 0 ? [] : table.columns.filter((c) => c.secured).map((c) => c.name));

  /**
   * Refuses a write that sets a secured column the caller may not set: on create a non-null value, on update any value.
   * @param {import("./schema.cjs").Table} table @param {Record<string, any>} fields @param {string} callerId @param {"create" | "update"} op
   */
  function checkWrite(table, fields, callerId, op) {
    for (const column of securedColumns(table)) {
      if (!(column in fields)) continue;
      if (op === "create" && fields[column] === null) continue;
      if (accessOf(callerId, table.logicalName, column)[op]) continue;
      throw new ODataError(
        403,
        "0x8004f50b",
        `The user does not have ${op} permissions to a secured field '${column}'. The requested operation could not be completed.`,
      );
    }
  }

  /**
   * How the caller may read a table's rows: secured columns they cannot read come out null (a copy; the stored row is
   * untouched). The caller's access is worked out once, not per row. @param {import("./schema.cjs").Table} table @param {string} callerId
   * @returns {(row: Record<string, any>) => Record<string, any>}
   */
  function readerFor(table, callerId) {
    const hidden = securedColumns(table).filter((column) => !accessOf(callerId, table.logicalName, column).read);
    return hidden.length === 0 ? (row) => row : (row) => withoutColumns(row, hidden);
  }

  /** @param {Record<string, any>} row @param {string[]} hidden */
  function withoutColumns(row, hidden) {
    const copy = { ...row };
    for (const column of hidden) {
      copy[column] = null;
      for (const key of Object.keys(copy)) if (key.startsWith(`${column}@`)) delete copy[key];
    }
    return copy;
  }

  return { accessOf, checkWrite, readerFor };
}

module.exports = { createFieldSecurity };
