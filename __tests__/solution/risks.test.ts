import { describe, expect, it } from "@jest/globals";
import type { SolutionComponent } from "../../ApprovalPanel/solution/components";
import { diffSolutions } from "../../ApprovalPanel/solution/diff";
import { raisedPrivileges, riskFlags, type RiskId } from "../../ApprovalPanel/solution/risks";
import { read, type Desc, type TableDesc } from "./build";

const ID = "6a1f9c3e-0000-4000-8000-000000000001";
const ID2 = "6a1f9c3e-0000-4000-8000-000000000002";
const CREATE = "9ebdbb1b-ea3e-db11-86a7-000a3a5473e8";
const OUTLOOK = "/providers/Microsoft.PowerApps/apis/shared_office365";
const DATAVERSE = "/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps";
const trip = (extra: Partial<TableDesc> = {}): TableDesc => ({ name: "cr_Trip", label: "Trip", ...extra });

const flagsOf = (baseline: Desc | null, current: Desc) => riskFlags(diffSolutions(baseline && read(baseline), read(current)));
const ids = (baseline: Desc | null, current: Desc): RiskId[] => flagsOf(baseline, current).map((f) => f.id);

/** [rule, baseline, current that raises it, current that does not] */
const rules: [RiskId, Desc, Desc, Desc][] = [
  ["tablesRemoved", { tables: [trip(), { name: "cr_Leg" }] }, { tables: [trip()] }, { tables: [trip({ ribbon: "x" }), { name: "cr_Leg" }] }],
  [
    "columnsRemoved",
    { tables: [trip({ columns: ["cr_A", "cr_B"] })] },
    { tables: [trip({ columns: ["cr_A"] })] },
    { tables: [trip({ columns: ["cr_A", "cr_B", "cr_C"] })] },
  ],
  ["roleNew", { roles: [] }, { roles: [[ID, "Agent", {}]] }, { roles: [] }],
  [
    "rolePrivilegesRaised",
    { roles: [[ID, "Agent", { prvRead: "Basic", prvWrite: "Global" }]] },
    { roles: [[ID, "Agent", { prvRead: "Local", prvWrite: "Global" }]] },
    { roles: [[ID, "Agent", { prvRead: "Basic", prvWrite: "Local" }]] },
  ],
  ["pluginAssemblyAddedOrChanged", { assemblies: [["Contoso.Plugins", "1.0.0.0"]] }, { assemblies: [["Contoso.Plugins", "1.0.0.1"]] }, { assemblies: [] }],
  [
    "pluginStepChanged",
    { steps: [[ID, "Audit", CREATE, "cr_trip", 40, 1]] },
    { steps: [[ID, "Audit", CREATE, "cr_trip", 20, 1]] },
    { steps: [[ID, "Audit", CREATE, "cr_trip", 40, 1]] },
  ],
  [
    "connectionReferenceNew",
    { connectionReferences: [["cr_a", OUTLOOK]] },
    {
      connectionReferences: [
        ["cr_a", OUTLOOK],
        ["cr_b", OUTLOOK],
      ],
    },
    { connectionReferences: [["cr_a", OUTLOOK, "Renamed"]] },
  ],
  [
    "connectorNew",
    { connectionReferences: [["cr_a", OUTLOOK]] },
    { connectionReferences: [["cr_a", DATAVERSE]] },
    { connectionReferences: [["cr_a", OUTLOOK, "Renamed"]] },
  ],
  [
    "cloudFlowAdded",
    { workflows: [[ID, "Notify", 5]] },
    {
      workflows: [
        [ID, "Notify", 5],
        [ID2, "Remind", 5],
      ],
    },
    {
      workflows: [
        [ID, "Notify", 5, 0],
        [ID2, "Classic", 0],
      ],
    },
  ],
  [
    "environmentVariableAdded",
    { environmentVariables: [["cr_A", "A"]] },
    {
      environmentVariables: [
        ["cr_A", "A"],
        ["cr_B", "B"],
      ],
    },
    { environmentVariables: [["cr_A", "A", "changed"]] },
  ],
  ["customApiAddedOrChanged", { customApis: [["cr_Book", "Book"]] }, { customApis: [["cr_Book", "Book", 1]] }, { customApis: [] }],
];

