"use strict";
// Reading an OData request: the query string into system query options ($select, $expand with its nested options,
// $filter, $orderby, $top), and the Prefer header. Text in, plain options out; nothing here reads a table or a row
// ($filter and $orderby stay text until evaluate.cjs compiles them against a table).
const { syntaxError } = require("./errors.cjs");

/**
 * Splits on `sep` outside parentheses and quoted strings.
 * @param {string} text @param {string} sep
 */
function splitTopLevel(text, sep) {
  /** @type {string[]} */ const parts = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'")
      quoted = !quoted; // '' inside a literal toggles twice: still fine
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")") depth--;
    else if (!quoted && depth === 0 && ch === sep) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/**
 * Query string → system query options. Decodes %xx but keeps '+' (OData literals may contain it).
 * @param {string} search  without the leading "?"
 */
function parseQueryString(search) {
  /** @type {Record<string,string>} */ const params = {};
  for (const pair of search.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const key = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    params[key] = safeDecode(eq < 0 ? "" : pair.slice(eq + 1));
  }
  return params;
}

/** @param {string} s */
function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    throw syntaxError(`The query string is not correctly encoded: '${s}'.`);
  }
}

/**
 * @typedef {object} QueryOptions
 * @property {string[] | null} select
 * @property {ExpandItem[]} expand
 * @property {string | null} filter
 * @property {string | null} orderby
 * @property {number | null} top
 */
/** @typedef {{ nav: string, options: QueryOptions }} ExpandItem */

/** @param {Record<string,string>} params @returns {QueryOptions} */
function queryOptions(params) {
  for (const key of Object.keys(params)) {
    if (key.startsWith("$") && !["$select", "$expand", "$filter", "$orderby", "$top", "$skiptoken", "$count"].includes(key)) {
      throw syntaxError(`The query parameter ${key} is not supported.`);
    }
  }
  return {
    select: params.$select !== undefined ? splitTopLevel(params.$select, ",") : null,
    expand: params.$expand !== undefined ? parseExpand(params.$expand) : [],
    filter: params.$filter ?? null,
    orderby: params.$orderby ?? null,
    top: params.$top !== undefined ? parseTop(params.$top) : null,
  };
}

/** @param {string} text */
function parseTop(text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw syntaxError(`Invalid value '${text}' for $top query option found.`);
  return n;
}

/** @param {string} text @returns {ExpandItem[]} */
function parseExpand(text) {
  return splitTopLevel(text, ",").map((item) => {
    const open = item.indexOf("(");
    if (open < 0) return { nav: item, options: { select: null, expand: [], filter: null, orderby: null, top: null } };
    if (!item.endsWith(")")) throw syntaxError(`Syntax error in $expand at '${item}'.`);
    const nav = item.slice(0, open).trim();
    /** @type {Record<string,string>} */ const inner = {};
    for (const opt of splitTopLevel(item.slice(open + 1, -1), ";")) {
      const eq = opt.indexOf("=");
      if (eq < 0) throw syntaxError(`Syntax error in $expand at '${opt}'.`);
      inner[opt.slice(0, eq).trim()] = opt.slice(eq + 1).trim();
    }
    return { nav, options: queryOptions(inner) };
  });
}

// ---------------------------------------------------------------- Prefer

/**
 * @param {string | undefined} header
 * @returns {{ maxPageSize: number | null, annotations: string[] | null, returnRepresentation: boolean }}
 */
function parsePrefer(header) {
  const out = { maxPageSize: /** @type {number|null} */ (null), annotations: /** @type {string[]|null} */ (null), returnRepresentation: false };
  if (!header) return out;
  for (const pref of splitPrefer(header)) {
    const eq = pref.indexOf("=");
    const name = (eq < 0 ? pref : pref.slice(0, eq)).trim().toLowerCase();
    const value =
      eq < 0
        ? ""
        : pref
            .slice(eq + 1)
            .trim()
            .replace(/^"|"$/g, "");
    if (name === "odata.maxpagesize") {
      const n = Number(value);
      if (Number.isInteger(n) && n > 0) out.maxPageSize = n;
    } else if (name === "odata.include-annotations") out.annotations = value.split(",").map((v) => v.trim());
    else if (name === "return" && value === "representation") out.returnRepresentation = true;
  }
  return out;
}

/** Splits a Prefer header on commas outside quotes (include-annotations lists are quoted). @param {string} header */
function splitPrefer(header) {
  /** @type {string[]} */ const parts = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < header.length; i++) {
    if (header[i] === '"') quoted = !quoted;
    else if (header[i] === "," && !quoted) {
      parts.push(header.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(header.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

module.exports = { splitTopLevel, parseQueryString, queryOptions, parseExpand, parsePrefer };
