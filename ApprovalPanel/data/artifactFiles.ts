/**
 * A deployment artifact's solution file, read from its file column with the user's own session. context.webAPI returns a
 * file column as a file id, not bytes, so the bytes come through fetch on the organisation URL like the host check's requests.
 * Protocol: Learn "Use file column data", Download Files: GET .../{column}/$value with `Range: bytes=a-b`; each 206 answer
 * carries x-ms-file-size (total), x-ms-file-name and x-ms-chunk-size, "a recommended chunk size" (advice for the next
 * request, not the length of this answer: see advisedChunk). A host that does not chunk ignores Range and answers 200 with
 * the whole file; a host whose files are stored in the database refuses a Range with 0x80090017 and is asked once more,
 * without Range. One community script reads a JSON body {"value": "<base64>"} instead, so that is decoded too.
 * Every failure comes back as a typed result; nothing here throws.
 */
import type { DataError, Guid, Result } from "../domain/types";
import { factsFromResponse, type ErrorFacts } from "./errors";
import { queryGuid } from "./odata";
import { DEFAULT_TIMEOUT_MS, read } from "./request";

const MiB = 1024 * 1024;
/** Learn's example asks 4 MB at a time. */
export const DEFAULT_CHUNK_BYTES = 4 * MiB;
export const DEFAULT_MAX_ARTIFACT_BYTES = 100 * MiB;
/** The range the host's chunk-size advice is held to (advisedChunk). */
export const MIN_ADVISED_CHUNK_BYTES = 1 * MiB;
export const MAX_ADVISED_CHUNK_BYTES = 16 * MiB;

export type ArtifactColumn = "artifactfile" | "artifactfileunmanaged";

export interface ArtifactFile {
  bytes: Uint8Array;
  fileName: string | null;
  size: number;
}

export interface ArtifactFileDeps {
  fetchFn: typeof fetch | null;
  clientUrl: string | null;
  /** Per request (each chunk); default 30 s. */
  timeoutMs?: number;
  /** Bytes per Range request, kept for every request. Without it: 4 MB, then the host's advice (advisedChunk). */
  chunkBytes?: number;
}

export interface DownloadOptions {
  /** Default "artifactfile" (the managed solution). */
  column?: ArtifactColumn;
  /** Larger files are refused before the rest is downloaded. */
  maxBytes?: number;
  onProgress?(received: number, total: number | null): void;
  signal?: AbortSignal;
}

/** What went wrong beyond the HTTP answer: the file is over maxBytes, or the host's chunks do not add up to the file. */
export type ArtifactProblem = "tooLarge" | "badChunk";
export interface ArtifactError extends DataError {
  problem: ArtifactProblem;
  /** tooLarge: the size the host declared or sent. */
  size?: number;
}

export function artifactProblemOf(error: DataError): ArtifactProblem | null {
  return (error as Partial<ArtifactError>).problem ?? null;
}

const problem = <T>(kind: ArtifactProblem, serverMessage: string, size?: number): Result<T> => ({
  ok: false,
  error: { kind: kind === "tooLarge" ? "unknown" : "server", problem: kind, serverMessage, ...(size !== undefined ? { size } : {}) } as ArtifactError,
});

type Answer =
  | {
      kind: "bytes";
      status: number;
      headers: Headers;
      /** null: the body was over the cap and was not read to its end. */
      bytes: Uint8Array | null;
    }
  /** The host refused the Range: it cannot download this file in chunks (refusesChunks). */
  | { kind: "refused" };

const concat = (parts: Uint8Array[], length: number): Uint8Array => {
  const out = new Uint8Array(length);
  parts.reduce((at, part) => (out.set(part, at), at + part.length), 0);
  return out;
};

