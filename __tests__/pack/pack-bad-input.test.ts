/**
 * Bad input must stop the packer with a message that names the problem, a non-zero exit, and no zip.
 * Fixture folders in a temporary directory stand in for the build output; no build runs here.
 */
import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { unzipSync } from "fflate";
import { PackError, packSolution, packSolutions } from "../../scripts/lib/solution-pack.cjs";

const root = join(__dirname, "..", "..");
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false });

interface ManifestOptions {
  constructorAttr?: string | null;
  version?: string;
  resources?: string;
}

const defaultResources = `
      <code path="bundle.js" order="1"/>
      <platform-library name="React" version="16.14.0"/>
      <css path="css/Panel.css" order="1"/>
      <resx path="strings/Panel.1033.resx" version="1.0.0"/>
      <resx path="strings/Panel.1036.resx" version="1.0.0"/>`;

function manifestXml({ constructorAttr = "Panel", version = "2.3.4", resources = defaultResources }: ManifestOptions = {}): string {
  const constructorPart = constructorAttr === null ? "" : ` constructor="${constructorAttr}"`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<manifest>
  <control namespace="Fixture"${constructorPart} version="${version}" display-name-key="Name" control-type="virtual">
    <property name="boundField" display-name-key="Bound" of-type="SingleLine.Text" usage="bound" required="true"/>
    <resources>${resources}
    </resources>
  </control>
</manifest>`;
}

let work: string;
let built: string;
let source: string;
let out: string;

function writeBuilt(options: ManifestOptions = {}, skip: string[] = []) {
  mkdirSync(join(built, "strings"), { recursive: true });
  mkdirSync(join(built, "css"), { recursive: true });
  writeFileSync(join(built, "ControlManifest.xml"), manifestXml(options));
  const files: Record<string, string> = {
    "bundle.js": "ComponentFramework.registerControl('Fixture.Panel', function () {});",
    "css/Panel.css": ".panel { display: block; }",
    "strings/Panel.1033.resx": '<?xml version="1.0" encoding="utf-8"?><root><data name="Name"><value>Panel</value></data></root>',
    "strings/Panel.1036.resx": '<?xml version="1.0" encoding="utf-8"?><root><data name="Name"><value>Panneau</value></data></root>',
  };
  for (const [path, content] of Object.entries(files)) if (!skip.includes(path)) writeFileSync(join(built, path), content);
}

function setSolutionVersion(version: string) {
  const path = join(source, "Other", "Solution.xml");
  writeFileSync(path, readFileSync(path, "utf8").replace(/<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`));
}

function outFiles(): string[] {
  return existsSync(out) ? readdirSync(out) : [];
}

function expectRefusal(pattern: RegExp, options: { managed?: boolean } = {}) {
  expect(() => packSolution({ builtControlDir: built, solutionSourceDir: source, outDir: out, managed: options.managed ?? false })).toThrow(pattern);
  expect(() => packSolutions({ builtControlDir: built, solutionSourceDir: source, outDir: out })).toThrow(PackError);
  expect(outFiles()).toEqual([]);
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "pack-fixture-"));
  built = join(work, "built");
  source = join(work, "src");
  out = join(work, "bin");
  // The repository's own source layout, with the fixture control's version.
  cpSync(join(root, "Solutions", "src"), source, { recursive: true });
  setSolutionVersion("2.3.4.0");
});

afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("a good fixture", () => {
  test("packs every file its manifest names, a css and two languages included", () => {
    writeBuilt();
    const [unmanaged, managed] = packSolutions({ builtControlDir: built, solutionSourceDir: source, outDir: out });
    expect(outFiles().sort()).toEqual(["ApprovalPanel_2_3_4_0_managed.zip", "ApprovalPanel_2_3_4_0_unmanaged.zip"]);
    expect(unmanaged.managed).toBe(false);
    expect(managed.managed).toBe(true);

    const files = unzipSync(new Uint8Array(readFileSync(managed.zipPath)));
    const folder = "Controls/apnl_Fixture.Panel";
    // The repository's cloud flows come along from the source layout's Workflows/ folder.
    const flows = readdirSync(join(source, "Workflows")).filter((name) => name.endsWith(".json"));
    expect(flows.length).toBeGreaterThan(0);
    // And the environment variable definitions, each its own file as exports write it.
    const variables = readdirSync(join(source, "environmentvariabledefinitions"));
    expect(variables.length).toBeGreaterThan(0);
    expect(Object.keys(files).sort()).toEqual(
      [
        "[Content_Types].xml",
        "customizations.xml",
        "solution.xml",
        `${folder}/ControlManifest.xml`,
        `${folder}/bundle.js`,
        `${folder}/css/Panel.css`,
        `${folder}/strings/Panel.1033.resx`,
        `${folder}/strings/Panel.1036.resx`,
        ...flows.map((name) => `Workflows/${name}`),
        ...variables.map((name) => `environmentvariabledefinitions/${name}/environmentvariabledefinition.xml`),
      ].sort(),
    );
    const types = parser.parse(new TextDecoder().decode(files["[Content_Types].xml"]).replace(/^\uFEFF/, "")).Types.Default;
    expect(types.map((entry: Record<string, string>) => entry["@_Extension"]).sort()).toEqual(["css", "js", "json", "resx", "xml"]);
    const solution = parser.parse(new TextDecoder().decode(files["solution.xml"]).replace(/^\uFEFF/, "")).ImportExportXml.SolutionManifest;
    expect(solution.Version).toBe("2.3.4.0");
    const control = [].concat(solution.RootComponents.RootComponent).filter((component: Record<string, string>) => component["@_type"] === "66");
    expect(control.map((component: Record<string, string>) => component["@_schemaName"])).toEqual(["apnl_Fixture.Panel"]);
  });

  test("a failed run leaves an earlier zip as it was and no temporary file", () => {
    writeBuilt();
    const first = packSolution({ builtControlDir: built, solutionSourceDir: source, outDir: out, managed: true });
    const before = readFileSync(first.zipPath);
    rmSync(join(built, "bundle.js"));
    expect(() => packSolution({ builtControlDir: built, solutionSourceDir: source, outDir: out, managed: true })).toThrow(PackError);
    expect(readFileSync(first.zipPath).equals(before)).toBe(true);
    expect(outFiles()).toEqual([first.fileName]);
  });
});

