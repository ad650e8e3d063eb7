import { describe, expect, it } from "@jest/globals";
import { COMPONENT_KINDS, normalizeDepth, readComponents, type ComponentKind } from "../../ApprovalPanel/solution/components";
import { diffSolutions } from "../../ApprovalPanel/solution/diff";
import { readSolutionManifest } from "../../ApprovalPanel/solution/manifest";
import { customApiElement, customizationsXml, environmentVariableElement, read, solutionXml, type Desc, type Style, type TableDesc } from "./build";

const ID = "6a1f9c3e-0000-4000-8000-000000000001";
const CREATE = "9ebdbb1b-ea3e-db11-86a7-000a3a5473e8";
const trip = (extra: Partial<TableDesc> = {}): TableDesc => ({ name: "cr_Trip", label: "Trip", ...extra });

/** Per kind: a solution with one such component, the same component changed, its key and display name. */
const kinds: [ComponentKind, Desc, Desc, string, string][] = [
  ["tables", { tables: [trip()] }, { tables: [trip({ ribbon: "<CustomActions />" })] }, "cr_trip", "Trip"],
  [
    "columns",
    { tables: [trip({ columns: [["cr_Cost", "Cost"]] })] },
    { tables: [trip({ columns: [["cr_Cost", "Cost", "required"]] })] },
    "cr_trip.cr_cost",
    "Cost",
  ],
  ["forms", { tables: [trip({ forms: [[ID, "Main", "<tabs />"]] })] }, { tables: [trip({ forms: [[ID, "Main", "<tabs><tab /></tabs>"]] })] }, ID, "Main"],
  ["views", { tables: [trip({ views: [[ID, "Active Trips", "a"]] })] }, { tables: [trip({ views: [[ID, "Active Trips", "b"]] })] }, ID, "Active Trips"],
  [
    "relationships",
    { relationships: [["cr_trip_account", "cr_Trip"]] },
    { relationships: [["cr_trip_account", "cr_Leg"]] },
    "cr_trip_account",
    "cr_trip_account",
  ],
  ["optionSets", { optionSets: [["cr_Status", "Status", [1, 2]]] }, { optionSets: [["cr_Status", "Status", [1, 2, 3]]] }, "cr_status", "Status"],
  [
    "roles",
    { roles: [[ID, "Travel Agent", { prvReadcr_Trip: "Basic" }]] },
    { roles: [[ID, "Travel Agent", { prvReadcr_Trip: "Global" }]] },
    ID,
    "Travel Agent",
  ],
  ["cloudFlows", { workflows: [[ID, "Notify", 5]] }, { workflows: [[ID, "Notify", 5, 0]] }, ID, "Notify"],
  ["workflows", { workflows: [[ID, "Audit", 0]] }, { workflows: [[ID, "Audit", 0, 0]] }, ID, "Audit"],
  ["webResources", { webResources: [["cr_/trip.js"]] }, { webResources: [["cr_/trip.js", 1]] }, "cr_/trip.js", "cr_/trip.js"],
  [
    "pluginAssemblies",
    { assemblies: [["Contoso.Plugins", "1.0.0.0"]] },
    { assemblies: [["Contoso.Plugins", "1.0.1.0"]] },
    "contoso.plugins",
    "Contoso.Plugins",
  ],
  [
    "pluginSteps",
    { steps: [[ID, "Stamp: Create of cr_trip", CREATE, "cr_trip", 40, 1]] },
    { steps: [[ID, "Stamp: Create of cr_trip", CREATE, "cr_trip", 20, 0]] },
    ID,
    "Stamp: Create of cr_trip",
  ],
  [
    "environmentVariables",
    { environmentVariables: [["cr_ApiUrl", "API address"]] },
    { environmentVariables: [["cr_ApiUrl", "API address", "https://x.test"]] },
    "cr_apiurl",
    "API address",
  ],
  [
    "connectionReferences",
    { connectionReferences: [["cr_outlook", "/providers/Microsoft.PowerApps/apis/shared_office365", "Outlook"]] },
    { connectionReferences: [["cr_outlook", "/providers/Microsoft.PowerApps/apis/shared_outlook", "Outlook"]] },
    "cr_outlook",
    "Outlook",
  ],
  [
    "modelDrivenApps",
    { appModules: [["cr_TripAdmin", "Trip Admin"]] },
    { appModules: [["cr_TripAdmin", "Trip Administration"]] },
    "cr_tripadmin",
    "Trip Admin",
  ],
  ["siteMaps", { siteMaps: [["cr_TripAdmin", "trips"]] }, { siteMaps: [["cr_TripAdmin", "bookings"]] }, "cr_tripadmin", "cr_TripAdmin"],
  [
    "canvasApps",
    { canvasApps: [["cr_tripapp_1a2b3", "Trip App"]] },
    { canvasApps: [["cr_tripapp_1a2b3", "Trip App", "2025-01-01T00:00:00Z"]] },
    "cr_tripapp_1a2b3",
    "Trip App",
  ],
  ["customApis", { customApis: [["cr_Book", "Book"]] }, { customApis: [["cr_Book", "Book", 1]] }, "cr_book", "Book"],
  ["codeComponents", { customControls: [["cr_Contoso.Gauge"]] }, { customControls: [["cr_Contoso.Gauge", "2"]] }, "cr_contoso.gauge", "cr_Contoso.Gauge"],
];

