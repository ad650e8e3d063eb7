import { describe, expect, it } from "@jest/globals";
import { diffSolutions } from "../../ApprovalPanel/solution/diff";
import { readSolutionManifest } from "../../ApprovalPanel/solution/manifest";
import { upgradeImpact } from "../../ApprovalPanel/solution/upgradeImpact";
import { read, solutionXml, type Desc } from "./build";

const ID = "6a1f9c3e-0000-4000-8000-000000000001";
const CREATE = "9ebdbb1b-ea3e-db11-86a7-000a3a5473e8";
const baseline: Desc = {
  tables: [
    {
      name: "cr_Trip",
      label: "Trip",
      columns: [
        ["cr_Cost", "Cost"],
        ["cr_Legacy", "Legacy code"],
      ],
    },
    { name: "cr_Leg", label: "Leg", columns: ["cr_Km"], forms: [["6a1f9c3e-0000-4000-8000-0000000000f1", "Information"]] },
    { name: "SystemUser", unmodified: true, columns: ["cr_Nick"] },
  ],
  optionSets: [["cr_mode", "Mode", [1, 2, 3]]],
  roles: [[ID, "Agent", { prvRead: "Basic" }]],
  steps: [[ID, "Stamp: Create of cr_trip", CREATE, "cr_trip", 20, 0]],
  webResources: [["cr_/scripts/trip.js"]],
};
const current: Desc = { tables: [{ name: "cr_Trip", label: "Trip", columns: [["cr_Cost", "Cost"]] }], optionSets: [["cr_mode", "Mode", [1, 2]]] };
const impactOf = (managed: boolean | null, before: Desc = baseline, after: Desc = current) => upgradeImpact(diffSolutions(read(before), read(after)), managed);

describe("upgradeImpact", () => {
  it("managed: lists what approving deletes, columns with their table, and nothing of a removed table twice", () => {
    const impact = impactOf(true);
    expect(impact.effect).toBe("deletes");
    expect(impact.tables.map((t) => t.name)).toEqual(["Leg"]);
    expect(impact.columns.map((c) => [c.name, c.table])).toEqual([
      ["cr_Nick", "systemuser"],
      ["Legacy code", "cr_trip"],
    ]);
    expect(impact.choiceValues).toEqual([{ kind: "optionSets", key: "cr_mode", name: "Mode", values: [{ value: "3", label: "Option 3" }] }]);
    expect(impact.steps.map((s) => [s.name, s.table])).toEqual([["Stamp: Create of cr_trip", "cr_trip"]]);
    expect(impact.roles.map((r) => r.name)).toEqual(["Agent"]);
    expect(impact.others.map((o) => [o.kind, o.key])).toEqual([["webResources", "cr_/scripts/trip.js"]]);
    expect(impact.total).toBe(7);
  });

  it("unmanaged: the same components stay in the target", () => {
    expect(impactOf(false)).toEqual(expect.objectContaining({ managed: false, effect: "keeps", total: 7 }));
  });

  it("unknown when the manifest is missing, additive when nothing is left out", () => {
    expect(impactOf(null).effect).toBe("unknown");
    expect(impactOf(true, current, baseline).effect).toBe("additive");
    expect(upgradeImpact(diffSolutions(null, read(current)), true)).toEqual(expect.objectContaining({ effect: "additive", total: 0 }));
  });

  it("the manifest says whether the solution is managed", () => {
    const managed = readSolutionManifest(solutionXml({ managed: true }));
    const unmanaged = readSolutionManifest(solutionXml({ managed: false }));
    expect([managed.ok && managed.value.managed, unmanaged.ok && unmanaged.value.managed]).toEqual([true, false]);
  });
});
