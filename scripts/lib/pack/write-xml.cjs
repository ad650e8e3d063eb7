/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS so the jest tests (ts-jest, CommonJS) can call it directly. */
"use strict";
// The zip's own XML files, laid out the way Dataverse exports them: solution.xml, customizations.xml, [Content_Types].xml.
const { COMPONENT_TYPE, CUSTOMIZATION_SECTIONS, OPTIONAL_SECTIONS } = require("./solution-format.cjs");
const { xmlDocument } = require("./xml.cjs");

const CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

/** @typedef {import("./read-source.cjs").SolutionSource} SolutionSource */

/** @param {import("./xml.cjs").XmlNode} node */
function attributesOf(node) {
  return Object.fromEntries(Object.entries(node ?? {}).filter(([key]) => key.startsWith("@_")));
}

/**
 * @param {SolutionSource} source
 * @param {{ schemaName: string, version: string, managed: boolean }} control The control's schema name, the 4-part version, managed or not.
 */
function solutionXml(source, { schemaName, version, managed }) {
  const m = source.manifest;
  return xmlDocument({
    ImportExportXml: {
      ...attributesOf(source.root),
      "@_xmlns:xsi": XSI_NS,
      SolutionManifest: {
        UniqueName: source.uniqueName,
        LocalizedNames: m.LocalizedNames ?? "",
        Descriptions: m.Descriptions ?? "",
        Version: version,
        Managed: managed ? "1" : "0",
        Publisher: source.publisher,
        // behavior 0 = include subcomponents, in component type order as exports list them. Connection references
        // are not root components (as in exports). Site maps (62) and apps (80) go by unique name, as exports write
        // them; environment variable definitions (380) by schema name.
        RootComponents: {
          RootComponent: [
            ...source.entities.map((entity) => ({ "@_type": COMPONENT_TYPE.entity, "@_schemaName": entity.logicalName, "@_behavior": "0" })),
            ...source.roles.map((role) => ({ "@_type": COMPONENT_TYPE.role, "@_id": `{${role.id}}`, "@_behavior": "0" })),
            ...source.workflows.map((workflow) => ({ "@_type": COMPONENT_TYPE.workflow, "@_id": `{${workflow.id}}`, "@_behavior": "0" })),
            ...source.siteMaps.map((siteMap) => ({ "@_type": COMPONENT_TYPE.siteMap, "@_schemaName": siteMap.uniqueName, "@_behavior": "0" })),
            { "@_type": COMPONENT_TYPE.customControl, "@_schemaName": schemaName, "@_behavior": "0" },
            ...source.fieldSecurityProfiles.map((profile) => ({ "@_type": COMPONENT_TYPE.fieldSecurityProfile, "@_id": `{${profile.id}}`, "@_behavior": "0" })),
            ...source.appModules.map((app) => ({ "@_type": COMPONENT_TYPE.appModule, "@_schemaName": app.uniqueName, "@_behavior": "0" })),
            ...source.environmentVariables.map((variable) => ({
              "@_type": COMPONENT_TYPE.environmentVariableDefinition,
              "@_schemaName": variable.schemaName,
              "@_behavior": "0",
            })),
          ],
        },
        // As the source lists them (what an export lists for components this solution uses but does not ship).
        MissingDependencies: m.MissingDependencies ?? "",
      },
    },
  });
}

/**
 * @param {SolutionSource} source
 * @param {{ schemaName: string, folder: string }} control The control's schema name and its folder in the zip.
 */
function customizationsXml(source, { schemaName, folder }) {
  /** @type {Record<string, unknown>} */
  const root = { ...attributesOf(source.customizationsRoot), "@_xmlns:xsi": XSI_NS };
  /** @type {Record<string, unknown>} */
  const sections = {
    Entities: source.entities.length ? { Entity: source.entities.map((entity) => entity.node) } : "",
    Roles: source.roles.length ? { Role: source.roles.map((role) => role.node) } : "",
    Workflows: source.workflows.length ? { Workflow: source.workflows.map((workflow) => workflow.node) } : "",
    FieldSecurityProfiles: source.fieldSecurityProfiles.length ? { FieldSecurityProfile: source.fieldSecurityProfiles.map((profile) => profile.node) } : "",
    EntityRelationships: source.relationships.length ? { EntityRelationship: source.relationships.map((relationship) => relationship.node) } : "",
    CustomControls: { CustomControl: { Name: schemaName, FileName: `/${folder}/ControlManifest.xml` } },
    AppModuleSiteMaps: source.siteMaps.length ? { AppModuleSiteMap: source.siteMaps.map((siteMap) => siteMap.node) } : undefined,
    AppModules: source.appModules.length ? { AppModule: source.appModules.map((app) => app.node) } : undefined,
  };
  for (const section of CUSTOMIZATION_SECTIONS) {
    if (OPTIONAL_SECTIONS.has(section) && sections[section] === undefined) continue;
    root[section] = sections[section] ?? "";
  }
  // Exports place <connectionreferences> after <EntityDataProviders>, before <Languages>.
  if (source.connectionReferences.length) root.connectionreferences = { connectionreference: source.connectionReferences.map((reference) => reference.node) };
  root.Languages = { Language: source.languages };
  return xmlDocument({ ImportExportXml: root });
}

/** @param {string[]} extensions */
function contentTypesXml(extensions) {
  return xmlDocument({
    Types: {
      "@_xmlns": CONTENT_TYPES_NS,
      // Real exports give every extension the same generic type.
      Default: extensions.map((extension) => ({ "@_Extension": extension, "@_ContentType": "application/octet-stream" })),
    },
  });
}

module.exports = { solutionXml, customizationsXml, contentTypesXml };
