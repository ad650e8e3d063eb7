import { describe, expect, it } from "@jest/globals";
import { createRequestScope } from "../../ApprovalPanel/app/requestScope";

type Part = "run" | "history";

describe("createRequestScope", () => {
  it("a part's new request supersedes and aborts its previous one, and leaves the other parts alone", () => {
    const scope = createRequestScope<Part>();
    const first = scope.begin("run")!;
    const history = scope.begin("history")!;
    const second = scope.begin("run")!;
    expect(first.isCurrent()).toBe(false);
    expect(first.signal.aborted).toBe(true);
    expect(second.isCurrent()).toBe(true);
    expect(history.isCurrent()).toBe(true);
    expect(history.signal.aborted).toBe(false);
  });

  it("cancel drops only the named parts' requests", () => {
    const scope = createRequestScope<Part>();
    const run = scope.begin("run")!;
    const history = scope.begin("history")!;
    scope.cancel("history");
    expect(history.isCurrent()).toBe(false);
    expect(history.signal.aborted).toBe(true);
    expect(run.isCurrent()).toBe(true);
    scope.cancel("history"); // nothing live: no error
  });

  it("abortAll (a new record) drops every request and the scope takes new ones", () => {
    const scope = createRequestScope<Part>();
    const run = scope.begin("run")!;
    const history = scope.begin("history")!;
    scope.abortAll();
    expect([run.isCurrent(), history.isCurrent()]).toEqual([false, false]);
    expect([run.signal.aborted, history.signal.aborted]).toEqual([true, true]);
    expect(scope.begin("run")?.isCurrent()).toBe(true);
  });

  it("close (dispose, unmount) drops every request and refuses new ones for good", () => {
    const scope = createRequestScope<Part>();
    const run = scope.begin("run")!;
    scope.close();
    expect(run.isCurrent()).toBe(false);
    expect(run.signal.aborted).toBe(true);
    expect(scope.closed).toBe(true);
    expect(scope.begin("run")).toBeNull();
    expect(scope.begin("history")).toBeNull();
  });
});
