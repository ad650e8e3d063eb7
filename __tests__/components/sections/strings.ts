import { readFileSync } from "fs";
import { join } from "path";

/** Reads the real English resx, so a component asking for a key that is not there fails its test. */
const RESX = join(__dirname, "..", "..", "..", "ApprovalPanel", "strings", "ApprovalPanel.1033.resx");

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, "&");
}

function loadStrings(): Map<string, string> {
  const xml = readFileSync(RESX, "utf8");
  const map = new Map<string, string>();
  const pattern = /<data\s+name="([^"]+)"[^>]*>\s*<value>([\s\S]*?)<\/value>/g;
  for (let match = pattern.exec(xml); match !== null; match = pattern.exec(xml)) {
    map.set(match[1], decodeXml(match[2]));
  }
  return map;
}

export const resxStrings = loadStrings();

/** The strings function the components get; throws on a key the resx lacks. */
export function t(key: string): string {
  const value = resxStrings.get(key);
  if (value === undefined) throw new Error(`Missing resx key: ${key}`);
  return value;
}

/** The resx text with {0}, {1}... filled in, for assertions. */
export function tf(key: string, ...args: Array<string | number>): string {
  return t(key).replace(/\{(\d+)\}/g, (whole, index: string) => (args[Number(index)] === undefined ? whole : String(args[Number(index)])));
}
