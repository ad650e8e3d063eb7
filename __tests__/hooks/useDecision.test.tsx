import { afterEach, describe, expect, it, jest } from "@jest/globals";
import * as React from "react";
import { act, render } from "@testing-library/react";
import type { PipelinesRepository } from "../../ApprovalPanel/data/PipelinesRepository";
import type { CurrentUser, PanelConfig, StageRun, SubmitResult } from "../../ApprovalPanel/domain/types";
import { RELAY_FOLLOW_LIMIT_MS, useDecision, type DecisionState } from "../../ApprovalPanel/hooks/useDecision";
import { createFakeRepository, FAKE, fakeLoadedRun, fakeRelayRow, fakeRun } from "../support/fakeRepository";
import { expectNoConsoleErrors } from "../support/panel";

const RUN = FAKE.runA;
const user: CurrentUser = { id: "5d0c2a1e-7b3f-4e8a-9c61-2f4d8b7a1e03", name: "Megan Bowen", securityRoleIds: [] };
const config: PanelConfig = {
  requireRejectComment: true,
  requireApproveComment: false,
  allowSelfApproval: false,
  historyPageSize: 20,
  decisionRelayTable: "apnl_approvaldecision",
  approvalPolicyTable: null,
};
const loaded = fakeLoadedRun(RUN);

/** The run as a re-read shows it, with this approval status. */
function runWithApproval(value: number): StageRun {
  return fakeRun(RUN, { approvalStatus: { value, label: null } });
}

let latest: DecisionState;
function Probe(props: { repository: PipelinesRepository; route: "action" | "relay"; reload: () => Promise<void>; signal?: AbortSignal }): React.ReactElement {
  latest = useDecision({
    repository: props.repository,
    runId: RUN,
    loaded,
    user,
    config,
    route: props.route,
    reload: props.reload,
    disposeSignal: props.signal,
  });
  return <div>{latest.phase.kind}</div>;
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await Promise.resolve();
    });
  }
};

// React and Fluent report misuse (state after unmount, updates outside act()) through console.error: any is a failure.
expectNoConsoleErrors();
afterEach(() => {
  jest.useRealTimers();
});

