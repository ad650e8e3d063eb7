/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS so the jest tests (ts-jest, CommonJS) can call it directly. */
"use strict";
// Builds an importable solution zip for the control without Microsoft's packer (no .NET here).
// Layout and file shapes follow pac-built PCF solution zips: [Content_Types].xml, solution.xml,
// customizations.xml and Controls/<prefix>_<Namespace>.<Constructor>/ with the built control's files.
// The other components are read from SolutionPackager's unpacked source layout (Solutions/src):
//   Entities/<SchemaName>/Entity.xml, Other/Relationships.xml + Other/Relationships/*.xml,
//   Roles/*.xml, Workflows/<Name>-<GUID>.json + .json.data.xml, Other/FieldSecurityProfiles.xml (when present),
//   AppModules/<UniqueName>/AppModule.xml, AppModuleSiteMaps/<UniqueName>/AppModuleSiteMap.xml,
//   environmentvariabledefinitions/<schemaname>/environmentvariabledefinition.xml,
//   and <connectionreferences> in Other/Customizations.xml,
// and written into customizations.xml / solution.xml (environment variable definitions: their own files in the zip)
// the way Dataverse exports them.
// Reading and checking the inputs lives in pack/read-*.cjs (pack/validate-flow.cjs for the flows' cross-checks),
// writing the zip's XML and bytes in pack/write-*.cjs; this module puts them together.
const { mkdirSync, readFileSync } = require("node:fs");
const { join } = require("node:path");
const { toFourPart } = require("./version.cjs");
const { PackError } = require("./pack/pack-error.cjs");
const { readBuiltControl } = require("./pack/read-control.cjs");
const { readSolutionSource } = require("./pack/read-source.cjs");
const { contentTypesXml, customizationsXml, solutionXml } = require("./pack/write-xml.cjs");
const { writeFileAtomically, zipEntries } = require("./pack/write-zip.cjs");
const { builder } = require("./pack/xml.cjs");

/** @param {string} path */
function extensionOf(path) {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/**
 * Entries of the zip as { path: bytes }, nothing written.
 * @param {{ builtControlDir: string, solutionSourceDir: string, managed: boolean }} options
 */
function buildSolutionEntries({ builtControlDir, solutionSourceDir, managed }) {
  const control = readBuiltControl(builtControlDir);
  const source = readSolutionSource(solutionSourceDir);
  const version = toFourPart(control.version);
  if (toFourPart(source.version) !== version) {
    throw new PackError(
      `The built control's version ${control.version} and Solution.xml's Version ${source.version} differ. Run \`npm run version -- <x.y.z>\` and build again.`,
    );
  }
  const schemaName = `${source.prefix}_${control.namespace}.${control.constructorName}`;
  const folder = `Controls/${schemaName}`;

  /** @type {Record<string, Uint8Array>} */
  const entries = {};
  const encoder = new TextEncoder();
  entries["solution.xml"] = encoder.encode(solutionXml(source, { schemaName, version, managed }));
  entries["customizations.xml"] = encoder.encode(customizationsXml(source, { schemaName, folder }));
  entries[`${folder}/ControlManifest.xml`] = new Uint8Array(readFileSync(control.manifestPath));
  for (const file of control.resourceFiles) {
    entries[`${folder}/${file.relative}`] = new Uint8Array(readFileSync(file.absolute));
  }
  for (const workflow of source.workflows) entries[`Workflows/${workflow.jsonName}`] = workflow.bytes;
  // Exports write each definition as its own file, without an XML declaration or byte-order mark.
  for (const variable of source.environmentVariables) {
    entries[`environmentvariabledefinitions/${variable.schemaName}/environmentvariabledefinition.xml`] = encoder.encode(
      builder.build({ environmentvariabledefinition: variable.node }),
    );
  }
  const untyped = Object.keys(entries).filter((path) => !extensionOf(path));
  if (untyped.length > 0) throw new PackError(`Files without an extension cannot be typed in [Content_Types].xml: ${untyped.join(", ")}`);
  const extensions = [...new Set(Object.keys(entries).map(extensionOf))].sort();
  // Entry order does not matter to import; [Content_Types].xml first keeps listings readable.
  const ordered = { "[Content_Types].xml": encoder.encode(contentTypesXml(extensions)), ...entries };
  const fileName = `${source.uniqueName}_${version.replace(/\./g, "_")}_${managed ? "managed" : "unmanaged"}.zip`;
  return { fileName, entries: ordered, schemaName, version, uniqueName: source.uniqueName };
}

/**
 * Packs one solution zip. Checks everything before writing; on bad input throws PackError and writes nothing.
 * Returns { zipPath, fileName, schemaName, version, uniqueName, entryNames }.
 * @param {{ builtControlDir: string, solutionSourceDir: string, outDir: string, managed: boolean }} options
 */
function packSolution({ builtControlDir, solutionSourceDir, outDir, managed }) {
  const result = buildSolutionEntries({ builtControlDir, solutionSourceDir, managed: Boolean(managed) });
  const bytes = zipEntries(result.entries);
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, result.fileName);
  writeFileAtomically(zipPath, bytes);
  return {
    zipPath,
    fileName: result.fileName,
    schemaName: result.schemaName,
    version: result.version,
    uniqueName: result.uniqueName,
    entryNames: Object.keys(result.entries),
  };
}

/**
 * Both zips; both are built in memory first, so bad input leaves neither.
 * @param {{ builtControlDir: string, solutionSourceDir: string, outDir: string }} options
 */
function packSolutions({ builtControlDir, solutionSourceDir, outDir }) {
  const built = [false, true].map((managed) => ({ managed, ...buildSolutionEntries({ builtControlDir, solutionSourceDir, managed }) }));
  mkdirSync(outDir, { recursive: true });
  return built.map((result) => {
    const zipPath = join(outDir, result.fileName);
    writeFileAtomically(zipPath, zipEntries(result.entries));
    return {
      zipPath,
      fileName: result.fileName,
      managed: result.managed,
      schemaName: result.schemaName,
      version: result.version,
      uniqueName: result.uniqueName,
      entryNames: Object.keys(result.entries),
    };
  });
}

module.exports = { PackError, packSolution, packSolutions, buildSolutionEntries, readBuiltControl, readSolutionSource };
