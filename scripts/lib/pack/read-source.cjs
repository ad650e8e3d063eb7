/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS so the jest tests (ts-jest, CommonJS) can call it directly. */
"use strict";
// The solution's source layout (Solutions/src, as SolutionPackager unpacks it): its metadata and every component.
const { join } = require("node:path");
const { parseVersion } = require("../version.cjs");
const { PackError } = require("./pack-error.cjs");
const { CUSTOMIZATION_SECTIONS } = require("./solution-format.cjs");
const { isEmptySection, parseXmlFile, text } = require("./xml.cjs");
const { readAppModuleSiteMaps, readAppModules } = require("./read-apps.cjs");
const { readEnvironmentVariables } = require("./read-environment-variables.cjs");
const { readConnectionReferences, readWorkflows } = require("./read-flows.cjs");
const { readFieldSecurityProfiles, readRoles } = require("./read-security.cjs");
const { readEntities, readRelationships } = require("./read-tables.cjs");

/** @typedef {ReturnType<typeof readSolutionSource>} SolutionSource */

/**
 * Solution metadata from the source layout (Solutions/src/Other/Solution.xml and Customizations.xml).
 * @param {string} solutionSourceDir
 */
function readSolutionSource(solutionSourceDir) {
  const otherDir = join(solutionSourceDir, "Other");
  const solutionPath = join(otherDir, "Solution.xml");
  const root = parseXmlFile(solutionPath, "The solution source Solution.xml")?.ImportExportXml;
  const manifest = root?.SolutionManifest;
  if (!manifest || typeof manifest !== "object") throw new PackError(`${solutionPath} has no <ImportExportXml><SolutionManifest> element.`);

  const uniqueName = text(manifest.UniqueName);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(uniqueName)) {
    throw new PackError(`${solutionPath}: UniqueName "${uniqueName}" must start with a letter or "_" and hold only letters, digits and "_".`);
  }
  const version = text(manifest.Version);
  try {
    parseVersion(version);
  } catch (error) {
    throw new PackError(`${solutionPath}: Version ${error.message}`);
  }
  const publisher = manifest.Publisher;
  if (!publisher || typeof publisher !== "object") throw new PackError(`${solutionPath} has no <Publisher>.`);
  const prefix = text(publisher.CustomizationPrefix);
  // Dataverse: 2 to 8 characters, letters and digits, starting with a letter, not "mscrm".
  if (!/^[a-z][a-z0-9]{1,7}$/.test(prefix) || prefix.startsWith("mscrm")) {
    throw new PackError(`${solutionPath}: CustomizationPrefix "${prefix}" must be 2 to 8 lower-case letters or digits, starting with a letter.`);
  }
  const optionValuePrefix = text(publisher.CustomizationOptionValuePrefix);
  if (!/^\d{5}$/.test(optionValuePrefix) || Number(optionValuePrefix) < 10000) {
    throw new PackError(`${solutionPath}: CustomizationOptionValuePrefix "${optionValuePrefix}" must be a number from 10000 to 99999.`);
  }
  if (!text(publisher.UniqueName)) throw new PackError(`${solutionPath}: the <Publisher> has no UniqueName.`);

  const customizationsPath = join(otherDir, "Customizations.xml");
  const customizationsRoot = parseXmlFile(customizationsPath, "The solution source Customizations.xml")?.ImportExportXml;
  if (!customizationsRoot || typeof customizationsRoot !== "object") throw new PackError(`${customizationsPath} has no <ImportExportXml> element.`);
  for (const section of CUSTOMIZATION_SECTIONS) {
    // Components live in their own source files (Entities/, Roles/, Workflows/, Other/Relationships/,
    // Other/FieldSecurityProfiles.xml), as SolutionPackager unpacks them; anything inline here would be silently
    // dropped, so refuse it.
    if (section !== "CustomControls" && !isEmptySection(customizationsRoot[section])) {
      throw new PackError(
        `${customizationsPath}: <${section}> is not empty; this packer reads components from Entities/, Roles/, Workflows/, AppModules/, AppModuleSiteMaps/, Other/Relationships/ and Other/FieldSecurityProfiles.xml only.`,
      );
    }
  }
  if (!isEmptySection(customizationsRoot.environmentvariabledefinitions)) {
    throw new PackError(
      `${customizationsPath}: <environmentvariabledefinitions> is not empty; this packer reads environment variables from environmentvariabledefinitions/<schemaname>/environmentvariabledefinition.xml only.`,
    );
  }
  const languages = []
    .concat(customizationsRoot.Languages?.Language ?? [])
    .map(text)
    .filter(Boolean);

  const connectionReferences = readConnectionReferences(customizationsRoot, customizationsPath);
  const entities = readEntities(solutionSourceDir);
  const relationships = readRelationships(otherDir, entities);
  const roles = readRoles(solutionSourceDir);
  const environmentVariables = readEnvironmentVariables(solutionSourceDir, prefix);
  const workflows = readWorkflows(solutionSourceDir, connectionReferences, environmentVariables);
  const fieldSecurityProfiles = readFieldSecurityProfiles(otherDir, entities);
  const siteMaps = readAppModuleSiteMaps(solutionSourceDir, prefix, entities);
  const appModules = readAppModules(solutionSourceDir, prefix, { entities, roles, siteMaps });

  return {
    solutionPath,
    root,
    manifest,
    uniqueName,
    version,
    publisher,
    prefix,
    customizationsRoot,
    languages: languages.length ? languages : ["1033"],
    connectionReferences,
    entities,
    relationships,
    roles,
    workflows,
    fieldSecurityProfiles,
    environmentVariables,
    siteMaps,
    appModules,
  };
}

module.exports = { readSolutionSource };
