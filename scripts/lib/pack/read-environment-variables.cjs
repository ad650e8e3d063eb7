/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS so the jest tests (ts-jest, CommonJS) can call it directly. */
"use strict";
// Environment variable definitions (environmentvariabledefinitions/), each its own file in the zip.
const { join } = require("node:path");
const { PackError } = require("./pack-error.cjs");
const { filesIn, parseXmlFile, text, withoutNamespaceDeclarations } = require("./xml.cjs");

/** @typedef {ReturnType<typeof readEnvironmentVariables>[number]} EnvironmentVariable */

/** Environment variable definition types this packer ships (environmentvariabledefinition.type), and the flow parameter type each becomes. */
const ENVIRONMENT_VARIABLE_TYPES = new Map([
  ["100000000", { name: "String", flowType: "String" }],
  ["100000001", { name: "Number", flowType: null }],
  ["100000002", { name: "Boolean", flowType: null }],
  ["100000003", { name: "JSON", flowType: null }],
]);

/**
 * environmentvariabledefinitions/<schemaname>/environmentvariabledefinition.xml, SolutionPackager's layout and the
 * export's: <environmentvariabledefinition schemaname> with displayname, description, type and an optional
 * defaultvalue. Values (environmentvariablevalues.json) are set per environment and are not packed.
 */
/**
 * @param {string} solutionSourceDir
 * @param {string} prefix The publisher's customization prefix.
 */
function readEnvironmentVariables(solutionSourceDir, prefix) {
  const dir = join(solutionSourceDir, "environmentvariabledefinitions");
  return filesIn(dir).map((folder) => {
    const folderPath = join(dir, folder);
    for (const other of filesIn(folderPath).filter((name) => name !== "environmentvariabledefinition.xml")) {
      throw new PackError(
        `${join(folderPath, other)}: only environmentvariabledefinition.xml is packed; a value is set in each environment (deployment settings), not shipped.`,
      );
    }
    const path = join(folderPath, "environmentvariabledefinition.xml");
    const node = parseXmlFile(path, `The environment variable source ${folder}/environmentvariabledefinition.xml`)?.environmentvariabledefinition;
    if (!node || typeof node !== "object") throw new PackError(`${path} has no <environmentvariabledefinition> element.`);
    const schemaName = text(node["@_schemaname"]);
    if (schemaName !== folder) throw new PackError(`${path}: schemaname "${schemaName}" must equal its folder name "${folder}".`);
    if (!new RegExp(`^${prefix}_[A-Za-z0-9_]+$`).test(schemaName)) {
      throw new PackError(`${path}: schemaname "${schemaName}" must start with the publisher prefix "${prefix}_" and hold only letters, digits and "_".`);
    }
    const displayName = text(node.displayname?.["@_default"]);
    if (!displayName) throw new PackError(`${path}: <displayname default="..."> is empty; the flows name the variable's parameter after it.`);
    const type = text(node.type);
    const known = ENVIRONMENT_VARIABLE_TYPES.get(type);
    if (!known) {
      throw new PackError(
        `${path}: <type> "${type}" is not packed; use ${[...ENVIRONMENT_VARIABLE_TYPES].map(([value, { name }]) => `${value} (${name})`).join(", ")}.`,
      );
    }
    if ("defaultvalue" in node) {
      const value = text(node.defaultvalue);
      const bad =
        (known.name === "Number" && !/^-?\d+(\.\d+)?$/.test(value)) ||
        (known.name === "Boolean" && !["yes", "no"].includes(value)) ||
        (known.name === "JSON" && !isJson(value));
      if (bad) throw new PackError(`${path}: <defaultvalue> "${value}" is not a ${known.name} value.`);
    }
    for (const flag of ["iscustomizable", "isrequired", "secretstore"]) {
      if (flag in node && !["0", "1"].includes(text(node[flag]))) throw new PackError(`${path}: <${flag}> must be 0 or 1.`);
    }
    if (text(node.secretstore) === "1") throw new PackError(`${path}: secret environment variables (secretstore 1) are not packed.`);
    return { schemaName, displayName, type, typeName: known.name, node: withoutNamespaceDeclarations(node) };
  });
}

/** @param {string} value */
function isJson(value) {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

module.exports = { ENVIRONMENT_VARIABLE_TYPES, readEnvironmentVariables };
