import { describe, expect, it } from "@jest/globals";
import { approvalStateOf, approvalTone, runStatusTone } from "../../ApprovalPanel/domain/status";
import { makeRun } from "./fixtures";

describe("approvalStateOf", () => {
  it.each([
    [10, "pending"],
    [20, "approved"],
    [30, "rejected"],
  ] as const)("maps approval status %i to %s", (value, state) => {
    expect(approvalStateOf(makeRun({ approvalStatus: { value, label: null } }))).toBe(state);
  });

  it("treats an unknown option value as other, not as pending", () => {
    expect(approvalStateOf(makeRun({ approvalStatus: { value: 40, label: "Escalated" } }))).toBe("other");
  });

  it("tells a host without the column (undefined) from an empty column (null)", () => {
    expect(approvalStateOf(makeRun({ approvalStatus: undefined }))).toBe("notInHost");
    expect(approvalStateOf(makeRun({ approvalStatus: null }))).toBe("empty");
  });

  it("treats a run object that lacks the property entirely as notInHost", () => {
    const run = makeRun();
    delete run.approvalStatus;
    expect(approvalStateOf(run)).toBe("notInHost");
  });
});

describe("runStatusTone", () => {
  it.each([
    [200000002, "success"], // Succeeded
    [200000003, "danger"], // Failed
    [200000004, "subtle"], // Canceled
    [200000005, "warning"], // Pending approval / Scheduled
    [200000001, "informative"], // Started
    [200000006, "informative"], // Validating
    [200000007, "informative"], // Validation succeeded: still on its way
    [200000008, "informative"], // Pre-deploy in progress
    [200000009, "informative"], // Pre-deploy succeeded
    [200000010, "informative"], // Deploying
    [200000000, "subtle"], // Not started
    [123, "subtle"], // unknown value
  ] as const)("gives status %i the %s tone", (value, tone) => {
    expect(runStatusTone({ value, label: "any label" })).toBe(tone);
  });

  it("uses the value, not the label", () => {
    expect(runStatusTone({ value: 200000003, label: "Succeeded" })).toBe("danger");
  });

  it("gives a missing or empty status the subtle tone", () => {
    expect(runStatusTone(null)).toBe("subtle");
    expect(runStatusTone(undefined)).toBe("subtle");
  });
});

describe("approvalTone", () => {
  it.each([
    ["pending", "warning"],
    ["approved", "success"],
    ["rejected", "danger"],
    ["other", "subtle"],
    ["empty", "subtle"],
    ["notInHost", "subtle"],
  ] as const)("gives %s the %s tone", (state, tone) => {
    expect(approvalTone(state)).toBe(tone);
  });
});
