/** @jest-environment node */
// Node for DecompressionStream and TextDecoder (jsdom lacks them). No DOMParser here, as in a worker: the reader has its own parser.
import { describe, expect, it } from "@jest/globals";
import { compareArtifacts, comparisonSummary, readSolutionZip, type ZipReadResult } from "../../ApprovalPanel/solution/fromZip";
import { buildZip, withByte, type FixtureEntry } from "../artifact/zipFixtures";
import { readComponents } from "../../ApprovalPanel/solution/components";
import { diffSolutions } from "../../ApprovalPanel/solution/diff";
import { customizationsXml, environmentVariableElement, solutionXml, type Desc } from "./build";

const FLOW = "6a1f9c3e-0000-4000-8000-0000000000f1";
const flowFile = `Workflows/Notify-${FLOW.toUpperCase()}.json`;
const trip = (columns: string[]): Desc => ({
  tables: [{ name: "cr_Trip", label: "Trip", columns }],
  workflows: [[FLOW, "Notify", 5]],
  webResources: [["cr_/app.js"]],
});

function solutionZip(desc: Desc, version: string, extra: FixtureEntry[] = [], customizations: string | null = customizationsXml(desc)): Uint8Array {
  return buildZip([
    { name: "[Content_Types].xml", data: "<Types/>" },
    { name: "solution.xml", data: solutionXml({ version, managed: true }) },
    ...(customizations === null ? [] : [{ name: "customizations.xml", data: customizations }]),
    ...extra,
  ]);
}

function valueOf<T>(result: ZipReadResult<T>): T {
  if (!result.ok) throw new Error(`expected a value, got ${JSON.stringify(result.error)}`);
  return result.value;
}

const keys = (list: { key: string }[]) => list.map((c) => c.key);

