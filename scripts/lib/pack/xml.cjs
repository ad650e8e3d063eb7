/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS so the jest tests (ts-jest, CommonJS) can call it directly. */
"use strict";
// The source layout's XML read in and the zip's XML written out, and the small readers every source file shares.
const { existsSync, readFileSync, readdirSync } = require("node:fs");
const { XMLBuilder, XMLParser, XMLValidator } = require("fast-xml-parser");
const { PackError } = require("./pack-error.cjs");

/** @typedef {any} XmlNode A parsed XML element: attributes as "@_name", child elements by tag name, text as "#text". */

const BOM = "\uFEFF";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ARRAY_ELEMENTS = new Set([
  "LocalizedName",
  "Description",
  "Address",
  "RootComponent",
  "Language",
  "property",
  "code",
  "css",
  "resx",
  "img",
  "html",
  "library",
  "packaged_library",
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (/** @type {string} */ name) => ARRAY_ELEMENTS.has(name),
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

/**
 * @param {string} path
 * @param {string} what The file as the error message names it.
 * @returns {XmlNode}
 */
function parseXmlFile(path, what) {
  if (!existsSync(path)) throw new PackError(`${what} is missing: ${path}`);
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new PackError(`${what} is not well-formed XML (${path}, line ${valid.err.line}): ${valid.err.msg}`);
  return parser.parse(text);
}

/** @param {Record<string, unknown>} object */
function xmlDocument(object) {
  return `${BOM}${builder.build({ "?xml": { "@_version": "1.0", "@_encoding": "utf-8" }, ...object })}`;
}

/** @param {unknown} value An attribute's value or an element's text; "" when absent. */
function text(value) {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return String(/** @type {XmlNode} */ (value)["#text"] ?? "");
  return String(value).trim();
}

/** @param {XmlNode} value */
function isEmptySection(value) {
  if (value === undefined || value === "") return true;
  if (typeof value !== "object") return false;
  return Object.keys(value).every((key) => key.startsWith("@_"));
}

/**
 * A repeated element as an array: the parser gives one element as itself and none as undefined or "".
 * @param {unknown} value
 * @returns {XmlNode[]}
 */
function asArray(value) {
  if (value === undefined || value === null || value === "") return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Without the xmlns:xsi of a stand-alone file: inside customizations.xml the root declares it.
 * @param {XmlNode} node
 * @returns {XmlNode}
 */
function withoutNamespaceDeclarations(node) {
  return Object.fromEntries(Object.entries(node).filter(([key]) => !key.startsWith("@_xmlns")));
}

/**
 * Sorted file names of a folder; [] when the folder is absent.
 * @param {string} dir
 */
function filesIn(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort();
}

/**
 * A GUID with or without braces, lower case without them; anything else throws.
 * @param {unknown} value
 * @param {string} where The file and element, for the error message.
 */
function bracedGuid(value, where) {
  const guid = text(value)
    .replace(/^\{|\}$/g, "")
    .toLowerCase();
  if (!GUID.test(guid)) throw new PackError(`${where}: "${text(value)}" is not a GUID.`);
  return guid;
}

/**
 * Every element named `name` under `node`, depth first.
 * @param {XmlNode} node
 * @param {string} name
 * @param {XmlNode[]} [out]
 * @returns {XmlNode[]}
 */
function elementsNamed(node, name, out = []) {
  if (Array.isArray(node)) {
    for (const item of node) elementsNamed(item, name, out);
    return out;
  }
  if (!node || typeof node !== "object") return out;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("@_") || key === "#text") continue;
    if (key === name) out.push(...asArray(value).map((item) => (item && typeof item === "object" ? item : { "#text": item })));
    elementsNamed(value, name, out);
  }
  return out;
}

module.exports = {
  builder,
  parseXmlFile,
  xmlDocument,
  text,
  isEmptySection,
  asArray,
  withoutNamespaceDeclarations,
  filesIn,
  bracedGuid,
  elementsNamed,
};
