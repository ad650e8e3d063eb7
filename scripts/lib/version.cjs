/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS so the jest tests (ts-jest, CommonJS) can call it directly. */
"use strict";
// One version number, kept in package.json "version" (x.y.z). `npm run version -- <x.y.z>` copies it into
// the control manifest, ApprovalPanel/version.ts and the solution's Solution.xml (as x.y.z.0).
const { existsSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { XMLParser } = require("fast-xml-parser");

class VersionError extends Error {}

/**
 * "1", "1.2", "1.2.3" or "1.2.3.4" (non-negative integers, no leading "+"/"-", no spaces) → numbers; anything else throws.
 * @param {string} text
 */
function parseVersion(text) {
  const value = typeof text === "string" ? text.trim() : "";
  if (!/^\d+(\.\d+){0,3}$/.test(value)) {
    throw new VersionError(`"${text}" is not a version: expected 1 to 4 dot-separated non-negative integers, for example 1.2.3.`);
  }
  const parts = value.split(".").map((part) => Number(part));
  if (parts.some((part) => !Number.isSafeInteger(part) || part > 2147483647)) {
    // Dataverse keeps each part of a solution version as a 32-bit integer (System.Version).
    throw new VersionError(`"${text}" has a part above 2147483647.`);
  }
  return parts;
}

/**
 * @param {number[]} parts
 * @param {number} length
 */
function padded(parts, length) {
  return [...parts, 0, 0, 0, 0].slice(0, length);
}

/**
 * Numeric comparison, missing parts count as 0: -1, 0 or 1.
 * @param {string} a
 * @param {string} b
 */
function compareVersions(a, b) {
  const left = padded(parseVersion(a), 4);
  const right = padded(parseVersion(b), 4);
  for (let i = 0; i < 4; i += 1) {
    if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
  }
  return 0;
}

/**
 * The control, package.json and version.ts carry three parts (x.y.z); the solution carries four (x.y.z.0).
 * A fourth part other than 0 is refused: it could not reach the control's version, and Dataverse keeps the
 * old bundle when the control's version does not rise.
 * @param {string} text
 */
function toThreePart(text) {
  const parts = parseVersion(text);
  if (parts.length === 4 && parts[3] !== 0) {
    throw new VersionError(`"${text}": the fourth part must be 0. The control's version has three parts and must rise on every release; raise x.y.z instead.`);
  }
  return padded(parts, 3).join(".");
}

/** @param {string} text */
function toFourPart(text) {
  return padded(parseVersion(text), 4).join(".");
}

const xmlParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false, parseAttributeValue: false });

/** @param {string} rootDir */
function versionFiles(rootDir) {
  return {
    packageJson: join(rootDir, "package.json"),
    manifest: join(rootDir, "ApprovalPanel", "ControlManifest.Input.xml"),
    versionTs: join(rootDir, "ApprovalPanel", "version.ts"),
    solutionXml: join(rootDir, "Solutions", "src", "Other", "Solution.xml"),
  };
}

/** @param {string} path */
function readText(path) {
  if (!existsSync(path)) throw new VersionError(`${path} is missing.`);
  return readFileSync(path, "utf8");
}

/**
 * @param {string} text
 * @param {string} path
 */
function manifestVersionOf(text, path) {
  const control = xmlParser.parse(text)?.manifest?.control;
  if (!control || typeof control !== "object") throw new VersionError(`${path} has no <manifest><control> element.`);
  return control["@_version"];
}

/**
 * @param {string} text
 * @param {string} path
 */
function solutionVersionOf(text, path) {
  const manifest = xmlParser.parse(text)?.ImportExportXml?.SolutionManifest;
  if (!manifest || typeof manifest !== "object") throw new VersionError(`${path} has no <ImportExportXml><SolutionManifest> element.`);
  return manifest.Version;
}

// The manifest and Solution.xml are edited in place (one attribute, one element value) rather than
// re-serialised, so their comments and layout survive; the parser checks the file before and after.
/**
 * @param {string} text
 * @param {RegExp} pattern
 * @param {string} replacement
 * @param {string} what
 */
function replaceOnce(text, pattern, replacement, what) {
  const matches = text.match(new RegExp(pattern.source, "g")) ?? [];
  if (matches.length !== 1) throw new VersionError(`Expected exactly one ${what}, found ${matches.length}.`);
  return text.replace(pattern, replacement);
}

/**
 * @param {string} path
 * @param {string} text
 */
function writeAtomically(path, text) {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}

/**
 * Writes `version` into the four files under rootDir. Refuses a version that does not rise above
 * package.json's unless force. Returns { previous, version (x.y.z), solutionVersion (x.y.z.0) }.
 * @param {{ rootDir: string, version: string, force?: boolean }} options
 */
function setVersion({ rootDir, version, force = false }) {
  const threePart = toThreePart(version);
  const fourPart = toFourPart(threePart);
  const files = versionFiles(rootDir);

  const packageText = readText(files.packageJson);
  const packageJson = JSON.parse(packageText);
  const previous = String(packageJson.version ?? "0.0.0");
  parseVersion(previous);
  if (!force && compareVersions(threePart, previous) <= 0) {
    throw new VersionError(
      `${threePart} does not rise above the current ${previous}. Dataverse keeps the old bundle unless the version rises; pass --force to set it anyway.`,
    );
  }

  const manifestText = readText(files.manifest);
  manifestVersionOf(manifestText, files.manifest);
  const newManifest = replaceOnce(manifestText, /(<control\b[^>]*?\sversion=")[^"]*(")/, `$1${threePart}$2`, `<control version="..."> in ${files.manifest}`);
  if (manifestVersionOf(newManifest, files.manifest) !== threePart) throw new VersionError(`Could not set the version in ${files.manifest}.`);

  const versionTsText = readText(files.versionTs);
  const newVersionTs = replaceOnce(
    versionTsText,
    /(export const PANEL_VERSION = ")[^"]*(";)/,
    `$1${threePart}$2`,
    `export const PANEL_VERSION = "..."; in ${files.versionTs}`,
  );

  const solutionText = readText(files.solutionXml);
  solutionVersionOf(solutionText, files.solutionXml);
  const newSolution = replaceOnce(solutionText, /(<Version>)[^<]*(<\/Version>)/, `$1${fourPart}$2`, `<Version> in ${files.solutionXml}`);
  if (solutionVersionOf(newSolution, files.solutionXml) !== fourPart) throw new VersionError(`Could not set the version in ${files.solutionXml}.`);

  const indent = /^\{\r?\n([ \t]+)"/.exec(packageText)?.[1] ?? "  ";
  packageJson.version = threePart;
  const newPackage = `${JSON.stringify(packageJson, null, indent)}\n`;

  // Everything was checked above; only now write, so a refusal leaves all four files as they were.
  writeAtomically(files.manifest, newManifest);
  writeAtomically(files.versionTs, newVersionTs);
  writeAtomically(files.solutionXml, newSolution);
  writeAtomically(files.packageJson, newPackage);
  return { previous, version: threePart, solutionVersion: fourPart };
}

module.exports = { VersionError, parseVersion, compareVersions, toThreePart, toFourPart, setVersion, versionFiles };
