import { describe, expect, it } from "@jest/globals";
import { compareVersions, parseVersion } from "../../ApprovalPanel/domain/version";

describe("parseVersion", () => {
  it.each([
    ["1.4.2.0", [1, 4, 2, 0]],
    ["1.4", [1, 4, 0, 0]],
    ["7", [7, 0, 0, 0]],
    [" 2.0.0.4 ", [2, 0, 0, 4]],
    ["2147483647.0.0.1", [2147483647, 0, 0, 1]],
  ])("reads %p", (text, parts) => {
    expect(parseVersion(text)).toEqual(parts);
  });

  it.each([[""], ["abc"], ["1.2.3.4.5"], ["1..2"], ["-1.0"], ["1.0-beta"], ["v1.0"], [null], [undefined]])("refuses %p", (text) => {
    expect(parseVersion(text)).toBeNull();
  });
});

describe("compareVersions", () => {
  it.each([
    ["1.10.0.0", "1.9.0.0", 1],
    ["1.9.0.0", "1.10.0.0", -1],
    ["1.4.2.0", "1.4.2.0", 0],
    ["1.4", "1.4.0.0", 0],
    ["1.4.2.1", "1.4.2", 1],
    ["2.0", "1.99.99.99", 1],
    ["1.4.1.0", "1.4.2.0", -1],
  ])("%s against %s is %p", (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });

  it("cannot compare garbage", () => {
    expect(compareVersions("1.4.2.0", "latest")).toBeNull();
    expect(compareVersions(null, "1.0")).toBeNull();
  });
});
