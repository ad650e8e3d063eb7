/**
 * A latency fault promises "answered no sooner than latencyMs after it arrived". Node's timers may fire a millisecond
 * before Date.now() says the time has come; a CI run once logged a 400 ms fault answered in 399 ms. This makes every
 * timer fire a few milliseconds early and checks the promise still holds.
 */
import { afterEach, expect, jest, test } from "@jest/globals";
import { RUNS, USERS, createFakeHost, createFetch } from "../../fakehost/index.cjs";

const API = "https://contoso.crm.dynamics.com/api/data/v9.2";

afterEach(() => {
  jest.restoreAllMocks();
});

test.each([
  ["a read (worked out on arrival, answered later)", "read", "GET"],
  ["a write (waits first, then applies)", "write", "PATCH"],
] as const)("%s with a latency fault is not answered before its latency, even when timers fire early", async (_name, kind, method) => {
  const host = createFakeHost({ deployDelayMs: 60_000 });
  try {
    const fetchAs = createFetch(host, { userId: USERS.avery });
    // Warm up (the first request builds the store), so the timed one waits for its latency alone.
    await fetchAs(`${API}/deploymentstageruns(${RUNS.ownerPendingMine})?$select=name`);
    host.log.clear();
    const realSetTimeout = globalThis.setTimeout;
    jest
      .spyOn(globalThis, "setTimeout")
      .mockImplementation(((handler: () => void, ms?: number) => realSetTimeout(handler, Math.max(0, (ms ?? 0) - 5))) as unknown as typeof setTimeout);
    host.faults.set([{ type: "latency", latencyMs: 40, match: { kind } }]);
    const url = `${API}/deploymentstageruns(${RUNS.ownerPendingMine})${method === "GET" ? "?$select=name" : ""}`;
    const started = Date.now();
    const res = await fetchAs(
      url,
      method === "GET" ? {} : { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "Renamed" }) },
    );
    const elapsed = Date.now() - started;
    expect(res.status).toBe(method === "GET" ? 200 : 204);
    expect(elapsed).toBeGreaterThanOrEqual(40);
    const [entry] = host.log.entries;
    expect(entry.faults).toEqual(["latency"]);
    expect(entry.durationMs).toBeGreaterThanOrEqual(40);
  } finally {
    host.close();
  }
});
