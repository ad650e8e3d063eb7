import { describe, expect, it } from "@jest/globals";
import * as React from "react";
import { act, render } from "@testing-library/react";
import type { PipelinesRepository } from "../../ApprovalPanel/data/PipelinesRepository";
import type { CurrentUser, PanelConfig } from "../../ApprovalPanel/domain/types";
import { usePanelData, type PanelData } from "../../ApprovalPanel/hooks/usePanelData";
import { baseConfig, user } from "../app/panelLoaderHarness";
import { createFakeRepository, FAKE, fakeLoadedRun, fakeRun } from "../support/fakeRepository";
import { expectNoConsoleErrors } from "../support/panel";

const { runA: RUN_A, runB: RUN_B, stage: STAGE, pipeline: PIPELINE } = FAKE;

let latest: PanelData;
function Probe(props: {
  repository: PipelinesRepository;
  runId: string | null;
  config?: PanelConfig;
  signal?: AbortSignal;
  user?: CurrentUser;
}): React.ReactElement {
  latest = usePanelData(props.repository, props.runId, props.user ?? user, props.config ?? baseConfig, props.signal);
  return <div>{latest.run.status}</div>;
}

const flush = async (): Promise<void> => {
  await act(async () => {
    await Promise.resolve();
  });
};

// A state update after unmount or outside act() shows up here: none is allowed.
expectNoConsoleErrors();

