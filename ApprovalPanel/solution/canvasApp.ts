/**
 * A canvas app's .msapp (a zip inside the solution zip) read for what an approver can name: its screens and data sources.
 * Only what names them is inflated: the head of each Controls\N.json (a screen's name and template come in its first few
 * hundred bytes of up to 7 MB) and References\DataSources.json; never the images, assets or bundled code. Entry names use
 * backslashes; findEntry and the pattern below take "/" and "\" alike.
 *
 * Whatever goes wrong inside an .msapp (not a zip, a bomb, malformed JSON, no budget left) leaves that app with its version
 * only, never fails the comparison; an abort is left to the solution reader, which checks the signal after its files.
 */
import { Utf8Decoder } from "../artifact/utf8";
import { DEFAULT_LIMITS, findEntry, inflateChunks, readCentralDirectory, type ZipEntry } from "../artifact/zip";
import { connectorName } from "./details/resources";
import type { Job, Slicer } from "./xml";

/** What canvas apps leave of the shared budget for the solution's own files: one customizations.xml at its largest. */
const RESERVE = DEFAULT_LIMITS.maxEntryBytes;
/** A control file is read this far at most. */
const HEAD_CHARS = 64 * 1024;
/** Strings longer than this are no name the reader needs (a table's definition, a connector's description): they are skipped. */
const LONG = 4096;
const CONTROL = /^controls[\\/][^\\/]+\.json$/i;

/**
 * The text with every string longer than LONG emptied, and the bounds in it of each object three levels deep
 * ({"DataSources":[{…}]}'s items, {"TopParent":{"Template":{…}}}), found by their brackets with strings skipped, so that
 * each is parsed alone and small: JSON.parse of a whole 9 MB DataSources.json was one task of 40-120 ms, of one item with
 * a 7 MB table definition 25-45 ms. `take` false stops the scan; throws when the text ends inside a string or a bracket.
 */
function* objects(text: string, take: (start: number, end: number) => boolean): Job<string> {
  const brackets = /["[\]{}]/g;
  let kept = ""; // the text before `from`, long strings emptied
  let from = 0;
  let depth = 0;
  let start = -1;
  let steps = 0;
  for (let m = brackets.exec(text); m; m = brackets.exec(text)) {
    let at = m.index;
    if (text[at] === '"') {
      // Its closing quote: one not escaped by an odd number of backslashes.
      for (let slashes = 1; slashes % 2;) {
        if ((++steps & 1023) === 0) yield;
        at = text.indexOf('"', at + 1);
        if (at < 0) throw text;
        for (slashes = 0; text[at - 1 - slashes] === "\\";) slashes++;
      }
      if (at - m.index > LONG) [kept, from] = [kept + text.slice(from, m.index + 1), at];
      brackets.lastIndex = at + 1;
    } else if (text[at] === "{" || text[at] === "[") {
      if (++depth === 3) start = text[at] === "{" ? kept.length + at - from : -1;
    } else if (depth-- === 3 && start >= 0 && !take(start, kept.length + at - from + 1)) return kept + text.slice(from);
    if ((++steps & 1023) === 0) yield;
  }
  if (depth) throw text;
  return kept + text.slice(from);
}

/** The control's name when it is a screen, else "". Throws when the head does not hold TopParent's name and template. */
function* screen(head: string): Job<string> {
  let end = -1;
  const text = yield* objects(head, (_, close) => ((end = close), false));
  const top = (JSON.parse(text.slice(0, end) + "}}") as { TopParent: { Name: unknown; Template: { Name: unknown } } }).TopParent;
  return top.Template.Name === "screen" ? String(top.Name) : "";
}

/** An item of DataSources.json as far as it is read; any other shape makes the file unreadable (a throw). */
type Source = Partial<Record<"Name" | "Type" | "ApiId" | "DatasetName" | "TableName" | "LogicalName", string>> & { IsSampleData?: boolean };

/** Each data source by name: its connector, dataset and table, or its Dataverse table. Throws when the JSON is malformed. */
function* dataSources(text: string): Job<[string, string][]> {
  const bounds: [number, number][] = [];
  text = yield* objects(text, (start, end) => bounds.push([start, end]) > 0);
  // The file with each item as its index: what holds the items is parsed once, small, and each item alone.
  let skeleton = "";
  let from = 0;
  bounds.forEach(([start, end], k) => {
    skeleton += text.slice(from, start) + k;
    from = end;
  });
  const out: [string, string][] = [];
  for (const k of (JSON.parse(skeleton + text.slice(from)) as { DataSources: number[] }).DataSources) {
    yield;
    const d = JSON.parse(text.slice(...bounds[k])) as Source;
    // No source an approver would name: a Dataverse table's choices and views, the app's collections, the designer's samples.
    if (!d.Name || d.IsSampleData || /^(OptionSet|View|Collection)/.test(d.Type!)) continue;
    const where = d.LogicalName ? [d.LogicalName] : [d.ApiId?.includes("/apis/") && connectorName(d.ApiId), d.DatasetName, d.TableName];
    out.push([d.Name, where.filter(Boolean).join(" · ")]);
  }
  return out;
}

/**
 * What the solution reader keeps for a canvas app's .msapp: [screens, data sources or null without DataSources.json] as
 * JSON (canvasDocumentFacets reads it); "" when it cannot be read. What it inflates counts against `budget`, the
 * comparison's: the .msapp, then each entry it reads as much as it declares (a control file all of it, though only its head
 * is read); and it leaves RESERVE of it to the solution's files that may come after.
 */
export async function readCanvasApp(zip: Uint8Array, entry: ZipEntry, budget: { left: number }, slicer: Slicer, signal?: AbortSignal): Promise<string> {
  /** Hands an entry's bytes to `take` as they inflate, pausing between pieces, until it has enough; throws when it cannot. */
  const inflate = async (from: Uint8Array, inner: ZipEntry, take: (bytes: Uint8Array) => boolean): Promise<void> => {
    if (budget.left - inner.uncompressedSize < RESERVE) throw inner;
    budget.left -= inner.uncompressedSize;
    let enough = false;
    const done = await inflateChunks(from, inner, (bytes) => !(enough = !take(bytes)) && slicer.pause(), DEFAULT_LIMITS, signal);
    if (!(done.ok || enough) || !(await slicer.pause())) throw inner;
  };
  try {
    const parts: Uint8Array[] = [];
    await inflate(zip, entry, (bytes) => parts.push(bytes) > 0);
    const msapp = new Uint8Array(await new Blob(parts as Uint8Array<ArrayBuffer>[]).arrayBuffer());
    /** An entry's text, or about its first `limit` characters. */
    const read = async (inner: ZipEntry, limit: number): Promise<string> => {
      const decoder = new Utf8Decoder();
      let text = "";
      await inflate(msapp, inner, (bytes) => (text += decoder.decode(bytes, { stream: true })).length < limit);
      return text;
    };
    const directory = readCentralDirectory(msapp);
    const entries = directory.ok ? directory.value : [];
    const screens: (string | null)[] = [];
    for (const inner of entries) if (CONTROL.test(inner.name)) screens.push(await slicer.run(screen(await read(inner, HEAD_CHARS))));
    // No control file (not a zip, or not an .msapp this reader knows): nothing to tell.
    if (!screens.length) return "";
    const sources = findEntry(entries, "References/DataSources.json");
    return JSON.stringify([screens.filter(Boolean), sources ? await slicer.run(dataSources(await read(sources, Infinity))) : null]);
  } catch {
    return "";
  }
}
