"use strict";
// In-memory tables of the fake host, optionally kept in a JSON file across restarts (--data FILE).
// Tables are plain arrays of rows keyed by `<table>id`: a caller that hands its own tables in (the jest tests) keeps
// live access to them, and a change to a row object is what the next read sees.
const { existsSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { createSeed } = require("./seed.cjs");

/**
 * tables: rows by table, intersect tables of N:N relationships (teammembership, teamroles) among them;
 * userRoles: each user's DIRECT role ids (team roles come through teamroles); rolePrivileges: what each role grants.
 * @typedef {{ tables: Record<string, Record<string, any>[]>, userRoles: Record<string, string[]>, rolePrivileges?: Record<string, import("./privileges.cjs").PrivilegeGrant[]> }} StoreData
 */

const sameId = (/** @type {unknown} */ a, /** @type {string} */ b) => typeof a === "string" && a.toLowerCase() === b;

class Store {
  /** @param {{ dataFile?: string | null, seed?: () => StoreData }} [options] */
  constructor(options = {}) {
    this.dataFile = options.dataFile ?? null;
    this.seed = options.seed ?? createSeed;
    /** @type {Record<string, Record<string, any>[]>} */
    this.tables = {};
    /** @type {Record<string, string[]>} */
    this.userRoles = {};
    /** @type {Record<string, import("./privileges.cjs").PrivilegeGrant[]>} */
    this.rolePrivileges = {};
    /** @type {Set<NodeJS.Timeout>} */
    this.timers = new Set();
    if (this.dataFile && existsSync(this.dataFile)) this.load(JSON.parse(readFileSync(this.dataFile, "utf8")));
    else this.reset();
  }

  /** Uses the given tables as they are (no copy). @param {StoreData} data */
  load(data) {
    this.tables = data.tables;
    this.userRoles = data.userRoles;
    this.rolePrivileges = data.rolePrivileges ?? {};
  }

  /** Back to the seed (drops pending timers too). */
  reset() {
    this.clearTimers();
    this.load(this.seed());
    this.save();
  }

  clearTimers() {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Runs `fn` later unless the store is reset or closed first. @param {() => void} fn @param {number} ms */
  later(fn, ms) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
      this.save();
    }, ms);
    this.timers.add(t);
  }

  /** @param {string} table */
  has(table) {
    return Array.isArray(this.tables[table]);
  }

  /** The live row, ids compared case-insensitively (braces allowed). @param {string} table @param {string} id */
  get(table, id) {
    const wanted = String(id)
      .replace(/^\{|\}$/g, "")
      .toLowerCase();
    const key = `${table}id`;
    return this.tables[table]?.find((r) => sameId(r[key], wanted));
  }

  /** @param {string} table */
  all(table) {
    return [...(this.tables[table] ?? [])];
  }

  /** Adds the row, or replaces the one with the same id. @param {string} table @param {string} id @param {Record<string, any>} record */
  put(table, id, record) {
    const rows = this.tables[table] ?? (this.tables[table] = []);
    const existing = this.get(table, id);
    if (existing) rows[rows.indexOf(existing)] = record;
    else rows.push(record);
    this.save();
  }

  /** @param {string} table @param {string} id */
  delete(table, id) {
    const existing = this.get(table, id);
    if (existing) this.tables[table].splice(this.tables[table].indexOf(existing), 1);
    this.save();
    return existing !== undefined;
  }

  save() {
    if (!this.dataFile) return;
    const tmp = `${this.dataFile}.tmp`;
    writeFileSync(tmp, JSON.stringify({ tables: this.tables, userRoles: this.userRoles, rolePrivileges: this.rolePrivileges }));
    renameSync(tmp, this.dataFile);
  }
}

module.exports = { Store };