describe("bad input", () => {
  test("missing build output", () => {
    expectRefusal(/No build output at .*built.*run the production build/);
  });

  test("a build folder without its manifest", () => {
    mkdirSync(built);
    writeFileSync(join(built, "bundle.js"), "");
    expectRefusal(/No built manifest at .*ControlManifest\.xml/);
  });

  test("a manifest without a constructor", () => {
    writeBuilt({ constructorAttr: null });
    expectRefusal(/has no constructor attribute/);
  });

  test("a manifest that is not XML", () => {
    writeBuilt();
    writeFileSync(join(built, "ControlManifest.xml"), "<manifest><control namespace='Fixture'></manifest>");
    expectRefusal(/not well-formed XML/);
  });

  test.each(["2.3.4.5.6", "2.x.4", "v2.3.4", "2..4", "-1.0.0", ""])("a control version %p that is not 1 to 4 numbers", (version) => {
    writeBuilt({ version });
    setSolutionVersion("2.3.4.0");
    expectRefusal(version === "" ? /no version attribute/ : /is not a version: expected 1 to 4 dot-separated non-negative integers/);
  });

  test("a Solution.xml version that is not 1 to 4 numbers", () => {
    writeBuilt();
    setSolutionVersion("2.3.4.0-beta");
    expectRefusal(/Solution\.xml: Version "2\.3\.4\.0-beta" is not a version/);
  });

  test("a built control whose version differs from Solution.xml (a stale build)", () => {
    writeBuilt({ version: "2.3.5" });
    expectRefusal(/built control's version 2\.3\.5 and Solution\.xml's Version 2\.3\.4\.0 differ/);
  });

  test.each(["bundle.js", "css/Panel.css", "strings/Panel.1036.resx"])("a resource the manifest names but the build lacks: %s", (missing) => {
    writeBuilt({}, [missing]);
    expectRefusal(new RegExp(`names <\\w+ path="${missing.replace(/[.]/g, "\\.")}"> but .* does not exist`));
  });

  test.each(["../outside.js", "/etc/hosts.js", "strings/../../outside.resx"])("a resource path %p that leaves the control folder", (path) => {
    writeBuilt({ resources: `<code path="bundle.js" order="1"/><resx path="${path}" version="1.0.0"/>` });
    writeFileSync(join(work, "outside.js"), "");
    expectRefusal(/must be relative to the control folder and stay inside it/);
  });

  test("a publisher prefix Dataverse would refuse", () => {
    writeBuilt();
    const path = join(source, "Other", "Solution.xml");
    writeFileSync(path, readFileSync(path, "utf8").replace(/<CustomizationPrefix>[^<]*</, "<CustomizationPrefix>Approval_Panel<"));
    expectRefusal(/CustomizationPrefix "Approval_Panel" must be 2 to 8 lower-case letters/);
  });

  test("a source Customizations.xml with components this packer does not write", () => {
    writeBuilt();
    const path = join(source, "Other", "Customizations.xml");
    writeFileSync(path, readFileSync(path, "utf8").replace("<Entities />", "<Entities><Entity><Name>apnl_approvaldecision</Name></Entity></Entities>"));
    expectRefusal(/<Entities> is not empty/);
  });
});

describe("the pack command line", () => {
  function runPack(args: string[]) {
    return spawnSync(process.execPath, [join(root, "scripts", "pack.mjs"), "--skip-build", ...args], { cwd: root, encoding: "utf8" });
  }

  test("exits non-zero with the reason and writes no zip when the build output is missing", () => {
    const result = runPack(["--built", built, "--source", source, "--out", out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/pack: No build output at/);
    expect(outFiles()).toEqual([]);
  });

  test("exits non-zero and writes no zip when a named resource is missing", () => {
    writeBuilt({}, ["strings/Panel.1036.resx"]);
    const result = runPack(["--built", built, "--source", source, "--out", out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/strings\/Panel\.1036\.resx.*does not exist/);
    expect(outFiles()).toEqual([]);
  });

  test("writes both zips from good fixture folders", () => {
    writeBuilt();
    const result = runPack(["--built", built, "--source", source, "--out", out]);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
    expect(outFiles().sort()).toEqual(["ApprovalPanel_2_3_4_0_managed.zip", "ApprovalPanel_2_3_4_0_unmanaged.zip"]);
  });
});
