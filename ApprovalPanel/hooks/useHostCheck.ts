import * as React from "react";
import type { PipelinesRepository } from "../data/PipelinesRepository";
import type { HostProbeInput } from "../data/hostProbe";
import { buildHostReport, type HostCheckReport } from "../domain/hostCheck";

export type HostCheckState =
  { status: "idle" } | { status: "running" } | { status: "done"; report: HostCheckReport; checkedOn: string } | { status: "failed"; message: string };

/**
 * One host check: probe, build the report, and hand what it found to the repository for the rest of the page
 * session. Never rejects.
 */
export async function runHostCheck(
  repository: PipelinesRepository,
  input: HostProbeInput,
  signal?: AbortSignal,
  now: () => Date = () => new Date(),
): Promise<Exclude<HostCheckState, { status: "idle" } | { status: "running" }>> {
  try {
    const probe = await repository.probeHost(input, signal);
    const report = buildHostReport(probe);
    repository.adoptHostFacts(report.facts);
    return { status: "done", report, checkedOn: now().toISOString() };
  } catch (e) {
    return { status: "failed", message: e instanceof Error ? e.message : String(e) };
  }
}

export interface HostCheck {
  open: boolean;
  state: HostCheckState;
  /** Open the view and run the check (again). */
  run(): void;
  close(): void;
}

/** State only: whether the view is open and what the last check found. A new run aborts the one before. */
export function useHostCheck(repository: PipelinesRepository, input: HostProbeInput, disposeSignal?: AbortSignal): HostCheck {
  const [open, setOpen] = React.useState(false);
  const [state, setState] = React.useState<HostCheckState>({ status: "idle" });
  const current = React.useRef<AbortController | null>(null);
  const { userId, formTable, relayTable } = input;

  const run = React.useCallback((): void => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setOpen(true);
    setState({ status: "running" });
    void runHostCheck(repository, { userId, formTable, relayTable }, controller.signal).then((result) => {
      if (current.current !== controller || controller.signal.aborted || disposeSignal?.aborted) return;
      setState(result);
    });
  }, [repository, userId, formTable, relayTable, disposeSignal]);

  const close = React.useCallback((): void => {
    current.current?.abort();
    current.current = null;
    setOpen(false);
    setState((s) => (s.status === "running" ? { status: "idle" } : s));
  }, []);

  React.useEffect(() => () => current.current?.abort(), []);
  return { open, state, run, close };
}
