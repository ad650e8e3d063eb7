/**
 * The panel's resx files as the i18n tests read them: every language file by its LCID, each a key → value map.
 * Shared by the i18n test files (not a test file itself: jest only runs *.test.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { XMLParser } from "fast-xml-parser";

export const STRINGS = path.resolve(__dirname, "../../ApprovalPanel/strings");
export const ENGLISH = 1033;

/** BCP 47 of each shipped language, for its CLDR plural categories. */
export const LOCALES: Record<number, string> = { 1033: "en-US", 1031: "de-DE", 1036: "fr-FR", 3082: "es-ES", 1041: "ja-JP", 1025: "ar-SA" };

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false, trimValues: false });

type Entry = { "@name"?: string; value?: unknown; comment?: unknown };

function entries(file: string): Entry[] {
  const parsed = parser.parse(fs.readFileSync(file, "utf8")) as { root?: { data?: unknown } };
  const data = parsed.root?.data;
  return (Array.isArray(data) ? data : data ? [data] : []) as Entry[];
}

/** Keys whose entry carries a <comment> (what each placeholder stands for, for translators). */
export function commentedKeys(file: string): Set<string> {
  return new Set(
    entries(file)
      .filter((e) => typeof e.comment === "string" && e.comment.trim() !== "")
      .map((e) => e["@name"] as string),
  );
}

/** One resx file's strings; a key that appears twice is an error. */
export function readResx(file: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of entries(file)) {
    const name = entry["@name"];
    if (!name) continue;
    if (out.has(name)) throw new Error(`${path.basename(file)}: key ${name} appears twice`);
    out.set(name, entry.value === undefined || entry.value === null ? "" : String(entry.value));
  }
  return out;
}

/** Every ApprovalPanel.<LCID>.resx under ApprovalPanel/strings. */
export const resxFiles: Array<{ name: string; lcid: number }> = fs
  .readdirSync(STRINGS)
  .map((name) => ({ name, lcid: Number(/^ApprovalPanel\.(\d+)\.resx$/.exec(name)?.[1]) }))
  .filter((f) => Number.isInteger(f.lcid) && f.lcid > 0);

/** The strings of every language file, by LCID. */
export const resx: Map<number, Map<string, string>> = new Map(resxFiles.map((f) => [f.lcid, readResx(path.join(STRINGS, f.name))]));

/** One language's strings; fails loudly when the file is missing. */
export function stringsOf(lcid: number): Map<string, string> {
  const strings = resx.get(lcid);
  if (strings === undefined) throw new Error(`No ApprovalPanel.${lcid}.resx`);
  return strings;
}
