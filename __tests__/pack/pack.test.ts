/**
 * Runs the real `npm run pack` once on the production build in out/, then reads the two zips it wrote the way
 * an importer would: every XML parses, the control's names agree everywhere, every file the manifest names
 * is there, and the zip itself has no entry a Dataverse import would trip over.
 */
import { beforeAll, describe, expect, test } from "@jest/globals";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { Unzip, unzipSync } from "fflate";

const root = join(__dirname, "..", "..");
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false });
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

interface Listed {
  name: string;
  compression: number;
}

/** Entry names and compression methods from the zip's local headers. */
function listEntries(bytes: Uint8Array): Listed[] {
  const listed: Listed[] = [];
  const unzip = new Unzip((file) => listed.push({ name: file.name, compression: file.compression }));
  unzip.push(bytes, true);
  return listed;
}

function textOf(files: Record<string, Uint8Array>, name: string): string {
  const bytes = files[name];
  if (!bytes) throw new Error(`${name} is not in the zip; entries: ${Object.keys(files).join(", ")}`);
  return decoder.decode(bytes);
}

function parseXml(files: Record<string, Uint8Array>, name: string) {
  const text = textOf(files, name).replace(/^\uFEFF/, "");
  expect({ name, valid: XMLValidator.validate(text) }).toEqual({ name, valid: true });
  return parser.parse(text);
}

function resourcePaths(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => resourcePaths(item, out));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "@_path" && typeof value === "string") out.push(value);
      else if (!key.startsWith("@_")) resourcePaths(value, out);
    }
  }
  return out;
}

const packageVersion: string = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
const fourPart = [...packageVersion.split("."), "0", "0", "0"].slice(0, 4).join(".");
const sourceSolution = parser.parse(readFileSync(join(root, "Solutions", "src", "Other", "Solution.xml"), "utf8")).ImportExportXml.SolutionManifest;
const uniqueName: string = sourceSolution.UniqueName;
const prefix: string = sourceSolution.Publisher.CustomizationPrefix;
const zipName = (kind: "managed" | "unmanaged") => join(root, "Solutions", "bin", `${uniqueName}_${fourPart.replace(/\./g, "_")}_${kind}.zip`);

let packOutput = "";
let packStatus: number | null = null;

beforeAll(() => {
  // Zips from an earlier run must not stand in for this one.
  for (const kind of ["managed", "unmanaged"] as const) rmSync(zipName(kind), { force: true });
  const run = (script: string, ...args: string[]) => spawnSync(process.execPath, [join(root, "scripts", script), ...args], { cwd: root, encoding: "utf8" });
  // `npm test` and `npm run test:pack` build first, so the build is not run twice; this file run alone builds when out/ has none.
  const hasBuild = existsSync(join(root, "out", "controls", "ApprovalPanel", "bundle.js"));
  const build = hasBuild ? undefined : run("build.mjs");
  const result = build && build.status !== 0 ? build : run("pack.mjs", "--skip-build");
  packStatus = result.status;
  packOutput = `${result.stdout}\n${result.stderr}`;
}, 180_000);

test("packing the build writes both zips named <UniqueName>_<4-part version>_<kind>.zip", () => {
  expect({ status: packStatus, output: packStatus === 0 ? "" : packOutput }).toEqual({ status: 0, output: "" });
  expect(existsSync(zipName("unmanaged"))).toBe(true);
  expect(existsSync(zipName("managed"))).toBe(true);
  expect(readdirSync(join(root, "Solutions", "bin")).filter((name) => name.endsWith(".tmp"))).toEqual([]);
});