// The load workflow itself (failures, retries, paging) is tested without React in __tests__/app/panelLoader.test.ts.
describe("usePanelData", () => {
  it("loads the run, the admin check and the relay rows together, then the history with the run's artifact, stage and pipeline", async () => {
    const { repo, runs, histories } = createFakeRepository();
    render(<Probe repository={repo} runId={RUN_A} config={{ ...baseConfig, decisionRelayTable: "apnl_approvaldecision" }} />);
    await flush();
    // Wave 1 runs in parallel: nothing waits for the run.
    expect(repo.loadRun).toHaveBeenCalledTimes(1);
    expect(repo.isAdministrator).toHaveBeenCalledWith({ id: user.id, securityRoleIds: user.securityRoleIds }, expect.anything());
    expect(repo.listRelayDecisions).toHaveBeenCalledWith("apnl_approvaldecision", RUN_A, expect.anything());
    expect(repo.loadHistory).not.toHaveBeenCalled();
    expect(latest.run.status).toBe("loading");

    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) }));
    expect(latest.run.status).toBe("ready");
    expect(latest.isAdministrator).toEqual({ status: "ready", value: false });
    expect(histories).toHaveLength(1);
    expect(histories[0].query).toEqual({ scope: "pipeline", artifactName: "ContosoExpenses", pipelineId: PIPELINE, stageId: STAGE, pageSize: 2 });
    await act(async () => histories[0].answer.resolve({ ok: true, value: { rows: [fakeRun(RUN_B)], next: "cursor-2" } }));
    expect(latest.history.status).toBe("ready");
    expect(latest.history.rows.map((r) => r.id)).toEqual([RUN_B]);
  });

  it("does not ask for relay rows when no relay table is configured", async () => {
    const { repo } = createFakeRepository();
    render(<Probe repository={repo} runId={RUN_A} />);
    await flush();
    expect(repo.listRelayDecisions).not.toHaveBeenCalled();
    expect(latest.relayDecisions.status).toBe("idle");
  });

  it("ignores the answer for a record the form no longer shows", async () => {
    const { repo, runs } = createFakeRepository();
    const view = render(<Probe repository={repo} runId={RUN_A} />);
    await flush();
    view.rerender(<Probe repository={repo} runId={RUN_B} />);
    await flush();
    await act(async () => runs.get(RUN_B)!.resolve({ ok: true, value: fakeLoadedRun(RUN_B) }));
    // The old record's answer arrives last and must not replace the new one.
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) }));
    expect(latest.run.status === "ready" && latest.run.value.run.id).toBe(RUN_B);
    const firstSignal = repo.loadRun.mock.calls[0][1] as AbortSignal;
    expect(firstSignal.aborted).toBe(true);
  });

  it("re-renders with the same record do not load again", async () => {
    const { repo, runs } = createFakeRepository();
    const view = render(<Probe repository={repo} runId={RUN_A} config={{ ...baseConfig }} />);
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) }));
    view.rerender(<Probe repository={repo} runId={RUN_A} config={{ ...baseConfig }} />);
    view.rerender(<Probe repository={repo} runId={RUN_A} config={{ ...baseConfig }} />);
    await flush();
    expect(repo.loadRun).toHaveBeenCalledTimes(1);
    expect(repo.isAdministrator).toHaveBeenCalledTimes(1);
  });

  it("a change of the user's roles re-runs only the administrator check: the run, relay rows and history stay", async () => {
    const { repo, runs, histories } = createFakeRepository();
    const config = { ...baseConfig, decisionRelayTable: "apnl_approvaldecision" };
    const view = render(<Probe repository={repo} runId={RUN_A} config={config} />);
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) }));
    await act(async () => histories[0].answer.resolve({ ok: true, value: { rows: [fakeRun(RUN_B)], next: null } }));
    expect(latest.isAdministrator).toEqual({ status: "ready", value: false });

    const promoted: CurrentUser = { ...user, securityRoleIds: [...user.securityRoleIds, "b5c4d3e2-f1a0-4b9c-8d7e-6f5a4b3c2d14"] };
    repo.isAdministrator.mockResolvedValue({ ok: true, value: true });
    view.rerender(<Probe repository={repo} runId={RUN_A} config={config} user={promoted} />);
    await flush();

    expect(repo.isAdministrator).toHaveBeenCalledTimes(2);
    expect(repo.isAdministrator).toHaveBeenLastCalledWith({ id: promoted.id, securityRoleIds: promoted.securityRoleIds }, expect.anything());
    expect(latest.isAdministrator).toEqual({ status: "ready", value: true });
    expect(repo.loadRun).toHaveBeenCalledTimes(1);
    expect(repo.loadHistory).toHaveBeenCalledTimes(1);
    expect(repo.listRelayDecisions).toHaveBeenCalledTimes(1);
    expect(latest.run.status).toBe("ready");
    expect(latest.history.rows.map((r) => r.id)).toEqual([RUN_B]);
  });

  it("stops updating state once the dispose signal fires", async () => {
    const { repo, runs } = createFakeRepository();
    const dispose = new AbortController();
    render(<Probe repository={repo} runId={RUN_A} signal={dispose.signal} />);
    await flush();
    dispose.abort();
    expect((repo.loadRun.mock.calls[0][1] as AbortSignal).aborted).toBe(true);
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) }));
    expect(latest.run.status).toBe("loading");
    expect(repo.loadHistory).not.toHaveBeenCalled();
  });

  it("a failed reload of the history keeps the rows and the paging shown", async () => {
    const { repo, runs, histories } = createFakeRepository();
    render(<Probe repository={repo} runId={RUN_A} />);
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) }));
    await act(async () => histories[0].answer.resolve({ ok: true, value: { rows: [fakeRun(RUN_A), fakeRun(RUN_B)], next: "page-2" } }));
    let done: Promise<void> = Promise.resolve();
    act(() => {
      done = latest.reload();
    });
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) }));
    await act(async () => {
      histories[1].answer.resolve({ ok: false, error: { kind: "offline" } });
      await done;
    });
    expect(latest.history.status).toBe("ready");
    expect(latest.history.rows.map((r) => r.id)).toEqual([RUN_A, RUN_B]);
    expect(latest.history.next).toBe("page-2");
    expect(latest.history.error).toBeNull();
  });

  it("Load more never shows a row twice when the next page overlaps the rows shown", async () => {
    const { repo, runs, histories } = createFakeRepository();
    const [first, second, third] = ["0a1b2c3d-4e5f-4061-8a7b-8c9d0e1f2a01", "1b2c3d4e-5f60-4172-9b8c-9d0e1f2a3b02", "2c3d4e5f-6071-4283-8c9d-0e1f2a3b4c03"];
    render(<Probe repository={repo} runId={RUN_A} />);
    await act(async () => runs.get(RUN_A)!.resolve({ ok: true, value: fakeLoadedRun(RUN_A) }));
    await act(async () => histories[0].answer.resolve({ ok: true, value: { rows: [fakeRun(first), fakeRun(second)], next: "page-2" } }));
    act(() => latest.loadMoreHistory());
    // A newer run arrived meanwhile: the second page starts with a row the first page already showed (another casing).
    await act(async () => histories[1].answer.resolve({ ok: true, value: { rows: [fakeRun(second.toUpperCase()), fakeRun(third)], next: null } }));
    expect(latest.history.rows.map((r) => r.id.toLowerCase())).toEqual([first, second, third]);
    expect(latest.history.next).toBeNull();
  });
});
