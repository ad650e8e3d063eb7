/** @jest-environment node */
// Node: Response, Headers and ReadableStream as fetch gives them, which jest's jsdom environment lacks.
import { describe, expect, it } from "@jest/globals";
import { artifactProblemOf, downloadArtifactFile, type ArtifactFileDeps, type DownloadOptions } from "../../ApprovalPanel/data/artifactFiles";
import { ABORTED, MAX_READ_RETRIES } from "../../ApprovalPanel/data/request";

const ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const URL_BASE = "https://org.example/";
const FILE = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7 + 3) & 0xff);
FILE[0] = 0x50; // "PK", as a zip starts
FILE[1] = 0x4b;
const MiB = 1024 * 1024;
/** A file of n bytes that starts like a zip and does not repeat, so a chunk put back at the wrong offset shows. */
function fileOf(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  let x = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  bytes.set([0x50, 0x4b]);
  return bytes;
}
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

type Mode = "range" | "whole" | "json" | "forbidden" | "notFound" | "hang" | "offline";
interface ServerOptions {
  mode?: Mode;
  /** Answer 429 with this Retry-After to the first n requests. */
  throttle?: { times: number; retryAfter?: string };
  /** Send one byte less in the chunk at this offset. */
  shortAt?: number;
  /** A size header that lies on the chunk at this offset. */
  sizeChangesAt?: number;
  noSizeHeaders?: boolean;
  /** A standard Content-Range on every chunk; at this offset it names the wrong start. */
  contentRange?: { wrongStartAt?: number };
  /** x-ms-chunk-size on every chunk whatever its length, as Learn's example sends 4194304; default: the chunk's length. */
  advise?: number;
  /** A host that cannot chunk: 400 with 0x80090017 to a Range from this offset on (default 0); `whole`: to the request without Range too. */
  refuse?: { from?: number; whole?: boolean };
}

/** A tiny Dataverse file-column endpoint over one file: honours Range like the Download Files protocol. */
function server(file: Uint8Array, options: ServerOptions = {}) {
  const requests: { url: string; range: string | null; method: string }[] = [];
  const signals: (AbortSignal | null | undefined)[] = [];
  let throttled = 0;
  const fetchFn = ((input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const range = new Headers(init?.headers).get("Range");
    requests.push({ url: String(input), range, method: init?.method ?? "GET" });
    signals.push(init?.signal);
    const mode = options.mode ?? "range";
    if (mode === "hang")
      return new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("The operation was aborted.", "AbortError"))));
    if (mode === "offline") return Promise.reject(new TypeError("fetch failed"));
    const error = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
      Promise.resolve(new Response(JSON.stringify({ error: { code, message } }), { status, headers: { "Content-Type": "application/json", ...headers } }));
    if (options.throttle && throttled < options.throttle.times) {
      throttled++;
      return error(
        429,
        "0x80072322",
        "Number of requests exceeded the limit.",
        options.throttle.retryAfter ? { "Retry-After": options.throttle.retryAfter } : {},
      );
    }
    if (mode === "forbidden") return error(403, "0x80040220", "Principal user is missing prvReaddeploymentartifact privilege.");
    if (mode === "notFound") return error(404, "0x80040217", "deploymentartifact With Id = x Does Not Exist");
    const named = { "x-ms-file-name": "Contoso_1_0_0_1_managed.zip" };
    const refused = range === null ? options.refuse?.whole : Number(/^bytes=(\d+)-/.exec(range)?.[1]) >= (options.refuse?.from ?? 0);
    if (options.refuse && refused) return error(400, "0x80090017", "Downloading in multiple chunks is not supported for the files stored in the database.");
    if (mode === "whole" || range === null)
      return Promise.resolve(new Response(file.slice(), { status: 200, headers: { ...named, "Content-Length": String(file.length) } }));
    if (mode === "json") {
      const value = Buffer.from(file).toString("base64");
      return Promise.resolve(new Response(JSON.stringify({ value }), { status: 200, headers: { "Content-Type": "application/json" } }));
    }
    const [, from, to] = /^bytes=(\d+)-(\d+)$/.exec(range ?? "")!.map(Number);
    const end = Math.min(to + 1, file.length) - (options.shortAt === from ? 1 : 0);
    const body = file.slice(from, end);
    const size = options.sizeChangesAt === from ? file.length + 1 : file.length;
    const headers: Record<string, string> = options.noSizeHeaders
      ? {}
      : { ...named, "x-ms-file-size": String(size), "x-ms-chunk-size": String(options.advise ?? body.length) };
    if (options.contentRange) {
      const start = options.contentRange.wrongStartAt === from ? from + 1 : from;
      headers["Content-Range"] = `bytes ${start}-${from + body.length - 1}/${file.length}`;
    }
    return Promise.resolve(new Response(body, { status: 206, headers }));
  }) as typeof fetch;
  return { fetchFn, requests, signals };
}

