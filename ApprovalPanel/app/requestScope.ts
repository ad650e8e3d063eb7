/**
 * Which answers may still be applied. A panel loads several independent parts (the run, the history, …); each part
 * has at most one live request: starting a new one for the same part aborts and supersedes the previous one, so a
 * late answer of an old request is never applied. Closing the scope (the control's destroy, unmount) aborts every
 * request and refuses new ones for good.
 */
export interface ScopedRequest {
  /** Aborted when the request is superseded, cancelled or the scope closes: pass it to the repository. */
  readonly signal: AbortSignal;
  /** Whether the answer may still be applied: not superseded, not cancelled, scope not closed. */
  isCurrent(): boolean;
}

export interface RequestScope<Part extends string> {
  /** Starts a request for a part, superseding the part's previous one; null once the scope is closed. */
  begin(part: Part): ScopedRequest | null;
  /** Drops the live request of this part (if any) without starting another. */
  cancel(part: Part): void;
  /** Drops every live request; the scope stays open (a new record). */
  abortAll(): void;
  /** Drops every live request and refuses new ones (destroy, unmount). */
  close(): void;
  readonly closed: boolean;
}

export function createRequestScope<Part extends string>(): RequestScope<Part> {
  const live = new Map<Part, AbortController>();
  let closed = false;

  // One part at a time: a rest parameter compiles to a loop over `arguments` for the Safari 15 target.
  const cancel = (part: Part): void => {
    live.get(part)?.abort();
    live.delete(part);
  };
  const abortAll = (): void => live.forEach((_, part) => cancel(part));

  return {
    begin(part) {
      if (closed) return null;
      cancel(part);
      const controller = new AbortController();
      live.set(part, controller);
      return {
        signal: controller.signal,
        isCurrent: () => !closed && live.get(part) === controller && !controller.signal.aborted,
      };
    },
    cancel,
    abortAll,
    close() {
      closed = true;
      abortAll();
    },
    get closed() {
      return closed;
    },
  };
}
