/**
 * Shared by the pack tests that pack the repository's own Solutions/src with a stand-in control build (no production
 * build) and read the zip the way an importer would.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "@jest/globals";
import { XMLParser } from "fast-xml-parser";
import { unzipSync } from "fflate";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed XML is an untyped tree
export type Any = any;

export const repositoryRoot = join(__dirname, "..", "..");
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false });
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** A repeated element as an array: the parser gives one element as itself and none as undefined or "". */
export const list = <T = Any>(value: unknown): T[] => (value === undefined || value === "" ? [] : ([] as T[]).concat(value as T));

/** A built control folder: a manifest for PipelinesApprovals.ApprovalPanel 1.0.0 and an empty bundle. */
export function writeStandInBuild(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "ControlManifest.xml"),
    '<?xml version="1.0" encoding="utf-8"?><manifest><control namespace="PipelinesApprovals" constructor="ApprovalPanel" version="1.0.0" display-name-key="N" control-type="virtual"><resources><code path="bundle.js" order="1"/></resources></control></manifest>',
  );
  writeFileSync(join(dir, "bundle.js"), "");
}

/** Copies the repository's Solutions/src to `to`, its Solution.xml set to the stand-in build's version (1.0.0.0). */
export function copySolutionSource(to: string): void {
  cpSync(join(repositoryRoot, "Solutions", "src"), to, { recursive: true });
  const solutionPath = join(to, "Other", "Solution.xml");
  writeFileSync(solutionPath, readFileSync(solutionPath, "utf8").replace(/<Version>[^<]*<\/Version>/, "<Version>1.0.0.0</Version>"));
}

/** Every entry of a zip file, by path. */
export function readZip(zipPath: string): Record<string, Uint8Array> {
  return unzipSync(new Uint8Array(readFileSync(zipPath)));
}

/** An entry's text, UTF-8, without its byte-order mark. */
export function zipText(files: Record<string, Uint8Array>, name: string): string {
  const bytes = files[name];
  if (!bytes) throw new Error(`${name} is not in the zip; entries: ${Object.keys(files).join(", ")}`);
  return decoder.decode(bytes).replace(/^\uFEFF/, "");
}

/** An XML entry, parsed: attributes as "@_name", values as strings. */
export function zipXml(files: Record<string, Uint8Array>, name: string): Any {
  return parser.parse(zipText(files, name));
}

/** A table's EntityInfo has exactly one alternate key, of this name, on this one column. */
export function expectOneAlternateKey(entityInfo: Any, name: string, column: string): void {
  const keys = list(entityInfo.EntityKeys.EntityKey);
  expect(keys).toHaveLength(1);
  expect(keys[0].LogicalName).toBe(name);
  expect(list(keys[0].EntityKeyAttributes.AttributeName)).toEqual([column]);
}