const deps = (fetchFn: typeof fetch, extra: Partial<ArtifactFileDeps> = {}): ArtifactFileDeps => ({ fetchFn, clientUrl: URL_BASE, chunkBytes: 4096, ...extra });
async function download(s: ReturnType<typeof server>, options: DownloadOptions = {}, extra: Partial<ArtifactFileDeps> = {}) {
  return downloadArtifactFile(deps(s.fetchFn, extra), ID, options);
}
const errorOf = (r: Awaited<ReturnType<typeof downloadArtifactFile>>) => {
  if (r.ok) throw new Error("expected a failure");
  return r.error;
};

describe("downloadArtifactFile", () => {
  it("asks for the file in ranges of chunkBytes and puts the chunks back together", async () => {
    const s = server(FILE);
    const progress: [number, number | null][] = [];
    const r = await download(s, { onProgress: (received, total) => progress.push([received, total]) });
    expect(r.ok && r.value.size).toBe(FILE.length);
    expect(r.ok && Buffer.from(r.value.bytes).equals(Buffer.from(FILE))).toBe(true);
    expect(r.ok && r.value.fileName).toBe("Contoso_1_0_0_1_managed.zip");
    expect(s.requests.map((q) => q.range)).toEqual(["bytes=0-4095", "bytes=4096-8191", "bytes=8192-9999"]);
    expect(s.requests.every((q) => q.method === "GET" && q.url === `https://org.example/api/data/v9.2/deploymentartifacts(${ID})/artifactfile/$value`)).toBe(
      true,
    );
    expect(progress).toEqual([
      [4096, 10_000],
      [8192, 10_000],
      [10_000, 10_000],
    ]);
  });

  it("reads the unmanaged column and asks 4 MiB at a time by default", async () => {
    const s = server(FILE);
    const r = await download(s, { column: "artifactfileunmanaged" }, { chunkBytes: undefined });
    expect(r.ok).toBe(true);
    expect(s.requests).toEqual([{ url: expect.stringContaining("/artifactfileunmanaged/$value"), range: "bytes=0-4194303", method: "GET" }]);
  });

  it("takes a 200 answer as the whole file (a host that ignores Range)", async () => {
    const s = server(FILE, { mode: "whole" });
    const progress: number[] = [];
    const r = await download(s, { onProgress: (received) => progress.push(received) });
    expect(r.ok && Buffer.from(r.value.bytes).equals(Buffer.from(FILE))).toBe(true);
    expect(s.requests).toHaveLength(1);
    expect(progress).toEqual([FILE.length]);
  });

  it("decodes a JSON body with a base64 value", async () => {
    const r = await download(server(FILE, { mode: "json" }));
    expect(r.ok && Buffer.from(r.value.bytes).equals(Buffer.from(FILE))).toBe(true);
  });

  it("refuses a file over maxBytes after the first chunk, before asking for the rest", async () => {
    const s = server(FILE);
    const r = await download(s, { maxBytes: 5000 });
    expect(artifactProblemOf(errorOf(r))).toBe("tooLarge");
    expect(errorOf(r)).toMatchObject({ size: 10_000 });
    expect(s.requests).toHaveLength(1);
  });

  it("refuses a whole-file answer over maxBytes", async () => {
    expect(artifactProblemOf(errorOf(await download(server(FILE, { mode: "whole" }), { maxBytes: 5000 })))).toBe("tooLarge");
    expect(artifactProblemOf(errorOf(await download(server(FILE, { mode: "json" }), { maxBytes: 5000 })))).toBe("tooLarge");
  });

  it("fails on a short chunk, a changing size or a partial answer without a size", async () => {
    const short = server(FILE, { shortAt: 4096 });
    expect(artifactProblemOf(errorOf(await download(short)))).toBe("badChunk");
    expect(short.requests).toHaveLength(2);
    expect(artifactProblemOf(errorOf(await download(server(FILE, { sizeChangesAt: 8192 }))))).toBe("badChunk");
    expect(artifactProblemOf(errorOf(await download(server(FILE, { noSizeHeaders: true }))))).toBe("badChunk");
    expect(artifactProblemOf(errorOf(await download(server(FILE, { contentRange: { wrongStartAt: 4096 } }))))).toBe("badChunk");
  });

  it("takes the size from a standard Content-Range when the x-ms headers are missing", async () => {
    const r = await download(server(FILE, { noSizeHeaders: true, contentRange: {} }));
    expect(r.ok && Buffer.from(r.value.bytes).equals(Buffer.from(FILE))).toBe(true);
  });

  it("reads a file smaller than a chunk whole when x-ms-chunk-size is Learn's recommended 4194304, not the chunk's length", async () => {
    const file = fileOf(669_373);
    const s = server(file, { advise: 4_194_304 });
    const r = await download(s, {}, { chunkBytes: undefined });
    expect(r.ok && r.value.size).toBe(669_373);
    expect(r.ok && same(r.value.bytes, file)).toBe(true);
    expect(s.requests.map((q) => q.range)).toEqual(["bytes=0-4194303"]);
  });

  it("puts a file of several chunks together when the header advises another size, held to 1 to 16 MB; a caller's chunkBytes is kept", async () => {
    const file = fileOf(6.5 * MiB);
    const rangesWhenAdvised = async (advise: number) => {
      const s = server(file, { advise });
      const r = await download(s, {}, { chunkBytes: undefined });
      expect(r.ok && same(r.value.bytes, file)).toBe(true);
      return s.requests.map((q) => q.range);
    };
    // Learn's 4 MB first, then the size the host advises.
    const byMiB = ["bytes=0-4194303", "bytes=4194304-5242879", "bytes=5242880-6291455", "bytes=6291456-6815743"];
    expect(await rangesWhenAdvised(MiB)).toEqual(byMiB);
    // 64 bytes would take a hundred thousand requests: held to 1 MB. 1 GB: held to 16 MB, here the rest of the file.
    expect(await rangesWhenAdvised(64)).toEqual(byMiB);
    expect(await rangesWhenAdvised(1024 * MiB)).toEqual(["bytes=0-4194303", "bytes=4194304-6815743"]);
    const s = server(FILE, { advise: 4_194_304 });
    const r = await download(s);
    expect(r.ok && same(r.value.bytes, FILE)).toBe(true);
    expect(s.requests.map((q) => q.range)).toEqual(["bytes=0-4095", "bytes=4096-8191", "bytes=8192-9999"]);
  });

  it("asks once for the whole file, without Range, when the host refuses a Range with 0x80090017, within the same size limit", async () => {
    const s = server(FILE, { refuse: {} });
    const progress: [number, number | null][] = [];
    const r = await download(s, { onProgress: (received, total) => progress.push([received, total]) });
    expect(r.ok && same(r.value.bytes, FILE)).toBe(true);
    expect(r.ok && r.value.fileName).toBe("Contoso_1_0_0_1_managed.zip");
    expect(s.requests.map((q) => q.range)).toEqual(["bytes=0-4095", null]);
    expect(progress).toEqual([[10_000, 10_000]]);
    // Refused after two chunks: those are dropped and the whole file is read once.
    const late = server(FILE, { refuse: { from: 8192 } });
    const lateResult = await download(late);
    expect(lateResult.ok && same(lateResult.value.bytes, FILE)).toBe(true);
    expect(late.requests.map((q) => q.range)).toEqual(["bytes=0-4095", "bytes=4096-8191", "bytes=8192-9999", null]);
    const large = server(FILE, { refuse: {} });
    expect(errorOf(await download(large, { maxBytes: 5000 }))).toMatchObject({ problem: "tooLarge" });
    expect(large.requests).toHaveLength(2);
  });

  it("answers a refused whole-file request with the host's error: one fallback, not a loop", async () => {
    const s = server(FILE, { refuse: { whole: true } });
    expect(errorOf(await download(s))).toMatchObject({
      kind: "badRequest",
      status: 400,
      serverMessage: expect.stringContaining("multiple chunks is not supported"),
    });
    expect(s.requests.map((q) => q.range)).toEqual(["bytes=0-4095", null]);
  });

  it("maps 403 to forbidden and 404 to notFound, without retrying", async () => {
    const forbidden = server(FILE, { mode: "forbidden" });
    expect(errorOf(await download(forbidden))).toMatchObject({ kind: "forbidden", status: 403 });
    expect(forbidden.requests).toHaveLength(1);
    const missing = server(FILE, { mode: "notFound" });
    expect(errorOf(await download(missing))).toMatchObject({ kind: "notFound", status: 404 });
    expect(missing.requests).toHaveLength(1);
  });

  it("retries a throttled chunk after Retry-After, like other reads", async () => {
    const s = server(FILE, { throttle: { times: 1, retryAfter: "0" } });
    const r = await download(s);
    expect(r.ok).toBe(true);
    expect(s.requests.map((q) => q.range)).toEqual(["bytes=0-4095", "bytes=0-4095", "bytes=4096-8191", "bytes=8192-9999"]);
  });

  it("gives up on throttling after the reads' retry limit", async () => {
    const s = server(FILE, { throttle: { times: 10, retryAfter: "0" } });
    expect(errorOf(await download(s))).toMatchObject({ kind: "throttled", status: 429 });
    expect(s.requests).toHaveLength(1 + MAX_READ_RETRIES);
  });

  it("times out a request that does not answer, and cancels it", async () => {
    const s = server(FILE, { mode: "hang" });
    expect(errorOf(await download(s, {}, { timeoutMs: 20 }))).toEqual({ kind: "timeout" });
    expect(s.requests).toHaveLength(1);
    expect(s.signals[0]?.aborted).toBe(true);
  });

  it("answers ABORTED when the caller aborts, before or during a request", async () => {
    const controller = new AbortController();
    const pending = download(server(FILE, { mode: "hang" }), { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    expect(errorOf(await pending)).toBe(ABORTED);
    const s = server(FILE);
    expect(errorOf(await download(s, { signal: AbortSignal.abort() }))).toBe(ABORTED);
    expect(s.requests).toHaveLength(0);
  });

  it("maps a network failure to offline", async () => {
    expect(errorOf(await download(server(FILE, { mode: "offline" })))).toMatchObject({ kind: "offline" });
  });

  it("answers noHost without fetch or client URL, and badRequest for an id that is not a GUID", async () => {
    const s = server(FILE);
    expect(errorOf(await downloadArtifactFile({ fetchFn: null, clientUrl: URL_BASE }, ID))).toEqual({ kind: "noHost" });
    expect(errorOf(await downloadArtifactFile({ fetchFn: s.fetchFn, clientUrl: null }, ID))).toEqual({ kind: "noHost" });
    expect(errorOf(await downloadArtifactFile(deps(s.fetchFn), "1) or (1"))).toMatchObject({ kind: "badRequest" });
    expect(s.requests).toHaveLength(0);
  });
});
