/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS so the jest tests (ts-jest, CommonJS) can call it directly. */
"use strict";
// Builds an importable solution zip for the control without Microsoft's packer (no .NET here).
// Layout and file shapes follow pac-built PCF solution zips: [Content_Types].xml, solution.xml,
// customizations.xml and Controls/<prefix>_<Namespace>.<Constructor>/ with the built control's files.
const { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { join, posix } = require("node:path");
const { XMLBuilder, XMLParser, XMLValidator } = require("fast-xml-parser");
const { zipSync } = require("fflate");
const { parseVersion, toFourPart } = require("./version.cjs");

class PackError extends Error {}

const BOM = "\uFEFF";
const CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
/** Solution component type 66 = Custom Control (solutioncomponent componenttype). */
const CUSTOM_CONTROL_COMPONENT_TYPE = "66";
/** customizations.xml sections, in the order Dataverse exports them. */
const CUSTOMIZATION_SECTIONS = [
  "Entities",
  "Roles",
  "Workflows",
  "FieldSecurityProfiles",
  "Templates",
  "EntityMaps",
  "EntityRelationships",
  "OrganizationSettings",
  "optionsets",
  "CustomControls",
  "EntityDataProviders",
];
const ARRAY_ELEMENTS = new Set(["LocalizedName", "Description", "Address", "RootComponent", "Language", "property", "code", "css", "resx", "img", "html", "library", "packaged_library"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ARRAY_ELEMENTS.has(name),
});
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: true,
  // Keep xsi:nil="true" written out: the default would print a bare attribute name, which is not XML.
  suppressBooleanAttributes: false,
});

function parseXmlFile(path, what) {
  if (!existsSync(path)) throw new PackError(`${what} is missing: ${path}`);
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new PackError(`${what} is not well-formed XML (${path}, line ${valid.err.line}): ${valid.err.msg}`);
  return parser.parse(text);
}

function xmlDocument(object) {
  return `${BOM}${builder.build({ "?xml": { "@_version": "1.0", "@_encoding": "utf-8" }, ...object })}`;
}

function text(value) {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return String(value["#text"] ?? "");
  return String(value).trim();
}

function isEmptySection(value) {
  if (value === undefined || value === "") return true;
  if (typeof value !== "object") return false;
  return Object.keys(value).every((key) => key.startsWith("@_"));
}

// ---------------------------------------------------------------------------------------------------------
// Inputs

/** Reads namespace, constructor, version and the files the BUILT manifest names (out/controls/<Control>/ControlManifest.xml). */
function readBuiltControl(builtControlDir) {
  if (!existsSync(builtControlDir) || !statSync(builtControlDir).isDirectory()) {
    throw new PackError(`No build output at ${builtControlDir}: run the production build first (node scripts/build.mjs).`);
  }
  const manifestPath = join(builtControlDir, "ControlManifest.xml");
  if (!existsSync(manifestPath)) {
    throw new PackError(`No built manifest at ${manifestPath}: run the production build first (node scripts/build.mjs).`);
  }
  const control = parseXmlFile(manifestPath, "The built control manifest")?.manifest?.control;
  if (!control || typeof control !== "object") throw new PackError(`${manifestPath} has no <manifest><control> element.`);

  const namespace = text(control["@_namespace"]);
  const constructorName = text(control["@_constructor"]);
  const version = text(control["@_version"]);
  if (!namespace) throw new PackError(`${manifestPath}: the <control> element has no namespace attribute.`);
  if (!constructorName) throw new PackError(`${manifestPath}: the <control> element has no constructor attribute.`);
  for (const [name, value] of [["namespace", namespace], ["constructor", constructorName]]) {
    // The two become part of a folder name and of the component's schema name.
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(value)) throw new PackError(`${manifestPath}: ${name} "${value}" may hold only letters, digits, "_" and ".".`);
  }
  if (!version) throw new PackError(`${manifestPath}: the <control> element has no version attribute.`);
  try {
    parseVersion(version);
  } catch (error) {
    throw new PackError(`${manifestPath}: control version ${error.message}`);
  }

  const resources = control.resources;
  if (!resources || typeof resources !== "object") throw new PackError(`${manifestPath}: the <control> element has no <resources>.`);
  const files = [];
  collectResourcePaths(resources, files);
  if (!files.some((file) => file.kind === "code")) throw new PackError(`${manifestPath}: <resources> names no <code> file.`);

  const seen = new Set();
  const resourceFiles = [];
  for (const file of files) {
    const relative = safeRelativePath(file.path, manifestPath);
    if (seen.has(relative.toLowerCase())) continue;
    seen.add(relative.toLowerCase());
    const absolute = join(builtControlDir, ...relative.split("/"));
    if (!existsSync(absolute) || !statSync(absolute).isFile()) {
      throw new PackError(`${manifestPath} names <${file.kind} path="${file.path}"> but ${absolute} does not exist.`);
    }
    resourceFiles.push({ relative, absolute });
  }
  return { manifestPath, namespace, constructorName, version, resourceFiles };
}

