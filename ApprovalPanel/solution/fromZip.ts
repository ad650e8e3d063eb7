/**
 * A solution zip (a deployment artifact's file) read into components, and two of them compared: what this deployment changes
 * against the one last deployed to the stage. Only the entries the reader needs are inflated, one at a time, with the zip
 * reader's limits and one budget for all of them. customizations.xml is decoded and parsed as it inflates, a piece at a time,
 * never whole as bytes or as one string; every step runs in slices (Slicer) so that no task holds the page for long.
 */
import { Utf8Decoder } from "../artifact/utf8";
import { DEFAULT_LIMITS, findEntry, inflateChunks, inflateText, readCentralDirectory, type ZipEntry, type ZipErrorKind } from "../artifact/zip";
import { readCanvasApp } from "./canvasApp";
import { componentsReader, type SolutionContents } from "./components";
import { diffJob, type SolutionDiff } from "./diff";
import { manifestJob, type SolutionManifest } from "./manifest";
import { riskFlags, type RiskFlag } from "./risks";
import { Slicer, xmlStream, yieldToPage, type ReadResult, type SolutionReadProblem, type XmlElement } from "./xml";

/**
 * Why a zip could not be read, for the UI to turn into text. kind "zip": the container (problem is the zip reader's kind);
 * kind "solution": its files (problem is the solution reader's, or "missing" for solution.xml or customizations.xml).
 * entry: the zip's name for the file, untrusted text. side: which zip of a comparison.
 */
export interface ZipFailure {
  kind: "zip" | "solution";
  problem: ZipErrorKind | SolutionReadProblem | "missing";
  entry?: string;
  side?: "baseline" | "current";
}

export type ZipReadResult<T> = { ok: true; value: T } | { ok: false; error: ZipFailure };

export interface ArtifactComparison {
  diff: SolutionDiff;
  risks: RiskFlag[];
  baseline: SolutionManifest | null;
  current: SolutionManifest;
}

/** Files readComponents reads for what they say: flow definitions, environment variable and custom API folders. */
const INFLATED = [/^workflows\/[^/]+\.json$/, /^environmentvariabledefinitions\/.+\.(xml|json)$/, /^customapis\/.+\.xml$/];
const pathOf = (name: string): string => name.replace(/\\/g, "/").replace(/^(\.?\/)+/, "");
const failure = <T>(kind: ZipFailure["kind"], problem: ZipFailure["problem"], entry?: string): ZipReadResult<T> => ({
  ok: false,
  error: { kind, problem, ...(entry !== undefined ? { entry } : {}) },
});

type Reader = ReturnType<typeof componentsReader>;

/**
 * One entry decoded and parsed as it inflates: the bytes and the text are never whole, nor the tree: each component is read
 * as it closes and leaves the tree. A DOCTYPE or malformed text stops the inflating at once; a zip failure after the text was
 * parsed (its CRC-32) wins over the parse.
 */
async function parseEntry(
  zip: Uint8Array,
  entry: ZipEntry,
  slicer: Slicer,
  reader: Reader,
  signal?: AbortSignal,
): Promise<ZipReadResult<ReadResult<XmlElement>>> {
  const decoder = new Utf8Decoder();
  const parser = xmlStream(undefined, reader.take);
  let failed: ReadResult<XmlElement> | null = null;
  const inflated = await inflateChunks(
    zip,
    entry,
    async (bytes) => {
      failed = await slicer.run(
        (function* () {
          const result = yield* parser.write(decoder.decode(bytes, { stream: true }));
          yield* reader.drain();
          return result;
        })(),
      );
      return failed === null && (await slicer.pause());
    },
    DEFAULT_LIMITS,
    signal,
  );
  if (failed !== null) return { ok: true, value: failed };
  if (!inflated.ok) return failure("zip", inflated.error.kind, entry.name);
  const parsed = await slicer.run(
    (function* () {
      const rest = (yield* parser.write(decoder.decode())) ?? (yield* parser.end());
      yield* reader.drain();
      return rest;
    })(),
  );
  return parsed ? { ok: true, value: parsed } : failure("zip", "aborted", entry.name);
}

type SolutionRead = SolutionContents & { manifest: SolutionManifest };

