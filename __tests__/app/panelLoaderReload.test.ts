/**
 * Request economy of the panel loader: the second wave starts before the run is handed on to be rendered, and a
 * reload after the user's own decision reads only the run (its history row is updated from it).
 */
import { describe, expect, it } from "@jest/globals";
import { createFakeRepository, FAKE, fakeLoadedRun, fakeRun } from "../support/fakeRepository";
import { flush, startLoaded, startLoader } from "./panelLoaderHarness";

// What the panel asks for after the user's own decision, and in which order it starts its requests
// (npm run bench counts both: submit ≤ 3 requests, load ≤ 2 waves).

const { runA: RUN_A, runB: RUN_B } = FAKE;

describe("panel loader request economy", () => {
  it("asks for the history page before the loaded run is first handed on to be rendered", async () => {
    const { repo, runs } = createFakeRepository();
    /** History requests already made when each state handed on showed the run as ready. */
    const historyCallsWhenRunShown: number[] = [];
    startLoader(repo, {}, (state) => {
      if (state.run.status === "ready") historyCallsWhenRunShown.push(repo.loadHistory.mock.calls.length);
    });
    await flush();
    expect(repo.loadHistory).not.toHaveBeenCalled();
    runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) });
    await flush();
    expect(historyCallsWhenRunShown.length).toBeGreaterThan(0);
    expect(historyCallsWhenRunShown[0]).toBe(1);
  });

  it("after the user's own decision: re-reads the run only and updates its row in the history, keeping the other rows and paging", async () => {
    const { repo, runs, probe } = await startLoaded({ ok: true, value: { rows: [fakeRun(RUN_A), fakeRun(RUN_B)], next: "?$skiptoken=2" } });
    expect(probe.state.history.rows.map((r) => r.approvalStatus?.value)).toEqual([10, 10]);

    const done = probe.loader.reload({ history: false });
    const decided = fakeLoadedRun(RUN_A.toUpperCase());
    decided.run = { ...decided.run, id: RUN_A, approvalStatus: { value: 20, label: "Approved" } };
    runs.get(RUN_A)!.resolve({ ok: true, value: decided });
    await done;

    expect(repo.loadRun).toHaveBeenCalledTimes(2);
    expect(repo.loadHistory).toHaveBeenCalledTimes(1);
    expect(probe.state.run).toMatchObject({ status: "ready", value: { run: { approvalStatus: { value: 20 } } } });
    expect(probe.state.history.rows.map((r) => [r.id, r.approvalStatus?.value])).toEqual([
      [RUN_A, 20],
      [RUN_B, 10],
    ]);
    expect(probe.state.history.next).toBe("?$skiptoken=2");
  });

  it("a plain reload still reads the first history page again", async () => {
    const { repo, runs, histories, probe } = await startLoaded({ ok: true, value: { rows: [fakeRun(RUN_A)], next: null } });
    void probe.loader.reload();
    runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) });
    await flush();
    expect(repo.loadHistory).toHaveBeenCalledTimes(2);
    histories[1].answer.resolve({ ok: true, value: { rows: [fakeRun(RUN_A)], next: null } });
    await flush();
  });

  it("after a decision while the history had failed, the history is read again", async () => {
    const { repo, runs, histories, probe } = await startLoaded({ ok: false, error: { kind: "server" } });
    void probe.loader.reload({ history: false });
    runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) });
    await flush();
    expect(repo.loadHistory).toHaveBeenCalledTimes(2);
    histories[1].answer.resolve({ ok: true, value: { rows: [fakeRun(RUN_A)], next: null } });
    await flush();
    expect(probe.state.history.status).toBe("ready");
  });
});
