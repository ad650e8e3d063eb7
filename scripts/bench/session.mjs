// The bench's browser session: the playground on a free port (in this process, so the bench can put generated solution
// files on artifact rows), headless Chromium with the page instrumented, and helpers to open the panel and read the marks.
import { chromium } from "playwright-core";
import { instrument } from "./instrument.mjs";
import { sleep } from "./util.mjs";
import chromiumLaunch from "../lib/chromium.cjs";

/** @param {{ controlDir: string, traceBusy: boolean }} options */
export async function openSession({ controlDir, traceBusy }) {
  const { startPlayground } = await import("../../playground/start.mjs");
  const playground = await startPlayground({ port: 0, controlDir });
  const url = playground.url;
  // The same Chromium, switches and all, as the browser tests launch.
  const browser = await chromium.launch(chromiumLaunch.chromiumLaunchOptions());
  const close = async () => {
    await browser.close().catch(() => undefined);
    await playground.close();
  };

  const json = async (path, init) => {
    const res = await fetch(`${url}${path}`, init);
    if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const pg = {
    reset: () => json("/__playground/reset", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ clearLog: true }) }),
    clearLog: () => json("/__playground/log", { method: "DELETE" }),
    log: async () =>
      (await json("/__playground/log")).entries.filter((e) => (e.kind === "api" || e.kind === "action") && e.headers["x-playground-caller"] !== "host-form"),
    latency: (ms) =>
      json("/__playground/faults", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ faults: ms > 0 ? [{ type: "latency", latencyMs: ms, match: { kind: "all" } }] : [] }),
      }),
    /** Puts a file on an artifact row (after a reset: a reset brings the seed's files back). */
    putArtifact: (artifactId, bytes, fileName) => playground.emulator.artifacts.put(artifactId, bytes, { fileName }),
  };

  const context = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
  await context.addInitScript(`(${instrument.toString()})(${traceBusy})`);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const cdp = await context.newCDPSession(page);
  const heap = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    const { usedSize } = await cdp.send("Runtime.getHeapUsage");
    return usedSize;
  };
  const bench = () => page.evaluate(() => JSON.parse(JSON.stringify(window.__bench)));

  /** Waits until the current control instance is complete and its requests have all settled. */
  const settle = async (what = "complete") => {
    await page.waitForFunction((m) => window.__bench.marks[m] !== undefined, what, { timeout: 60_000 });
    await page.waitForFunction(() => window.__bench.reqs.every((r) => r.end !== null), null, { timeout: 60_000 });
    await sleep(150);
    await page.waitForFunction(() => window.__bench.reqs.every((r) => r.end !== null), null, { timeout: 60_000 });
  };
  const open = async (params) => {
    await page.goto(`${url}/?${new URLSearchParams(params)}`);
    await page.waitForFunction(() => document.body.dataset.playgroundReady !== undefined, null, { timeout: 30_000 });
    if ((await page.evaluate(() => document.body.dataset.playgroundReady)) !== "true")
      throw new Error(`The playground did not start: ${await page.locator("#pg-notice").textContent()}`);
    await settle();
  };
  const ofInstance = (b) => b.reqs.filter((r) => r.instance === b.instances);
  const nodeCount = () => page.evaluate(() => document.querySelectorAll("#pg-panel *").length);
  const historyRequestsOf = (reqs) =>
    reqs.filter((r) => /deploymentstagerun \?\$select=.*(\$filter|\$skiptoken)/.test(r.label) && r.label.startsWith("retrieveMultipleRecords"));

  return { url, browser, page, cdp, pg, json, heap, bench, settle, open, ofInstance, nodeCount, historyRequestsOf, errors, close };
}
