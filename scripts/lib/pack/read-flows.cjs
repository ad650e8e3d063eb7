/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS so the jest tests (ts-jest, CommonJS) can call it directly. */
"use strict";
// Cloud flows (Workflows/) and the connection references they use (Other/Customizations.xml).
const { existsSync, readFileSync } = require("node:fs");
const { join } = require("node:path");
const { PackError } = require("./pack-error.cjs");
const { checkFlowConnections, checkFlowEnvironmentVariables } = require("./validate-flow.cjs");
const { asArray, bracedGuid, filesIn, parseXmlFile, text, withoutNamespaceDeclarations } = require("./xml.cjs");

/** @typedef {ReturnType<typeof readConnectionReferences>[number]} ConnectionReference */

/** Workflow Category 5 = Modern Flow (cloud flow); the only kind whose definition is a JSON file. */
const MODERN_FLOW_CATEGORY = "5";

/** <connectionreferences> of Other/Customizations.xml: not root components (exports list them only there). */
/**
 * @param {import("./xml.cjs").XmlNode} customizationsRoot
 * @param {string} customizationsPath
 */
function readConnectionReferences(customizationsRoot, customizationsPath) {
  const references = asArray(customizationsRoot.connectionreferences?.connectionreference);
  const seen = new Set();
  return references.map((node) => {
    const logicalName = text(node["@_connectionreferencelogicalname"]);
    const connectorId = text(node.connectorid);
    if (!/^[a-z][a-z0-9]*_[a-z0-9_]+$/.test(logicalName)) {
      throw new PackError(`${customizationsPath}: connection reference "${logicalName}" needs a lower-case logical name with the publisher prefix.`);
    }
    if (seen.has(logicalName)) throw new PackError(`${customizationsPath}: connection reference "${logicalName}" is declared twice.`);
    seen.add(logicalName);
    const connector = /^\/providers\/Microsoft\.PowerApps\/apis\/([A-Za-z0-9_]+)$/.exec(connectorId)?.[1];
    if (!connector) {
      throw new PackError(
        `${customizationsPath}: connection reference "${logicalName}" has connectorid "${connectorId}", expected /providers/Microsoft.PowerApps/apis/<connector>.`,
      );
    }
    return { logicalName, connector, node };
  });
}

/** Workflows/<Name>-<GUID>.json.data.xml (the <Workflow> entry) next to <Name>-<GUID>.json (the cloud flow). */
/**
 * @param {string} solutionSourceDir
 * @param {ConnectionReference[]} connectionReferences
 * @param {import("./read-environment-variables.cjs").EnvironmentVariable[]} environmentVariables
 */
function readWorkflows(solutionSourceDir, connectionReferences, environmentVariables) {
  const workflowsDir = join(solutionSourceDir, "Workflows");
  const files = filesIn(workflowsDir);
  const workflows = files
    .filter((file) => file.endsWith(".data.xml"))
    .map((file) => {
      const path = join(workflowsDir, file);
      const workflow = parseXmlFile(path, `The flow source ${file}`)?.Workflow;
      if (!workflow || typeof workflow !== "object") throw new PackError(`${path} has no <Workflow> element.`);
      const id = bracedGuid(workflow["@_WorkflowId"], `${path} <Workflow WorkflowId>`);
      if (text(workflow.Category) !== MODERN_FLOW_CATEGORY) {
        throw new PackError(`${path}: Category ${text(workflow.Category)} is not supported; this packer packs cloud flows (Category 5) only.`);
      }
      const jsonFileName = text(workflow.JsonFileName);
      const jsonName = /^\/Workflows\/([^/\\]+\.json)$/.exec(jsonFileName)?.[1];
      if (!jsonName) throw new PackError(`${path}: <JsonFileName> "${jsonFileName}" must be /Workflows/<file>.json.`);
      if (file !== `${jsonName}.data.xml`) throw new PackError(`${path}: <JsonFileName> names ${jsonName}; the entry file must be named ${jsonName}.data.xml.`);
      // Dataverse names the file <Name without spaces>-<WORKFLOW GUID>.json; keep the two ids in step.
      const fileGuid = /-([0-9A-Fa-f-]{36})\.json$/.exec(jsonName)?.[1]?.toLowerCase();
      if (fileGuid !== id) throw new PackError(`${path}: the file name's GUID (${fileGuid ?? "none"}) differs from WorkflowId ${id}.`);
      const jsonPath = join(workflowsDir, jsonName);
      if (!existsSync(jsonPath)) throw new PackError(`${path} names ${jsonFileName} but ${jsonPath} does not exist.`);
      const bytes = readFileSync(jsonPath);
      let definition;
      try {
        definition = JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, ""));
      } catch (error) {
        throw new PackError(`${jsonPath} is not valid JSON: ${error.message}`);
      }
      checkFlowConnections(definition, jsonPath, connectionReferences);
      checkFlowEnvironmentVariables(definition, jsonPath, environmentVariables);
      return { id, name: text(workflow["@_Name"]), jsonName, bytes: new Uint8Array(bytes), node: withoutNamespaceDeclarations(workflow) };
    });
  for (const file of files) {
    if (file.endsWith(".data.xml")) continue;
    if (!workflows.some((workflow) => workflow.jsonName === file))
      throw new PackError(`${join(workflowsDir, file)} has no ${file}.data.xml entry; it would not be imported.`);
  }
  return workflows;
}

module.exports = { readConnectionReferences, readWorkflows };
