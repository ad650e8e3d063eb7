"use strict";
// Every request the playground server answers, for tests and for people watching what the panel sends.

const HEADERS = ["prefer", "accept", "content-type", "odata-version", "odata-maxversion", "if-match", "if-none-match", "x-playground-caller"];
const MAX_ENTRIES = 5000;

/**
 * @typedef {object} LogEntry
 * @property {number} seq
 * @property {string} time        ISO time the request arrived
 * @property {string} method
 * @property {string} path        path + query as sent
 * @property {"api"|"action"|"static"|"playground"} kind
 * @property {Record<string,string>} headers  a subset (Prefer, Accept, Content-Type, OData-*, If-Match)
 * @property {string | null} user  the pp_user cookie
 * @property {string | null} host  the host variant (pp_host cookie)
 * @property {unknown} body       parsed JSON when it is JSON, else the text, null when empty
 * @property {number} status      0 when the connection was dropped
 * @property {number} durationMs
 * @property {string[]} faults    faults applied to this request
 */

class RequestLog {
  constructor() {
    /** @type {LogEntry[]} */
    this.entries = [];
    this.seq = 0;
  }
  /**
   * @param {{ method?: string, url?: string, headers: Record<string, string | string[] | undefined> }} req a request as node:http gives it, or as the in-process host builds it
   * @param {LogEntry["kind"]} kind @param {Record<string,string>} cookies
   */
  begin(req, kind, cookies) {
    /** @type {Record<string,string>} */ const headers = {};
    for (const h of HEADERS) {
      const v = req.headers[h];
      if (v !== undefined) headers[h] = Array.isArray(v) ? v.join(", ") : v;
    }
    /** @type {LogEntry} */
    const entry = {
      seq: ++this.seq,
      time: new Date().toISOString(),
      method: req.method ?? "GET",
      path: req.url ?? "/",
      kind,
      headers,
      user: cookies.pp_user ?? null,
      host: cookies.pp_host ?? null,
      body: null,
      status: 0,
      durationMs: 0,
      faults: [],
    };
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return entry;
  }
  /**
   * A request the host made by itself (the relay flow's steps): logged like one that arrived over HTTP.
   * @param {Pick<LogEntry, "method"|"path"|"kind"|"headers"|"user"|"host"|"body"|"status">} fields
   */
  add(fields) {
    /** @type {LogEntry} */
    const entry = { seq: ++this.seq, time: new Date().toISOString(), durationMs: 0, faults: [], ...fields };
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return entry;
  }
  clear() {
    this.entries = [];
  }
}

/** @param {string} text */
function bodyForLog(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

module.exports = { RequestLog, bodyForLog };
