/** @jest-environment node */
// Node for DecompressionStream and TextDecoder (jsdom lacks them).
import { describe, expect, it } from "@jest/globals";
import { DEFAULT_LIMITS, readCentralDirectory } from "../../ApprovalPanel/artifact/zip";
import { readCanvasApp } from "../../ApprovalPanel/solution/canvasApp";
import { detailsOfChange, type DetailItem } from "../../ApprovalPanel/solution/changeDetail";
import { compareArtifacts, readSolutionZip, type ZipReadResult } from "../../ApprovalPanel/solution/fromZip";
import { Slicer } from "../../ApprovalPanel/solution/xml";
import { buildZip, type FixtureEntry } from "../artifact/zipFixtures";
import { customizationsXml, solutionXml } from "./build";

// The shapes of a real .msapp: backslashes in entry names, Controls\N.json whose TopParent names the control and its
// template ("screen", "appinfo"), References\DataSources.json with the app's sources, and images beside them.
const APP = "cr_gymapp_9e622";
const MSAPP = `CanvasApps/${APP}_DocumentUri.msapp`;
const SHAREPOINT = "/providers/microsoft.powerapps/apis/shared_sharepointonline";
const SITE = "https://contoso.sharepoint.com/sites/gym";

/** A control file as Power Apps Studio writes it: TopParent first, then its children, which make the file long. */
const control = (name: string, template: string, children = 1): string =>
  JSON.stringify(
    {
      TopParent: {
        Type: "ControlInfo",
        Name: name,
        Template: { Id: `http://microsoft.com/appmagic/${template}`, Version: "1.0", Name: template, FirstParty: true },
        Index: 0.0,
        Children: Array.from({ length: children }, (_, i) => ({ Type: "ControlInfo", Name: `Label${i}`, Template: { Name: "label" } })),
      },
    },
    null,
    2,
  );

/** A source's schema as exports embed it: a long string of escaped JSON (past the 4 KB the reader skips strings from). */
const definition = JSON.stringify({ columns: Array.from({ length: 200 }, (_, i) => ({ name: `col${i}`, note: 'a "quoted" \\ path' })) });
const sharePoint = (name: string, list: string) => ({
  Name: name,
  IsSampleData: false,
  IsWritable: true,
  Type: "ConnectedDataSourceInfo",
  DatasetName: SITE,
  TableName: list,
  ApiId: SHAREPOINT,
  DataEntityMetadataJson: { [list]: definition },
  // A string that ends in a backslash: its closing quote follows an even number of them.
  Folder: "C:\\lists\\",
});
const dataverse = (name: string, table: string) => ({
  // Before the name: what follows a skipped string is read where it is.
  TableDefinition: definition,
  Name: name,
  IsSampleData: false,
  Type: "NativeCDSDataSourceInfo",
  DatasetName: "default.cds",
  EntitySetName: `${table}s`,
  LogicalName: table,
});
/** What is no source to name: choices and views of a table, collections, the designer's samples. */
const noise = [
  { Type: "OptionSetInfo", Name: "cr_member_statecode", DatasetName: "default.cds" },
  { Type: "ViewInfo", Name: "default.cds_cr_member_views" },
  { Type: "CollectionDataSourceInfo", Name: "colCart", IsSampleData: false },
  { Type: "StaticDataSourceInfo", Name: "CustomGallerySample", IsSampleData: true },
];
const sources = (...items: object[]): string => JSON.stringify({ DataSources: [...noise, ...items] }, null, 2);

/** An image whose compression method no reader supports: inflating it would fail, so a read that needs it would fail. */
const IMAGE: FixtureEntry = { name: "Assets\\Images\\logo.png", data: new Uint8Array(4096).fill(7), methodField: 99 };

function msapp(screens: string[], dataSources: string | null, extra: FixtureEntry[] = []): Uint8Array {
  return buildZip([
    { name: "Header.json", data: '{"DocVersion":"1.346"}' },
    { name: "Properties.json", data: '{"Name":"Gym"}' },
    ...screens.map((screen, i): FixtureEntry => ({ name: `Controls\\${i + 4}.json`, data: control(screen, "screen") })),
    { name: "Controls\\1.json", data: control("App", "appinfo") },
    ...(dataSources === null ? [] : [{ name: "References\\DataSources.json", data: dataSources }]),
    IMAGE,
    ...extra,
  ]);
}

