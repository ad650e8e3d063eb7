"use strict";
// In-memory tables of the fake host, optionally kept in a JSON file across restarts (--data FILE).
const { existsSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { createSeed } = require("./seed.cjs");

class Store {
  /** @param {{ dataFile?: string | null }} [options] */
  constructor(options = {}) {
    this.dataFile = options.dataFile ?? null;
    /** @type {Map<string, Map<string, Record<string, any>>>} */
    this.tables = new Map();
    /** @type {Record<string, string[]>} */
    this.userRoles = {};
    /** @type {Set<NodeJS.Timeout>} */
    this.timers = new Set();
    if (this.dataFile && existsSync(this.dataFile)) this.load(JSON.parse(readFileSync(this.dataFile, "utf8")));
    else this.reset();
  }

  /** @param {{ tables: Record<string, Record<string, any>[]>, userRoles: Record<string, string[]> }} data */
  load(data) {
    this.tables = new Map(Object.entries(data.tables).map(([name, rows]) => [name, new Map(rows.map((r) => [String(r[`${name}id`]).toLowerCase(), r]))]));
    this.userRoles = data.userRoles;
  }

  /** Back to the seed (drops pending timers too). */
  reset() {
    this.clearTimers();
    this.load(createSeed());
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

  /** @param {string} table @param {string} id */
  get(table, id) {
    return this.tables.get(table)?.get(String(id).toLowerCase());
  }

  /** @param {string} table */
  all(table) {
    return [...(this.tables.get(table)?.values() ?? [])];
  }

  /** @param {string} table @param {string} id @param {Record<string, any>} record */
  put(table, id, record) {
    let rows = this.tables.get(table);
    if (!rows) this.tables.set(table, (rows = new Map()));
    rows.set(id.toLowerCase(), record);
    this.save();
  }

  /** @param {string} table @param {string} id */
  delete(table, id) {
    const removed = this.tables.get(table)?.delete(id.toLowerCase()) ?? false;
    this.save();
    return removed;
  }

  save() {
    if (!this.dataFile) return;
    const data = { tables: Object.fromEntries([...this.tables].map(([name, rows]) => [name, [...rows.values()]])), userRoles: this.userRoles };
    const tmp = `${this.dataFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, this.dataFile);
  }
}

module.exports = { Store };
