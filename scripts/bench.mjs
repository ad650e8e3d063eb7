// `npm run bench`: what an approver waits for, measured in headless Chromium against the production bundle in the
// playground, compared with the budgets below. Writes out/bench.json and out/bench.md; exits 1 when a budget is missed.
//   node scripts/bench.mjs [--no-build] [--loads N] [--history-loads N]
//
// Method (also written into out/bench.md):
// - The page is the playground's host page. An init script wraps the control's constructor (through
//   ComponentFramework.registerControl) so init() marks t0 = performance.now() and every context.webAPI call,
//   context.utils.getEntityMetadata call and direct fetch to /api/data/ the control makes is recorded with its
//   start and end (end = when the promise the control awaits settles, body parsed). The host form's own read of the
//   record (before init) is not the control's and is left out. The playground's request log is read as a cross-check.
// - Waves: a request's wave is 1 + the highest wave among requests that had finished before it started (1 when none
//   had): the length of the longest chain of requests that could depend on each other.
// - Marks come from a MutationObserver in the page: first content = the control's container gets its first
//   element; run shown = the live region says the deployment loaded; complete = the run-history table has rows and
//   is no longer loading, and "Before you decide" no longer waits for data. History render time = from the end of the history request to the rows being in the DOM.
// - Latency is the emulator's latency fault on every Web API request (POST /__playground/faults).
// - Heap: CDP HeapProfiler.collectGarbage, then Runtime.getHeapUsage (usedSize).
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CONTROL_DIR = join(ROOT, "out", "controls", "ApprovalPanel");
const OUT = join(ROOT, "out");

const USERS = { avery: "a0000000-0000-4000-8000-000000000001" };
/** The artifact of the seed's owner-pending run (ContosoExpenses 1.4.2.0), replaced by generated files for "changes". */
const OWNER_PENDING_ARTIFACT = "f2000000-0000-4000-8000-000000000012";
const RUNS = {
  ownerPendingMine: "f0000000-0000-4000-8000-000000000001",
  ownerPendingOther: "f0000000-0000-4000-8000-000000000002",
  approved: "f0000000-0000-4000-8000-000000000004",
  rejected: "f0000000-0000-4000-8000-000000000005",
};
const STAGE_FOR_HISTORY = "e0000000-0000-4000-8000-000000000002"; // Expenses → Production (stage owner Avery)
const HISTORY_TOTALS = [20, 200, 2000];

const BUDGET = {
  /** The whole bundle, as the Deployment Approvals app issue sets it (the brief's 72 KB, lowered to 64 KB there). */
  bundleGzipBytes: 64_000,
  loadRequests: 6,
  loadWaves: 2,
  latencyMs: 100,
  /** The complete panel, checks included, within 1.15 × the two round trips it must wait for. */
  completeFactor: 1.15,
  /** A measured round trip counts at most this much over the added latency. */
  roundTripAllowance: 1.1,
  historyFirstPageRenderMs: 50,
  /** First-page DOM nodes may differ by this factor between 20 and 2000 runs available. */
  historyNodeSpread: 1.1,
  submitRequests: 3,
  submitWaves: 3,
  metadataPerTable: 1,
  rolesPerSession: 1,
};

// ------------------------------------------------------------------ arguments

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : fallback;
};
const LOADS = Math.max(10, option("--loads", 10));
const HISTORY_LOADS = Math.max(3, option("--history-loads", 5));
/** --only load,history,metadata,submit: a part of the run while investigating (the budgets of the other parts are skipped). */
const ONLY = argv.includes("--only") ? new Set(String(argv[argv.indexOf("--only") + 1] ?? "").split(",")) : null;
const want = (part) => ONLY === null || ONLY.has(part);

// ------------------------------------------------------------------ helpers

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @param {Array<{ start: number, end: number | null }>} reqs */
export function waves(reqs) {
  const sorted = [...reqs].sort((a, b) => a.start - b.start);
  const wave = new Map();
  for (const r of sorted) {
    let w = 1;
    for (const q of sorted) {
      if (q !== r && q.end !== null && q.end <= r.start) w = Math.max(w, wave.get(q) + 1);
    }
    wave.set(r, w);
  }
  return sorted.length ? Math.max(...wave.values()) : 0;
}

