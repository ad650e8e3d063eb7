/**
 * Raw deflate data inflated by the platform (DecompressionStream("deflate-raw"): Chromium 80+, Node 18+), handed on a
 * piece at a time as it comes, so a reader can decode and parse an entry while it inflates instead of after.
 */
import type { ZipResult } from "./zip";

/** Receives an entry's bytes as they inflate; false stops the inflating (the result is then "aborted"). */
export type ChunkSink = (bytes: Uint8Array) => boolean | void | Promise<boolean | void>;

/** Compressed input is fed in slices this small, so a bomb yields at most about 8 MiB (1032 x 8 KiB) before the next size check. */
const INPUT_SLICE_BYTES = 8 * 1024;

const fail = <T>(kind: "unsupported" | "bomb" | "corrupt" | "aborted", detail: string): ZipResult<T> => ({ ok: false, error: { kind, detail } });

/** Inflates into sink, stopping at maxOutput (a bomb) or past declaredSize (corrupt); the number of bytes inflated. */
export async function inflateRawInto(
  compressed: Uint8Array,
  maxOutput: number,
  declaredSize: number,
  sink: ChunkSink,
  signal?: AbortSignal,
): Promise<ZipResult<number>> {
  if (typeof DecompressionStream !== "function") return fail("unsupported", "this browser has no DecompressionStream");
  let fed = 0;
  const input = new ReadableStream<BufferSource>(
    {
      pull(controller) {
        if (fed >= compressed.length) return controller.close();
        // The DOM typings want an ArrayBuffer-backed view; a zip is never read from shared memory.
        controller.enqueue(compressed.subarray(fed, fed + INPUT_SLICE_BYTES) as Uint8Array<ArrayBuffer>);
        fed += INPUT_SLICE_BYTES;
      },
    },
    { highWaterMark: 0 },
  );
  const reader = input.pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  let produced = 0;
  let failure: ZipResult<number> | undefined;
  try {
    // The signal is checked after every chunk: each read covers at most one input slice, so an abort is seen promptly.
    while (!failure) {
      const { done, value } = await reader.read();
      if (done) break;
      produced += value.length;
      if (signal?.aborted) failure = fail("aborted", `aborted after ${produced} bytes`);
      else if (produced > maxOutput) failure = fail("bomb", `stopped at ${produced} bytes, over the ${maxOutput} it may inflate to`);
      else if (produced > declaredSize) failure = fail("corrupt", `inflates past its declared ${declaredSize} bytes`);
      else if ((await sink(value)) === false) failure = fail("aborted", `stopped by its reader after ${produced} bytes`);
    }
  } catch (error) {
    return fail("corrupt", `the deflate data is invalid or cut short (${String(error)})`);
  }
  if (failure) {
    // Cancelling the reader cancels the pipe and the input: nothing more is inflated.
    await reader.cancel().catch(() => undefined);
    return failure;
  }
  return { ok: true, value: produced };
}
