/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS so the jest tests (ts-jest, CommonJS) can call it directly. */
"use strict";
// A cloud flow's definition may use only the connection references and environment variables the solution ships.
const { PackError } = require("./pack-error.cjs");
const { ENVIRONMENT_VARIABLE_TYPES } = require("./read-environment-variables.cjs");

/** @typedef {any} FlowJson A cloud flow's parsed JSON definition file. */

/** Every connection the flow names must be a declared connection reference for the same connector. */
/**
 * @param {FlowJson} flow
 * @param {string} jsonPath
 * @param {import("./read-flows.cjs").ConnectionReference[]} connectionReferences
 */
function checkFlowConnections(flow, jsonPath, connectionReferences) {
  const map = flow?.properties?.connectionReferences;
  if (!flow?.properties?.definition || typeof map !== "object" || map === null) {
    throw new PackError(`${jsonPath}: a cloud flow needs properties.definition and properties.connectionReferences.`);
  }
  for (const [key, entry] of Object.entries(map)) {
    const logicalName = entry?.connection?.connectionReferenceLogicalName;
    const declared = connectionReferences.find((reference) => reference.logicalName === logicalName);
    if (!declared)
      throw new PackError(`${jsonPath}: connection "${key}" uses connection reference "${logicalName}", which Other/Customizations.xml does not declare.`);
    if (entry?.api?.name !== declared.connector) {
      throw new PackError(
        `${jsonPath}: connection "${key}" is for ${entry?.api?.name}, but connection reference "${logicalName}" is for ${declared.connector}.`,
      );
    }
  }
  const walk = (/** @type {FlowJson} */ node) => {
    if (!node || typeof node !== "object") return;
    const host = node.inputs?.host;
    if (host && typeof host.connectionName === "string" && !(host.connectionName in map)) {
      throw new PackError(`${jsonPath}: a step uses connection "${host.connectionName}", which properties.connectionReferences does not map.`);
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(flow.properties.definition);
}

/**
 * A flow reads an environment variable as a definition parameter named "<display name> (<schema name>)" with
 * metadata.schemaName, and refers to it as parameters('<that name>'), as exports write it. Every such parameter must
 * name an environment variable this solution ships, and every parameters('...') reference a declared parameter.
 */
/**
 * @param {FlowJson} flow
 * @param {string} jsonPath
 * @param {import("./read-environment-variables.cjs").EnvironmentVariable[]} environmentVariables
 */
function checkFlowEnvironmentVariables(flow, jsonPath, environmentVariables) {
  const definition = flow.properties.definition;
  const declared = definition.parameters && typeof definition.parameters === "object" ? definition.parameters : {};
  for (const [name, parameter] of Object.entries(declared)) {
    if (name.startsWith("$")) continue;
    const schemaName = parameter?.metadata?.schemaName;
    const variable = environmentVariables.find((candidate) => candidate.schemaName === schemaName);
    if (!variable) {
      throw new PackError(
        `${jsonPath}: parameter "${name}" reads environment variable "${schemaName ?? ""}", which environmentvariabledefinitions/ does not define.`,
      );
    }
    const expected = `${variable.displayName} (${variable.schemaName})`;
    if (name !== expected)
      throw new PackError(`${jsonPath}: parameter "${name}" must be named "${expected}" (the variable's display name, then its schema name).`);
    // readEnvironmentVariables refused every type the table does not name.
    const flowType = /** @type {{ flowType: string | null }} */ (ENVIRONMENT_VARIABLE_TYPES.get(variable.type)).flowType;
    if (flowType && parameter.type !== flowType) {
      throw new PackError(
        `${jsonPath}: parameter "${name}" has type "${parameter.type}"; a ${variable.typeName} environment variable is a ${flowType} parameter.`,
      );
    }
  }
  const body = JSON.stringify({ triggers: definition.triggers, actions: definition.actions });
  for (const match of body.matchAll(/parameters\('((?:[^']|'')*)'\)/g)) {
    const name = match[1].replace(/''/g, "'");
    if (!name.startsWith("$") && !(name in declared)) {
      throw new PackError(`${jsonPath}: an expression reads parameters('${name}'), which properties.definition.parameters does not declare.`);
    }
  }
}

module.exports = { checkFlowConnections, checkFlowEnvironmentVariables };
