// The bench's form load: requests, waves and times at 0 ms and at the budget's latency, each load a fresh page.
import { median, round, waves } from "./util.mjs";

/** @param {Awaited<ReturnType<typeof import("./session.mjs").openSession>>} s */
export async function measureLoad(s, { latencies, loads }) {
  const { pg, open, bench, ofInstance, page } = s;
  const out = {};
  await pg.reset();
  for (const latency of latencies) {
    await pg.latency(latency);
    const samples = [];
    for (let i = 0; i <= loads; i++) {
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
    out[`${latency}ms`] = {
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

  return out;
}
