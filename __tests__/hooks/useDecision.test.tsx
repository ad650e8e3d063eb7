import { describe, expect, it, jest } from "@jest/globals";
import * as React from "react";
import { act, render } from "@testing-library/react";
import type { PipelinesRepository } from "../../ApprovalPanel/data/PipelinesRepository";
import type { SubmitResult } from "../../ApprovalPanel/domain/types";
import { useDecision, type DecisionState } from "../../ApprovalPanel/hooks/useDecision";
import { config, loaded, RUN, user } from "../support/decision";
import { createFakeRepository, FAKE } from "../support/fakeRepository";
import { expectNoConsoleErrors, flushInAct } from "../support/panel";

let latest: DecisionState;
function Probe(props: {
  repository: PipelinesRepository;
  route: "action" | "relay";
  reload: () => Promise<void>;
  signal?: AbortSignal;
  runId?: string;
}): React.ReactElement {
  latest = useDecision({
    repository: props.repository,
    runId: props.runId ?? RUN,
    loaded,
    user,
    config,
    route: props.route,
    reload: props.reload,
    disposeSignal: props.signal,
  });
  return <div>{latest.phase.kind}</div>;
}

const settle = flushInAct;

// React and Fluent report misuse (state after unmount, updates outside act()) through console.error: any is a failure.
expectNoConsoleErrors("restore");

// The session itself (comment checks, refusals, retries, the relay follower) is tested without React in
// __tests__/app/decisionSession.test.ts.
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
    // React's scheduler keeps a 0 ms timer of its own after a commit under fake timers (earlier tests in the file used
    // to hide it): run it, so that the count is of the decision's timers only.
    act(() => {
      jest.advanceTimersByTime(0);
    });
    expect(jest.getTimerCount()).toBe(0);
  });

  it("a new record drops the comment and stops the decision in flight", async () => {
    const { repo } = createFakeRepository({ submitDecision: jest.fn(() => new Promise<SubmitResult>(() => undefined)) });
    const view = render(<Probe repository={repo} route="action" reload={async () => undefined} />);
    act(() => latest.setComment("for this run"));
    act(() => void latest.requestDecision(20));
    act(() => latest.confirm());
    await settle();
    expect(latest.busy).toBe(true);
    view.rerender(<Probe repository={repo} route="action" reload={async () => undefined} runId={FAKE.runB} />);
    expect((repo.submitDecision.mock.calls[0][1] as AbortSignal).aborted).toBe(true);
    expect([latest.comment, latest.phase.kind, latest.busy]).toEqual(["", "idle", false]);
  });

  it("the control's destroy() stops the decision in flight, and its answer shows nothing", async () => {
    let release!: (value: SubmitResult) => void;
    const { repo } = createFakeRepository({ submitDecision: jest.fn(() => new Promise<SubmitResult>((resolve) => (release = resolve))) });
    const reload = jest.fn(async () => undefined);
    const dispose = new AbortController();
    render(<Probe repository={repo} route="action" reload={reload} signal={dispose.signal} />);
    act(() => void latest.requestDecision(20));
    act(() => latest.confirm());
    await settle();
    dispose.abort();
    expect((repo.submitDecision.mock.calls[0][1] as AbortSignal).aborted).toBe(true);
    release({ kind: "sent" });
    await settle();
    expect(latest.phase.kind).toBe("submitting");
    expect(reload).not.toHaveBeenCalled();
  });
});
