/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS so the jest tests (ts-jest, CommonJS) can call it directly. */
"use strict";
// The production build's control: out/controls/<Control>/ControlManifest.xml and the files it names.
const { existsSync, statSync } = require("node:fs");
const { join, posix } = require("node:path");
const { parseVersion } = require("../version.cjs");
const { PackError } = require("./pack-error.cjs");
const { parseXmlFile, text } = require("./xml.cjs");

/** @typedef {{ kind: string, path: string }} ResourcePath A path="..." under <resources> and the element that names it. */

/**
 * Reads namespace, constructor, version and the files the BUILT manifest names (out/controls/<Control>/ControlManifest.xml).
 * @param {string} builtControlDir
 */
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
  for (const [name, value] of [
    ["namespace", namespace],
    ["constructor", constructorName],
  ]) {
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
  /** @type {ResourcePath[]} */
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

/**
 * Every path="..." under <resources> (code, css, resx, img, html, packaged libraries); platform libraries have no file.
 * @param {import("./xml.cjs").XmlNode} node
 * @param {ResourcePath[]} out
 * @param {string} [kind]
 */
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

/**
 * Manifest paths become zip entries: forward slashes only, relative, never leaving the control's folder.
 * @param {string} path
 * @param {string} manifestPath
 */
function safeRelativePath(path, manifestPath) {
  const slashed = path.trim().replace(/\\/g, "/");
  const normalized = posix.normalize(slashed);
  if (!slashed || slashed.startsWith("/") || /^[A-Za-z]:/.test(slashed) || normalized === ".." || normalized.startsWith("../") || normalized === ".") {
    throw new PackError(`${manifestPath}: resource path "${path}" must be relative to the control folder and stay inside it.`);
  }
  return normalized;
}

module.exports = { readBuiltControl };