/** Every path="..." under <resources> (code, css, resx, img, html, packaged libraries); platform libraries have no file. */
function collectResourcePaths(node, out, kind = "resources") {
  if (Array.isArray(node)) {
    for (const item of node) collectResourcePaths(item, out, kind);
    return;
  }
  if (!node || typeof node !== "object") return;
  if (typeof node["@_path"] === "string") out.push({ kind, path: node["@_path"] });
  for (const [key, value] of Object.entries(node)) {
    if (!key.startsWith("@_") && key !== "#text") collectResourcePaths(value, out, key);
  }
}

/** Manifest paths become zip entries: forward slashes only, relative, never leaving the control's folder. */
function safeRelativePath(path, manifestPath) {
  const slashed = path.trim().replace(/\\/g, "/");
  const normalized = posix.normalize(slashed);
  if (!slashed || slashed.startsWith("/") || /^[A-Za-z]:/.test(slashed) || normalized === ".." || normalized.startsWith("../") || normalized === ".") {
    throw new PackError(`${manifestPath}: resource path "${path}" must be relative to the control folder and stay inside it.`);
  }
  return normalized;
}

/** Solution metadata from the source layout (Solutions/src/Other/Solution.xml and Customizations.xml). */
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
    // This packer places the control only; any other component would need files it does not write.
    if (section !== "CustomControls" && !isEmptySection(customizationsRoot[section])) {
      throw new PackError(`${customizationsPath}: <${section}> is not empty; this packer only packs the control. Use Microsoft's packer for other components.`);
    }
  }
  const relationshipsPath = join(otherDir, "Relationships.xml");
  if (existsSync(relationshipsPath)) {
    const relationships = parseXmlFile(relationshipsPath, "The solution source Relationships.xml")?.EntityRelationships;
    if (!isEmptySection(relationships)) throw new PackError(`${relationshipsPath}: relationships are not supported by this packer.`);
  }
  const languages = [].concat(customizationsRoot.Languages?.Language ?? []).map(text).filter(Boolean);

  return { solutionPath, root, manifest, uniqueName, version, publisher, prefix, customizationsRoot, languages: languages.length ? languages : ["1033"] };
}

// ---------------------------------------------------------------------------------------------------------
// Outputs

function attributesOf(node) {
  return Object.fromEntries(Object.entries(node ?? {}).filter(([key]) => key.startsWith("@_")));
}

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
        // The control is the solution's only root component; behavior 0 = include subcomponents.
        RootComponents: { RootComponent: [{ "@_type": CUSTOM_CONTROL_COMPONENT_TYPE, "@_schemaName": schemaName, "@_behavior": "0" }] },
        MissingDependencies: "",
      },
    },
  });
}