function solutionZip(version: string, app: Uint8Array | null): Uint8Array {
  const xml = customizationsXml({ canvasApps: [[APP, "Gym", version, `/${MSAPP}`]] });
  return buildZip([
    { name: "solution.xml", data: solutionXml({ version: "1.0.0.0" }) },
    { name: "customizations.xml", data: xml },
    ...(app ? [{ name: MSAPP, data: app }] : []),
  ]);
}

function valueOf<T>(result: ZipReadResult<T>): T {
  if (!result.ok) throw new Error(`expected a value, got ${JSON.stringify(result.error)}`);
  return result.value;
}

const VERSION_CHANGE: DetailItem = { aspect: "canvasAppVersion", change: "changed", before: "2024-08-02T16:43:00Z", after: "2024-11-09T16:48:16Z" };

/** The detail lines of the canvas app between a baseline and a current .msapp. */
async function linesOf(before: Uint8Array | null, after: Uint8Array | null): Promise<DetailItem[]> {
  const comparison = valueOf(await compareArtifacts(solutionZip(VERSION_CHANGE.before!, before), solutionZip(VERSION_CHANGE.after!, after)));
  const [change] = comparison.diff.kinds.canvasApps.changed;
  return detailsOfChange(change);
}

/** The canvas app's facets as the solution reader keeps them. */
const facetsOf = async (app: Uint8Array | null) => valueOf(await readSolutionZip(solutionZip("1", app))).components.canvasApps[0].details?.facets;

const baseline = msapp(["Screen1", "EditScreen", "OldScreen"], sources(sharePoint("Members", "list-1"), dataverse("Bookings", "cr_booking")));

