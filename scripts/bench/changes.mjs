// The bench's What changes: the owner-pending run's artifact and its baseline's (the seed's 1.4.2.0 and 1.4.1.0 rows)
// replaced by two versions of a generated real-shaped solution (scripts/bench/solutions.mjs), then, in the same page and
// the same run, click → comparison shown against what the least a reader must do costs: download both files the way the
// panel does (Range requests of 4 MB), inflate their solution.xml and customizations.xml and parse each once with DOMParser.
// Long tasks: the Long Tasks API (PerformanceObserver "longtask", every task over 50 ms) from the click to the result.
import fakehost from "../../fakehost/index.cjs";
import { realShapedPair } from "./solutions.mjs";
import { median, round } from "./util.mjs";

const { EXPENSES_ARTIFACTS } = fakehost;
const MiB = 1024 * 1024;

/** Runs in the page: the reference reader, timed. Returns its time and that of its downloads alone. */
async function reference({ ids, chunk }) {
  const t0 = performance.now();
  const zips = [];
  for (const id of ids) {
    const url = `/api/data/v9.2/deploymentartifacts(${id})/artifactfile/$value`;
    const parts = [];
    for (let from = 0, total = Infinity; from < total;) {
      const res = await fetch(url, { credentials: "same-origin", headers: { Range: `bytes=${from}-${from + chunk - 1}` } });
      const bytes = new Uint8Array(await res.arrayBuffer());
      total = res.status === 200 ? bytes.length : Number(res.headers.get("x-ms-file-size"));
      parts.push(bytes);
      from += bytes.length;
    }
    const zip = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (zip.set(p, at), at + p.length), 0);
    zips.push(zip);
  }
  const downloadMs = performance.now() - t0;
  const roots = [];
  for (const zip of zips) {
    const view = new DataView(zip.buffer);
    let end = zip.length - 22;
    while (view.getUint32(end, true) !== 0x06054b50) end--;
    for (let at = view.getUint32(end + 16, true), n = view.getUint16(end + 10, true); n > 0; n--) {
      const nameLength = view.getUint16(at + 28, true);
      const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
      if (name === "solution.xml" || name === "customizations.xml") {
        const local = view.getUint32(at + 42, true);
        const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
        const data = zip.subarray(start, start + view.getUint32(at + 20, true));
        const inflated =
          view.getUint16(at + 10, true) === 0
            ? data
            : new Uint8Array(await new Response(new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).arrayBuffer());
        roots.push(new DOMParser().parseFromString(new TextDecoder().decode(inflated), "application/xml").documentElement.localName);
      }
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
  }
  if (roots.length !== 4 || roots.some((r) => r !== "ImportExportXml")) throw new Error(`The reference read ${roots.join(", ")}.`);
  return { downloadMs, totalMs: performance.now() - t0 };
}

/** Runs in the page before the click: the click's time, the time the result shows, and every long task between. */
function watch() {
  const w = { clickAt: null, shownAt: null, tasks: [], statuses: [] };
  window.__changes = w;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (w.shownAt === null) w.tasks.push({ at: e.startTime, ms: e.duration });
  }).observe({ type: "longtask", buffered: false });
  document.addEventListener("click", () => (w.clickAt ??= performance.now()), { capture: true, once: true });
  new MutationObserver((_, observer) => {
    const status = document.querySelector("[data-changes-status]")?.getAttribute("data-changes-status");
    if (status !== w.statuses.at(-1)?.[0]) w.statuses.push([status, performance.now()]);
    if (document.querySelector('[data-changes-status="done"], [data-changes-status="failed"]')) {
      w.shownAt = performance.now();
      observer.disconnect();
    }
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-changes-status"] });
}

/**
 * @param {Awaited<ReturnType<typeof import("./session.mjs").openSession>>} s
 * @param {{ sizesMiB: number[], runs: number, latencyMs: number }} options
 */
export async function measureChanges(s, { sizesMiB, runs, latencyMs }) {
  const { pg, open, page, heap } = s;
  // A full collection, then a second of quiet in the page: the collector frees DOM wrappers in tasks it posts after.
  const collect = async () => {
    await heap();
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1000)));
  };
  const out = {};
  for (const size of sizesMiB) {
    const pair = realShapedPair(size * MiB);
    const samples = [];
    for (let i = 0; i < runs; i++) {
      await pg.reset();
      pg.putArtifact(EXPENSES_ARTIFACTS["1.4.1.0"], pair.baseline, "ContosoOperations_3_1_0_0_managed.zip");
      pg.putArtifact(EXPENSES_ARTIFACTS["1.4.2.0"], pair.current, "ContosoOperations_3_2_0_0_managed.zip");
      await pg.latency(latencyMs);
      await open({ scenario: "owner-pending" });
      const section = page.locator("#pg-panel").getByRole("region", { name: /^What changes in / });
      // A full collection first, and again before the reference: a trace showed the reading's longest tasks were the collector
      // freeing what came before (the reference's DOMParser documents, the last page), 150 to 320 ms each, not the reading's work.
      await collect();
      await page.evaluate(watch);
      await section.getByRole("button", { name: "Show what changes" }).click();
      await page.waitForFunction(() => window.__changes.shownAt !== null, null, { timeout: 120_000 });
      const status = await section.locator("[data-changes-status]").first().getAttribute("data-changes-status");
      const w = await page.evaluate(() => window.__changes);
      await collect();
      const ref = await page.evaluate(reference, { ids: [EXPENSES_ARTIFACTS["1.4.2.0"], EXPENSES_ARTIFACTS["1.4.1.0"]], chunk: 4 * MiB });
      // Where the longest task fell: its start after the click, and the section's state then (downloading, reading, done).
      const longest = w.tasks.reduce((a, t) => (t.ms > (a?.ms ?? 0) ? t : a), null);
      const during = longest && w.statuses.filter(([, t]) => t <= longest.at).at(-1)?.[0];
      samples.push({
        status,
        longestTaskAt: longest ? `${round(longest.at - w.clickAt)} ms after the click, while ${during ?? "idle"}` : null,
        shownMs: w.shownAt - w.clickAt,
        longestTaskMs: Math.max(0, ...w.tasks.map((t) => t.ms)),
        longTasks: w.tasks.length,
        referenceMs: ref.totalMs,
        referenceDownloadMs: ref.downloadMs,
      });
      await pg.latency(0);
    }
    const shownMs = median(samples.map((x) => x.shownMs));
    const referenceMs = median(samples.map((x) => x.referenceMs));
    out[`${size}MiB`] = {
      sizeMiB: size,
      latencyMs,
      zipBytes: [pair.baseline.length, pair.current.length],
      status: samples.map((x) => x.status).join(", "),
      shownMs: round(shownMs),
      shownMsRange: [round(Math.min(...samples.map((x) => x.shownMs))), round(Math.max(...samples.map((x) => x.shownMs)))],
      referenceMs: round(referenceMs),
      referenceDownloadMs: round(median(samples.map((x) => x.referenceDownloadMs))),
      ratio: round(shownMs / referenceMs, 2),
      longestTaskMs: round(Math.max(...samples.map((x) => x.longestTaskMs))),
      longTasks: Math.max(...samples.map((x) => x.longTasks)),
      longestTaskAt: samples.map((x) => x.longestTaskAt),
      runs,
    };
  }
  return out;
}
