/**
 * "What changes" as a plain workflow, no React: this run's solution file against the one last deployed to the same stage.
 * runArtifactDiff downloads and compares; the page session keeps finished comparisons per pair of artifacts, so opening the
 * same run again does not download again. The hook (hooks/useArtifactDiff) only keeps the state the section shows.
 */
import type { PipelinesRepository } from "../data/PipelinesRepository";
import { artifactProblemOf, type ArtifactFile } from "../data/artifactFiles";
import type { DataError, StageRun } from "../domain/types";
import { startComparison, type ArtifactComparison, type ZipFailure } from "../solution/fromZip";

export type ArtifactDiffFailure = "noArtifact" | "forbidden" | "notFound" | "tooLarge" | "zip" | "solution" | "entities" | "offline" | "timeout" | "other";
export type ArtifactSide = "baseline" | "current";

/** total: null while the host has not said how large the files are. */
export type ArtifactDiffDownloading = { status: "downloading"; received: number; total: number | null };
export type ArtifactDiffReading = { status: "reading" };
/**
 * No baseline run here: the session keeps comparisons by artifact pair, and the same artifacts reach other stages,
 * whose last deployment is another run; the section words its baseline from the run it is shown for.
 */
export type ArtifactDiffDone = { status: "done"; comparison: ArtifactComparison };
export type ArtifactDiffFailed = { status: "failed"; reason: ArtifactDiffFailure; detail?: string; side?: ArtifactSide };

export type ArtifactDiffState =
  { status: "idle" } | ArtifactDiffDownloading | ArtifactDiffReading | ArtifactDiffDone | ArtifactDiffFailed | { status: "cancelled" };

export type ArtifactDiffProgress = ArtifactDiffDownloading | ArtifactDiffReading;

export const IDLE: ArtifactDiffState = { status: "idle" };
export const CANCELLED: ArtifactDiffState = { status: "cancelled" };

/** Finished comparisons for the page session, by cacheKey; the oldest go first beyond this many (each holds component lists, not files). */
export const SESSION_LIMIT = 20;
const SESSION = new Map<string, ArtifactDiffDone>();

export function remember(key: string, done: ArtifactDiffDone): void {
  SESSION.delete(key);
  SESSION.set(key, done);
  for (const oldest of SESSION.keys()) {
    if (SESSION.size <= SESSION_LIMIT) break;
    SESSION.delete(oldest);
  }
}

/** The session's comparison of these runs' artifacts, if one finished. */
export function sessionComparison(current: StageRun, baseline: StageRun | null): ArtifactDiffDone | undefined {
  return SESSION.get(cacheKey(current, baseline));
}

/** For tests: forget every comparison of the session. */
export function clearArtifactDiffCache(): void {
  SESSION.clear();
}

/**
 * The pair of artifacts a comparison is of: runs of other stages with the same artifacts share it. A baseline run
 * without an artifact compares with nothing (the section still names that run).
 */
export function cacheKey(current: StageRun, baseline: StageRun | null): string {
  return `${current.artifact?.id ?? ""}|${baseline?.artifact?.id ?? ""}`;
}

export function failureOfDownload(error: DataError): Pick<ArtifactDiffFailed, "reason" | "detail"> {
  const detail = error.serverMessage !== undefined && error.serverMessage !== "" ? { detail: error.serverMessage } : {};
  if (artifactProblemOf(error) === "tooLarge") return { reason: "tooLarge" };
  const { kind } = error;
  if (kind === "unauthorized") return { reason: "forbidden" };
  return kind === "forbidden" || kind === "notFound" || kind === "offline" || kind === "timeout" ? { reason: kind } : { reason: "other", ...detail };
}

function failureOfZip(error: ZipFailure): ArtifactDiffFailed {
  const detail = error.entry !== undefined ? `${error.problem}: ${error.entry}` : error.problem;
  // A zip bomb is a file too large to compare, and a DOCTYPE has a message of its own; the rest says which part was unreadable.
  const reason = error.problem === "bomb" || error.problem === "tooLarge" ? "tooLarge" : error.problem === "entities" ? "entities" : error.kind;
  return { status: "failed", reason, detail, ...(error.side !== undefined ? { side: error.side } : {}) };
}

/**
 * Downloads this run's solution file and, when the baseline run has one, the baseline's (one after the other, so progress
 * adds up), then compares them. Each file is read as soon as it is downloaded, while the next one downloads. Resolves with
 * the final state (done, failed or cancelled); never rejects.
 */
export async function runArtifactDiff(
  repository: PipelinesRepository,
  current: StageRun,
  baseline: StageRun | null,
  onProgress: (progress: ArtifactDiffProgress) => void,
  signal: AbortSignal,
): Promise<ArtifactDiffState> {
  const currentId = current.artifact?.id;
  if (currentId === undefined || currentId === null || currentId === "") return { status: "failed", reason: "noArtifact", side: "current" };
  const baselineId = baseline?.artifact?.id ?? null;
  const baselineRun = baselineId !== null && baselineId !== "" ? baseline : null;
  const sides: Array<{ side: ArtifactSide; id: string }> = [{ side: "current", id: currentId }];
  // The same artifact as its own baseline (a redeployment) is downloaded once.
  if (baselineRun !== null && baselineId !== null && baselineId !== currentId) sides.push({ side: "baseline", id: baselineId });

  const comparison = startComparison(signal);
  let currentFile: ArtifactFile | null = null;
  let before = 0;
  try {
    onProgress({ status: "downloading", received: 0, total: null });
    for (const { side, id } of sides) {
      const result = await repository.downloadArtifact(id, {
        signal,
        onProgress: (received, total) => {
          if (!signal.aborted) onProgress({ status: "downloading", received: before + received, total: total === null ? null : before + total });
        },
      });
      if (signal.aborted) return CANCELLED;
      if (!result.ok) return { status: "failed", ...failureOfDownload(result.error), side };
      if (result.value.bytes.length === 0) return { status: "failed", reason: "notFound", side };
      comparison.read(side, result.value.bytes);
      if (side === "current") currentFile = result.value;
      before += result.value.bytes.length;
    }
    onProgress({ status: "reading" });
    // A redeployment: the same bytes, read once, compared with themselves.
    if (baselineRun !== null && sides.length === 1 && currentFile !== null) comparison.read("baseline", currentFile.bytes);
    const compared = await comparison.finish();
    if (signal.aborted) return CANCELLED;
    if (!compared.ok) return failureOfZip(compared.error);
    return { status: "done", comparison: compared.value };
  } catch (e) {
    if (signal.aborted) return CANCELLED;
    return { status: "failed", reason: "other", detail: e instanceof Error ? e.message : String(e) };
  }
}

/** The stage's last deployment as the panel loads it (PanelData.lastDeployment), as far as the baseline needs it. */
export type LastDeployment =
  { status: "ready"; value: StageRun | null } | { status: "idle" | "loading" | "unavailable" } | { status: "error"; error: DataError };

/**
 * The hook's baseline from the panel's last-deployment state: the run when it came, null when there is none to compare with
 * (no earlier deployment, or nothing to look it up by), undefined while it loads. A failed look-up compares with nothing too:
 * `unknown` is then true, so the section says the last deployment could not be read rather than "first deployment".
 */
export function baselineOf(last: LastDeployment): { baseline: StageRun | null | undefined; unknown: boolean } {
  const baseline = last.status === "ready" ? last.value : last.status === "unavailable" || last.status === "error" ? null : undefined;
  return { baseline, unknown: last.status === "error" };
}
