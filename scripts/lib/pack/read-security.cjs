/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS so the jest tests (ts-jest, CommonJS) can call it directly. */
"use strict";
// Security roles (Roles/) and field security profiles (Other/FieldSecurityProfiles.xml).
const { existsSync } = require("node:fs");
const { join } = require("node:path");
const { PackError } = require("./pack-error.cjs");
const { asArray, bracedGuid, filesIn, parseXmlFile, text, withoutNamespaceDeclarations } = require("./xml.cjs");

/** @typedef {ReturnType<typeof readRoles>[number]} Role */

const PRIVILEGE_LEVELS = new Set(["Basic", "Local", "Deep", "Global"]);
/** @typedef {"CanRead" | "CanUpdate" | "CanCreate"} FieldGrant */
/**
 * A field permission's grants: 0 not allowed, 4 allowed (FieldPermission CanRead, CanUpdate, CanCreate).
 * @type {FieldGrant[]}
 */
const FIELD_GRANTS = ["CanRead", "CanUpdate", "CanCreate"];
const FIELD_GRANT_VALUES = new Set(["0", "4"]);

/**
 * Roles/<Role name>.xml: one <Role id name> with its privileges.
 * @param {string} solutionSourceDir
 */
function readRoles(solutionSourceDir) {
  const rolesDir = join(solutionSourceDir, "Roles");
  return filesIn(rolesDir).map((file) => {
    const path = join(rolesDir, file);
    if (!file.endsWith(".xml")) throw new PackError(`${path}: the Roles folder holds only <role name>.xml files.`);
    const role = parseXmlFile(path, `The role source ${file}`)?.Role;
    if (!role || typeof role !== "object") throw new PackError(`${path} has no <Role> element.`);
    const id = bracedGuid(role["@_id"], `${path} <Role id>`);
    const name = text(role["@_name"]);
    if (!name) throw new PackError(`${path}: the <Role> has no name.`);
    const privileges = asArray(role.RolePrivileges?.RolePrivilege).map((privilege) => ({ name: text(privilege["@_name"]), level: text(privilege["@_level"]) }));
    for (const privilege of privileges) {
      // CustomizationsSolution.xsd: the level is one of exactly these four.
      if (!PRIVILEGE_LEVELS.has(privilege.level))
        throw new PackError(`${path}: privilege ${privilege.name} has level "${privilege.level}"; use Basic, Local, Deep or Global.`);
    }
    return { id, name, privileges, node: withoutNamespaceDeclarations(role) };
  });
}

/**
 * Other/FieldSecurityProfiles.xml, when present: <FieldSecurityProfiles><FieldSecurityProfile name fieldsecurityprofileid
 * description><FieldPermissions><FieldPermission> with EntityName, AttributeName, CanRead, CanUpdate, CanCreate.
 * A permission may name only a column of a table in Entities/ that its Entity.xml marks IsSecured 1. Members (users,
 * teams) do not travel in a solution.
 */
/**
 * @param {string} otherDir
 * @param {import("./read-tables.cjs").Entity[]} entities
 */
function readFieldSecurityProfiles(otherDir, entities) {
  const path = join(otherDir, "FieldSecurityProfiles.xml");
  if (!existsSync(path)) return [];
  const parsed = parseXmlFile(path, "The field security profile source FieldSecurityProfiles.xml");
  if (!parsed || typeof parsed !== "object" || !("FieldSecurityProfiles" in parsed)) throw new PackError(`${path} has no <FieldSecurityProfiles> element.`);
  const root = parsed.FieldSecurityProfiles;
  const ids = new Set();
  const names = new Set();
  return asArray(typeof root === "object" ? root.FieldSecurityProfile : undefined).map((node) => {
    const name = text(node["@_name"]);
    if (!name) throw new PackError(`${path}: a <FieldSecurityProfile> has no name.`);
    const where = `${path} <FieldSecurityProfile name="${name}">`;
    const id = bracedGuid(node["@_fieldsecurityprofileid"], `${where} fieldsecurityprofileid`);
    if (ids.has(id)) throw new PackError(`${where}: fieldsecurityprofileid {${id}} is used by another profile.`);
    if (names.has(name)) throw new PackError(`${where}: another profile has the same name.`);
    ids.add(id);
    names.add(name);
    const permissions = asArray(node.FieldPermissions?.FieldPermission).map((permission, index) => {
      const at = `${where}, <FieldPermission> ${index + 1}`;
      if (!permission || typeof permission !== "object") throw new PackError(`${at} is empty; it needs EntityName, AttributeName, ${FIELD_GRANTS.join(", ")}.`);
      const unknown = Object.keys(permission).filter((key) => !["EntityName", "AttributeName", ...FIELD_GRANTS].includes(key));
      if (unknown.length)
        throw new PackError(`${at}: <${unknown[0]}> is not packed; a permission holds EntityName, AttributeName, ${FIELD_GRANTS.join(", ")}.`);
      const entityName = text(permission.EntityName);
      const attributeName = text(permission.AttributeName);
      const entity = entities.find((candidate) => candidate.logicalName === entityName);
      if (!entity) throw new PackError(`${at}: EntityName "${entityName}" is not a table in Entities/ (use its logical name, lower case).`);
      if (!entity.columns.includes(attributeName)) throw new PackError(`${at}: AttributeName "${attributeName}" is not a column of ${entityName}.`);
      if (!entity.securedColumns.includes(attributeName)) {
        throw new PackError(
          `${at}: column "${attributeName}" of ${entityName} is not secured (its Entity.xml has IsSecured 0); field permissions apply to secured columns only.`,
        );
      }
      const grants = /** @type {Record<FieldGrant, string>} */ ({});
      for (const grant of FIELD_GRANTS) {
        const value = text(permission[grant]);
        if (!FIELD_GRANT_VALUES.has(value)) throw new PackError(`${at} (${attributeName}): <${grant}> is "${value}"; use 0 (not allowed) or 4 (allowed).`);
        grants[grant] = value;
      }
      return { entityName, attributeName, ...grants };
    });
    if (permissions.length === 0) throw new PackError(`${where} grants nothing: it has no <FieldPermissions><FieldPermission>.`);
    const columns = permissions.map((permission) => `${permission.entityName}.${permission.attributeName}`);
    const twice = columns.find((column, index) => columns.indexOf(column) !== index);
    if (twice) throw new PackError(`${where}: column ${twice} has two <FieldPermission> entries.`);
    return {
      id,
      name,
      permissions,
      // Export shape: the three attributes, then the permissions with their elements in this order.
      node: {
        "@_name": name,
        "@_fieldsecurityprofileid": `{${id}}`,
        "@_description": text(node["@_description"]),
        FieldPermissions: {
          FieldPermission: permissions.map((permission) => ({
            EntityName: permission.entityName,
            AttributeName: permission.attributeName,
            CanRead: permission.CanRead,
            CanUpdate: permission.CanUpdate,
            CanCreate: permission.CanCreate,
          })),
        },
      },
    };
  });
}

module.exports = { readRoles, readFieldSecurityProfiles };
