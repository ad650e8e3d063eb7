/**
 * Request economy of usePanelData: the second wave starts before the run is rendered, and a reload after the
 * user's own decision reads only the run (its history row is updated from it).
 */
import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import * as React from "react";
import { act, render } from "@testing-library/react";
import type { LoadedRun, PipelinesRepository } from "../../ApprovalPanel/data/PipelinesRepository";
import type { CurrentUser, HistoryPage, HistoryQuery, PanelConfig, Result, StageRun } from "../../ApprovalPanel/domain/types";
import { usePanelData, type PanelData } from "../../ApprovalPanel/hooks/usePanelData";

// What the panel asks for after the user's own decision, and in which order it starts its requests
// (npm run bench counts both: submit ≤ 3 requests, load ≤ 2 waves).

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
/** History requests already made when each render showed the run as ready. */
let historyCallsWhenRunShown: number[] = [];
function Probe(props: { repository: PipelinesRepository & { loadHistory: { mock: { calls: unknown[] } } }; runId: string | null; config?: PanelConfig }): React.ReactElement {
  latest = usePanelData(props.repository, props.runId, user, props.config ?? baseConfig);
  if (latest.run.status === "ready") historyCallsWhenRunShown.push(props.repository.loadHistory.mock.calls.length);
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

describe("usePanelData request economy", () => {
  beforeEach(() => {
    historyCallsWhenRunShown = [];
  });

  it("asks for the history page before the loaded run is first rendered", async () => {
    const { repo, runs } = fakeRepository();
    render(<Probe repository={repo} runId={RUN_A} />);
    await flush();
    expect(repo.loadHistory).not.toHaveBeenCalled();
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: loaded(RUN_A) }));
    expect(historyCallsWhenRunShown.length).toBeGreaterThan(0);
    expect(historyCallsWhenRunShown[0]).toBe(1);
  });

  it("after the user's own decision: re-reads the run only and updates its row in the history, keeping the other rows and paging", async () => {
    const { repo, runs, histories } = fakeRepository();
    render(<Probe repository={repo} runId={RUN_A} />);
    await flush();
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: loaded(RUN_A) }));
    await act(async () => histories[0].answer.resolve({ ok: true, value: { rows: [run(RUN_A), run(RUN_B)], next: "?$skiptoken=2" } }));
    expect(latest.history.rows.map((r) => r.approvalStatus?.value)).toEqual([10, 10]);

    let done: Promise<void> = Promise.resolve();
    act(() => {
      done = latest.reload({ history: false });
    });
    const decided = loaded(RUN_A.toUpperCase());
    decided.run = { ...decided.run, id: RUN_A, approvalStatus: { value: 20, label: "Approved" } };
    await act(async () => {
      runs.get(RUN_A)!.resolve({ ok: true, value: decided });
      await done;
    });

    expect(repo.loadRun).toHaveBeenCalledTimes(2);
    expect(repo.loadHistory).toHaveBeenCalledTimes(1);
    expect(latest.run).toMatchObject({ status: "ready", value: { run: { approvalStatus: { value: 20 } } } });
    expect(latest.history.rows.map((r) => [r.id, r.approvalStatus?.value])).toEqual([
      [RUN_A, 20],
      [RUN_B, 10],
    ]);
    expect(latest.history.next).toBe("?$skiptoken=2");
  });

  it("a plain reload still reads the first history page again", async () => {
    const { repo, runs, histories } = fakeRepository();
    render(<Probe repository={repo} runId={RUN_A} />);
    await flush();
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: loaded(RUN_A) }));
    await act(async () => histories[0].answer.resolve({ ok: true, value: { rows: [run(RUN_A)], next: null } }));
    act(() => {
      void latest.reload();
    });
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: loaded(RUN_A) }));
    expect(repo.loadHistory).toHaveBeenCalledTimes(2);
    await act(async () => histories[1].answer.resolve({ ok: true, value: { rows: [run(RUN_A)], next: null } }));
  });

  it("after a decision while the history had failed, the history is read again", async () => {
    const { repo, runs, histories } = fakeRepository();
    render(<Probe repository={repo} runId={RUN_A} />);
    await flush();
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: loaded(RUN_A) }));
    await act(async () => histories[0].answer.resolve({ ok: false, error: { kind: "server" } }));
    act(() => {
      void latest.reload({ history: false });
    });
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: loaded(RUN_A) }));
    expect(repo.loadHistory).toHaveBeenCalledTimes(2);
    await act(async () => histories[1].answer.resolve({ ok: true, value: { rows: [run(RUN_A)], next: null } }));
    expect(latest.history.status).toBe("ready");
  });
});
