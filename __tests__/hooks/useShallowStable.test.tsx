import { describe, expect, it } from "@jest/globals";
import * as React from "react";
import { render } from "@testing-library/react";
import { useShallowStable } from "../../ApprovalPanel/hooks/useShallowStable";

/** Renders the hook with `value` and returns what it gave on each render. */
function harness() {
  const seen: object[] = [];
  function Probe({ value }: { value: Record<string, unknown> }): null {
    seen.push(useShallowStable(value));
    return null;
  }
  return { seen, Probe };
}

describe("useShallowStable: what the memoized decision section is given", () => {
  const onClick = (): void => undefined;

  it("keeps the object while every field is the same, so the section skips the render", () => {
    const { seen, Probe } = harness();
    const { rerender } = render(<Probe value={{ comment: "ok", onClick, busy: false }} />);
    rerender(<Probe value={{ comment: "ok", onClick, busy: false }} />);
    expect(seen[1]).toBe(seen[0]);
  });

  it("gives the new object as soon as one field changes, so the section never shows a stale comment", () => {
    const { seen, Probe } = harness();
    const { rerender } = render(<Probe value={{ comment: "ok", onClick, busy: false }} />);
    rerender(<Probe value={{ comment: "ok, with a backup", onClick, busy: false }} />);
    expect(seen[1]).not.toBe(seen[0]);
    expect(seen[1]).toEqual({ comment: "ok, with a backup", onClick, busy: false });
    rerender(<Probe value={{ comment: "ok, with a backup", onClick: () => undefined, busy: false }} />);
    expect(seen[2]).not.toBe(seen[1]);
  });

  it("treats a field that appears or disappears as a change", () => {
    const { seen, Probe } = harness();
    const { rerender } = render(<Probe value={{ comment: "ok" }} />);
    rerender(<Probe value={{ comment: "ok", busy: true }} />);
    rerender(<Probe value={{ comment: "ok" }} />);
    expect(new Set(seen).size).toBe(3);
  });
});
