/** The panel's load as a plain store: waves, parts, paging, keep-on-failure, reload, retry, dispose. No React. */
import { describe, expect, it } from "@jest/globals";
import { createFakeRepository, FAKE, fakeLoadedRun, fakeRun } from "../support/fakeRepository";
import { baseConfig, flush, startLoaded, startLoader, startWithRun, user, type LoaderProbe } from "./panelLoaderHarness";

const { runA: RUN_A, runB: RUN_B } = FAKE;
const [FIRST, SECOND, THIRD] = ["0a1b2c3d-4e5f-4061-8a7b-8c9d0e1f2a01", "1b2c3d4e-5f60-4172-9b8c-9d0e1f2a3b02", "2c3d4e5f-6071-4283-8c9d-0e1f2a3b4c03"];

/** Retry of a part whose read still fails: the part shows loading, then the failure. */
async function expectRetryStillOffline(probe: LoaderProbe, part: "policy" | "relay", field: "policy" | "relayDecisions"): Promise<void> {
  probe.loader.retry(part);
  expect(probe.state[field].status).toBe("loading");
  await flush();
  expect(probe.state[field]).toEqual({ status: "error", error: { kind: "offline" } });
}

describe("createPanelLoader", () => {
  it("a repository that throws degrades the part instead of leaving it loading", async () => {
    const { repo } = createFakeRepository({
      loadRun: () => Promise.reject(new TypeError("Failed to fetch")),
      isAdministrator: async () => {
        throw new Error("bug");
      },
    });
    const probe = startLoader(repo);
    await flush();
    expect(probe.state.run).toMatchObject({ status: "error", error: { kind: "offline" } });
    expect(probe.state.isAdministrator).toMatchObject({ status: "error", error: { kind: "unknown" } });
  });

  it("a failed run load is a panel-level error with a retry", async () => {
    const { repo, runs } = createFakeRepository();
    const probe = startLoader(repo);
    runs.get(RUN_A)!.resolve({ ok: false, error: { kind: "offline" } });
    await flush();
    expect(probe.state.run).toEqual({ status: "error", error: { kind: "offline" } });
    probe.loader.retry("run");
    expect(probe.state.run.status).toBe("loading");
    runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) });
    await flush();
    expect(probe.state.run.status).toBe("ready");
  });

  it("a failed reload of the run keeps the copy shown, and says it is refreshing meanwhile", async () => {
    const { runs, probe } = await startWithRun();
    const shown = probe.state.run;
    const done = probe.loader.reload();
    expect(probe.state.refreshing).toBe(true);
    runs.get(RUN_A)!.resolve({ ok: false, error: { kind: "timeout" } });
    await done;
    expect(probe.state.run).toBe(shown);
    expect(probe.state.refreshing).toBe(false);
  });

  it("a failed history page degrades only the history, and Retry loads it again", async () => {
    const { histories, probe } = await startLoaded({ ok: false, error: { kind: "server", status: 500 } });
    expect(probe.state.run.status).toBe("ready");
    expect(probe.state.history.status).toBe("error");
    probe.loader.retry("history");
    histories[1].answer.resolve({ ok: true, value: { rows: [fakeRun(RUN_B)], next: null } });
    await flush();
    expect(probe.state.history.status).toBe("ready");
    expect(probe.state.history.error).toBeNull();
  });

  it("Load more appends the next page; switching scope starts over with the stage filter", async () => {
    const { histories, probe } = await startLoaded({ ok: true, value: { rows: [fakeRun(FIRST)], next: "page-2" } });
    probe.loader.loadMore();
    expect(histories[1].next).toBe("page-2");
    histories[1].answer.resolve({ ok: true, value: { rows: [fakeRun(SECOND)], next: null } });
    await flush();
    expect(probe.state.history.rows).toHaveLength(2);
    expect(probe.state.history.next).toBeNull();

    probe.loader.setScope("stage");
    expect(histories[2].query.scope).toBe("stage");
    expect(histories[2].next).toBeNull();
    histories[2].answer.resolve({ ok: true, value: { rows: [], next: null } });
    await flush();
    expect(probe.state.history.rows).toHaveLength(0);
    expect(probe.state.history.scope).toBe("stage");
  });

  it("a page that overlaps the rows shown keeps each row once, in its place, as the page's fresher copy", async () => {
    const { histories, probe } = await startLoaded({ ok: true, value: { rows: [fakeRun(FIRST), fakeRun(SECOND)], next: "page-2" } });
    probe.loader.loadMore();
    const decided = fakeRun(SECOND.toUpperCase(), { approvalStatus: { value: 20, label: "Approved" } });
    histories[1].answer.resolve({ ok: true, value: { rows: [decided, fakeRun(THIRD)], next: "page-3" } });
    await flush();
    expect(probe.state.history.rows.map((r) => [r.id.toLowerCase(), r.approvalStatus?.value])).toEqual([
      [FIRST, 10],
      [SECOND, 20],
      [THIRD, 10],
    ]);
    // A page of rows all shown already adds none.
    probe.loader.loadMore();
    histories[2].answer.resolve({ ok: true, value: { rows: [fakeRun(SECOND), fakeRun(THIRD)], next: null } });
    await flush();
    expect(probe.state.history.rows.map((r) => r.id.toLowerCase())).toEqual([FIRST, SECOND, THIRD]);
    expect(probe.state.history.next).toBeNull();
  });

  it("a failed reload of the history keeps its rows, paging and the scope the host narrowed it to", async () => {
    const { runs, histories, probe } = await startLoaded({
      ok: true,
      value: { rows: [fakeRun(FIRST), fakeRun(SECOND)], next: "page-2", scope: "stage" },
    });
    const shown = probe.state.history;
    expect(shown).toMatchObject({ effectiveScope: "stage", pipelineScopeAvailable: false });

    const done = probe.loader.reload();
    runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) });
    await flush();
    expect(probe.state.history.rows).toBe(shown.rows);
    histories[1].answer.resolve({ ok: false, error: { kind: "offline" } });
    await done;
    expect(probe.state.history).toEqual(shown);
    // Paging goes on from the page shown.
    probe.loader.loadMore();
    expect(histories[2].next).toBe("page-2");
  });

  it("a run without a stage has no history to load", async () => {
    const { repo, runs } = createFakeRepository();
    const probe = startLoader(repo);
    const value = fakeLoadedRun(RUN_A);
    runs.get(RUN_A)!.resolve({ ok: true, value: { ...value, run: { ...value.run, stage: null }, stage: { ok: true, value: null } } });
    await flush();
    expect(repo.loadHistory).not.toHaveBeenCalled();
    expect(probe.state.history.status).toBe("unavailable");
  });

  it("the last deployment and the policy keep what is shown on a failed reload; Retry shows the failure", async () => {
    const { repo, runs, histories, probe } = await startWithRun({ config: { ...baseConfig, approvalPolicyTable: "apnl_approvalpolicy" } });
    expect(repo.loadPolicy).toHaveBeenCalledWith("apnl_approvalpolicy", FAKE.stage, expect.anything());
    expect(probe.state.lastDeployment).toEqual({ status: "ready", value: null });
    expect(probe.state.policy.status).toBe("ready");
    const policy = probe.state.policy;

    repo.loadLastDeployment.mockResolvedValue({ ok: false, error: { kind: "offline" } });
    repo.loadPolicy.mockResolvedValue({ ok: false, error: { kind: "offline" } });
    const done = probe.loader.reload();
    runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) });
    await flush();
    histories[1].answer.resolve({ ok: true, value: { rows: [], next: null } });
    await done;
    expect(probe.state.lastDeployment).toEqual({ status: "ready", value: null });
    expect(probe.state.policy).toBe(policy);

    await expectRetryStillOffline(probe, "policy", "policy");
  });

  it("refreshing the relay rows keeps the list shown when the read fails; Retry shows the failure", async () => {
    const { repo } = createFakeRepository();
    const probe = startLoader(repo, { config: { ...baseConfig, decisionRelayTable: "apnl_approvaldecision" } });
    await flush();
    const rows = probe.state.relayDecisions;
    expect(rows).toEqual({ status: "ready", value: [] });
    repo.listRelayDecisions.mockResolvedValue({ ok: false, error: { kind: "offline" } });
    probe.loader.refreshRelayDecisions();
    await flush();
    expect(probe.state.relayDecisions).toBe(rows);
    await expectRetryStillOffline(probe, "relay", "relayDecisions");
  });

  it("the same inputs again load nothing and hand on no state; a new relay table reloads only the relay rows", async () => {
    const { repo, probe } = await startWithRun();
    const handedOn = probe.states.length;
    probe.load();
    expect(probe.states).toHaveLength(handedOn);
    probe.load({ config: { ...baseConfig, decisionRelayTable: "apnl_approvaldecision" } });
    await flush();
    expect(repo.listRelayDecisions).toHaveBeenCalledTimes(1);
    expect([repo.loadRun, repo.isAdministrator, repo.loadHistory].map((read) => read.mock.calls.length)).toEqual([1, 1, 1]);
    expect(probe.state.run.status).toBe("ready");
  });

  it("a new page size starts the run over and keeps the history scope the user chose", async () => {
    const { repo, runs, histories, probe } = await startWithRun();
    probe.loader.setScope("stage");
    probe.load({ config: { ...baseConfig, historyPageSize: 5 } });
    expect(probe.state.run.status).toBe("loading");
    expect(probe.state.history).toMatchObject({ status: "idle", rows: [], scope: "stage" });
    expect(repo.isAdministrator).toHaveBeenCalledTimes(1);
    runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) });
    await flush();
    expect(histories[histories.length - 1].query).toMatchObject({ scope: "stage", pageSize: 5 });
  });

  it("after dispose no request starts and no answer is handed on", async () => {
    const { repo, runs } = createFakeRepository();
    const probe = startLoader(repo, { user: { ...user, id: "6e1d3b2f-8c4a-4f9b-8d72-3a5e9c8b2f14" } });
    probe.loader.dispose();
    expect((repo.loadRun.mock.calls[0][1] as AbortSignal).aborted).toBe(true);
    const handedOn = probe.states.length;
    runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) });
    await flush();
    probe.load({ runId: RUN_B });
    probe.loader.retry("run");
    await probe.loader.reload();
    expect(probe.states).toHaveLength(handedOn);
    expect(repo.loadRun).toHaveBeenCalledTimes(1);
    expect(repo.loadHistory).not.toHaveBeenCalled();
  });

  it("the control's dispose signal stops the loader, also when it fired before the first load", async () => {
    const { repo, runs } = createFakeRepository();
    const dispose = new AbortController();
    const probe = startLoader(repo, { disposeSignal: dispose.signal });
    dispose.abort();
    expect((repo.loadRun.mock.calls[0][1] as AbortSignal).aborted).toBe(true);
    runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) });
    await flush();
    expect(probe.state.run.status).toBe("loading");

    const late = startLoader(repo, { disposeSignal: dispose.signal, runId: RUN_B });
    expect((repo.loadRun.mock.calls[1][1] as AbortSignal).aborted).toBe(true);
    late.loader.retry("run");
    expect(repo.loadRun).toHaveBeenCalledTimes(2);
  });
});