describe.each([
  ["unmanaged", "0"],
  ["managed", "1"],
] as const)("the %s zip", (kind, managedFlag) => {
  let bytes: Uint8Array;
  let files: Record<string, Uint8Array>;

  beforeAll(() => {
    bytes = new Uint8Array(readFileSync(zipName(kind)));
    files = unzipSync(bytes);
  });

  test("has only deflated file entries with safe forward-slash paths", () => {
    const entries = listEntries(bytes);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect({ name: entry.name, compression: entry.compression }).toEqual({ name: entry.name, compression: 8 });
      expect(entry.name).not.toMatch(/\\/);
      expect(entry.name).not.toMatch(/^\//);
      expect(entry.name.split("/")).not.toContain("..");
      expect(entry.name).not.toMatch(/\/$/);
    }
  });

  test("is laid out like a pac-built zip, XML files UTF-8 with a byte-order mark", () => {
    for (const name of ["[Content_Types].xml", "solution.xml", "customizations.xml"]) {
      expect(Array.from(files[name].slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    }
    for (const name of Object.keys(files).filter((entry) => /\.(xml|resx)$/i.test(entry))) parseXml(files, name);
  });

  test(`solution.xml says Managed ${managedFlag}, carries the 4-part version and the publisher from the source layout`, () => {
    const manifest = parseXml(files, "solution.xml").ImportExportXml.SolutionManifest;
    expect(manifest.Managed).toBe(managedFlag);
    expect(manifest.Version).toBe(fourPart);
    expect(manifest.UniqueName).toBe(uniqueName);
    expect(manifest.Publisher.UniqueName).toBe(sourceSolution.Publisher.UniqueName);
    expect(manifest.Publisher.CustomizationPrefix).toBe(prefix);
    expect(manifest.Publisher.CustomizationOptionValuePrefix).toBe(sourceSolution.Publisher.CustomizationOptionValuePrefix);
    expect(manifest.Publisher.EMailAddress).toEqual({ "@_xsi:nil": "true" });
    expect(manifest).toHaveProperty("MissingDependencies");
  });

  test("root component type 66 names the same control as customizations.xml and the Controls/ folder, with the publisher prefix", () => {
    const rootComponents = parseXml(files, "solution.xml").ImportExportXml.SolutionManifest.RootComponents.RootComponent;
    const rootComponent = [].concat(rootComponents).filter((component: Record<string, string>) => component["@_type"] === "66");
    expect(rootComponent).toHaveLength(1);
    expect(rootComponent[0]["@_type"]).toBe("66");
    expect(rootComponent[0]["@_behavior"]).toBe("0");
    const schemaName: string = rootComponent[0]["@_schemaName"];

    const customizations = parseXml(files, "customizations.xml").ImportExportXml;
    expect(customizations.CustomControls.CustomControl.Name).toBe(schemaName);
    expect(customizations.CustomControls.CustomControl.FileName).toBe(`/Controls/${schemaName}/ControlManifest.xml`);
    expect(String(customizations.Languages.Language)).toBe("1033");

    const folders = new Set(
      Object.keys(files)
        .filter((name) => name.startsWith("Controls/"))
        .map((name) => name.split("/")[1]),
    );
    expect([...folders]).toEqual([schemaName]);
    expect(schemaName.startsWith(`${prefix}_`)).toBe(true);

    const control = parseXml(files, `Controls/${schemaName}/ControlManifest.xml`).manifest.control;
    expect(schemaName).toBe(`${prefix}_${control["@_namespace"]}.${control["@_constructor"]}`);
    expect(control["@_version"]).toBe(packageVersion);
  });

  test("every file the packed manifest names is in the control's folder", () => {
    const schemaName = Object.keys(files)
      .find((name) => name.startsWith("Controls/"))!
      .split("/")[1];
    const control = parseXml(files, `Controls/${schemaName}/ControlManifest.xml`).manifest.control;
    const paths = resourcePaths(control.resources);
    expect(paths).toContain("bundle.js");
    expect(paths.some((path) => path.endsWith(".resx"))).toBe(true);
    for (const path of paths) expect(Object.keys(files)).toContain(`Controls/${schemaName}/${path}`);
    expect(textOf(files, `Controls/${schemaName}/bundle.js`)).toContain(`${control["@_namespace"]}.${control["@_constructor"]}`);
  });

  test("every file customizations.xml names (control manifests, cloud flow definitions) is in the zip", () => {
    const customizations = parseXml(files, "customizations.xml").ImportExportXml;
    const named = [
      ...[].concat(customizations.CustomControls?.CustomControl ?? []).map((control: Record<string, string>) => control.FileName),
      ...[].concat(customizations.Workflows?.Workflow ?? []).map((workflow: Record<string, string>) => workflow.JsonFileName),
    ];
    expect(named.some((path) => path.startsWith("/Workflows/"))).toBe(true);
    for (const path of named) expect(Object.keys(files)).toContain(path.replace(/^\//, ""));
    for (const name of Object.keys(files).filter((entry) => entry.startsWith("Workflows/"))) expect(named).toContain(`/${name}`);
  });

  test("[Content_Types].xml has a Default entry for every extension in the zip", () => {
    const types = parseXml(files, "[Content_Types].xml").Types;
    expect(types["@_xmlns"]).toBe("http://schemas.openxmlformats.org/package/2006/content-types");
    const declared = new Set([].concat(types.Default).map((entry: Record<string, string>) => entry["@_Extension"].toLowerCase()));
    for (const name of Object.keys(files)) {
      const extension = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
      expect({ name, declared: declared.has(extension) }).toEqual({ name, declared: true });
    }
  });
});

test("the version in package.json reached the control, version.ts and the solution source", () => {
  const versionTs = readFileSync(join(root, "ApprovalPanel", "version.ts"), "utf8");
  expect(versionTs).toContain(`export const PANEL_VERSION = "${packageVersion}";`);
  expect(sourceSolution.Version).toBe(fourPart);
  const built = parser.parse(readFileSync(join(root, "out", "controls", "ApprovalPanel", "ControlManifest.xml"), "utf8"));
  expect(built.manifest.control["@_version"]).toBe(packageVersion);
});

test("managed and unmanaged zips differ only in solution.xml's Managed flag", () => {
  const unmanaged = unzipSync(new Uint8Array(readFileSync(zipName("unmanaged"))));
  const managed = unzipSync(new Uint8Array(readFileSync(zipName("managed"))));
  expect(Object.keys(managed).sort()).toEqual(Object.keys(unmanaged).sort());
  for (const name of Object.keys(unmanaged)) {
    const left = textOf(unmanaged, name);
    const right = textOf(managed, name);
    if (name === "solution.xml") expect(right).toBe(left.replace("<Managed>0</Managed>", "<Managed>1</Managed>"));
    else expect({ name, same: left === right }).toEqual({ name, same: true });
  }
});