/** The body, read no further than `cap` bytes; a JSON {"value": base64} body decoded. `first`: the file's first bytes, which may be sniffed. */
async function bodyOf(response: Response, cap: number, first: boolean): Promise<Uint8Array | null> {
  let bytes: Uint8Array;
  const length = response.headers.get("Content-Length")?.trim();
  if (length && /^\d+$/.test(length) && Number(length) <= cap) {
    // A body whose length is declared within the cap is read by the browser in one go: read in JavaScript, a piece at a
    // time, a 2 MB answer was a task of 70 to 110 ms at What changes' start, most of it the stream's own work.
    bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > cap) return null;
  } else if (response.body) {
    const reader = response.body.getReader();
    const parts: Uint8Array[] = [];
    let length = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.length;
      if (length > cap) {
        await reader.cancel().catch(() => undefined);
        return null;
      }
      parts.push(value);
    }
    bytes = concat(parts, length);
  } else bytes = new Uint8Array(await response.arrayBuffer());
  // A zip starts with "PK"; a file whose first byte is "{" is the JSON form (a later chunk may start with any byte).
  if (!(response.headers.get("Content-Type") ?? "").includes("json") && !(first && bytes[0] === 0x7b)) return bytes;
  const value = (JSON.parse(new TextDecoder().decode(bytes)) as { value?: unknown } | null)?.value;
  if (typeof value !== "string") throw new Error("The file's JSON answer has no base64 value.");
  const binary = atob(value);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

const numberHeader = (headers: Headers, name: string): number | null => {
  const value = headers.get(name)?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : null;
};
/** The whole file's size: x-ms-file-size, else the total of a standard Content-Range. */
const totalOf = (headers: Headers): number | null => {
  const range = /\/(\d+)\s*$/.exec(headers.get("Content-Range") ?? "");
  return numberHeader(headers, "x-ms-file-size") ?? (range ? Number(range[1]) : null);
};

/**
 * The size to ask for next, from x-ms-chunk-size. Learn ("Use file column data", "Download the file in chunks using Web
 * API") documents the header as "a recommended chunk size in bytes"; its example answers `Range: bytes=0-4194303` with
 * `x-ms-chunk-size: 4194304`, the size asked. It is advice, not the length of this answer: a host that sends 4194304 with
 * the whole of a 669,373-byte file keeps to it. The chunk's length is the body's (checked against the range asked and
 * Content-Range); the header only sizes the next request, held to 1-16 MB: less would take hundreds of requests for a
 * large file, each counted against the service protection limits; more would put that much in one request under one
 * request's timeout.
 */
const advisedChunk = (headers: Headers): number | null => {
  const advised = numberHeader(headers, "x-ms-chunk-size");
  return advised === null || advised === 0 ? null : Math.min(MAX_ADVISED_CHUNK_BYTES, Math.max(MIN_ADVISED_CHUNK_BYTES, advised));
};

/**
 * A Range refused because the host cannot chunk this file. Learn ("Use file column data", Download Files): files not in
 * file storage (on-premises, self-managed key) cannot be downloaded in multiple chunks; asking gives
 * UploadingAndDownloadingInMultipleChunksNotSupported, 0x80090017, "Downloading in multiple chunks is not supported for
 * the files stored in the database." Learn gives no HTTP status for it, so the code or the message decides.
 */
const refusesChunks = (facts: ErrorFacts): boolean =>
  facts.code === "0x80090017" || /downloading in multiple chunks is not supported/i.test(facts.message ?? "");

