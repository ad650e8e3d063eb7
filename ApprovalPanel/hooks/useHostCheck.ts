import * as React from "react";
import { createHostCheckRunner } from "../app/hostCheckRunner";
import type { PipelinesRepository } from "../data/PipelinesRepository";
import type { HostProbeInput } from "../data/hostProbe";
import type { HostCheckState } from "../domain/hostCheck";
import { useDisposeSignal } from "./useDisposeSignal";

export { runHostCheck } from "../app/hostCheckRunner";
export type { HostCheckState };

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
  const [runner] = React.useState(createHostCheckRunner);
  const { userId, formTable, relayTable } = input;

  const run = React.useCallback((): void => {
    setOpen(true);
    setState({ status: "running" });
    runner.run(repository, { userId, formTable, relayTable }, (result) => {
      if (!disposeSignal?.aborted) setState(result);
    });
  }, [runner, repository, userId, formTable, relayTable, disposeSignal]);

  const close = React.useCallback((): void => {
    runner.stop();
    setOpen(false);
    setState((s) => (s.status === "running" ? { status: "idle" } : s));
  }, [runner]);

  // destroy() aborts the probe in flight; a check started after it still shows nothing.
  useDisposeSignal(disposeSignal, runner.stop);
  React.useEffect(() => runner.stop, [runner]);
  return { open, state, run, close };
}
