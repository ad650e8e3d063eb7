import { afterEach, describe, expect, it, jest } from "@jest/globals";
import * as React from "react";
import { act, render } from "@testing-library/react";
import { useExpiryPassed } from "../../ApprovalPanel/hooks/useExpiryPassed";

afterEach(() => {
  jest.restoreAllMocks();
  jest.useRealTimers();
});

/** Fake time moves on by `ms`, with React's updates applied. */
const advance = (ms: number): void =>
  act(() => {
    jest.advanceTimersByTime(ms);
  });

function Probe({ expiry }: { expiry: Date | null }): React.ReactElement {
  return <span data-testid="passed">{String(useExpiryPassed(expiry))}</span>;
}

describe("useExpiryPassed: a request that expires while the approver has the panel open", () => {
  // Node's and the browser's timers may fire a little early: the hook then waits for the rest.
  it.each([
    ["its timer on time", 0],
    ["its timer firing 5 ms early", 5],
  ])("turns true at the expiry, not before, with %s", (_name, earlyMs) => {
    jest.useFakeTimers();
    const fakeSetTimeout = globalThis.setTimeout;
    let early = earlyMs;
    // Only the hook's 60 s timer fires early, once (React's own timers are left alone).
    const timers = jest.spyOn(globalThis, "setTimeout").mockImplementation(((handler: () => void, ms?: number) => {
      const delay = ms === 60_000 ? ms - early : ms;
      if (ms === 60_000) early = 0;
      return fakeSetTimeout(handler, delay);
    }) as unknown as typeof setTimeout);
    const { getByTestId } = render(<Probe expiry={new Date(Date.now() + 60_000)} />);
    expect(timers).toHaveBeenCalledWith(expect.any(Function), 60_000);
    expect(getByTestId("passed").textContent).toBe("false");
    advance(59_999);
    expect(getByTestId("passed").textContent).toBe("false");
    advance(1);
    expect(getByTestId("passed").textContent).toBe("true");
  });

  it("is true at once for an expiry already past, false without one, and follows a new expiry", () => {
    jest.useFakeTimers();
    const { getByTestId, rerender } = render(<Probe expiry={new Date(Date.now() - 1)} />);
    expect(getByTestId("passed").textContent).toBe("true");
    rerender(<Probe expiry={null} />);
    expect(getByTestId("passed").textContent).toBe("false");
    rerender(<Probe expiry={new Date(Date.now() + 1000)} />);
    expect(getByTestId("passed").textContent).toBe("false");
    advance(1000);
    expect(getByTestId("passed").textContent).toBe("true");
  });

  it("does not wait for an expiry beyond what a timer can hold (a year away stays false, without a timer firing early)", () => {
    jest.useFakeTimers();
    const { getByTestId } = render(<Probe expiry={new Date(Date.now() + 365 * 86_400_000)} />);
    advance(1);
    expect(getByTestId("passed").textContent).toBe("false");
  });
});