export async function downloadArtifactFile(deps: ArtifactFileDeps, artifactId: Guid, options: DownloadOptions = {}): Promise<Result<ArtifactFile>> {
  const { fetchFn, clientUrl } = deps;
  const id = queryGuid(artifactId);
  if (!fetchFn || !clientUrl) return { ok: false, error: { kind: "noHost" } };
  if (id === null) return { ok: false, error: { kind: "badRequest", serverMessage: "No artifact id." } };
  const { signal, onProgress } = options;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_ARTIFACT_BYTES;
  const url = `${clientUrl.replace(/\/+$/, "")}/api/data/v9.2/deploymentartifacts(${id})/${options.column ?? "artifactfile"}/$value`;

  /** One request: bytes from-to of the file, or (range null) the whole file. */
  const get = async (range: { from: number; to: number } | null, requestSignal: AbortSignal): Promise<Answer> => {
    let response: Response;
    try {
      const headers: Record<string, string> = range ? { Range: `bytes=${range.from}-${range.to}` } : {};
      response = await fetchFn(url, { method: "GET", credentials: "same-origin", headers, signal: requestSignal });
    } catch (e) {
      // fetch rejects with a TypeError when the network fails; browsers and Node word it differently.
      throw e instanceof TypeError ? { message: `offline: ${e.message}` } : e;
    }
    // 403: the user lacks read on Deployment Artifact. 404: the artifact was removed (admins may bulk-delete pipeline data) or has no file.
    // A 429 is thrown as facts, so read() retries it like any other read.
    if (response.status !== 200 && response.status !== 206) {
      const facts = await factsFromResponse(response);
      // Only a Range can be refused this way; the same answer to the whole-file request is an error like any other.
      if (range !== null && refusesChunks(facts)) return { kind: "refused" };
      throw facts;
    }
    // A JSON body's Content-Length is that of its base64 text, not the file's.
    const json = (response.headers.get("Content-Type") ?? "").includes("json");
    const whole = range === null || response.status === 200;
    const declared = whole ? (totalOf(response.headers) ?? (json ? null : numberHeader(response.headers, "Content-Length"))) : null;
    if (declared !== null && declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: "bytes", status: response.status, headers: response.headers, bytes: null };
    }
    // base64 is 4/3 of the bytes; the exact length is checked after decoding.
    const cap = Math.ceil(((whole ? maxBytes : Math.min(range.to + 1 - range.from, maxBytes)) * 4) / 3) + 1024;
    return { kind: "bytes", status: response.status, headers: response.headers, bytes: await bodyOf(response, cap, (range?.from ?? 0) === 0) };
  };

  const parts: Uint8Array[] = [];
  let received = 0;
  let total: number | null = null;
  let fileName: string | null = null;
  // A caller's chunk size is kept; without one, Learn's 4 MB first, then what the host advises.
  let chunk = deps.chunkBytes !== undefined ? Math.max(1, deps.chunkBytes) : DEFAULT_CHUNK_BYTES;
  // Set when the host refused a Range: the next request, the last, asks for the whole file.
  let wholeFile = false;
  for (;;) {
    const range = wholeFile ? null : { from: received, to: (total === null ? received + chunk : Math.min(received + chunk, total)) - 1 };
    // One controller per chunk: a timed-out or abandoned request is cancelled instead of running on in the background.
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    signal?.addEventListener("abort", stop);
    const r = await read(() => get(range, controller.signal), timeoutMs, signal);
    signal?.removeEventListener("abort", stop);
    controller.abort();
    if (!r.ok) return r;
    if (r.value.kind === "refused") {
      // One fallback: the whole-file request is never refused this way (get), so this runs at most once.
      wholeFile = true;
      continue;
    }
    const { status, headers, bytes } = r.value;
    fileName = headers.get("x-ms-file-name") ?? fileName;
    const size = totalOf(headers);
    if (status === 200 || range === null) {
      // The whole file, whatever was asked: a host that does not chunk, or the request after a refused Range.
      if (bytes === null || bytes.length > maxBytes) return problem("tooLarge", `The file is over ${maxBytes} bytes.`, size ?? bytes?.length);
      if (size !== null && size !== bytes.length) return problem("badChunk", `${bytes.length} bytes, the host says ${size}.`);
      if (total !== null && total !== bytes.length) return problem("badChunk", `The file's size changed from ${total} to ${bytes.length} bytes.`);
      onProgress?.(bytes.length, bytes.length);
      return { ok: true, value: { bytes, fileName, size: bytes.length } };
    }
    if (size === null) return problem("badChunk", "A partial answer without the file's size.");
    if (size > maxBytes) return problem("tooLarge", `The file is ${size} bytes, over ${maxBytes}.`, size);
    if (total !== null && size !== total) return problem("badChunk", `The file's size changed from ${total} to ${size} bytes.`);
    total = size;
    // The chunk is what the body holds: all of the range asked, up to the end of the file, where Content-Range (if any) says.
    const expected = Math.min(range.to + 1, total) - received;
    const sent = /^\s*bytes\s+(\d+)-(\d+)/.exec(headers.get("Content-Range") ?? "");
    const misplaced = bytes !== null && sent !== null && (Number(sent[1]) !== received || Number(sent[2]) !== received + bytes.length - 1);
    if (bytes === null || bytes.length !== expected || misplaced) {
      return problem("badChunk", `A chunk of ${bytes?.length ?? "more than " + (range.to + 1 - range.from)} bytes at ${received}, ${expected} expected.`);
    }
    parts.push(bytes);
    received += bytes.length;
    onProgress?.(received, total);
    if (received >= total) return { ok: true, value: { bytes: concat(parts, received), fileName, size: total } };
    if (deps.chunkBytes === undefined) chunk = advisedChunk(headers) ?? chunk;
  }
}
