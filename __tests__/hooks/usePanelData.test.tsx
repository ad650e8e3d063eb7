import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import * as React from "react";
import { act, render } from "@testing-library/react";
import type { LoadedRun, PipelinesRepository } from "../../ApprovalPanel/data/PipelinesRepository";
import type { CurrentUser, HistoryPage, HistoryQuery, PanelConfig, Result, StageRun } from "../../ApprovalPanel/domain/types";
import { usePanelData, type PanelData } from "../../ApprovalPanel/hooks/usePanelData";

const RUN_A = "d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f51";
const RUN_B = "e2f3a4b5-c6d7-4e8f-9a0b-1c2d3e4f5a62";
const STAGE = "2b4d6f8a-1c3e-4a5b-9d7f-0e2c4a6b8d15";
const PIPELINE = "3f6a9c2e-5b8d-4e1a-a7c4-9d2b6e8f1a30";

const user: CurrentUser = { id: "5d0c2a1e-7b3f-4e8a-9c61-2f4d8b7a1e03", name: "Megan Bowen", securityRoleIds: ["a4b3c2d1-e0f9-4a8b-9c7d-6e5f4a3b2c13"] };
const baseConfig: PanelConfig = { requireRejectComment: true, requireApproveComment: false, allowSelfApproval: false, historyPageSize: 2, decisionRelayTable: null };

function run(id: string, name = `Run ${id.slice(0, 4)}`): StageRun {
  return {
    id,
    name,
    artifactName: "ContosoExpenses",
    artifactVersion: "1.0.0.4",
    artifactDevCurrentVersion: null,
    stage: { id: STAGE, name: "Test" },
    sourceEnvironment: null,
    targetEnvironment: null,
    requestedBy: null,
    requestedOn: null,
    startTime: null,
    endTime: null,
    stageRunStatus: null,
    operation: null,
    deploymentNotes: null,
    deploymentSettingsJson: null,
    validationResults: null,
    errorMessage: null,
    approvalStatus: { value: 10, label: "Pending" },
  };
}

