import { describe, expect, it } from "@jest/globals";
import { readComponents } from "../../ApprovalPanel/solution/components";
import { readSolutionManifest } from "../../ApprovalPanel/solution/manifest";
import { canonical, canonicalJson, hash, parseXml, type XmlElement } from "../../ApprovalPanel/solution/xml";
import { customizationsXml, solutionXml } from "./build";

const root = (xml: string): XmlElement => {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error(parsed.error.problem);
  return parsed.value;
};

describe("guards", () => {
  const billionLaughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><ImportExportXml><Entities>&lol2;</Entities></ImportExportXml>`;
  it.each([
    ["a DOCTYPE with entities", "entities", billionLaughs],
    ["a DOCTYPE alone", "entities", `<!DOCTYPE ImportExportXml><ImportExportXml />`],
    ["an ENTITY declaration in lower case", "entities", `<!entity x "y"><ImportExportXml />`],
    ["an unclosed element", "malformed", `<ImportExportXml><Entities></ImportExportXml>`],
    ["text that is not XML", "malformed", `{"EnvironmentVariables":[]}`],
    ["an empty text", "malformed", ``],
    ["another root", "notSolution", `<html><body /></html>`],
    ["solution.xml given as customizations.xml", "notSolution", solutionXml()],
  ])("customizations.xml: %s → %s", (_, problem, xml) => {
    expect(readComponents(xml)).toEqual({ ok: false, error: expect.objectContaining({ problem }) });
  });

  it.each([
    ["a DOCTYPE", "entities", `<!DOCTYPE x><ImportExportXml><SolutionManifest><UniqueName>a</UniqueName></SolutionManifest></ImportExportXml>`],
    ["malformed XML", "malformed", `<ImportExportXml><SolutionManifest>`],
    ["customizations.xml given as solution.xml", "notSolution", customizationsXml({})],
    ["a manifest without a unique name", "notSolution", `<ImportExportXml><SolutionManifest><Version>1.0</Version></SolutionManifest></ImportExportXml>`],
    ["another root", "notSolution", `<SolutionManifest><UniqueName>a</UniqueName></SolutionManifest>`],
  ])("solution.xml: %s → %s", (_, problem, xml) => {
    expect(readSolutionManifest(xml)).toEqual({ ok: false, error: expect.objectContaining({ problem }) });
  });

  it("stops at the declaration, so nothing after it is read or expanded", () => {
    expect(parseXml(`${billionLaughs}<unclosed>&lol2;`)).toEqual({ ok: false, error: expect.objectContaining({ problem: "entities" }) });
  });

  it("names a component file that is malformed", () => {
    const result = readComponents(customizationsXml({}), null, { "customapis/cr_Go/customapi.xml": "<customapi uniquename='cr_Go'>" });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ problem: "malformed", file: "customapis/cr_Go/customapi.xml" }) });
  });

  it("refuses a component file with another root", () => {
    const result = readComponents(customizationsXml({}), null, { "environmentvariabledefinitions/cr_X/environmentvariabledefinition.xml": "<customapi />" });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ problem: "notSolution" }) });
  });

  it("reads a file that starts with a byte order mark, as exports do", () => {
    expect(readSolutionManifest("\uFEFF" + `<?xml version="1.0" encoding="utf-8"?>` + solutionXml()).ok).toBe(true);
  });
});

describe("names are text", () => {
  it.each([
    ["a script element", "<script>alert(1)</script>"],
    ["an image with a handler", `<img src=x onerror="alert(1)">`],
    ["a javascript: address", "javascript:alert(1)"],
    ["a prototype name", "__proto__"],
  ])("%s stays the same string", (_, name) => {
    const xml = customizationsXml({
      canvasApps: [["cr_app", name]],
      roles: [["00000000-0000-0000-0000-000000000001", name, { [name]: "Global" }]],
    });
    const result = readComponents(xml);
    if (!result.ok) throw new Error(result.error.problem);
    expect(result.value.components.canvasApps[0].name).toBe(name);
    expect(result.value.components.roles[0].name).toBe(name);
    expect(result.value.components.roles[0].details?.privileges).toEqual([{ name, depth: "Global" }]);
    expect(Object.prototype).not.toHaveProperty("Global");
  });
});

describe("readSolutionManifest", () => {
  it("reads name, version, managed, publisher, root components and missing dependencies", () => {
    const xml = solutionXml({
      uniqueName: "TravelRequests",
      version: "1.0.0.7",
      managed: true,
      publisher: "contoso",
      roots: [
        [1, "cr_trip"],
        [29, "9048f760-5a9b-ef11-8a6a-000d3a348b6b"],
      ],
      missing: 2,
    });
    expect(readSolutionManifest(xml)).toEqual({
      ok: true,
      value: {
        uniqueName: "TravelRequests",
        version: "1.0.0.7",
        managed: true,
        publisher: "contoso",
        rootComponents: [
          { type: 1, schemaName: "cr_trip" },
          { type: 29, id: "9048f760-5a9b-ef11-8a6a-000d3a348b6b" },
        ],
        missingDependencies: 2,
      },
    });
  });

  it.each([
    ["0", false],
    ["1", true],
  ])("Managed %s is managed: %s", (value, managed) => {
    const xml = `<ImportExportXml><SolutionManifest><UniqueName>a</UniqueName><Managed>${value}</Managed></SolutionManifest></ImportExportXml>`;
    expect(readSolutionManifest(xml)).toMatchObject({ ok: true, value: { managed, publisher: null, version: "", rootComponents: [], missingDependencies: 0 } });
  });
});

describe("canonical form", () => {
  it.each([
    ["attribute order", `<a x="1" y="2"><b>t</b></a>`, `<a y="2" x="1"><b>t</b></a>`],
    ["indentation and line breaks", `<a><b>t</b><c/></a>`, `<a>\n  <b>\n    t\n  </b>\n  <c />\n</a>`],
    ["IntroducedVersion element", `<a><IntroducedVersion>1.0</IntroducedVersion><b>t</b></a>`, `<a><IntroducedVersion>2.0.0.1</IntroducedVersion><b>t</b></a>`],
    ["IntroducedVersion attribute", `<a IntroducedVersion="7.0.0.0"><b/></a>`, `<a IntroducedVersion="9.1"><b/></a>`],
    [
      "version stamps",
      `<a SolutionVersion="1" VersionNumber="5" overwritetime="2024"><b/></a>`,
      `<a SolutionVersion="2" VersionNumber="6" overwritetime="2025"><b/></a>`,
    ],
    ["comments", `<a><b>t</b></a>`, `<a><!-- exported --><b>t</b></a>`],
    ["CDATA or text", `<a><b>x &lt; y</b></a>`, `<a><b><![CDATA[x < y]]></b></a>`],
    ["namespace declarations", `<a><b/></a>`, `<a xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><b/></a>`],
  ])("ignores %s", (_, a, b) => {
    expect(canonical(root(a))).toBe(canonical(root(b)));
  });

  it.each([
    ["an attribute value", `<a x="1"/>`, `<a x="2"/>`],
    ["text", `<a><b>t</b></a>`, `<a><b>u</b></a>`],
    ["element order", `<a><b/><c/></a>`, `<a><c/><b/></a>`],
    ["IsCustomizable", `<a><IsCustomizable>1</IsCustomizable></a>`, `<a><IsCustomizable>0</IsCustomizable></a>`],
    ["text that looks like markup", `<a><b>&lt;c/&gt;</b></a>`, `<a><b><c/></b></a>`],
  ])("keeps %s", (_, a, b) => {
    expect(canonical(root(a))).not.toBe(canonical(root(b)));
  });

  it("leaves out the child elements it is told to skip", () => {
    const a = root(`<a><own>1</own><kid>x</kid></a>`);
    const b = root(`<a><own>1</own><kid>y</kid></a>`);
    expect(canonical(a, new Set([a.children[1]]))).toBe(canonical(b, new Set([b.children[1]])));
  });

  it("sorts JSON keys and ignores JSON formatting", () => {
    expect(canonicalJson(`{"b":1,"a":{"d":[1,2],"c":null}}`)).toBe(canonicalJson(`{\n  "a": { "c": null, "d": [1, 2] },\n  "b": 1\n}`));
    expect(canonicalJson(`{"a":[1,2]}`)).not.toBe(canonicalJson(`{"a":[2,1]}`));
    expect(canonicalJson(" not json ")).toBe("not json");
  });

  it("hashes to 16 hex digits that differ for near texts", () => {
    expect(hash("<a>1</a>")).toMatch(/^[0-9a-f]{16}$/);
    expect(hash("<a>1</a>")).toBe(hash("<a>1</a>"));
    expect(new Set(["", "a", "b", "ab", "ba", "<a>1</a>", "<a>2</a>"].map(hash)).size).toBe(7);
  });
});
