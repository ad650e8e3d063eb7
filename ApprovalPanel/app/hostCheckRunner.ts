import type { HostProber } from "../data/PipelinesRepository";
import type { HostProbeInput } from "../data/hostProbe";
import { buildHostReport, type HostCheckState } from "../domain/hostCheck";

/** Where a host check ended: its report, or why it could not run at all. */
export type HostCheckResult = Exclude<HostCheckState, { status: "idle" } | { status: "running" }>;

/**
 * One host check: probe, build the report, and hand what it found to the repository for the rest of the page
 * session. Never rejects.
 */
export async function runHostCheck(repository: HostProber, input: HostProbeInput, signal?: AbortSignal, now?: () => Date): Promise<HostCheckResult> {
  try {
    const probe = await repository.probeHost(input, signal);
    const report = buildHostReport(probe);
    repository.adoptHostFacts(report.facts);
    return { status: "done", report, checkedOn: (now?.() ?? new Date()).toISOString() };
  } catch (e) {
    return { status: "failed", message: e instanceof Error ? e.message : String(e) };
  }
}

export interface HostCheckRunner {
  /** Runs the check, aborting the one before: only the latest check's result reaches `onDone`. */
  run: (repository: HostProber, input: HostProbeInput, onDone: (result: HostCheckResult) => void) => void;
  /** Aborts the check in flight: its result is dropped. */
  stop: () => void;
}

export function createHostCheckRunner(): HostCheckRunner {
  let current: AbortController | null = null;
  const stop = (): void => {
    current?.abort();
    current = null;
  };
  return {
    run(repository, input, onDone) {
      stop();
      const controller = new AbortController();
      current = controller;
      void runHostCheck(repository, input, controller.signal).then((result) => {
        if (current === controller && !controller.signal.aborted) onDone(result);
      });
    },
    stop,
  };
}
