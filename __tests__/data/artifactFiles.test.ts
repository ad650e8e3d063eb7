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
    if (mode === "whole") return Promise.resolve(new Response(file.slice(), { status: 200, headers: { ...named, "Content-Length": String(file.length) } }));
    if (mode === "json") {
      const value = Buffer.from(file).toString("base64");
      return Promise.resolve(new Response(JSON.stringify({ value }), { status: 200, headers: { "Content-Type": "application/json" } }));
    }
    const [, from, to] = /^bytes=(\d+)-(\d+)$/.exec(range ?? "")!.map(Number);
    const end = Math.min(to + 1, file.length) - (options.shortAt === from ? 1 : 0);
    const body = file.slice(from, end);
    const size = options.sizeChangesAt === from ? file.length + 1 : file.length;
    const headers: Record<string, string> = options.noSizeHeaders ? {} : { ...named, "x-ms-file-size": String(size), "x-ms-chunk-size": String(body.length) };
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
