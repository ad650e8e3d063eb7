/**
 * A solution zip (a deployment artifact's file) read into components, and two of them compared: what this deployment changes
 * against the one last deployed to the stage. Only the entries the reader needs are inflated, one at a time, with the zip
 * reader's limits and one budget for all of them; between entries the page gets the event loop back, and the XML is parsed and
 * read in slices (runChunked) so that no task holds the page for long.
 */
import { DEFAULT_LIMITS, findEntry, inflateText, readCentralDirectory, type ZipEntry, type ZipErrorKind } from "../artifact/zip";
import { componentsJob, type SolutionContents } from "./components";
import { diffSolutions, type SolutionDiff } from "./diff";
import { manifestJob, type SolutionManifest } from "./manifest";
import { riskFlags, type RiskFlag } from "./risks";
import { runChunked, yieldToPage, type SolutionReadProblem } from "./xml";

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

/** `budget.left`: bytes the entries may still inflate to, shared by the zips of one comparison. */
async function readZip(
  zip: Uint8Array,
  budget: { left: number },
  signal?: AbortSignal,
): Promise<ZipReadResult<SolutionContents & { manifest: SolutionManifest }>> {
  const directory = readCentralDirectory(zip);
  if (!directory.ok) return failure("zip", directory.error.kind);
  const entries = directory.value;
  const text = async (entry: ZipEntry): Promise<ZipReadResult<string>> => {
    if (signal?.aborted) return failure("zip", "aborted", entry.name);
    if (entry.uncompressedSize > budget.left) return failure("zip", "tooLarge", entry.name);
    budget.left -= entry.uncompressedSize;
    const result = await inflateText(zip, entry, DEFAULT_LIMITS, signal);
    await yieldToPage();
    return result.ok ? result : failure("zip", result.error.kind, entry.name);
  };
  const required = async (name: string): Promise<ZipReadResult<string>> => {
    const entry = findEntry(entries, name);
    return entry ? text(entry) : failure("solution", "missing", name);
  };

  const solution = await required("solution.xml");
  if (!solution.ok) return solution;
  const manifest = await runChunked(manifestJob(solution.value), signal);
  if (!manifest) return failure("zip", "aborted");
  if (!manifest.ok) return failure("solution", manifest.error.problem, "solution.xml");
  const customizations = await required("customizations.xml");
  if (!customizations.ok) return customizations;

  const files: Record<string, string> = {};
  for (const entry of entries) {
    const path = pathOf(entry.name);
    if (path.endsWith("/")) continue;
    if (INFLATED.some((pattern) => pattern.test(path.toLowerCase()))) {
      const content = await text(entry);
      if (!content.ok) return content;
      files[path] = content.value;
      // Web resources, assemblies, classic workflows' XAML: their CRC-32 and size tell versions apart without inflating them.
    } else files[path] = `crc32:${entry.crc32.toString(16)}:${entry.uncompressedSize}`;
  }
  if (signal?.aborted) return failure("zip", "aborted");
  const contents = await runChunked(componentsJob(customizations.value, manifest.value, files), signal);
  if (!contents) return failure("zip", "aborted");
  if (!contents.ok) return failure("solution", contents.error.problem, contents.error.file ?? "customizations.xml");
  return { ok: true, value: { ...contents.value, manifest: manifest.value } };
}

/** The components of one solution zip. */
export function readSolutionZip(zip: Uint8Array, signal?: AbortSignal): Promise<ZipReadResult<SolutionContents>> {
  return readZip(zip, { left: DEFAULT_LIMITS.maxTotalBytes ?? Infinity }, signal);
}

/** This deployment's zip against the last one deployed to the stage (null: the first deployment, where everything is added). */
export async function compareArtifacts(
  baselineZip: Uint8Array | null,
  currentZip: Uint8Array,
  signal?: AbortSignal,
): Promise<ZipReadResult<ArtifactComparison>> {
  const budget = { left: DEFAULT_LIMITS.maxTotalBytes ?? Infinity };
  const current = await readZip(currentZip, budget, signal);
  if (!current.ok) return { ok: false, error: { ...current.error, side: "current" } };
  const baseline = baselineZip ? await readZip(baselineZip, budget, signal) : null;
  if (baseline && !baseline.ok) return { ok: false, error: { ...baseline.error, side: "baseline" } };
  // The diff (about 65 ms for 45,000 components) in a task of its own, not after the last slice of reading.
  await yieldToPage();
  const diff = diffSolutions(baseline?.value ?? null, current.value);
  return { ok: true, value: { diff, risks: riskFlags(diff), baseline: baseline?.value.manifest ?? null, current: current.value.manifest } };
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