function loaded(id: string): LoadedRun {
  return {
    run: run(id),
    runColumns: new Set(["deploymentstagerunid", "name", "artifactname", "approvalstatus"]),
    stage: { ok: true, value: { id: STAGE, name: "Test", pipeline: { id: PIPELINE, name: "Contoso ALM" }, owner: null } },
  };
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A repository whose answers the test releases one by one. */
function fakeRepository() {
  const runs = new Map<string, Deferred<Result<LoadedRun>>>();
  const histories: Array<{ query: HistoryQuery; next: string | null | undefined; answer: Deferred<Result<HistoryPage>> }> = [];
  const repo = {
    loadRun: jest.fn((id: string, _signal?: AbortSignal) => {
      const d = deferred<Result<LoadedRun>>();
      runs.set(id, d);
      return d.promise;
    }),
    isAdministrator: jest.fn(async (_roles: readonly string[], _signal?: AbortSignal) => ({ ok: true, value: false }) as Result<boolean>),
    loadHistory: jest.fn((query: HistoryQuery, _columns: ReadonlySet<string>, next?: string | null) => {
      const answer = deferred<Result<HistoryPage>>();
      histories.push({ query, next, answer });
      return answer.promise;
    }),
    rereadRun: jest.fn(),
    submitDecision: jest.fn(),
    createRelayDecision: jest.fn(),
    getRelayDecision: jest.fn(),
    listRelayDecisions: jest.fn(async (_table: string, _id: string, _signal?: AbortSignal) => ({ ok: true, value: [] })),
  };
  return { repo: repo as unknown as PipelinesRepository & typeof repo, runs, histories };
}

let latest: PanelData;
function Probe(props: { repository: PipelinesRepository; runId: string | null; config?: PanelConfig; signal?: AbortSignal }): React.ReactElement {
  latest = usePanelData(props.repository, props.runId, user, props.config ?? baseConfig, props.signal);
  return <div>{latest.run.status}</div>;
}

const flush = async (): Promise<void> => {
  await act(async () => {
    await Promise.resolve();
  });
};

let consoleError: ReturnType<typeof jest.spyOn>;
beforeEach(() => {
  consoleError = jest.spyOn(console, "error");
});
afterEach(() => {
  // A state update after unmount or outside act() shows up here: none is allowed.
  expect(consoleError).not.toHaveBeenCalled();
  consoleError.mockRestore();
});

describe("usePanelData", () => {
  it("loads the run, the admin check and the relay rows together, then the history with the run's artifact, stage and pipeline", async () => {
    const { repo, runs, histories } = fakeRepository();
    render(<Probe repository={repo} runId={RUN_A} config={{ ...baseConfig, decisionRelayTable: "apnl_approvaldecision" }} />);
    await flush();
    // Wave 1 runs in parallel: nothing waits for the run.
    expect(repo.loadRun).toHaveBeenCalledTimes(1);
    expect(repo.isAdministrator).toHaveBeenCalledWith(user.securityRoleIds, expect.anything());
    expect(repo.listRelayDecisions).toHaveBeenCalledWith("apnl_approvaldecision", RUN_A, expect.anything());
    expect(repo.loadHistory).not.toHaveBeenCalled();
    expect(latest.run.status).toBe("loading");

    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: loaded(RUN_A) }));
    expect(latest.run.status).toBe("ready");
    expect(latest.isAdministrator).toEqual({ status: "ready", value: false });
    expect(histories).toHaveLength(1);
    expect(histories[0].query).toEqual({ scope: "pipeline", artifactName: "ContosoExpenses", pipelineId: PIPELINE, stageId: STAGE, pageSize: 2 });
    await act(async () => histories[0].answer.resolve({ ok: true, value: { rows: [run(RUN_B)], next: "cursor-2" } }));
    expect(latest.history.status).toBe("ready");
    expect(latest.history.rows.map((r) => r.id)).toEqual([RUN_B]);
  });

  it("does not ask for relay rows when no relay table is configured", async () => {
    const { repo } = fakeRepository();
    render(<Probe repository={repo} runId={RUN_A} />);
    await flush();
    expect(repo.listRelayDecisions).not.toHaveBeenCalled();
    expect(latest.relayDecisions.status).toBe("idle");
  });

  it("ignores the answer for a record the form no longer shows", async () => {
    const { repo, runs } = fakeRepository();
    const view = render(<Probe repository={repo} runId={RUN_A} />);
    await flush();
    view.rerender(<Probe repository={repo} runId={RUN_B} />);
    await flush();
    await act(async () => runs.get(RUN_B)!.resolve({ ok: true, value: loaded(RUN_B) }));
    // The old record's answer arrives last and must not replace the new one.
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: loaded(RUN_A) }));
    expect(latest.run.status === "ready" && latest.run.value.run.id).toBe(RUN_B);
    const firstSignal = repo.loadRun.mock.calls[0][1] as AbortSignal;
    expect(firstSignal.aborted).toBe(true);
  });

  it("re-renders with the same record do not load again", async () => {
    const { repo, runs } = fakeRepository();
    const view = render(<Probe repository={repo} runId={RUN_A} config={{ ...baseConfig }} />);
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: loaded(RUN_A) }));
    view.rerender(<Probe repository={repo} runId={RUN_A} config={{ ...baseConfig }} />);
    view.rerender(<Probe repository={repo} runId={RUN_A} config={{ ...baseConfig }} />);
    await flush();
    expect(repo.loadRun).toHaveBeenCalledTimes(1);
    expect(repo.isAdministrator).toHaveBeenCalledTimes(1);
  });

  it("stops updating state once the dispose signal fires", async () => {
    const { repo, runs } = fakeRepository();
    const dispose = new AbortController();
    render(<Probe repository={repo} runId={RUN_A} signal={dispose.signal} />);
    await flush();
    dispose.abort();
    expect((repo.loadRun.mock.calls[0][1] as AbortSignal).aborted).toBe(true);
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: loaded(RUN_A) }));
    expect(latest.run.status).toBe("loading");
    expect(repo.loadHistory).not.toHaveBeenCalled();
  });

  it("a failed run load is a panel-level error with a retry", async () => {
    const { repo, runs } = fakeRepository();
    render(<Probe repository={repo} runId={RUN_A} />);
    await act(async () => runs.get(RUN_A)!.resolve({ ok: false, error: { kind: "offline" } }));
    expect(latest.run).toEqual({ status: "error", error: { kind: "offline" } });
    act(() => latest.retryRun());
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: loaded(RUN_A) }));
    expect(latest.run.status).toBe("ready");
  });

  it("a failed history page degrades only the history, and Retry loads it again", async () => {
    const { repo, runs, histories } = fakeRepository();
    render(<Probe repository={repo} runId={RUN_A} />);
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: loaded(RUN_A) }));
    await act(async () => histories[0].answer.resolve({ ok: false, error: { kind: "server", status: 500 } }));
    expect(latest.run.status).toBe("ready");
    expect(latest.history.status).toBe("error");
    act(() => latest.retryHistory());
    await act(async () => histories[1].answer.resolve({ ok: true, value: { rows: [run(RUN_B)], next: null } }));
    expect(latest.history.status).toBe("ready");
    expect(latest.history.error).toBeNull();
  });

  it("Load more appends the next page; switching scope starts over with the stage filter", async () => {
    const { repo, runs, histories } = fakeRepository();
    render(<Probe repository={repo} runId={RUN_A} />);
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: loaded(RUN_A) }));
    await act(async () => histories[0].answer.resolve({ ok: true, value: { rows: [run("0a1b2c3d-4e5f-4061-8a7b-8c9d0e1f2a01")], next: "page-2" } }));
    act(() => latest.loadMoreHistory());
    expect(histories[1].next).toBe("page-2");
    await act(async () => histories[1].answer.resolve({ ok: true, value: { rows: [run("1b2c3d4e-5f60-4172-9b8c-9d0e1f2a3b02")], next: null } }));
    expect(latest.history.rows).toHaveLength(2);
    expect(latest.history.next).toBeNull();

    act(() => latest.setHistoryScope("stage"));
    expect(histories[2].query.scope).toBe("stage");
    expect(histories[2].next).toBeNull();
    await act(async () => histories[2].answer.resolve({ ok: true, value: { rows: [], next: null } }));
    expect(latest.history.rows).toHaveLength(0);
    expect(latest.history.scope).toBe("stage");
  });

  it("a run without a stage has no history to load", async () => {
    const { repo, runs } = fakeRepository();
    render(<Probe repository={repo} runId={RUN_A} />);
    const value = loaded(RUN_A);
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: { ...value, run: { ...value.run, stage: null }, stage: { ok: true, value: null } } }));
    expect(repo.loadHistory).not.toHaveBeenCalled();
    expect(latest.history.status).toBe("unavailable");
  });
});