function startPlayground(controlDir) {
  const child = spawn(process.execPath, [join(ROOT, "playground", "start.mjs"), "--no-build", "--port", "0", "--control-dir", controlDir], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The playground did not start:\n${output}`)), 20_000);
    child.stdout.on("data", (c) => {
      output += c;
      const m = /playground: (http:\/\/\S+?)\/?\s/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child });
      }
    });
    child.stderr.on("data", (c) => (output += c));
    child.once("exit", (code) => reject(new Error(`The playground exited with ${code}:\n${output}`)));
  });
}

// ------------------------------------------------------------------ page instrumentation

/**
 * Runs in the page before any of its scripts. With `traceBusy` (--busy, for investigation only: the probe itself
 * costs the page a little), a MessageChannel ping from init() on records when the main thread was busy for more than
 * 3 ms, so the timeline shows which work stood between an answer arriving and the panel showing it.
 */
function instrument(traceBusy) {
  const now = () => performance.now();
  const B = {
    t0: null,
    instances: 0,
    reqs: [],
    marks: {},
    rowChanges: [],
    confirmAt: null,
    inWebApi: 0,
    busy: [],
  };
  const traceBusyFrom = (t0) => {
    const channel = new MessageChannel();
    let last = now();
    channel.port1.onmessage = () => {
      const t = now();
      if (t - last > 3) B.busy.push([last, t]);
      last = t;
      if (t - t0 < 600) channel.port2.postMessage(0);
    };
    channel.port2.postMessage(0);
  };
  window.__bench = B;
  const record = (via, label, promise) => {
    const r = { via, label, start: now(), end: null, ok: null, instance: B.instances };
    B.reqs.push(r);
    Promise.resolve(promise).then(
      () => ((r.end = now()), (r.ok = true)),
      () => ((r.end = now()), (r.ok = false)),
    );
    return r;
  };

  const originalFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    const p = originalFetch(input, init);
    const url = typeof input === "string" ? input : input.url;
    const headers = init && init.headers ? init.headers : {};
    const hostForm = headers["X-Playground-Caller"] === "host-form";
    if (B.inWebApi === 0 && B.t0 !== null && !hostForm && /\/api\/data\//.test(url)) {
      record("fetch", `${(init && init.method) || "GET"} ${decodeURIComponent(url.replace(/^.*\/api\/data\/v9\.2\//, ""))}`, p);
    }
    return p;
  };

  const wrappedApis = new WeakMap();
  const wrapApi = (api) => {
    if (!api || typeof api !== "object") return api;
    if (wrappedApis.has(api)) return wrappedApis.get(api);
    const w = {};
    for (const k of Object.keys(api)) {
      const f = api[k];
      w[k] =
        typeof f !== "function"
          ? f
          : function (...args) {
              B.inWebApi++;
              let p;
              try {
                p = f.apply(api, args);
              } finally {
                B.inWebApi--;
              }
              const query = args.find((a, i) => i > 0 && typeof a === "string" && a.startsWith("?")) || "";
              record("webAPI", `${k} ${args[0]} ${decodeURIComponent(query)}`.trim(), p);
              return p;
            };
    }
    wrappedApis.set(api, w);
    return w;
  };
  const patchContext = (ctx) => {
    if (!ctx) return ctx;
    ctx.webAPI = wrapApi(ctx.webAPI);
    if (ctx.utils && typeof ctx.utils.getEntityMetadata === "function" && !ctx.utils.__bench) {
      const original = ctx.utils.getEntityMetadata;
      ctx.utils = {
        ...ctx.utils,
        __bench: true,
        getEntityMetadata(...args) {
          B.inWebApi++;
          let p;
          try {
            p = original.apply(this, args);
          } finally {
            B.inWebApi--;
          }
          record("metadata", `getEntityMetadata ${args[0]}`, p);
          return p;
        },
      };
    }
    return ctx;
  };

  const sectionNamed = (panel, name) => {
    for (const s of panel.querySelectorAll("section")) {
      const h = s.querySelector("h1,h2,h3,h4");
      if (h && h.textContent.trim() === name) return s;
    }
    return null;
  };
  let lastRows = -1;
  const check = () => {
    if (B.t0 === null) return;
    const panel = document.getElementById("pg-panel");
    if (!panel) return;
    const t = now();
    if (B.marks.firstContent === undefined && panel.firstElementChild) B.marks.firstContent = t;
    if (B.marks.runShown === undefined) {
      for (const s of panel.querySelectorAll('[role="status"]')) {
        if (s.textContent.includes("Deployment details loaded.")) B.marks.runShown = t;
      }
    }
    const history = sectionNamed(panel, "Run history");
    if (history) {
      const rows = history.querySelectorAll("tbody tr, ul > li").length;
      const loading = history.textContent.includes("Loading runs…");
      if (rows !== lastRows) {
        lastRows = rows;
        B.rowChanges.push({ t, rows });
      }
      // Complete includes "Before you decide": its checks wait for the history and the stage's last deployment.
      const checks = sectionNamed(panel, "Before you decide");
      const checking = checks !== null && checks.textContent.includes("Checking the run history…");
      if (B.marks.complete === undefined && rows > 0 && !loading && !checking) B.marks.complete = t;
    }
    if (B.confirmAt !== null && B.marks.outcome === undefined) {
      const decision = sectionNamed(panel, "Decision");
      if (decision && /Your (approval|rejection) was applied/.test(panel.textContent)) B.marks.outcome = t;
    }
  };
  const observer = new MutationObserver(check);
  document.addEventListener("DOMContentLoaded", () => observer.observe(document.body, { childList: true, subtree: true, characterData: true }));
  document.addEventListener(
    "click",
    (e) => {
      const button = e.target && e.target.closest ? e.target.closest("button") : null;
      if (button && button.textContent.trim() === "Confirm") B.confirmAt = now();
    },
    true,
  );

  const wrapCtor = (C) =>
    class extends C {
      init(ctx, ...rest) {
        B.instances++;
        B.marks = {};
        B.rowChanges = [];
        lastRows = -1;
        B.t0 = now();
        B.busy = [];
        if (traceBusy) traceBusyFrom(B.t0);
        return super.init(patchContext(ctx), ...rest);
      }
      updateView(ctx) {
        return super.updateView(patchContext(ctx));
      }
    };
  let framework;
  Object.defineProperty(window, "ComponentFramework", {
    configurable: true,
    get: () => framework,
    set(v) {
      if (v && typeof v.registerControl === "function") {
        const register = v.registerControl.bind(v);
        v.registerControl = (name, ctor) => register(name, wrapCtor(ctor));
      }
      framework = v;
    },
  });
}

// ------------------------------------------------------------------ the run

async function main() {
  if (!flag("--no-build")) {
    const r = spawnSync(process.execPath, [join(ROOT, "scripts", "build.mjs")], { cwd: ROOT, stdio: "inherit" });
    if (r.status !== 0) throw new Error("The production build failed.");
  }
  const bundlePath = join(CONTROL_DIR, "bundle.js");
  if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run npm run build (or drop --no-build).`);
  // A private copy, like the browser tests: a rebuild emptying out/ mid-run cannot break the measurements.
  const controlDir = mkdtempSync(join(tmpdir(), "approvalpanel-bench-"));
  cpSync(CONTROL_DIR, controlDir, { recursive: true });
  const bundle = readFileSync(join(controlDir, "bundle.js"));
  const bundleFigures = { rawBytes: bundle.length, gzipBytes: gzipSync(bundle).length };

  const { url, child } = await startPlayground(controlDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const cleanup = async () => {
    await browser.close().catch(() => undefined);
    child.kill("SIGTERM");
    rmSync(controlDir, { recursive: true, force: true });
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
  };

  const context = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
  await context.addInitScript(`(${instrument.toString()})(${flag("--busy")})`);
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

  const results = {
    date: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model?.trim() ?? "unknown", cores: cpus().length, node: process.version, chromium: browser.version() },
    method: "see out/bench.md",
    bundle: bundleFigures,
    load: {},
    history: {},
    metadata: null,
    submit: null,
    checks: [],
  };

  try {
    // ---------------------------------------------------------------- load
    await pg.reset();
    for (const latency of want("load") ? [0, BUDGET.latencyMs] : []) {
      await pg.latency(latency);
      const samples = [];
      for (let i = 0; i <= LOADS; i++) {
        await pg.clearLog();
        await open({ scenario: "owner-pending" });
        const b = await bench();
        const reqs = ofInstance(b);
        const serverCount = (await pg.log()).length;
        // Chromium's own timing of the same requests (Resource Timing: start of fetch → last byte), to tell the
        // browser's and the machine's share of a round trip from the panel's.
        const network = await page.evaluate(
          (t0) =>
            performance
              .getEntriesByType("resource")
              .filter((e) => /\/api\/data\//.test(e.name) && e.startTime >= t0)
              .map((e) => ({ start: e.startTime, end: e.responseEnd })),
          b.t0,
        );
        // The bundle's evaluation at form load: from its last byte to the end of its run (the playground's mark).
        const evaluationMs = await page.evaluate(() => {
          const file = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/control/bundle.js"));
          const ran = performance.getEntriesByName("playground:bundle-evaluated")[0];
          return file && ran ? ran.startTime - file.responseEnd : null;
        });
        if (i === 0) continue; // warm-up
        if (evaluationMs === null) throw new Error("The bundle's evaluation could not be timed: no Resource Timing entry or no playground mark.");
        if (network.length === 0) throw new Error("Chromium's Resource Timing gave no entry for the panel's requests: no round trip to measure.");
        // The answers the complete panel waited for: those whose last byte came before it (the admin check may end later).
        const before = network.filter((n) => n.end <= b.marks.complete);
        samples.push({
          bundleEvaluationMs: evaluationMs,
          roundTripsMs: network.map((n) => n.end - n.start),
          afterLastAnswerMs: b.marks.complete - Math.max(...(before.length ? before : network).map((n) => n.end)),
          requests: reqs.length,
          serverRequests: serverCount,
          waves: waves(reqs),
          firstContentMs: b.marks.firstContent - b.t0,
          runShownMs: b.marks.runShown - b.t0,
          completeMs: b.marks.complete - b.t0,
          labels: reqs.map((r) => r.label),
          timeline: [
            ...reqs.map((r) => ({ what: r.label.split(" ").slice(0, 2).join(" "), start: round(r.start - b.t0), end: round(r.end - b.t0) })),
            ...Object.entries(b.marks).map(([k, t]) => ({ what: k, at: round(t - b.t0) })),
            ...b.busy.map(([from, to]) => ({ what: "main thread busy", start: round(from - b.t0), end: round(to - b.t0) })),
          ],
        });
      }
      const roundTrips = samples.flatMap((s) => s.roundTripsMs);
      results.load[`${latency}ms`] = {
        loads: samples.length,
        requests: Math.max(...samples.map((s) => s.requests)),
        serverLogRequests: Math.max(...samples.map((s) => s.serverRequests)),
        waves: Math.max(...samples.map((s) => s.waves)),
        firstContentMs: round(median(samples.map((s) => s.firstContentMs))),
        runShownMs: round(median(samples.map((s) => s.runShownMs))),
        completeMs: round(median(samples.map((s) => s.completeMs))),
        completeMsMax: round(Math.max(...samples.map((s) => s.completeMs))),
        bundleEvaluationMs: round(median(samples.map((s) => s.bundleEvaluationMs))),
        bundleEvaluationMsMax: round(Math.max(...samples.map((s) => s.bundleEvaluationMs))),
        roundTripMs: round(median(roundTrips)),
        roundTripMsRange: [round(Math.min(...roundTrips)), round(Math.max(...roundTrips))],
        completeAfterLastAnswerMs: round(median(samples.map((s) => s.afterLastAnswerMs))),
        requestList: samples[0].labels,
        timelineOfMedianLoad: [...samples].sort((a, b) => a.completeMs - b.completeMs)[Math.floor(samples.length / 2)].timeline,
      };
    }
    await pg.latency(0);

    // ---------------------------------------------------------------- history
    if (want("history")) {
      await pg.reset();
      const newest = {};
      for (const total of HISTORY_TOTALS) {
        // Created through the emulator's Web API (POST), oldest first, so the seed stays small.
        const artifact = `BenchHistory${total}`;
        for (let n = 1; n <= total; n += 50) {
          const batch = [];
          for (let k = n; k < Math.min(n + 50, total + 1); k++) {
            batch.push(
              fetch(`${url}/api/data/v9.2/deploymentstageruns`, {
                method: "POST",
                headers: { "Content-Type": "application/json; charset=utf-8", Cookie: `pp_user=${USERS.avery}`, Prefer: "return=representation" },
                body: JSON.stringify({
                  name: `${artifact} 1.0.${k}.0 - Production`,
                  artifactname: artifact,
                  artifactversion: `1.0.${k}.0`,
                  "deploymentstageid@odata.bind": `/deploymentstages(${STAGE_FOR_HISTORY})`,
                  stagerunstatus: k === total ? 200000005 : 200000002,
                  approvalstatus: k === total ? 10 : 20,
                  approvalcomments: k === total ? null : `Approved build ${k} after the test pass.`,
                  deploymentnotes: `Build ${k}.`,
                }),
              }).then(async (res) => {
                if (res.status !== 201) throw new Error(`Creating a run: ${res.status} ${await res.text()}`);
                return res.json();
              }),
            );
          }
          const created = await Promise.all(batch);
          if (n + 50 > total) newest[total] = created[created.length - 1].deploymentstagerunid;
        }
      }
      // createdon has one-second resolution: the emulator's order among equal times decides what is "newest"; the
      // record opened is the last one created, whatever page it lands on.
      for (const total of HISTORY_TOTALS) {
        const params = { record: newest[total], user: USERS.avery, host: "current" };
        const firstRenders = [];
        const firstNodes = [];
        let heapAfterLoad = 0;
        for (let i = 0; i <= HISTORY_LOADS; i++) {
          await open(params);
          const b = await bench();
          const historyReq = historyRequestsOf(ofInstance(b))[0];
          const shown = b.rowChanges.find((c) => c.rows > 0 && c.t >= historyReq.end);
          if (i === 0) continue;
          firstRenders.push(shown.t - historyReq.end);
          firstNodes.push(await nodeCount());
        }
        heapAfterLoad = await heap();
        const rowsFirst = (await bench()).rowChanges.at(-1).rows;
        // Page through everything.
        const pageRenders = [];
        const loadMore = page.locator("#pg-panel").getByRole("button", { name: "Load more" });
        for (let guard = 0; guard < 1000 && (await loadMore.count()) > 0; guard++) {
          const before = (await bench()).reqs.length;
          await loadMore.click();
          await page.waitForFunction((n) => window.__bench.reqs.length > n && window.__bench.reqs.every((r) => r.end !== null), before, { timeout: 30_000 });
          await page.waitForFunction(() => !document.querySelector("#pg-panel")?.textContent?.includes("Loading runs…"), null, { timeout: 30_000 });
          const b = await bench();
          const req = b.reqs[b.reqs.length - 1];
          const shown = b.rowChanges.find((c) => c.t >= req.end);
          if (shown) pageRenders.push(shown.t - req.end);
        }
        const afterPaging = await bench();
        const rowsAll = afterPaging.rowChanges.at(-1).rows;
        const nodesAll = await nodeCount();
        const heapAfterPaging = await heap();
        // The first page again in the same page session (the record reopened, as navigation.openForm does), 3 times.
        const reRenders = [];
        for (let i = 0; i < 3; i++) {
          await page.evaluate((id) => window.__playground.openRecord(id), newest[total]);
          await settle();
          const reopened = await bench();
          const reReq = historyRequestsOf(ofInstance(reopened))[0];
          reRenders.push(reopened.rowChanges.find((c) => c.rows > 0 && c.t >= reReq.end).t - reReq.end);
        }
        results.history[total] = {
          total,
          firstPageRows: rowsFirst,
          firstPageRenderMs: round(median(firstRenders)),
          firstPageRenderMsMax: round(Math.max(...firstRenders)),
          firstPageNodes: median(firstNodes),
          heapAfterLoadBytes: heapAfterLoad,
          pagesLoaded: pageRenders.length + 1,
          rowsAfterPaging: rowsAll,
          nodesAfterPaging: nodesAll,
          nodesPerShownRow: rowsAll > rowsFirst ? round((nodesAll - median(firstNodes)) / (rowsAll - rowsFirst)) : null,
          pageRenderMsMedian: pageRenders.length ? round(median(pageRenders)) : null,
          pageRenderMsLast: pageRenders.length ? round(pageRenders[pageRenders.length - 1]) : null,
          heapAfterPagingBytes: heapAfterPaging,
          reopenedFirstPageRenderMs: round(median(reRenders)),
          reopenedFirstPageNodes: await nodeCount(),
        };
      }
    }
    // ---------------------------------------------------------------- metadata and roles per page session
    if (want("metadata")) {
      await pg.reset();
      await open({ scenario: "owner-pending" });
      const sequence = [RUNS.approved, RUNS.rejected, RUNS.ownerPendingOther, RUNS.ownerPendingMine, RUNS.approved];
      for (const id of sequence) {
        await page.evaluate((rid) => window.__playground.openRecord(rid), id);
        await settle();
      }
      {
        const b = await bench();
        const metadataByTable = {};
        for (const r of b.reqs.filter((x) => x.via === "metadata" || /EntityDefinitions/.test(x.label))) {
          const table = r.label.split(" ")[1] ?? "?";
          metadataByTable[table] = (metadataByTable[table] ?? 0) + 1;
        }
        results.metadata = {
          controlLoads: b.instances,
          // The administrator check: one read of the user with their roles and their teams' (or, refused, roles then teams).
          roleRequests: b.reqs.filter((r) => /^(retrieveRecord systemuser|retrieveMultipleRecords (role|team)) /.test(r.label)).length,
          metadataRequests: Object.values(metadataByTable).reduce((a, n) => a + n, 0),
          metadataByTable,
        };
      }
    }
    // ---------------------------------------------------------------- what changes
    // The owner-pending run's artifact replaced by a generated solution (5 MB and 20 MB customizations.xml); the
    // baseline stays the seed's 1.4.1.0. Time from the click to the diff shown, and the longest main-thread task
    // meanwhile (the bar: none over 200 ms).
    if (want("changes")) {
      results.changes = {};
      for (const variant of ["medium", "large"]) {
        const samples = [];
        for (let i = 0; i < 3; i++) {
          await pg.reset();
          const put = await json(`/__playground/artifacts?artifactId=${OWNER_PENDING_ARTIFACT}&variant=${variant}`, { method: "POST" });
          await open({ scenario: "owner-pending" });
          const section = page.locator("#pg-panel").getByRole("region", { name: /^What changes in / });
          await page.evaluate(() => {
            window.__tasks = [];
            new PerformanceObserver((list) => window.__tasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: "longtask", buffered: false });
          });
          const t0 = Date.now();
          await section.getByRole("button", { name: "Show what changes" }).click();
          await section.locator('[data-changes-status="done"], [data-changes-status="failed"]').waitFor({ timeout: 60_000 });
          const ms = Date.now() - t0;
          const status = await section.locator("[data-changes-status]").first().getAttribute("data-changes-status");
          const longest = await page.evaluate(() => Math.max(0, ...window.__tasks));
          samples.push({ ms, longest, status, bytes: put.size });
        }
        results.changes[variant] = {
          zipBytes: samples[0].bytes,
          status: samples[0].status,
          shownMs: round(median(samples.map((x) => x.ms))),
          longestTaskMs: round(median(samples.map((x) => x.longest))),
        };
      }
    }
    // ---------------------------------------------------------------- submit
    if (want("submit")) {
      const submits = [];
      for (let i = 0; i < 3; i++) {
        await pg.reset();
        await open({ scenario: "owner-pending" });
        const panel = page.locator("#pg-panel");
        await panel.getByRole("button", { name: "Approve" }).click();
        const dialog = page.getByRole("dialog").or(page.getByRole("alertdialog"));
        await dialog.getByRole("button", { name: "Confirm" }).click();
        await page.waitForFunction(() => window.__bench.marks.outcome !== undefined, null, { timeout: 30_000 });
        await sleep(300);
        await page.waitForFunction(() => window.__bench.reqs.every((r) => r.end !== null), null, { timeout: 30_000 });
        await sleep(300);
        const b = await bench();
        const after = b.reqs.filter((r) => r.start >= b.confirmAt);
        submits.push({ requests: after.length, waves: waves(after), outcomeMs: b.marks.outcome - b.confirmAt, labels: after.map((r) => r.label) });
      }
      results.submit = {
        runs: submits.length,
        requests: Math.max(...submits.map((s) => s.requests)),
        waves: Math.max(...submits.map((s) => s.waves)),
        outcomeMs: round(median(submits.map((s) => s.outcomeMs))),
        requestList: submits[0].labels,
      };
    }
    results.pageErrors = errors;
  } finally {
    await cleanup();
  }

  // ---------------------------------------------------------------- budgets
  const check = (name, figure, budget, ok) => results.checks.push({ name, figure, budget, ok });
  check(
    "bundle.js gzipped",
    `${(results.bundle.gzipBytes / 1000).toFixed(1)} KB`,
    `≤ ${BUDGET.bundleGzipBytes / 1000} KB`,
    results.bundle.gzipBytes <= BUDGET.bundleGzipBytes,
  );
  for (const [variant, c] of Object.entries(results.changes ?? {})) {
    // The artifact-diff issue: the page stays responsive, no main-thread task over 200 ms on the 20 MB solution.
    check(`what changes (${variant}): longest main-thread task`, `${c.longestTaskMs} ms`, "≤ 200 ms", c.longestTaskMs <= 200);
  }
  if (want("load")) {
    const l0 = results.load["0ms"];
    const l100 = results.load[`${BUDGET.latencyMs}ms`];
    for (const [name, l] of [
      ["0 ms", l0],
      [`${BUDGET.latencyMs} ms`, l100],
    ]) {
      check(`load requests (${name})`, l.requests, `≤ ${BUDGET.loadRequests}`, l.requests <= BUDGET.loadRequests);
      check(`load waves (${name})`, l.waves, `≤ ${BUDGET.loadWaves}`, l.waves <= BUDGET.loadWaves);
    }
    // "1.15 × the two round trips it must wait for": a round trip as Chromium itself times it (Resource Timing), not
    // the emulator's added latency alone; the browser's own networking on this machine adds several ms to each, which
    // no panel can save. The nominal figure (a round trip of exactly the added latency) is shown beside it.
    // The measured round trip counts at most 10 % over the added latency: a machine or an emulator slower than that
    // does not loosen the budget any further.
    const longestCounted = BUDGET.latencyMs * BUDGET.roundTripAllowance;
    const roundTrip = Math.min(l100.roundTripMs, longestCounted);
    const measuredBudget = round(BUDGET.completeFactor * 2 * roundTrip);
    const nominalBudget = round(BUDGET.completeFactor * 2 * BUDGET.latencyMs);
    check(
      `complete data at ${BUDGET.latencyMs} ms latency (median)`,
      `${l100.completeMs} ms`,
      `≤ ${BUDGET.completeFactor} × 2 × ${round(roundTrip)} ms measured round trip (counted up to ${round(longestCounted)} ms) = ${measuredBudget} ms (nominal ${nominalBudget} ms)`,
      l100.completeMs <= measuredBudget,
    );
  }
  if (want("metadata")) {
    check(
      "roles requests per page session",
      results.metadata.roleRequests,
      `= ${BUDGET.rolesPerSession} (${results.metadata.controlLoads} loads: asked once, then known)`,
      results.metadata.roleRequests === BUDGET.rolesPerSession,
    );
    const worstMeta = Math.max(0, ...Object.values(results.metadata.metadataByTable));
    check("metadata requests per table per page session", worstMeta, `≤ ${BUDGET.metadataPerTable}`, worstMeta <= BUDGET.metadataPerTable);
  }
  if (want("history")) {
    for (const total of HISTORY_TOTALS) {
      const h = results.history[total];
      check(
        `history first page render, ${total} runs (median)`,
        `${h.firstPageRenderMs} ms`,
        `≤ ${BUDGET.historyFirstPageRenderMs} ms`,
        h.firstPageRenderMs <= BUDGET.historyFirstPageRenderMs,
      );
      check(
        `history first page render after paging, ${total} runs (median of 3 reopenings)`,
        `${h.reopenedFirstPageRenderMs} ms`,
        `≤ ${BUDGET.historyFirstPageRenderMs} ms`,
        h.reopenedFirstPageRenderMs <= BUDGET.historyFirstPageRenderMs,
      );
    }
    const nodes = HISTORY_TOTALS.map((t) => results.history[t].firstPageNodes);
    const spread = Math.max(...nodes) / Math.min(...nodes);
    check("history first-page DOM nodes, 20 vs 2000 runs", nodes.join(" / "), `spread ≤ ×${BUDGET.historyNodeSpread}`, spread <= BUDGET.historyNodeSpread);
    const reopened = HISTORY_TOTALS.map((t) => results.history[t].reopenedFirstPageNodes);
    check(
      "history DOM nodes after reopening (paged before)",
      reopened.join(" / "),
      "= first-page nodes",
      reopened.every((n, i) => Math.abs(n - nodes[i]) <= nodes[i] * 0.05),
    );
  }
  if (want("submit")) {
    check("submit requests", results.submit.requests, `≤ ${BUDGET.submitRequests}`, results.submit.requests <= BUDGET.submitRequests);
    check("submit waves", results.submit.waves, `≤ ${BUDGET.submitWaves}`, results.submit.waves <= BUDGET.submitWaves);
  }
  if ((results.pageErrors ?? []).length) check("page errors", (results.pageErrors ?? []).length, "0", false);

  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, "bench.json"), JSON.stringify(results, null, 2));
  writeFileSync(join(OUT, "bench.md"), markdown(results));
  process.stdout.write(markdown(results));
  const missed = results.checks.filter((c) => !c.ok);
  if (missed.length) {
    console.error(`\n${missed.length} budget(s) missed: ${missed.map((c) => c.name).join("; ")}`);
    process.exitCode = 1;
  }
}

function markdown(r) {
  const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
  const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
  const ok = (b) => (b ? "✅" : "❌");
  const lines = [];
  lines.push(`# ApprovalPanel benchmark`, "");
  lines.push(`${r.date} · ${r.machine.cpu} (${r.machine.cores} cores) · Node ${r.machine.node} · Chromium ${r.machine.chromium}`, "");
  lines.push("| Measure | Figure | Budget | |", "|---|---|---|---|");
  for (const c of r.checks) lines.push(`| ${c.name} | ${c.figure} | ${c.budget} | ${ok(c.ok)} |`);
  lines.push("", "## Details", "");
  lines.push("| Measure | Figure |", "|---|---|");
  lines.push(`| bundle.js raw / gzipped | ${kb(r.bundle.rawBytes)} / ${kb(r.bundle.gzipBytes)} |`);
  for (const [name, l] of Object.entries(r.load)) {
    lines.push(`| load at ${name} latency: requests (server log) / waves | ${l.requests} (${l.serverLogRequests}) / ${l.waves} |`);
    lines.push(
      `| load at ${name}: first content / run shown / complete (median of ${l.loads}, max) | ${l.firstContentMs} / ${l.runShownMs} / ${l.completeMs} ms (max ${l.completeMsMax}) |`,
    );
    lines.push(`| load at ${name}: the bundle's evaluation at form load (median, max) | ${l.bundleEvaluationMs} ms (max ${l.bundleEvaluationMsMax}) |`);
    lines.push(
      `| load at ${name}: one round trip as Chromium times it (median, min–max) / complete after the last answer's last byte (median) | ${l.roundTripMs} ms (${l.roundTripMsRange[0]}–${l.roundTripMsRange[1]}) / ${l.completeAfterLastAnswerMs} ms |`,
    );
  }
  for (const [variant, c] of Object.entries(r.changes ?? {})) {
    lines.push(
      `| what changes, ${variant} solution (zip ${kb(c.zipBytes)}): click → diff shown / longest main-thread task (median of 3) | ${c.shownMs} ms / ${c.longestTaskMs} ms (${c.status}) |`,
    );
  }
  for (const h of Object.values(r.history)) {
    lines.push(
      `| history ${h.total} runs: first page (${h.firstPageRows} rows) render / DOM nodes | ${h.firstPageRenderMs} ms (max ${h.firstPageRenderMsMax}) / ${h.firstPageNodes} |`,
    );
    lines.push(
      `| history ${h.total} runs: after paging (${h.pagesLoaded} pages, ${h.rowsAfterPaging} rows) nodes / per row / page render median, last | ${h.nodesAfterPaging} / ${h.nodesPerShownRow ?? "–"} / ${h.pageRenderMsMedian ?? "–"}, ${h.pageRenderMsLast ?? "–"} ms |`,
    );
    lines.push(`| history ${h.total} runs: JS heap after load / after paging | ${mb(h.heapAfterLoadBytes)} / ${mb(h.heapAfterPagingBytes)} |`);
    lines.push(
      `| history ${h.total} runs: reopened after paging: first page render / nodes | ${h.reopenedFirstPageRenderMs} ms / ${h.reopenedFirstPageNodes} |`,
    );
  }
  if (r.metadata)
    lines.push(
      `| ${r.metadata.controlLoads} control loads in one page: roles / metadata requests | ${r.metadata.roleRequests} / ${r.metadata.metadataRequests} |`,
    );
  if (r.submit)
    lines.push(
      `| submit (Confirm → outcome shown, median of ${r.submit.runs}): requests / waves / time | ${r.submit.requests} / ${r.submit.waves} / ${r.submit.outcomeMs} ms |`,
    );
  if (r.load["0ms"]) lines.push("", "Load requests: " + r.load["0ms"].requestList.map((s) => `\`${s}\``).join(", "));
  if (r.submit) lines.push("", "Submit requests: " + r.submit.requestList.map((s) => `\`${s}\``).join(", "));
  lines.push(
    "",
    "## Method",
    "",
    "- Headless Chromium drives the playground host page with the production bundle. An init script wraps the control's constructor: `init()` marks t0, and every `context.webAPI` call, `getEntityMetadata` call and direct `fetch` to `/api/data/` the control makes is timed from the call until its promise settles. The host form's own read of the record is not counted; the playground's request log cross-checks the count.",
    "- Waves: a request's wave is 1 + the highest wave among requests that finished before it started (the longest chain of requests that could depend on one another).",
    "- First content: the container gets its first element. Run shown: the live region says the deployment loaded. Complete: the run-history table has rows and is no longer loading (MutationObserver times).",
    `- Latency: the emulator's latency fault on every Web API request. Loads: ${LOADS} per latency after one warm-up, each a fresh page.`,
    '- History: runs created through the emulator\'s Web API (POST) for one artifact; render time is from the end of the history request to its rows being in the DOM; "reopened" opens the same record again in the same page after loading every page.',
    "- Heap: CDP `HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage` (used size, whole page including the platform libraries).",
    "- Submit: the stage owner approves a pending run (emulator reset before each of 3 runs); requests counted from the click on Confirm until the outcome is shown and the reload has settled.",
    "",
  );
  return lines.join("\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
