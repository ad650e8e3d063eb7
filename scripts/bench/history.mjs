// The bench's run history: 20, 200 and 2000 runs created through the emulator's Web API, the first page's render, paging
// through all of them, and the first page again in the same page session.
import fakehost from "../../fakehost/index.cjs";
import { median, round } from "./util.mjs";

const { STAGES, USERS } = fakehost;
export const HISTORY_TOTALS = [20, 200, 2000];

/** @param {Awaited<ReturnType<typeof import("./session.mjs").openSession>>} s */
export async function measureHistory(s, { loads }) {
  const { pg, open, bench, ofInstance, page, heap, settle, nodeCount, historyRequestsOf, url } = s;
  const results = { history: {} };

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
              "deploymentstageid@odata.bind": `/deploymentstages(${STAGES.expensesProd})`,
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
    for (let i = 0; i <= loads; i++) {
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

  return results.history;
}
