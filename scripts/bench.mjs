// `npm run bench`: what an approver waits for, measured in headless Chromium against the production bundle in the
// playground, compared with the budgets below. Writes out/bench.json and out/bench.md; exits 1 when a budget is missed.
//   node scripts/bench.mjs [--no-build] [--only load,history,metadata,changes,submit] [--loads N] [--history-loads N]
//                          [--changes-sizes 20,50] [--changes-runs N] [--changes-latency MS] [--busy]
// The parts are in scripts/bench/: the session, the page's instrumentation, each measure, the budgets and the report.
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
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { BUDGET, checkBudgets } from "./bench/budgets.mjs";
import { measureChanges } from "./bench/changes.mjs";
import { measureMetadata, measureSubmit } from "./bench/decisions.mjs";
import { measureHistory } from "./bench/history.mjs";
import { measureLoad } from "./bench/load.mjs";
import { markdown } from "./bench/report.mjs";
import { openSession } from "./bench/session.mjs";

export { waves } from "./bench/util.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CONTROL_DIR = join(ROOT, "out", "controls", "ApprovalPanel");
const OUT = join(ROOT, "out");

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const LOADS = Math.max(10, Number(option("--loads", 10)));
const HISTORY_LOADS = Math.max(3, Number(option("--history-loads", 5)));
const CHANGES = {
  sizesMiB: String(option("--changes-sizes", "20,50")).split(",").map(Number),
  runs: Math.max(1, Number(option("--changes-runs", 3))),
  /** A real host answers each request after a round trip; the files' downloads are what reading overlaps with. */
  latencyMs: Number(option("--changes-latency", BUDGET.latencyMs)),
};
/** --only load,history,metadata,changes,submit: a part of the run while investigating (the budgets of the other parts are skipped). */
const ONLY = flag("--only") ? new Set(String(option("--only", "")).split(",")) : null;
const want = (part) => ONLY === null || ONLY.has(part);

async function main() {
  if (flag("--help") || flag("-h")) {
    // The usage is the header comment above, not a run: a run builds and takes minutes.
    const header = readFileSync(fileURLToPath(import.meta.url), "utf8")
      .split("\n")
      .filter((line) => line.startsWith("//"));
    console.log(
      header
        .slice(0, 4)
        .map((line) => line.replace(/^\/\/ ?/, ""))
        .join("\n"),
    );
    return;
  }
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
  const session = await openSession({ controlDir, traceBusy: flag("--busy") });
  const results = {
    date: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model?.trim() ?? "unknown", cores: cpus().length, node: process.version, chromium: session.browser.version() },
    method: "see out/bench.md",
    bundle: { rawBytes: bundle.length, gzipBytes: gzipSync(bundle).length },
    load: {},
    history: {},
    metadata: null,
    submit: null,
    checks: [],
  };
  try {
    if (want("load")) results.load = await measureLoad(session, { latencies: [0, BUDGET.latencyMs], loads: LOADS });
    await session.pg.latency(0);
    if (want("history")) results.history = await measureHistory(session, { loads: HISTORY_LOADS });
    if (want("metadata")) results.metadata = await measureMetadata(session);
    if (want("changes")) results.changes = await measureChanges(session, CHANGES);
    if (want("submit")) results.submit = await measureSubmit(session);
    results.pageErrors = session.errors;
  } finally {
    await session.close();
    rmSync(controlDir, { recursive: true, force: true });
  }

  checkBudgets(results, want);
  const report = markdown(results, { loads: LOADS });
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, "bench.json"), JSON.stringify(results, null, 2));
  writeFileSync(join(OUT, "bench.md"), report);
  process.stdout.write(report);
  const missed = results.checks.filter((c) => !c.ok);
  if (missed.length) {
    console.error(`\n${missed.length} budget(s) missed: ${missed.map((c) => c.name).join("; ")}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
