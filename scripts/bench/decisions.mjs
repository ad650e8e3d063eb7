// The bench's page session and decision: roles and metadata asked once over several records, and what a decision sends.
import fakehost from "../../fakehost/index.cjs";
import { median, round, sleep, waves } from "./util.mjs";

const { RUNS } = fakehost;

/** Roles and metadata requests over six loads of the control in one page. */
export async function measureMetadata(s) {
  const { pg, open, bench, page, settle } = s;
  const results = {};

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

  return results.metadata;
}

/** Confirm → outcome: the stage owner approves the pending run, three times. */
export async function measureSubmit(s) {
  const { pg, open, bench, page } = s;
  const results = {};

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

  return results.submit;
}
