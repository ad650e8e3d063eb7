"use strict";
// What the fake host's cloud flows (flow.cjs: the relay and the sweeper; intake.cjs: intake, outcomes, expiry) and its
// actions share: the service principal's connection user they run as, their steps in the request log (header
// x-playground-caller names the flow, so people can watch what it did), GUIDs and times as Dataverse writes them.

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A time as Dataverse writes it: UTC ISO without milliseconds. @param {number} ms */
const isoAt = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
/** Now, as Dataverse writes it. */
const nowIso = () => isoAt(Date.now());

/** The flows' connection: the application user of the service principal (the seed has one). @param {import("./store.cjs").Store} store */
const connectionUserOf = (store) => store.all("systemuser").find((u) => u.applicationid && !u.isdisabled);

/**
 * A flow's step as the service principal's request, in the request log.
 * @param {{ store: import("./store.cjs").Store, log: import("./requestLog.cjs").RequestLog }} deps
 * @param {{ caller: string, method: string, path: string, kind: "api" | "action", body: unknown, status: number }} step
 */
function logFlowStep(deps, step) {
  const { caller, ...request } = step;
  deps.log.add({ ...request, headers: { "x-playground-caller": caller }, user: connectionUserOf(deps.store)?.systemuserid ?? null, host: "current" });
}

module.exports = { GUID, isoAt, nowIso, connectionUserOf, logFlowStep };