/** `budget.left`: bytes the entries may still inflate to, shared by the zips of one comparison. */
async function readZip(zip: Uint8Array, budget: { left: number }, signal?: AbortSignal): Promise<ZipReadResult<SolutionRead>> {
  const directory = readCentralDirectory(zip);
  if (!directory.ok) return failure("zip", directory.error.kind);
  const entries = directory.value;
  const slicer = new Slicer(signal);
  const claim = <T>(entry: ZipEntry): ZipReadResult<T> | null => {
    if (signal?.aborted) return failure("zip", "aborted", entry.name);
    if (entry.uncompressedSize > budget.left) return failure("zip", "tooLarge", entry.name);
    budget.left -= entry.uncompressedSize;
    return null;
  };
  const text = async (entry: ZipEntry): Promise<ZipReadResult<string>> => {
    const refused = claim<string>(entry);
    if (refused) return refused;
    const result = await inflateText(zip, entry, DEFAULT_LIMITS, signal);
    await slicer.pause();
    return result.ok ? result : failure("zip", result.error.kind, entry.name);
  };
  const solutionEntry = findEntry(entries, "solution.xml");
  if (!solutionEntry) return failure("solution", "missing", "solution.xml");
  const solution = await text(solutionEntry);
  if (!solution.ok) return solution;
  const manifest = await slicer.run(manifestJob(solution.value));
  if (!manifest) return failure("zip", "aborted");
  if (!manifest.ok) return failure("solution", manifest.error.problem, "solution.xml");
  const customizationsEntry = findEntry(entries, "customizations.xml");
  if (!customizationsEntry) return failure("solution", "missing", "customizations.xml");
  const refused = claim<SolutionRead>(customizationsEntry);
  if (refused) return refused;
  const reader = componentsReader();
  const customizations = await parseEntry(zip, customizationsEntry, slicer, reader, signal);
  if (!customizations.ok) return customizations;

  const files: Record<string, string> = {};
  for (const entry of entries) {
    const path = pathOf(entry.name);
    if (path.endsWith("/")) continue;
    if (INFLATED.some((pattern) => pattern.test(path.toLowerCase()))) {
      const content = await text(entry);
      if (!content.ok) return content;
      files[path] = content.value;
    } else if (/^canvasapps\/[^/]+\.msapp$/i.test(path)) files[path] = await readCanvasApp(zip, entry, budget, slicer, signal);
    // Web resources, assemblies, classic workflows' XAML: their CRC-32 and size tell versions apart without inflating them.
    else files[path] = `crc32:${entry.crc32.toString(16)}:${entry.uncompressedSize}`;
  }
  if (signal?.aborted) return failure("zip", "aborted");
  const parsed = customizations.value;
  const contents = parsed.ok ? await slicer.run(reader.finish(parsed.value, manifest.value, files)) : parsed;
  if (!contents) return failure("zip", "aborted");
  if (!contents.ok) return failure("solution", contents.error.problem, contents.error.file ?? "customizations.xml");
  return { ok: true, value: { ...contents.value, manifest: manifest.value } };
}

/** The components of one solution zip. */
export function readSolutionZip(zip: Uint8Array, signal?: AbortSignal): Promise<ZipReadResult<SolutionContents>> {
  return readZip(zip, { left: DEFAULT_LIMITS.maxTotalBytes ?? Infinity }, signal);
}

export type ComparisonSide = "baseline" | "current";

/** A comparison whose zips are read as they come, so one is read while the other still downloads. */
export interface PendingComparison {
  /** Starts reading this side's zip (after the one given before it): the same bytes as the current's are read once. */
  read(side: ComparisonSide, zip: Uint8Array): void;
  /** This deployment against the baseline (none given: the first deployment, where everything is added). */
  finish(): Promise<ZipReadResult<ArtifactComparison>>;
}

export function startComparison(signal?: AbortSignal): PendingComparison {
  const budget = { left: DEFAULT_LIMITS.maxTotalBytes ?? Infinity };
  const readings: Partial<Record<ComparisonSide, { zip: Uint8Array; read: Promise<ZipReadResult<SolutionRead>> }>> = {};
  let queue: Promise<unknown> = Promise.resolve();
  return {
    read(side, zip) {
      const same = Object.values(readings).find((r) => r.zip === zip);
      // After a zip that could not be read, the next is not: the comparison fails with the first.
      const read =
        same?.read ??
        queue.then((before) =>
          (before as ZipReadResult<SolutionRead> | undefined)?.ok === false ? (before as ZipReadResult<SolutionRead>) : readZip(zip, budget, signal),
        );
      queue = read;
      readings[side] = { zip, read };
    },
    async finish() {
      if (!readings.current) throw new Error("startComparison: no current zip was read.");
      const current = await readings.current.read;
      if (!current.ok) return { ok: false, error: { ...current.error, side: "current" } };
      const baseline = readings.baseline ? await readings.baseline.read : null;
      if (baseline && !baseline.ok) return { ok: false, error: { ...baseline.error, side: "baseline" } };
      // The diff in tasks of its own, not after the last slice of reading.
      await yieldToPage();
      const diff = await new Slicer(signal).run(diffJob(baseline?.value ?? null, current.value));
      if (!diff) return failure("zip", "aborted");
      await yieldToPage();
      return { ok: true, value: { diff, risks: riskFlags(diff), baseline: baseline?.value.manifest ?? null, current: current.value.manifest } };
    },
  };
}

/** This deployment's zip against the last one deployed to the stage (null: the first deployment, where everything is added). */
export function compareArtifacts(baselineZip: Uint8Array | null, currentZip: Uint8Array, signal?: AbortSignal): Promise<ZipReadResult<ArtifactComparison>> {
  const comparison = startComparison(signal);
  comparison.read("current", currentZip);
  if (baselineZip) comparison.read("baseline", baselineZip);
  return comparison.finish();
}

/**
 * What an approver saw of the comparison, for the review fingerprint (docs/approval-policy.md): both versions, the
 * counts per kind (added, removed, changed; kinds without changes left out) and the risks with how many components each.
 */
export function comparisonSummary(comparison: ArtifactComparison): Record<string, unknown> {
  const counts: Record<string, [number, number, number]> = {};
  for (const [kind, d] of Object.entries(comparison.diff.kinds)) {
    if (d.counts.added + d.counts.removed + d.counts.changed > 0) counts[kind] = [d.counts.added, d.counts.removed, d.counts.changed];
  }
  return {
    baselineVersion: comparison.baseline?.version ?? null,
    version: comparison.current.version,
    counts,
    risks: comparison.risks.map((r) => [r.id, r.components.length]),
  };
}