const reformatted: Style = { pretty: true, reverseAttributes: true, introducedVersion: "2.0.0.3" };

describe("readComponents, per kind", () => {
  it("covers every kind", () => {
    expect(kinds.map(([k]) => k).sort()).toEqual([...COMPONENT_KINDS].filter((k) => k !== "connectors").sort());
  });

  it.each(kinds)("%s: reads the key and the display name", (kind, base, _, key, name) => {
    expect(read(base).components[kind]).toEqual([expect.objectContaining({ kind, key, name, fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) })]);
  });

  it.each(kinds)("%s: added, removed", (kind, base, _, key) => {
    expect(diffSolutions(read({}), read(base)).kinds[kind].added.map((c) => c.key)).toEqual([key]);
    expect(diffSolutions(read(base), read({})).kinds[kind].removed.map((c) => c.key)).toEqual([key]);
  });

  it.each(kinds)("%s: changed when its content changes", (kind, base, changed, key) => {
    const diff = diffSolutions(read(base), read(changed));
    expect(diff.kinds[kind].changed.map((c) => c.current.key)).toEqual([key]);
    expect(diff.kinds[kind].counts).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 0 });
  });

  it.each(kinds)("%s: unchanged when only whitespace, attribute order or IntroducedVersion differ", (kind, base) => {
    const diff = diffSolutions(read(base), read(base, reformatted));
    expect(diff.kinds[kind].counts).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 1 });
    expect(diff.totals).toEqual({ added: 0, removed: 0, changed: 0 });
  });
});

