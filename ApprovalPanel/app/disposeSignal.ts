/**
 * Calls `stop` when the control's dispose signal aborts, or at once when it already has; returns what undoes the
 * subscription. One way to follow destroy() for the loader, the decision and the host check.
 */
export function whenDisposed(signal: AbortSignal | undefined, stop: () => void): () => void {
  if (signal === undefined) return () => undefined;
  if (signal.aborted) {
    stop();
    return () => undefined;
  }
  signal.addEventListener("abort", stop);
  return () => signal.removeEventListener("abort", stop);
}
