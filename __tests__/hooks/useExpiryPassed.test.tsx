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
  it("turns true at the expiry, not before", () => {
    jest.useFakeTimers();
    const expiry = new Date(Date.now() + 60_000);
    const { getByTestId } = render(<Probe expiry={expiry} />);
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

  it("a timer that fires early waits for the rest: it is never true before the clock reaches the expiry", () => {
    jest.useFakeTimers();
    const fakeSetTimeout = globalThis.setTimeout;
    const early = jest
      .spyOn(globalThis, "setTimeout")
      .mockImplementationOnce(((handler: () => void, ms?: number) => fakeSetTimeout(handler, Math.max(0, (ms ?? 0) - 5))) as unknown as typeof setTimeout);
    const { getByTestId } = render(<Probe expiry={new Date(Date.now() + 60_000)} />);
    // The hook's own timer is the one that fired early (not some other code's).
    expect(early.mock.calls[0]?.[1]).toBe(60_000);
    advance(59_999);
    expect(getByTestId("passed").textContent).toBe("false");
    advance(1);
    expect(getByTestId("passed").textContent).toBe("true");
  });

  it("does not wait for an expiry beyond what a timer can hold (a year away stays false, without a timer firing early)", () => {
    jest.useFakeTimers();
    const { getByTestId } = render(<Probe expiry={new Date(Date.now() + 365 * 86_400_000)} />);
    advance(1);
    expect(getByTestId("passed").textContent).toBe("false");
  });
});