describe("readComponents, details", () => {
  it("keeps a table's columns, forms and views out of the table's fingerprint", () => {
    const diff = diffSolutions(
      read({ tables: [trip({ columns: ["cr_A"], forms: [[ID, "Main"]], views: [[ID, "All"]] })] }),
      read({ tables: [trip({ columns: ["cr_A", "cr_B"], forms: [[ID, "Main", "x"]], views: [[ID, "All", "y"]] })] }),
    );
    expect(diff.kinds.tables.counts.changed).toBe(0);
    expect(diff.kinds.columns.added.map((c) => c.key)).toEqual(["cr_trip.cr_b"]);
    expect(diff.kinds.forms.counts.changed).toBe(1);
    expect(diff.kinds.views.counts.changed).toBe(1);
  });

  it("names a column's table and marks a shell table", () => {
    const c = read({ tables: [trip({ columns: ["cr_Cost"] }), { name: "SystemUser", label: "User", unmodified: true }] }).components;
    expect(c.columns[0]).toMatchObject({ key: "cr_trip.cr_cost", logicalName: "cr_cost", details: { table: "cr_trip" } });
    expect(c.tables.map((t) => [t.key, t.details?.unmodified])).toEqual([
      ["cr_trip", undefined],
      ["systemuser", true],
    ]);
  });

  it("reads a plug-in step's message, table, stage and mode", () => {
    const steps = read({
      steps: [
        [ID, "Stamp: Create of cr_trip", CREATE, "cr_Trip", 20, 0],
        ["6a1f9c3e-0000-4000-8000-000000000002", "Audit: Assign of cr_trip", "0c5a2c1e-0000-0000-0000-000000000000", "cr_trip", 40, 1],
      ],
    }).components.pluginSteps;
    expect(steps.map((s) => s.details)).toEqual([
      expect.objectContaining({ message: "Create", primaryEntity: "cr_trip", table: "cr_trip", stage: 20, mode: 0 }),
      expect.objectContaining({ message: "Assign", primaryEntity: "cr_trip", table: "cr_trip", stage: 40, mode: 1 }),
    ]);
  });

  it("keys a plug-in assembly by its name, not its version", () => {
    const diff = diffSolutions(read({ assemblies: [["Contoso.Plugins", "1.0.0.0"]] }), read({ assemblies: [["Contoso.Plugins", "2.0.0.0"]] }));
    expect(diff.kinds.pluginAssemblies.counts).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 0 });
  });

  it("tells cloud flows from classic processes and records the definition file", () => {
    const c = read({
      workflows: [
        [ID, "Notify", 5],
        ["6a1f9c3e-0000-4000-8000-000000000002", "Rule", 2],
      ],
    }).components;
    expect(c.cloudFlows.map((f) => f.details)).toEqual([expect.objectContaining({ category: 5, file: `Workflows/Notify-${ID.toUpperCase()}.json` })]);
    expect(c.workflows.map((f) => f.details?.category)).toEqual([2]);
  });

  it("counts a flow's definition in its fingerprint when the file is given, but not its formatting", () => {
    const file = `Workflows/Notify-${ID.toUpperCase()}.json`;
    const flows = (json: string) => read({ workflows: [[ID, "Notify", 5]] }, {}, { [file]: json });
    expect(flows(`{"a":1,"b":2}`).components.cloudFlows[0].fingerprint).toBe(flows(`{\n "b": 2,\n "a": 1\n}`).components.cloudFlows[0].fingerprint);
    expect(flows(`{"a":1}`).components.cloudFlows[0].fingerprint).not.toBe(flows(`{"a":2}`).components.cloudFlows[0].fingerprint);
  });

  it("reads a connection reference's connector id in lower case", () => {
    const c = read({ connectionReferences: [["cr_Outlook", "/providers/Microsoft.PowerApps/apis/shared_office365"]] }).components.connectionReferences;
    expect(c).toEqual([
      expect.objectContaining({
        key: "cr_outlook",
        logicalName: "cr_Outlook",
        details: expect.objectContaining({ connectorId: "/providers/microsoft.powerapps/apis/shared_office365", connectorName: "shared_office365" }),
      }),
    ]);
  });

  it("reads a role's privileges with their depths", () => {
    const roles = read({ roles: [[ID, "Agent", { prvWritecr_Trip: "Local", prvReadcr_Trip: "Global", prvCreatecr_Trip: "Organization" }]] }).components.roles;
    expect(roles[0].details?.privileges).toEqual([
      { name: "prvCreatecr_Trip", depth: "Global" },
      { name: "prvReadcr_Trip", depth: "Global" },
      { name: "prvWritecr_Trip", depth: "Local" },
    ]);
  });

  it.each([
    ["Basic", "Basic"],
    ["User", "Basic"],
    ["1", "Basic"],
    ["Local", "Local"],
    ["BusinessUnit", "Local"],
    ["Business Unit", "Local"],
    ["2", "Local"],
    ["Deep", "Deep"],
    ["Parent: Child Business Units", "Deep"],
    ["ParentChild", "Deep"],
    ["4", "Deep"],
    ["Global", "Global"],
    ["Organization", "Global"],
    ["8", "Global"],
    ["global", "Global"],
    ["Team", "Team"],
  ])("privilege level %s is %s", (level, depth) => {
    expect(normalizeDepth(level)).toBe(depth);
  });

  it("prefers the 1033 label, then the first label, then the key", () => {
    const xml = (labels: string) =>
      `<ImportExportXml><AppModules><AppModule><UniqueName>cr_App</UniqueName><LocalizedNames>${labels}</LocalizedNames></AppModule></AppModules></ImportExportXml>`;
    const name = (labels: string) => {
      const r = readComponents(xml(labels));
      return r.ok ? r.value.components.modelDrivenApps[0].name : null;
    };
    expect(name(`<LocalizedName description="Reisen" languagecode="1031" /><LocalizedName description="Trips" languagecode="1033" />`)).toBe("Trips");
    expect(name(`<LocalizedName description="Reisen" languagecode="1031" /><LocalizedName description="Voyages" languagecode="1036" />`)).toBe("Reisen");
    expect(name(`<LocalizedName description="" languagecode="1033" />`)).toBe("cr_app");
  });

  it("reads environment variables and custom APIs from their own files, with the files beside them", () => {
    const files = {
      "environmentvariabledefinitions/cr_ApiUrl/environmentvariabledefinition.xml": environmentVariableElement("cr_ApiUrl", "API address"),
      "environmentvariabledefinitions/cr_ApiUrl/environmentvariablevalues.json": `{"environmentvariablevalues":{"environmentvariablevalue":{"value":"https://a.test"}}}`,
      "environmentvariabledefinitions/cr_Mode/environmentvariabledefinition.xml": environmentVariableElement("cr_Mode", "Mode", "fast"),
      "customapis/cr_Book/customapi.xml": customApiElement("cr_Book", "Book"),
      "customapis/cr_Book/customapirequestparameters/cr_Book_Trip/customapirequestparameter.xml": `<customapirequestparameter uniquename="cr_Book_Trip"><type>5</type></customapirequestparameter>`,
    };
    const c = read({}, {}, files).components;
    expect(c.environmentVariables.map((v) => [v.key, v.name, v.details])).toEqual([
      ["cr_apiurl", "API address", expect.objectContaining({ hasDefaultValue: false, hasCurrentValue: true })],
      ["cr_mode", "Mode", expect.objectContaining({ hasDefaultValue: true, hasCurrentValue: false })],
    ]);
    expect(c.customApis.map((a) => [a.key, a.name])).toEqual([["cr_book", "Book"]]);

    const changed = {
      ...files,
      "customapis/cr_Book/customapirequestparameters/cr_Book_Trip/customapirequestparameter.xml": `<customapirequestparameter uniquename="cr_Book_Trip"><type>10</type></customapirequestparameter>`,
    };
    expect(diffSolutions(read({}, {}, files), read({}, {}, changed)).kinds.customApis.counts.changed).toBe(1);
    const value = {
      ...files,
      "environmentvariabledefinitions/cr_ApiUrl/environmentvariablevalues.json": `{"environmentvariablevalues":{"environmentvariablevalue":{"value":"https://b.test"}}}`,
    };
    expect(diffSolutions(read({}, {}, files), read({}, {}, value)).kinds.environmentVariables.changed.map((x) => x.current.key)).toEqual(["cr_apiurl"]);
  });

  it("reads a custom connector", () => {
    const xml = `<ImportExportXml><Connectors><Connector><name>cr_TripApi</name><displayname>Trip API</displayname><connectorid>abc</connectorid></Connector></Connectors></ImportExportXml>`;
    expect(readComponents(xml)).toMatchObject({
      ok: true,
      value: { components: { connectors: [{ key: "cr_tripapi", name: "Trip API", logicalName: "cr_TripApi" }] } },
    });
  });

  it("keeps the manifest it is given, and has every kind even when empty", () => {
    const manifest = readSolutionManifest(solutionXml({ uniqueName: "Trips" }));
    if (!manifest.ok) throw new Error("manifest");
    const result = readComponents(customizationsXml({}), manifest.value);
    expect(result).toMatchObject({ ok: true, value: { manifest: { uniqueName: "Trips" } } });
    if (result.ok) expect(Object.keys(result.value.components).sort()).toEqual([...COMPONENT_KINDS].sort());
  });

  it("keeps the first of two components with one key", () => {
    const c = read({
      canvasApps: [
        ["cr_app", "First"],
        ["CR_APP", "Second"],
      ],
    }).components.canvasApps;
    expect(c.map((a) => a.name)).toEqual(["First"]);
  });
});
