import type { DataError, Result } from "../domain/types";
import { classifyError } from "./errors";

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Reads retried after 429 / service-protection errors; the action never is. */
export const MAX_READ_RETRIES = 2;
export const MAX_RETRY_WAIT_SECONDS = 10;
/** Wait when the host gives no Retry-After (context.webAPI never exposes the header). */
export const DEFAULT_RETRY_WAIT_SECONDS = [1, 2] as const;

/**
 * What a caller's abort resolves with. The app's loader and decision session abort when the record changes or the
 * panel is destroyed and ignore whatever comes back afterwards, so this only has to be a typed non-success.
 */
export const ABORTED: DataError = { kind: "unknown", serverMessage: "aborted" };

/**
 * Run one request and stop waiting after `timeoutMs` or when `signal` aborts. context.webAPI takes no
 * AbortSignal, so the request itself may still complete in the background; its answer is dropped.
 */
export function guarded<T>(work: () => Promise<T>, timeoutMs: number, signal?: AbortSignal): Promise<Result<T>> {
  return new Promise<Result<T>>((resolve) => {
    if (signal?.aborted) {
      resolve({ ok: false, error: ABORTED });
      return;
    }
    let settled = false;
    const finish = (result: Result<T>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve(result);
    };
    const onAbort = (): void => finish({ ok: false, error: ABORTED });
    const timer = setTimeout(() => finish({ ok: false, error: { kind: "timeout" } }), timeoutMs);
    signal?.addEventListener("abort", onAbort);
    let pending: Promise<T>;
    try {
      pending = work();
    } catch (e) {
      finish({ ok: false, error: classifyError(e) });
      return;
    }
    pending.then(
      (value) => finish({ ok: true, value }),
      (e: unknown) => finish({ ok: false, error: classifyError(e) }),
    );
  });
}

/** Stop waiting for a shared request when this caller aborts (the request goes on for the others). */
export function untilAborted<T>(pending: Promise<Result<T>>, signal?: AbortSignal): Promise<Result<T>> {
  if (!signal) return pending;
  if (signal.aborted) return Promise.resolve({ ok: false, error: ABORTED });
  return new Promise<Result<T>>((resolve) => {
    const onAbort = (): void => resolve({ ok: false, error: ABORTED });
    signal.addEventListener("abort", onAbort, { once: true });
    void pending.then((r) => {
      signal.removeEventListener("abort", onAbort);
      resolve(r);
    });
  });
}

/** Resolves true after `ms`, false at once when `signal` aborts. */
export function wait(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    if (signal?.aborted) {
      resolve(false);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A read with timeout and bounded retry on throttling (Dataverse service protection limits: honour
 * Retry-After). Gives up at once when the host asks for a longer wait than MAX_RETRY_WAIT_SECONDS.
 */
export async function read<T>(work: () => Promise<T>, timeoutMs: number, signal?: AbortSignal): Promise<Result<T>> {
  for (let attempt = 0; ; attempt++) {
    const result = await guarded(work, timeoutMs, signal);
    if (result.ok || result.error.kind !== "throttled") return result;
    const seconds = result.error.retryAfterSeconds ?? DEFAULT_RETRY_WAIT_SECONDS[Math.min(attempt, DEFAULT_RETRY_WAIT_SECONDS.length - 1)];
    if (attempt >= MAX_READ_RETRIES || seconds > MAX_RETRY_WAIT_SECONDS) {
      return { ok: false, error: { ...result.error, retryAfterSeconds: seconds } };
    }
    if (!(await wait(seconds * 1000, signal))) return { ok: false, error: ABORTED };
  }
}

/**
 * For callers of a PipelinesRepository, whose methods should never reject: should one still throw (a bug, a
 * substitute implementation), the failure comes back as a typed error instead of an unhandled rejection that
 * would leave the panel waiting for good.
 */
export async function resultOf<T>(work: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await work();
  } catch (e) {
    return { ok: false, error: classifyError(e) };
  }
}
