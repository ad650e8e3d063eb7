/**
 * Request economy of usePanelData: the second wave starts before the run is rendered, and a reload after the
 * user's own decision reads only the run (its history row is updated from it).
 */
import { beforeEach, describe, expect, it } from "@jest/globals";
import * as React from "react";
import { act, render } from "@testing-library/react";
import type { CurrentUser, PanelConfig } from "../../ApprovalPanel/domain/types";
import { usePanelData, type PanelData } from "../../ApprovalPanel/hooks/usePanelData";
import { createFakeRepository, FAKE, fakeLoadedRun, fakeRun, type FakeRepository } from "../support/fakeRepository";
import { expectNoConsoleErrors } from "../support/panel";

// What the panel asks for after the user's own decision, and in which order it starts its requests
// (npm run bench counts both: submit ≤ 3 requests, load ≤ 2 waves).

const { runA: RUN_A, runB: RUN_B } = FAKE;

const user: CurrentUser = { id: "5d0c2a1e-7b3f-4e8a-9c61-2f4d8b7a1e03", name: "Megan Bowen", securityRoleIds: ["a4b3c2d1-e0f9-4a8b-9c7d-6e5f4a3b2c13"] };
const baseConfig: PanelConfig = {
  requireRejectComment: true,
  requireApproveComment: false,
  allowSelfApproval: false,
  historyPageSize: 2,
  decisionRelayTable: null,
  approvalPolicyTable: null,
};

let latest: PanelData;
/** History requests already made when each render showed the run as ready. */
let historyCallsWhenRunShown: number[] = [];
function Probe(props: { repository: FakeRepository; runId: string | null; config?: PanelConfig }): React.ReactElement {
  latest = usePanelData(props.repository, props.runId, user, props.config ?? baseConfig);
  if (latest.run.status === "ready") historyCallsWhenRunShown.push(props.repository.loadHistory.mock.calls.length);
  return <div>{latest.run.status}</div>;
}

const flush = async (): Promise<void> => {
  await act(async () => {
    await Promise.resolve();
  });
};

// A state update after unmount or outside act() shows up here: none is allowed.
expectNoConsoleErrors();

describe("usePanelData request economy", () => {
  beforeEach(() => {
    historyCallsWhenRunShown = [];
  });

  it("asks for the history page before the loaded run is first rendered", async () => {
    const { repo, runs } = createFakeRepository();
    render(<Probe repository={repo} runId={RUN_A} />);
    await flush();
    expect(repo.loadHistory).not.toHaveBeenCalled();
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) }));
    expect(historyCallsWhenRunShown.length).toBeGreaterThan(0);
    expect(historyCallsWhenRunShown[0]).toBe(1);
  });

  it("after the user's own decision: re-reads the run only and updates its row in the history, keeping the other rows and paging", async () => {
    const { repo, runs, histories } = createFakeRepository();
    render(<Probe repository={repo} runId={RUN_A} />);
    await flush();
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) }));
    await act(async () => histories[0].answer.resolve({ ok: true, value: { rows: [fakeRun(RUN_A), fakeRun(RUN_B)], next: "?$skiptoken=2" } }));
    expect(latest.history.rows.map((r) => r.approvalStatus?.value)).toEqual([10, 10]);

    let done: Promise<void> = Promise.resolve();
    act(() => {
      done = latest.reload({ history: false });
    });
    const decided = fakeLoadedRun(RUN_A.toUpperCase());
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
    const { repo, runs, histories } = createFakeRepository();
    render(<Probe repository={repo} runId={RUN_A} />);
    await flush();
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) }));
    await act(async () => histories[0].answer.resolve({ ok: true, value: { rows: [fakeRun(RUN_A)], next: null } }));
    act(() => {
      void latest.reload();
    });
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) }));
    expect(repo.loadHistory).toHaveBeenCalledTimes(2);
    await act(async () => histories[1].answer.resolve({ ok: true, value: { rows: [fakeRun(RUN_A)], next: null } }));
  });

  it("after a decision while the history had failed, the history is read again", async () => {
    const { repo, runs, histories } = createFakeRepository();
    render(<Probe repository={repo} runId={RUN_A} />);
    await flush();
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) }));
    await act(async () => histories[0].answer.resolve({ ok: false, error: { kind: "server" } }));
    act(() => {
      void latest.reload({ history: false });
    });
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) }));
    expect(repo.loadHistory).toHaveBeenCalledTimes(2);
    await act(async () => histories[1].answer.resolve({ ok: true, value: { rows: [fakeRun(RUN_A)], next: null } }));
    expect(latest.history.status).toBe("ready");
  });
});
