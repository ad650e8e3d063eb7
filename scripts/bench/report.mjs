// The bench's report: out/bench.md.
export function markdown(r, { loads }) {
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
  for (const c of Object.values(r.changes ?? {})) {
    lines.push(
      `| what changes, ${c.sizeMiB} MB customizations.xml (zips ${kb(c.zipBytes[0])}, ${kb(c.zipBytes[1])}) at ${c.latencyMs} ms latency, ${c.runs} runs: click → shown (median, min–max) / reference (its downloads) / longest task, long tasks | ${c.shownMs} ms (${c.shownMsRange[0]}–${c.shownMsRange[1]}) / ${c.referenceMs} ms (${c.referenceDownloadMs}) / ${c.longestTaskMs} ms, ${c.longTasks} (${c.status}) |`,
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
    `- Latency: the emulator's latency fault on every Web API request. Loads: ${loads} per latency after one warm-up, each a fresh page.`,
    '- History: runs created through the emulator\'s Web API (POST) for one artifact; render time is from the end of the history request to its rows being in the DOM; "reopened" opens the same record again in the same page after loading every page.',
    "- Heap: CDP `HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage` (used size, whole page including the platform libraries).",
    "- What changes: the owner-pending run's artifact and its baseline's replaced by two versions of a generated solution in the shape of a real export (tables with their columns, forms, views, roles, choices); click → shown is timed in the page, from the click to the section's result; the reference, in the same page right after, downloads both files in 4 MB Range requests, inflates their solution.xml and customizations.xml and parses each with DOMParser; long tasks are the Long Tasks API's (over 50 ms) between the click and the result.",
    "- Submit: the stage owner approves a pending run (emulator reset before each of 3 runs); requests counted from the click on Confirm until the outcome is shown and the reload has settled.",
    "",
  );
  return lines.join("\n");
}