describe("readSolutionZip", () => {
  it("reads the manifest, the components and the files they point to", async () => {
    const zip = solutionZip(trip(["cr_A"]), "1.2.0.0", [
      { name: flowFile, data: '{"properties":{"definition":{"a":1}}}' },
      { name: "WebResources/cr_appjs", data: "alert(1)", method: "stored" },
      { name: "environmentvariabledefinitions/cr_Url/environmentvariabledefinition.xml", data: environmentVariableElement("cr_Url", "Url", "https://x") },
      { name: "environmentvariabledefinitions/cr_Url/environmentvariablevalues.json", data: '{"value":"https://y"}' },
    ]);
    const contents = valueOf(await readSolutionZip(zip));
    expect(contents.manifest).toMatchObject({ uniqueName: "Contoso", version: "1.2.0.0", managed: true });
    expect(keys(contents.components.columns)).toEqual(["cr_trip.cr_a"]);
    expect(keys(contents.components.cloudFlows)).toEqual([FLOW]);
    expect(contents.components.environmentVariables).toMatchObject([{ key: "cr_url", details: { hasDefaultValue: true, hasCurrentValue: true } }]);
  });

  it("fails as a solution without customizations.xml or solution.xml", async () => {
    expect(await readSolutionZip(solutionZip(trip([]), "1.0.0.0", [], null))).toEqual({
      ok: false,
      error: { kind: "solution", problem: "missing", entry: "customizations.xml" },
    });
    const noManifest = buildZip([{ name: "customizations.xml", data: customizationsXml(trip([])) }]);
    expect(await readSolutionZip(noManifest)).toMatchObject({ ok: false, error: { kind: "solution", problem: "missing", entry: "solution.xml" } });
  });

  it("refuses a DOCTYPE in customizations.xml", async () => {
    const doctype = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><ImportExportXml><Entities>&a;</Entities></ImportExportXml>`;
    expect(await readSolutionZip(solutionZip({}, "1.0.0.0", [], doctype))).toEqual({
      ok: false,
      error: { kind: "solution", problem: "entities", entry: "customizations.xml" },
    });
  });

  it("names the file of an extra file the solution reader refuses", async () => {
    const name = "customapis/cr_Go/customapi.xml";
    const result = await readSolutionZip(solutionZip({}, "1.0.0.0", [{ name, data: "<customapi><unclosed></customapi>" }]));
    expect(result).toEqual({ ok: false, error: { kind: "solution", problem: "malformed", entry: name } });
  });

  it("fails as a zip on bytes that are no zip or an entry that does not match its CRC-32", async () => {
    expect(await readSolutionZip(new TextEncoder().encode("not a zip at all, just text"))).toEqual({ ok: false, error: { kind: "zip", problem: "notZip" } });
    const zip = buildZip([{ name: "solution.xml", data: solutionXml(), method: "stored" }]);
    // The first data byte of the stored entry: after the 30-byte local header and the 12-byte name.
    const broken = withByte(zip, 30 + "solution.xml".length, 0x21);
    expect(await readSolutionZip(broken)).toEqual({ ok: false, error: { kind: "zip", problem: "corrupt", entry: "solution.xml" } });
  });

  it("answers aborted when the signal is aborted before or while it reads", async () => {
    const zip = solutionZip(trip(["cr_A"]), "1.0.0.0");
    expect(await readSolutionZip(zip, AbortSignal.abort())).toMatchObject({ ok: false, error: { kind: "zip", problem: "aborted" } });
    const controller = new AbortController();
    const pending = readSolutionZip(zip, controller.signal);
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { kind: "zip", problem: "aborted" } });
  });
});

describe("compareArtifacts", () => {
  const baseline = solutionZip(trip(["cr_A", "cr_B"]), "1.0.0.0", [
    { name: flowFile, data: '{"properties":{"definition":{"a":1,"b":2}}}' },
    { name: "WebResources/cr_appjs", data: "alert(1)" },
  ]);

  it("finds an added column and flags a removed one", async () => {
    const current = solutionZip(trip(["cr_A", "cr_C"]), "1.0.0.1", [
      // Reformatted, same content: no change.
      { name: flowFile, data: '{ "properties": { "definition": { "b": 2, "a": 1 } } }' },
      { name: "WebResources/cr_appjs", data: "alert(2)" },
    ]);
    const result = valueOf(await compareArtifacts(baseline, current));
    expect(result.baseline?.version).toBe("1.0.0.0");
    expect(result.current.version).toBe("1.0.0.1");
    expect(result.diff.first).toBe(false);
    expect(keys(result.diff.kinds.columns.added)).toEqual(["cr_trip.cr_c"]);
    expect(keys(result.diff.kinds.columns.removed)).toEqual(["cr_trip.cr_b"]);
    expect(result.diff.kinds.cloudFlows.counts).toMatchObject({ changed: 0, unchanged: 1 });
    // The web resource's bytes differ: its CRC-32 in the central directory tells so without inflating it.
    expect(result.diff.kinds.webResources.counts).toMatchObject({ changed: 1 });
    const removed = result.risks.find((r) => r.id === "columnsRemoved");
    expect(removed?.components.map((c) => c.key)).toEqual(["cr_trip.cr_b"]);
    // What the review fingerprint records of it: versions, the kinds that changed, the risks and their sizes.
    const summary = comparisonSummary(result);
    expect(summary).toMatchObject({ baselineVersion: "1.0.0.0", version: "1.0.0.1", counts: { columns: [1, 1, 0], webResources: [0, 0, 1] } });
    expect(summary.counts).not.toHaveProperty("cloudFlows");
    expect(summary.risks).toContainEqual(["columnsRemoved", 1]);
  });

  it("compares a changed flow definition as changed", async () => {
    const current = solutionZip(trip(["cr_A", "cr_B"]), "1.0.0.1", [
      { name: flowFile, data: '{"properties":{"definition":{"a":1,"b":3}}}' },
      { name: "WebResources/cr_appjs", data: "alert(1)" },
    ]);
    const result = valueOf(await compareArtifacts(baseline, current));
    expect(result.diff.kinds.cloudFlows.counts).toMatchObject({ changed: 1 });
    expect(result.diff.totals).toEqual({ added: 0, removed: 0, changed: 1 });
  });

  it("treats everything as added on a first deployment", async () => {
    const result = valueOf(await compareArtifacts(null, solutionZip(trip(["cr_A"]), "1.0.0.0")));
    expect(result.baseline).toBeNull();
    expect(result.diff.first).toBe(true);
    expect(keys(result.diff.kinds.columns.added)).toEqual(["cr_trip.cr_a"]);
    expect(result.diff.totals.removed).toBe(0);
  });

  it("compares a kind at a time, and the parts add up to the diff made at once", async () => {
    const baselineDesc: Desc = { ...trip(["cr_A", "cr_B"]), roles: [[FLOW, "Agent", { prvReadcr_trip: "Basic" }]], optionSets: [["cr_s", "S", [1, 2]]] };
    const currentDesc: Desc = { ...trip(["cr_A", "cr_C"]), roles: [[FLOW, "Agent", { prvReadcr_trip: "Global" }]], optionSets: [["cr_s", "S", [1]]] };
    const [baseline, current] = [solutionZip(baselineDesc, "1.0.0.0"), solutionZip(currentDesc, "1.1.0.0")];
    const result = valueOf(await compareArtifacts(baseline, current));
    const atOnce = diffSolutions(valueOf(await readSolutionZip(baseline)), valueOf(await readSolutionZip(current)));
    expect(result.diff).toEqual(atOnce);
    const sum = (what: "added" | "removed" | "changed") => Object.values(result.diff.kinds).reduce((n, kind) => n + kind.counts[what], 0);
    expect(result.diff.totals).toEqual({ added: sum("added"), removed: sum("removed"), changed: sum("changed") });
    expect(result.diff.totals).toMatchObject({ added: 1, removed: 1 });
    expect(result.diff.totals.changed).toBeGreaterThan(1);
  });

  it("says which zip failed", async () => {
    const good = solutionZip(trip(["cr_A"]), "1.0.0.0");
    const bad = new Uint8Array([1, 2, 3, 4]);
    expect(await compareArtifacts(bad, good)).toEqual({ ok: false, error: { kind: "zip", problem: "notZip", side: "baseline" } });
    expect(await compareArtifacts(good, bad)).toEqual({ ok: false, error: { kind: "zip", problem: "notZip", side: "current" } });
    expect(await compareArtifacts(null, good, AbortSignal.abort())).toMatchObject({ ok: false, error: { kind: "zip", problem: "aborted", side: "current" } });
  });
});

describe("without a DOM", () => {
  it("has no DOMParser to fall back on, as in a worker", () => {
    expect(typeof (globalThis as { DOMParser?: unknown }).DOMParser).toBe("undefined");
  });
});

describe("readSolutionZip reads components as they close", () => {
  const desc: Desc = {
    ...trip(["cr_A", "cr_B"]),
    tables: [
      { name: "cr_Trip", label: "Trip", columns: ["cr_A", "cr_B"], forms: [["0f0f0f0f-0000-4000-8000-000000000001", "Main"]] },
      { name: "cr_Leg", label: "Leg", columns: ["cr_C"] },
    ],
    relationships: [["cr_trip_leg", "cr_Leg"]],
    roles: [["0e0e0e0e-0000-4000-8000-000000000001", "Approver", { prvReadcr_Trip: "Global" }]],
    optionSets: [["cr_kind", "Kind", [1, 2]]],
  };

  it("finds what the whole-tree reader finds, in any order of containers, with the first of a key winning", async () => {
    const xml = customizationsXml(desc);
    // The roles before the tables, a second Entities container (the reader reads the first) and a role written twice.
    const roles = /<Roles>[\s\S]*<\/Roles>/.exec(xml)![0];
    const role = /<Role [\s\S]*<\/Role>/.exec(roles)![0];
    const twice = roles.replace("</Roles>", `${role.replace("Approver", "Approver again")}</Roles>`);
    const reordered = xml
      .replace(roles, "")
      .replace("<Entities>", `${twice}<Entities>`)
      .replace("</Entities>", "</Entities><Entities><Entity><Name>cr_Other</Name></Entity></Entities>");
    const files = { [flowFile]: '{"properties":{"definition":{"a":1}}}' };
    for (const text of [xml, reordered]) {
      const zip = solutionZip(desc, "1.0.0.0", [{ name: flowFile, data: files[flowFile] }], text);
      const streamed = valueOf(await readSolutionZip(zip)).components;
      const whole = readComponents(text, null, { ...files, "customizations.xml": "", "solution.xml": "" });
      expect(streamed).toEqual(whole.ok && whole.value.components);
      expect(streamed.roles.map((r) => r.name)).toEqual(["Approver"]);
      expect(keys(streamed.tables)).toEqual(["cr_leg", "cr_trip"]);
    }
  });
});
