/**
 * `npm run version -- <x.y.z>` on a temporary copy of the four files it writes, so the repository's own
 * version never changes here.
 */
import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { unzipSync } from "fflate";
import { packSolution } from "../../scripts/lib/solution-pack.cjs";
import { VersionError, compareVersions, setVersion, versionFiles } from "../../scripts/lib/version.cjs";

const root = join(__dirname, "..", "..");
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false });
let work: string;

function read(path: string): string {
  return readFileSync(path, "utf8");
}

function versions(rootDir: string) {
  const files = versionFiles(rootDir);
  return {
    packageJson: JSON.parse(read(files.packageJson)).version,
    manifest: parser.parse(read(files.manifest)).manifest.control["@_version"],
    versionTs: /PANEL_VERSION = "([^"]*)"/.exec(read(files.versionTs))?.[1],
    solution: parser.parse(read(files.solutionXml)).ImportExportXml.SolutionManifest.Version,
  };
}

function snapshot(rootDir: string): string[] {
  return Object.values(versionFiles(rootDir)).map(read);
}

/** Copies the four files and sets the starting version to 1.4.0 everywhere. */
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "set-version-"));
  for (const [key, path] of Object.entries(versionFiles(root))) {
    const target = versionFiles(work)[key as keyof ReturnType<typeof versionFiles>];
    mkdirSync(dirname(target), { recursive: true });
    cpSync(path, target);
  }
  // The rest of the solution source layout, for the pack step below.
  cpSync(join(root, "Solutions", "src"), join(work, "Solutions", "src"), { recursive: true, force: false });
  setVersion({ rootDir: work, version: "1.4.0", force: true });
});

afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("setVersion", () => {
  test("writes x.y.z to package.json, the manifest and version.ts, and x.y.z.0 to Solution.xml", () => {
    const result = setVersion({ rootDir: work, version: "1.5.2" });
    expect(result).toEqual({ previous: "1.4.0", version: "1.5.2", solutionVersion: "1.5.2.0" });
    expect(versions(work)).toEqual({ packageJson: "1.5.2", manifest: "1.5.2", versionTs: "1.5.2", solution: "1.5.2.0" });
  });

  test("changes nothing else in the files: comments, resx versions and other package.json fields stay", () => {
    const before = snapshot(work);
    setVersion({ rootDir: work, version: "1.5.0" });
    const after = snapshot(work);
    const strip = (text: string) =>
      text
        .replace(/"version": "[^"]*"/, "")
        .replace(/(<control\b[^>]*?\sversion=")[^"]*"/, '$1"')
        .replace(/PANEL_VERSION = "[^"]*"/, "")
        .replace(/<Version>[^<]*<\/Version>/, "");
    expect(after.map(strip)).toEqual(before.map(strip));
    expect(read(versionFiles(work).manifest)).toContain('<resx path="strings/ApprovalPanel.1033.resx" version="1.0.0"');
    expect(read(versionFiles(work).manifest)).toContain("<!--");
  });

  test.each([
    ["2", "2.0.0", "2.0.0.0"],
    ["2.1", "2.1.0", "2.1.0.0"],
    ["2.1.7.0", "2.1.7", "2.1.7.0"],
  ])("%p is written as %p (solution %p)", (input, threePart, fourPart) => {
    setVersion({ rootDir: work, version: input });
    expect(versions(work)).toEqual({ packageJson: threePart, manifest: threePart, versionTs: threePart, solution: fourPart });
  });

  test.each(["1.5.0.0.0", "1.x", "v1.5.0", "1..5", "-1", "", " ", "1.5.0-beta", "1,5,0"])("refuses %p and leaves every file as it was", (version) => {
    const before = snapshot(work);
    expect(() => setVersion({ rootDir: work, version })).toThrow(/is not a version: expected 1 to 4 dot-separated non-negative integers/);
    expect(snapshot(work)).toEqual(before);
  });

  test("refuses a fourth part other than 0, since the control's three-part version would not rise", () => {
    const before = snapshot(work);
    expect(() => setVersion({ rootDir: work, version: "1.4.0.1" })).toThrow(/fourth part must be 0/);
    expect(snapshot(work)).toEqual(before);
  });

  test.each(["1.4.0", "1.3.9", "0.9.0", "1.4"])("refuses %p, which does not rise above 1.4.0", (version) => {
    const before = snapshot(work);
    expect(() => setVersion({ rootDir: work, version })).toThrow(VersionError);
    expect(() => setVersion({ rootDir: work, version })).toThrow(/does not rise above the current 1\.4\.0.*--force/);
    expect(snapshot(work)).toEqual(before);
  });

  test("compares numerically: 1.10.0 rises above 1.9.0, then 1.9.5 is refused", () => {
    setVersion({ rootDir: work, version: "1.9.0" });
    setVersion({ rootDir: work, version: "1.10.0" });
    expect(versions(work).packageJson).toBe("1.10.0");
    expect(() => setVersion({ rootDir: work, version: "1.9.5" })).toThrow(/does not rise/);
    expect(compareVersions("1.10.0", "1.9.0")).toBe(1);
    expect(compareVersions("1.2", "1.2.0.0")).toBe(0);
  });

  test("force sets a lower version", () => {
    setVersion({ rootDir: work, version: "1.0.1", force: true });
    expect(versions(work)).toEqual({ packageJson: "1.0.1", manifest: "1.0.1", versionTs: "1.0.1", solution: "1.0.1.0" });
  });

  test("the new version flows into the zip's name, solution.xml and root component", () => {
    setVersion({ rootDir: work, version: "3.0.1" });
    // A build output whose manifest carries the control version the build would take from the input manifest.
    const built = join(work, "out");
    mkdirSync(join(built, "strings"), { recursive: true });
    const control = parser.parse(read(versionFiles(work).manifest)).manifest.control;
    writeFileSync(
      join(built, "ControlManifest.xml"),
      `<manifest><control namespace="${control["@_namespace"]}" constructor="${control["@_constructor"]}" version="${control["@_version"]}">` +
        '<resources><code path="bundle.js" order="1"/><resx path="strings/ApprovalPanel.1033.resx" version="1.0.0"/></resources></control></manifest>',
    );
    writeFileSync(join(built, "bundle.js"), "");
    cpSync(join(root, "ApprovalPanel", "strings", "ApprovalPanel.1033.resx"), join(built, "strings", "ApprovalPanel.1033.resx"));

    const result = packSolution({ builtControlDir: built, solutionSourceDir: join(work, "Solutions", "src"), outDir: join(work, "bin"), managed: true });
    expect(result.fileName).toBe("ApprovalPanel_3_0_1_0_managed.zip");
    const solution = parser.parse(new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(result.zipPath)))["solution.xml"]).replace(/^\uFEFF/, ""));
    expect(solution.ImportExportXml.SolutionManifest.Version).toBe("3.0.1.0");
    const controlComponent = []
      .concat(solution.ImportExportXml.SolutionManifest.RootComponents.RootComponent)
      .find((component: Record<string, string>) => component["@_type"] === "66");
    expect(controlComponent).toHaveProperty("@_schemaName", result.schemaName);
  });
});

describe("the version command line", () => {
  function runVersion(args: string[]) {
    return spawnSync(process.execPath, [join(root, "scripts", "set-version.mjs"), "--root", work, ...args], { cwd: root, encoding: "utf8" });
  }

  test("sets a rising version and reports it", () => {
    const result = runVersion(["1.6.0"]);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
    expect(result.stdout).toContain("1.4.0 → 1.6.0");
    expect(versions(work).solution).toBe("1.6.0.0");
  });

  test("exits non-zero with the reason for a version that does not rise, and accepts it with --force", () => {
    const refused = runVersion(["1.3.0"]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/version: 1\.3\.0 does not rise above the current 1\.4\.0/);
    expect(versions(work).packageJson).toBe("1.4.0");
    const forced = runVersion(["1.3.0", "--force"]);
    expect(forced.status).toBe(0);
    expect(versions(work).packageJson).toBe("1.3.0");
  });

  test("exits non-zero for a malformed version or a missing argument", () => {
    expect(runVersion(["1.2.three"]).stderr).toMatch(/is not a version/);
    const missing = runVersion([]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/Usage: npm run version -- <x\.y\.z>/);
  });
});
