import { describe, expect, it } from "@jest/globals";
import * as React from "react";
import { act, render } from "@testing-library/react";
import type { PipelinesRepository } from "../../ApprovalPanel/data/PipelinesRepository";
import { useHostCheck, type HostCheck } from "../../ApprovalPanel/hooks/useHostCheck";
import { createFakeRepository } from "../support/fakeRepository";
import { input, slowProbe } from "../support/hostCheck";
import { expectNoConsoleErrors, flushInAct } from "../support/panel";

let latest: HostCheck;
function Probe(props: { repository: PipelinesRepository; signal?: AbortSignal }): React.ReactElement {
  latest = useHostCheck(props.repository, input, props.signal);
  return <div>{latest.state.status}</div>;
}

const settle = flushInAct;

// A state update after unmount shows up here: none is allowed.
expectNoConsoleErrors();

describe("useHostCheck", () => {
  it("run opens the view and shows the check running, then its report", async () => {
    const { repo } = createFakeRepository();
    render(<Probe repository={repo} />);
    expect([latest.open, latest.state.status]).toEqual([false, "idle"]);
    act(() => latest.run());
    expect([latest.open, latest.state.status]).toEqual([true, "running"]);
    await settle();
    expect(latest.state.status).toBe("done");
  });

  it("closing while the check runs drops its answer; closing after it keeps the report for the next opening", async () => {
    const { repo, release } = slowProbe();
    render(<Probe repository={repo} />);
    act(() => latest.run());
    act(() => latest.close());
    expect([latest.open, latest.state.status]).toEqual([false, "idle"]);
    release();
    await settle();
    expect(latest.state.status).toBe("idle");

    act(() => latest.run());
    await settle();
    act(() => latest.close());
    expect([latest.open, latest.state.status]).toEqual([false, "done"]);
  });

  it("after the control's destroy() or unmount, a check still running shows nothing", async () => {
    const { repo, release } = slowProbe();
    const dispose = new AbortController();
    const view = render(<Probe repository={repo} signal={dispose.signal} />);
    act(() => latest.run());
    dispose.abort();
    expect((repo.probeHost.mock.calls[0][1] as AbortSignal).aborted).toBe(true);
    release();
    await settle();
    expect(latest.state.status).toBe("running");

    act(() => latest.run());
    view.unmount();
    await settle();
    expect((repo.probeHost.mock.calls[1][1] as AbortSignal).aborted).toBe(true);
  });
});