function customizationsXml(source, { schemaName, folder }) {
  const root = { ...attributesOf(source.customizationsRoot), "@_xmlns:xsi": XSI_NS };
  for (const section of CUSTOMIZATION_SECTIONS) {
    root[section] =
      section === "CustomControls" ? { CustomControl: { Name: schemaName, FileName: `/${folder}/ControlManifest.xml` } } : "";
  }
  root.Languages = { Language: source.languages };
  return xmlDocument({ ImportExportXml: root });
}

function contentTypesXml(extensions) {
  return xmlDocument({
    Types: {
      "@_xmlns": CONTENT_TYPES_NS,
      // Real exports give every extension the same generic type.
      Default: extensions.map((extension) => ({ "@_Extension": extension, "@_ContentType": "application/octet-stream" })),
    },
  });
}

function extensionOf(path) {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/** Entries of the zip as { path: bytes }, nothing written. */
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

  const entries = {};
  const encoder = new TextEncoder();
  entries["solution.xml"] = encoder.encode(solutionXml(source, { schemaName, version, managed }));
  entries["customizations.xml"] = encoder.encode(customizationsXml(source, { schemaName, folder }));
  entries[`${folder}/ControlManifest.xml`] = new Uint8Array(readFileSync(control.manifestPath));
  for (const file of control.resourceFiles) {
    entries[`${folder}/${file.relative}`] = new Uint8Array(readFileSync(file.absolute));
  }
  const untyped = Object.keys(entries).filter((path) => !extensionOf(path));
  if (untyped.length > 0) throw new PackError(`Files without an extension cannot be typed in [Content_Types].xml: ${untyped.join(", ")}`);
  const extensions = [...new Set(Object.keys(entries).map(extensionOf))].sort();
  // Entry order does not matter to import; [Content_Types].xml first keeps listings readable.
  const ordered = { "[Content_Types].xml": encoder.encode(contentTypesXml(extensions)), ...entries };
  const fileName = `${source.uniqueName}_${version.replace(/\./g, "_")}_${managed ? "managed" : "unmanaged"}.zip`;
  return { fileName, entries: ordered, schemaName, version, uniqueName: source.uniqueName };
}

function zipEntries(entries) {
  // Fixed timestamp so the same input gives the same bytes; deflate every entry.
  const mtime = new Date(Date.UTC(2020, 0, 1));
  const input = Object.fromEntries(Object.entries(entries).map(([path, bytes]) => [path, [bytes, { level: 9, mtime }]]));
  return zipSync(input);
}

/** Writes via a temporary file in the same folder and a rename, so a half-written zip never stays. */
function writeFileAtomically(path, bytes) {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Packs one solution zip. Checks everything before writing; on bad input throws PackError and writes nothing.
 * Returns { zipPath, fileName, schemaName, version, uniqueName, entryNames }.
 */
function packSolution({ builtControlDir, solutionSourceDir, outDir, managed }) {
  const result = buildSolutionEntries({ builtControlDir, solutionSourceDir, managed: Boolean(managed) });
  const bytes = zipEntries(result.entries);
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, result.fileName);
  writeFileAtomically(zipPath, bytes);
  return { zipPath, fileName: result.fileName, schemaName: result.schemaName, version: result.version, uniqueName: result.uniqueName, entryNames: Object.keys(result.entries) };
}

/** Both zips; both are built in memory first, so bad input leaves neither. */
function packSolutions({ builtControlDir, solutionSourceDir, outDir }) {
  const built = [false, true].map((managed) => ({ managed, ...buildSolutionEntries({ builtControlDir, solutionSourceDir, managed }) }));
  mkdirSync(outDir, { recursive: true });
  return built.map((result) => {
    const zipPath = join(outDir, result.fileName);
    writeFileAtomically(zipPath, zipEntries(result.entries));
    return { zipPath, fileName: result.fileName, managed: result.managed, schemaName: result.schemaName, version: result.version, uniqueName: result.uniqueName, entryNames: Object.keys(result.entries) };
  });
}

module.exports = { PackError, packSolution, packSolutions, buildSolutionEntries, readBuiltControl, readSolutionSource };
