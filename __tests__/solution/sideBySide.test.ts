import { describe, expect, it } from "@jest/globals";
import { lineDiff, MASKED, sideBySide } from "../../ApprovalPanel/solution/sideBySide";
import { changeOf } from "./details/fixture";

const lines = (...texts: string[]) => texts.map((text) => ({ key: text, text }));

describe("lineDiff", () => {
  it("keeps common lines side by side and puts removed lines opposite added ones", () => {
    expect(lineDiff(lines("a", "b", "c", "d"), lines("a", "x", "c", "d", "e"))).toEqual([
      { before: "a", after: "a", differs: false },
      { before: "b", after: "x", differs: true },
      { before: "c", after: "c", differs: false },
      { before: "d", after: "d", differs: false },
      { before: null, after: "e", differs: true },
    ]);
  });

  it("finds lines that moved past an insertion", () => {
    expect(lineDiff(lines("a", "b", "c"), lines("z", "a", "b", "c"))).toEqual([
      { before: null, after: "z", differs: true },
      { before: "a", after: "a", differs: false },
      { before: "b", after: "b", differs: false },
      { before: "c", after: "c", differs: false },
    ]);
  });

  it("stays bounded for large texts: every line is still there, in order", () => {
    const before = lines(...Array.from({ length: 3000 }, (_, i) => `f${i}`));
    const after = lines(...Array.from({ length: 3000 }, (_, i) => `g${i}`));
    const started = performance.now();
    const rows = lineDiff(before, after);
    expect(performance.now() - started).toBeLessThan(500);
    expect(rows.filter((r) => r.before !== null).map((r) => r.before)).toEqual(before.map((l) => l.text));
    expect(rows.filter((r) => r.after !== null).map((r) => r.after)).toEqual(after.map((l) => l.text));
  });
});

const role = (name: string, level: string) =>
  `<Roles><Role id="{627090ff-40a3-4053-8790-584edc5be201}" name="${name}"><RolePrivileges><RolePrivilege name="prvReadsb_TravelRequest" level="${level}" /><RolePrivilege name="prvWritesb_TravelRequest" level="Basic" /></RolePrivileges></Role></Roles>`;

describe("sideBySide", () => {
  it("shows a changed role's canonical lines with the differing ones marked", () => {
    expect(sideBySide(changeOf("roles", role("Agent", "Basic"), role("Agent", "Global"))).lines).toEqual([
      { before: "name: Agent", after: "name: Agent", differs: false },
      { before: "privilege prvReadsb_TravelRequest: Basic", after: "privilege prvReadsb_TravelRequest: Global", differs: true },
      { before: "privilege prvWritesb_TravelRequest: Basic", after: "privilege prvWritesb_TravelRequest: Basic", differs: false },
    ]);
  });

  it("masks a secret's value on both sides but still marks the line as differing", () => {
    const variable = (value: string) =>
      `<environmentvariabledefinition schemaname="cr_ApiKey"><defaultvalue>${value}</defaultvalue><displayname default="API key"><label description="API key" languagecode="1033" /></displayname><type>100000005</type></environmentvariabledefinition>`;
    const file = "environmentvariabledefinitions/cr_ApiKey/environmentvariabledefinition.xml";
    const result = sideBySide(changeOf("environmentVariables", "", "", [{ [file]: variable("first-secret") }, { [file]: variable("second-secret") }]));
    expect(result.lines).toContainEqual({ before: `variableDefault: ${MASKED}`, after: `variableDefault: ${MASKED}`, differs: true });
    expect(JSON.stringify(result)).not.toMatch(/first-secret|second-secret/);
  });

  it("shows at most the lines asked for and says there were more", () => {
    const result = sideBySide(changeOf("roles", role("Agent", "Basic"), role("Agent", "Global")), 2);
    expect([result.lines.length, result.truncated]).toEqual([2, true]);
  });
});
