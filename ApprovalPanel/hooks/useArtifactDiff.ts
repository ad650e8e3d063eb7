/**
 * "What changes" state for the section: nothing is downloaded until the approver asks (start). The work and the page
 * session's comparisons are in app/artifactDiffRunner; this hook only keeps the state the section shows.
 */
import * as React from "react";
import type { PipelinesRepository } from "../data/PipelinesRepository";
import type { StageRun } from "../domain/types";
import { CANCELLED, IDLE, cacheKey, remember, runArtifactDiff, sessionComparison, type ArtifactDiffState } from "../app/artifactDiffRunner";

export * from "../app/artifactDiffRunner";

export interface ArtifactDiff {
  state: ArtifactDiffState;
  /** Downloads and compares (or shows the session's result for the same artifacts at once). */
  start(): void;
  cancel(): void;
  retry(): void;
}

const stateOf = (run: StageRun | null, base: StageRun | null | undefined): ArtifactDiffState =>
  run !== null && base !== undefined ? (sessionComparison(run, base) ?? IDLE) : IDLE;

/**
 * current: the run on the form (null while it loads). baseline: the run last deployed to the same stage, null when there is
 * none, undefined while it is still being looked up (a start then waits for it).
 */
export function useArtifactDiff(repository: PipelinesRepository, current: StageRun | null, baseline: StageRun | null | undefined): ArtifactDiff {
  const runId = current?.id ?? null;
  const currentArtifact = current?.artifact?.id ?? null;
  const baselineArtifact = baseline === undefined ? undefined : (baseline?.artifact?.id ?? null);
  const [state, setState] = React.useState<ArtifactDiffState>(() => stateOf(current, baseline));
  const latest = React.useRef({ repository, current, baseline });
  latest.current = { repository, current, baseline };
  const controller = React.useRef<AbortController | null>(null);
  /** The run whose start waits for its baseline. */
  const pending = React.useRef<string | null>(null);

  const launch = React.useCallback((): void => {
    const { repository: repo, current: run, baseline: base } = latest.current;
    controller.current?.abort();
    controller.current = null;
    if (run === null) return;
    if (base === undefined) {
      pending.current = run.id;
      setState({ status: "downloading", received: 0, total: null });
      return;
    }
    pending.current = null;
    const key = cacheKey(run, base);
    const hit = sessionComparison(run, base);
    if (hit !== undefined) {
      remember(key, hit);
      setState(hit);
      return;
    }
    const own = new AbortController();
    controller.current = own;
    setState({ status: "downloading", received: 0, total: null });
    const onProgress = (progress: ArtifactDiffState): void => {
      if (!own.signal.aborted) setState(progress);
    };
    void runArtifactDiff(repo, run, base, onProgress, own.signal).then((result) => {
      if (own.signal.aborted) return;
      controller.current = null;
      if (result.status === "done") remember(key, result);
      setState(result);
    });
  }, []);

  React.useEffect(() => {
    if (runId !== null && pending.current === runId && baselineArtifact !== undefined) return launch();
    // Another record (or its artifacts changed): whatever ran was for the old one.
    controller.current?.abort();
    controller.current = null;
    pending.current = null;
    setState(stateOf(latest.current.current, latest.current.baseline));
  }, [runId, currentArtifact, baselineArtifact, launch]);

  React.useEffect(() => () => controller.current?.abort(), []);

  const cancel = React.useCallback((): void => {
    const running = controller.current !== null || pending.current !== null;
    controller.current?.abort();
    controller.current = null;
    pending.current = null;
    if (running) setState(CANCELLED);
  }, []);

  return React.useMemo(() => ({ state, start: launch, cancel, retry: launch }), [state, launch, cancel]);
}
