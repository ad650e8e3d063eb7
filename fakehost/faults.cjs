"use strict";
// Faults the playground injects into Web API requests: latency, 429 with Retry-After, 500, dropped connection, and
// the switches of a host without chunking: "no-chunking" (file downloads ignore Range and answer the whole file) and
// "chunking-refused" (a Range is refused with 0x80090017; the whole file is answered without one).

/**
 * @typedef {object} FaultMatch
 * @property {string} [method]     "GET", "POST", ... (any when absent)
 * @property {string} [entitySet]  e.g. "deploymentstageruns"
 * @property {"all"|"read"|"write"|"action"|"metadata"} [kind]  read = GET on tables, write = POST/PATCH/DELETE on tables
 * @property {string} [action]     e.g. "UpdateApprovalStatus"
 */
/**
 * @typedef {object} Fault
 * @property {"latency"|"429"|"500"|"drop"|"reset"|"no-chunking"|"chunking-refused"} type  drop: connection cut mid-answer
 *   (the page sees a network error); reset: connection closed before any byte (a browser may resend the request on its
 *   own); no-chunking and chunking-refused: not failures, switches of a host whose IsChunkingSupported is false (BYOK and
 *   on-premises hosts [pipelines reference; Learn, file column data]): file downloads they match answer 200 with the
 *   whole file whatever the Range (no-chunking), or refuse a Range with 400 and 0x80090017 (chunking-refused)
 * @property {FaultMatch} [match]
 * @property {number} [latencyMs]        latency: added delay (default 1000)
 * @property {number} [retryAfterSeconds] 429: Retry-After header (default 5)
 * @property {boolean} [once]            remove after it fired once
 */
/** @typedef {{ method: string, kind: "read"|"write"|"action"|"metadata", entitySet: string | null, action: string | null }} RequestKind */

const TYPES = new Set(["latency", "429", "500", "drop", "reset", "no-chunking", "chunking-refused"]);

/** @param {unknown} input @returns {Fault[]} */
function parseFaults(input) {
  const list = Array.isArray(input)
    ? input
    : input && typeof input === "object" && "faults" in input
      ? /** @type {any} */ (input).faults
      : input
        ? [input]
        : [];
  if (!Array.isArray(list)) throw new Error("Expected a fault object, an array of faults or { faults: [...] }.");
  return list.map((/** @type {any} */ f) => {
    if (!f || typeof f !== "object" || !TYPES.has(String(f.type))) throw new Error(`Fault type must be one of ${[...TYPES].join(", ")}.`);
    return {
      type: /** @type {Fault["type"]} */ (String(f.type)),
      match: f.match && typeof f.match === "object" ? { ...f.match } : {},
      latencyMs: f.latencyMs === undefined ? undefined : Number(f.latencyMs),
      retryAfterSeconds: f.retryAfterSeconds === undefined ? undefined : Number(f.retryAfterSeconds),
      once: Boolean(f.once),
    };
  });
}

/** @param {FaultMatch | undefined} m @param {RequestKind} r */
function matches(m, r) {
  if (!m) return true;
  if (m.method && m.method.toUpperCase() !== r.method) return false;
  if (m.kind && m.kind !== "all" && m.kind !== r.kind) return false;
  if (m.entitySet && m.entitySet.toLowerCase() !== (r.entitySet ?? "").toLowerCase()) return false;
  if (m.action && m.action.toLowerCase() !== (r.action ?? "").toLowerCase()) return false;
  return true;
}

class Faults {
  constructor() {
    /** @type {Fault[]} */
    this.list = [];
  }
  /** @param {Fault[]} faults */
  set(faults) {
    this.list = faults;
  }
  clear() {
    this.list = [];
  }
  /**
   * The faults to apply to one request: total latency, at most one failure, and how file downloads treat Range
   * (noChunking: false honours it, "whole" ignores it, "refused" refuses it; a refusal wins over "whole"). `once` faults
   * are consumed.
   * @param {RequestKind} r
   * @returns {{ latencyMs: number, failure: Fault | null, noChunking: false | "whole" | "refused", applied: string[] }}
   */
  take(r) {
    let latencyMs = 0;
    /** @type {false | "whole" | "refused"} */ let noChunking = false;
    /** @type {Fault | null} */ let failure = null;
    /** @type {string[]} */ const applied = [];
    for (const f of [...this.list]) {
      if (!matches(f.match, r)) continue;
      if (f.type === "latency") latencyMs += f.latencyMs ?? 1000;
      else if (f.type === "no-chunking") noChunking = noChunking || "whole";
      else if (f.type === "chunking-refused") noChunking = "refused";
      else if (failure) continue;
      else failure = f;
      applied.push(f.type);
      if (f.once) this.list.splice(this.list.indexOf(f), 1);
    }
    return { latencyMs, failure, noChunking, applied };
  }
}

module.exports = { parseFaults, Faults };