describe("riskFlags, each rule", () => {
  it.each(rules)("%s: raised", (id, baseline, raises) => {
    expect(ids(baseline, raises)).toContain(id);
  });

  it.each(rules)("%s: not raised", (id, baseline, _, quiet) => {
    expect(ids(baseline, quiet)).not.toContain(id);
  });

  it("nothing changed: no flags", () => {
    const all: Desc = Object.assign({}, ...rules.map(([, baseline]) => baseline));
    expect(flagsOf(all, all)).toEqual([]);
  });
});

describe("riskFlags, details", () => {
  it("does not flag a shell table left out, nor list the columns of a removed table again", () => {
    const baseline: Desc = {
      tables: [{ name: "SystemUser", unmodified: true, columns: ["cr_Nick"] }, { name: "cr_Leg", columns: ["cr_Km"] }, trip({ columns: ["cr_Cost"] })],
    };
    const flags = flagsOf(baseline, { tables: [trip()] });
    expect(flags.find((f) => f.id === "tablesRemoved")?.components.map((c) => c.key)).toEqual(["cr_leg"]);
    expect(flags.find((f) => f.id === "columnsRemoved")?.components.map((c) => c.key)).toEqual(["cr_trip.cr_cost", "systemuser.cr_nick"]);
  });

  it("lists the privilege changes with their depths before and after, raised first, then lowered, in one list", () => {
    const baseline: Desc = { roles: [[ID, "Agent", { prvRead: "Basic", prvWrite: "Deep", prvDelete: "Global" }]] };
    const current: Desc = { roles: [[ID, "Agent", { prvRead: "Global", prvWrite: "Local", prvDelete: "Global", prvShare: "Basic" }]] };
    expect(flagsOf(baseline, current)).toEqual([
      {
        id: "rolePrivilegesRaised",
        severity: "high",
        components: [
          {
            kind: "roles",
            key: ID,
            name: "Agent",
            change: "changed",
            privileges: [
              { direction: "raised", name: "prvRead", from: "Basic", to: "Global" },
              { direction: "raised", name: "prvShare", from: null, to: "Basic" },
              { direction: "lowered", name: "prvWrite", from: "Deep", to: "Local" },
            ],
          },
        ],
      },
    ]);
  });

  const role = (privileges: Record<string, string>): SolutionComponent => ({
    kind: "roles",
    key: ID,
    name: "Agent",
    fingerprint: "",
    details: { privileges: Object.entries(privileges).map(([name, depth]) => ({ name, depth })) },
  });
  it.each([
    ["Basic", "Local", true],
    ["Local", "Deep", true],
    ["Deep", "Global", true],
    ["Basic", "Global", true],
    ["Global", "Basic", false],
    ["Local", "Local", false],
    ["Team", "Team", false],
    ["Team", "Other", true],
    ["Basic", "Team", true],
  ])("depth %s → %s is raised: %s", (from, to, raised) => {
    expect(raisedPrivileges(role({ prvRead: from }), role({ prvRead: to })).length > 0).toBe(raised);
  });

  it.each([
    ["User", "Basic", false],
    ["User", "Local", true],
    ["Business Unit", "Deep", true],
    ["Parent: Child Business Units", "Deep", false],
    ["Organization", "Deep", false],
    ["Deep", "Organization", true],
  ])("legacy level %s → %s is raised: %s", (from, to, raised) => {
    const flags = flagsOf({ roles: [[ID, "Agent", { prvRead: from }]] }, { roles: [[ID, "Agent", { prvRead: to }]] });
    expect(flags.some((f) => f.id === "rolePrivilegesRaised")).toBe(raised);
  });

  it("matches privilege names case-insensitively", () => {
    expect(raisedPrivileges(role({ prvReadcr_Trip: "Basic" }), role({ prvreadcr_trip: "Basic" }))).toEqual([]);
  });

  it.each([
    ["an added synchronous step", null, 0, "pluginStepAdded", "high"],
    ["an added asynchronous step", null, 1, "pluginStepAdded", "medium"],
    ["a step changed from asynchronous to synchronous", 1, 0, "pluginStepChanged", "high"],
    ["a synchronous step changed, still synchronous", 0, 0, "pluginStepChanged", "medium"],
    ["a synchronous step switched to asynchronous", 0, 1, "pluginStepMadeAsynchronous", "high"],
  ] as const)("plug-in steps: %s is %s", (_, before, mode, id, severity) => {
    const baseline: Desc = { steps: before === null ? [] : [[ID, "Stamp: Create of cr_trip", CREATE, "cr_trip", 20, before]] };
    const current: Desc = { steps: [[ID, "Stamp: Create of cr_trip", CREATE, "cr_trip", 40, mode]] };
    const flags = flagsOf(baseline, current).filter((f) => f.id.startsWith("pluginStep"));
    expect(flags).toEqual([
      {
        id,
        severity,
        components: [
          {
            kind: "pluginSteps",
            key: ID,
            name: "Stamp: Create of cr_trip",
            change: before === null ? "added" : "changed",
            table: "cr_trip",
            step: { message: "Create", table: "cr_trip", stage: 40, synchronous: mode === 0 },
          },
        ],
      },
    ]);
  });

  it("a connector counts as new only when no baseline connection reference used it", () => {
    const baseline: Desc = {
      connectionReferences: [
        ["cr_old", DATAVERSE],
        ["cr_mail", OUTLOOK],
      ],
    };
    const current: Desc = {
      connectionReferences: [
        ["cr_new", DATAVERSE.toUpperCase()],
        ["cr_mail", "/providers/Microsoft.PowerApps/apis/shared_sharepointonline"],
      ],
    };
    const flags = flagsOf(baseline, current);
    expect(flags.find((f) => f.id === "connectorNew")?.components).toEqual([
      {
        kind: "connectionReferences",
        key: "cr_mail",
        name: "cr_mail",
        change: "changed",
        connectorId: "/providers/microsoft.powerapps/apis/shared_sharepointonline",
        connector: "shared_sharepointonline",
        previousConnector: "shared_office365",
      },
    ]);
    expect(flags.find((f) => f.id === "connectionReferenceNew")?.components.map((c) => c.key)).toEqual(["cr_new"]);
  });

  it("first deployment: new things are flagged, nothing as removed", () => {
    const current: Desc = {
      roles: [[ID, "Agent", {}]],
      workflows: [[ID2, "Notify", 5]],
      connectionReferences: [["cr_a", OUTLOOK]],
      environmentVariables: [["cr_A", "A"]],
    };
    expect(ids(null, current)).toEqual(["connectorNew", "cloudFlowAdded", "connectionReferenceNew", "environmentVariableAdded", "roleNew"]);
  });

  it("sorts high first, then by id, and each flag's components by name", () => {
    const baseline: Desc = { tables: [trip({ columns: ["cr_B", "cr_A"] })], roles: [[ID, "Agent", { prvRead: "Basic" }]] };
    const current: Desc = {
      tables: [trip()],
      roles: [
        [ID, "Agent", { prvRead: "Global" }],
        [ID2, "Clerk", {}],
      ],
      workflows: [
        [ID2, "b flow", 5],
        [ID, "A flow", 5],
      ],
    };
    const flags = flagsOf(baseline, current);
    expect(flags.map((f) => [f.severity, f.id])).toEqual([
      ["high", "columnsRemoved"],
      ["high", "rolePrivilegesRaised"],
      ["medium", "cloudFlowAdded"],
      ["medium", "roleNew"],
    ]);
    expect(flags[0].components.map((c) => c.key)).toEqual(["cr_trip.cr_a", "cr_trip.cr_b"]);
    expect(flags[2].components.map((c) => c.name)).toEqual(["A flow", "b flow"]);
  });
});