describe("useDecision", () => {
  it("confirm called twice before React re-renders sends once", async () => {
    const { repo } = createFakeRepository();
    const reload = jest.fn(async () => undefined);
    render(<Probe repository={repo} route="action" reload={reload} />);
    act(() => {
      latest.setComment("ok");
    });
    act(() => {
      latest.requestDecision(20);
    });
    const confirm = latest.confirm;
    act(() => {
      confirm();
      confirm();
    });
    await settle();
    expect(repo.submitDecision).toHaveBeenCalledTimes(1);
    expect(latest.phase).toEqual({ kind: "sent", decision: 20, via: "action" });
    expect(latest.comment).toBe("");
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it("a reject without a comment never opens the confirmation", () => {
    const { repo } = createFakeRepository();
    render(<Probe repository={repo} route="action" reload={async () => undefined} />);
    let opened = true;
    act(() => {
      opened = latest.requestDecision(30);
    });
    expect(opened).toBe(false);
    expect(latest.confirming).toBeNull();
    expect(latest.commentProblem).toBe("required");
  });

  it("does not send when the re-read shows the run was decided, and reloads", async () => {
    const { repo } = createFakeRepository({ rereadRun: async () => ({ ok: true, value: runWithApproval(30) }) });
    const reload = jest.fn(async () => undefined);
    render(<Probe repository={repo} route="action" reload={reload} />);
    act(() => void latest.requestDecision(20));
    act(() => latest.confirm());
    await settle();
    expect(repo.submitDecision).not.toHaveBeenCalled();
    expect(latest.phase.kind).toBe("decidedElsewhere");
    expect(reload).toHaveBeenCalled();
  });

  it("does not send when the run cannot be re-read", async () => {
    const { repo } = createFakeRepository({ rereadRun: async () => ({ ok: false, error: { kind: "offline" } }) });
    render(<Probe repository={repo} route="action" reload={async () => undefined} />);
    act(() => latest.setComment("keep me"));
    act(() => void latest.requestDecision(20));
    act(() => latest.confirm());
    await settle();
    expect(repo.submitDecision).not.toHaveBeenCalled();
    expect(latest.phase).toMatchObject({ kind: "refused", reason: "offline" });
    expect(latest.comment).toBe("keep me");
    expect(latest.busy).toBe(false);
  });

  it("a throwing send: a refusal, comment kept, buttons usable; a double Confirm on the retry sends once", async () => {
    const { repo } = createFakeRepository();
    repo.submitDecision.mockRejectedValueOnce(new Error("bug"));
    render(<Probe repository={repo} route="action" reload={async () => undefined} />);
    act(() => latest.setComment("keep me"));
    act(() => void latest.requestDecision(20));
    act(() => latest.confirm());
    await settle();
    expect(latest.phase).toEqual({ kind: "refused", decision: 20, reason: "unknown", serverMessage: null });
    expect(latest.busy).toBe(false);
    expect(latest.comment).toBe("keep me");
    expect(repo.submitDecision).toHaveBeenCalledTimes(1);

    let reopened = false;
    act(() => {
      reopened = latest.requestDecision(20);
    });
    expect(reopened).toBe(true);
    const confirm = latest.confirm;
    act(() => {
      confirm();
      confirm();
    });
    await settle();
    expect(repo.submitDecision).toHaveBeenCalledTimes(2);
    expect(latest.phase).toEqual({ kind: "sent", decision: 20, via: "action" });
  });

  it("a throwing re-read: nothing sent, a refusal, comment kept, buttons usable", async () => {
    const { repo } = createFakeRepository();
    repo.rereadRun.mockRejectedValueOnce(new Error("bug"));
    render(<Probe repository={repo} route="action" reload={async () => undefined} />);
    act(() => latest.setComment("keep me"));
    act(() => void latest.requestDecision(20));
    act(() => latest.confirm());
    await settle();
    expect(repo.submitDecision).not.toHaveBeenCalled();
    expect(latest.phase).toMatchObject({ kind: "refused", reason: "unknown" });
    expect(latest.busy).toBe(false);
    expect(latest.comment).toBe("keep me");
    let reopened = false;
    act(() => {
      reopened = latest.requestDecision(20);
    });
    expect(reopened).toBe(true);
  });

  it("a refusal keeps comment and note and allows a retry", async () => {
    const submit = jest
      .fn(async (): Promise<SubmitResult> => ({ kind: "sent" }))
      .mockResolvedValueOnce({ kind: "refused", reason: "throttled", status: 429, serverMessage: "Too many requests" });
    const { repo } = createFakeRepository({ submitDecision: submit });
    render(<Probe repository={repo} route="action" reload={async () => undefined} />);
    act(() => {
      latest.setComment("c");
      latest.setAdminNote("n");
    });
    act(() => void latest.requestDecision(20));
    act(() => latest.confirm());
    await settle();
    expect(latest.phase).toEqual({ kind: "refused", decision: 20, reason: "throttled", serverMessage: "Too many requests" });
    expect([latest.comment, latest.adminNote]).toEqual(["c", "n"]);
    act(() => void latest.requestDecision(20));
    act(() => latest.confirm());
    await settle();
    expect(submit).toHaveBeenCalledTimes(2);
    expect(repo.rereadRun).toHaveBeenCalledTimes(2);
    expect(latest.phase.kind).toBe("sent");
  });

  it("the relay route polls with back-off and gives up at the limit", async () => {
    jest.useFakeTimers();
    const { repo } = createFakeRepository();
    render(<Probe repository={repo} route="relay" reload={async () => undefined} />);
    act(() => void latest.requestDecision(20));
    act(() => latest.confirm());
    await settle();
    expect(repo.createRelayDecision).toHaveBeenCalledTimes(1);
    expect(latest.phase.kind).toBe("relayWaiting");
    const pollTimes: number[] = [];
    let elapsed = 0;
    while (latest.phase.kind === "relayWaiting" && elapsed <= RELAY_FOLLOW_LIMIT_MS + 60000) {
      const before = repo.getRelayDecision.mock.calls.length;
      act(() => {
        jest.advanceTimersByTime(1000);
      });
      elapsed += 1000;
      await settle();
      if (repo.getRelayDecision.mock.calls.length > before) pollTimes.push(elapsed);
    }
    expect(pollTimes.slice(0, 5)).toEqual([2000, 6000, 14000, 29000, 44000]);
    expect(pollTimes[pollTimes.length - 1]).toBe(RELAY_FOLLOW_LIMIT_MS);
    expect(latest.phase.kind).toBe("relayTimedOut");
    const polls = repo.getRelayDecision.mock.calls.length;
    act(() => {
      jest.advanceTimersByTime(60000);
    });
    await settle();
    expect(repo.getRelayDecision).toHaveBeenCalledTimes(polls);
    expect(jest.getTimerCount()).toBe(0);

    // Check again follows the same row; this time the flow has applied it.
    repo.getRelayDecision.mockResolvedValue(fakeRelayRow("applied"));
    act(() => latest.checkRelayAgain());
    act(() => {
      jest.advanceTimersByTime(2000);
    });
    await settle();
    expect(repo.createRelayDecision).toHaveBeenCalledTimes(1);
    expect(latest.phase).toEqual({ kind: "sent", decision: 20, via: "relay" });
  });

  it("unmount while sending: no state update and no timer left", async () => {
    jest.useFakeTimers();
    let release!: (value: SubmitResult) => void;
    const { repo } = createFakeRepository({ submitDecision: jest.fn(() => new Promise<SubmitResult>((resolve) => (release = resolve))) });
    const reload = jest.fn(async () => undefined);
    const view = render(<Probe repository={repo} route="action" reload={reload} />);
    act(() => void latest.requestDecision(20));
    act(() => latest.confirm());
    await settle();
    expect(repo.submitDecision).toHaveBeenCalled();
    const signal = repo.submitDecision.mock.calls[0][1] as AbortSignal;
    view.unmount();
    expect(signal.aborted).toBe(true);
    release({ kind: "sent" });
    await settle();
    expect(reload).not.toHaveBeenCalled();
    expect(jest.getTimerCount()).toBe(0);
  });
});