describe("a canvas app's screens and data sources", () => {
  it("lists screens added and removed and data sources added, removed and changed, with their connector or table", async () => {
    const current = msapp(
      ["Screen1", "EditScreen", "NewScreen"],
      sources(sharePoint("Members", "list-2"), sharePoint("ListVariables", "list-3"), dataverse("Trainers", "cr_trainer")),
    );
    expect(await linesOf(baseline, current)).toEqual([
      VERSION_CHANGE,
      { aspect: "canvasAppScreen", change: "removed", subject: "OldScreen" },
      { aspect: "canvasAppScreen", change: "added", subject: "NewScreen" },
      { aspect: "canvasAppDataSource", change: "removed", subject: "Bookings", before: "cr_booking" },
      {
        aspect: "canvasAppDataSource",
        change: "changed",
        subject: "Members",
        before: `shared_sharepointonline · ${SITE} · list-1`,
        after: `shared_sharepointonline · ${SITE} · list-2`,
      },
      { aspect: "canvasAppDataSource", change: "added", subject: "ListVariables", after: `shared_sharepointonline · ${SITE} · list-3` },
      { aspect: "canvasAppDataSource", change: "added", subject: "Trainers", after: "cr_trainer" },
    ]);
  });

  it("reads entry names with forward slashes as well", async () => {
    const slashed = buildZip([
      { name: "Controls/4.json", data: control("Screen1", "screen") },
      { name: "References/DataSources.json", data: sources() },
    ]);
    const current = msapp(["Screen1"], sources());
    expect(await linesOf(slashed, current)).toEqual([VERSION_CHANGE]);
    expect(await linesOf(slashed, msapp(["Screen2"], sources()))).toContainEqual({ aspect: "canvasAppScreen", change: "added", subject: "Screen2" });
  });

  it.each([
    ["a malformed DataSources.json", msapp(["Screen1", "NewScreen"], '{"DataSources": [{"Name": "Members", "Type": "ConnectedDataSourceInfo"'.repeat(2))],
    ["a DataSources.json whose items lack a comma", msapp(["NewScreen"], '{"DataSources": [{"Name": "A"} {"Name": "B"}]}')],
    ["a DataSources.json that is no object of sources", msapp(["NewScreen"], '["Members"]')],
    ["an .msapp that is not a zip", new TextEncoder().encode("not a zip, just text")],
    ["a control file without TopParent", msapp(["NewScreen"], sources(), [{ name: "Controls\\9.json", data: '{"Children": []}' }])],
  ])("keeps the version only for %s, and the comparison goes on", async (_, current) => {
    expect(await facetsOf(baseline)).toMatchObject({
      canvasAppScreen: [
        ["EditScreen", ""],
        ["OldScreen", ""],
        ["Screen1", ""],
      ],
    });
    expect(await facetsOf(current)).toEqual({ canvasAppVersion: "1" });
    expect(await linesOf(baseline, current)).toEqual([VERSION_CHANGE]);
  });

  it("keeps the version only when either side has no .msapp", async () => {
    expect(await linesOf(baseline, null)).toEqual([VERSION_CHANGE]);
    expect(await linesOf(null, baseline)).toEqual([VERSION_CHANGE]);
  });

  // Decided: a bomb inside an .msapp is refused before it inflates and costs that app its screens and data sources, not
  // the comparison; the solution's own files are still read under the reader's limits.
  it.each([
    ["an entry that declares 4 GB", { name: "References\\DataSources.json", data: sources(), declaredUncompressedSize: 0xf0000000 }],
    ["a control file that inflates 1000 to 1", { name: "Controls\\9.json", data: new Uint8Array(16 * 1024 * 1024) }],
  ] as [string, FixtureEntry][])("refuses %s at once and keeps the version only", async (_, bomb) => {
    const bombed = buildZip([{ name: "Controls\\4.json", data: control("Screen1", "screen") }, bomb]);
    const started = Date.now();
    expect(await facetsOf(bombed)).toEqual({ canvasAppVersion: "1" });
    expect(await facetsOf(buildZip([{ name: "Controls\\4.json", data: control("Screen1", "screen") }]))).toHaveProperty("canvasAppScreen");
    expect(await linesOf(baseline, bombed)).toEqual([VERSION_CHANGE]);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe("readCanvasApp", () => {
  const outer = (app: Uint8Array) => {
    const zip = buildZip([{ name: MSAPP, data: app }]);
    const directory = readCentralDirectory(zip);
    if (!directory.ok) throw new Error("no directory");
    return { zip, entry: directory.value[0] };
  };

  it("counts the .msapp and the entries it reads against the budget, not the images", async () => {
    const text = sources(sharePoint("Members", "list-1"));
    const screen = control("Screen1", "screen");
    const app = msapp(["Screen1"], text);
    const { zip, entry } = outer(app);
    // Exactly what the .msapp and the three entries it reads declare, down to what is kept for the solution's files.
    const budget = { left: DEFAULT_LIMITS.maxEntryBytes + app.length + screen.length + control("App", "appinfo").length + text.length };
    const read = JSON.parse(await readCanvasApp(zip, entry, budget, new Slicer()));
    expect(read).toEqual([["Screen1"], [["Members", `shared_sharepointonline · ${SITE} · list-1`]]]);
    expect(budget.left).toBe(DEFAULT_LIMITS.maxEntryBytes);
  });

  it("reads a long control file's head only: the CRC-32 at its end, here wrong, is never reached", async () => {
    const long = control("LongScreen", "screen", 4000);
    expect(long.length).toBeGreaterThan(300_000);
    const app = msapp([], sources(), [{ name: "Controls\\5.json", data: long, crc32: 0x12345678 }]);
    const { zip, entry } = outer(app);
    expect(JSON.parse(await readCanvasApp(zip, entry, { left: Infinity }, new Slicer()))).toEqual([["LongScreen"], []]);
  });

  it("reads nothing when the budget would fall below what the solution's own files may need", async () => {
    const { zip, entry } = outer(baseline);
    const budget = { left: DEFAULT_LIMITS.maxEntryBytes + 100 };
    expect(await readCanvasApp(zip, entry, budget, new Slicer())).toBe("");
    expect(budget.left).toBe(DEFAULT_LIMITS.maxEntryBytes + 100);
  });

  it("stops when the comparison is aborted, and the solution reader answers aborted", async () => {
    const controller = new AbortController();
    const { zip, entry } = outer(baseline);
    controller.abort();
    expect(await readCanvasApp(zip, entry, { left: Infinity }, new Slicer(controller.signal), controller.signal)).toBe("");
    expect(await readSolutionZip(solutionZip("1", baseline), AbortSignal.abort())).toMatchObject({ ok: false, error: { problem: "aborted" } });
  });
});
