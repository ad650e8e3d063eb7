/**
 * Reads a solution zip in the browser: the central directory, then only the entries asked for, inflated one at a time.
 *
 * Why no library: the control's bundle has a budget (64 KB gzipped) and the platform inflates deflate data itself
 * (DecompressionStream("deflate-raw"): Chromium 80+, Node 18+); and the zip container around it is small to parse.
 * Field offsets and flags follow PKWARE's APPNOTE.TXT (6.3.x); the section numbers are cited where they are used.
 * Every failure comes back as a ZipError with a kind the UI maps to text: nothing here throws on bad input.
 * Entry names come from the file and are untrusted text: they are never put into a detail message.
 */
import { crc32 } from "./crc32";
import { inflateRawInto, type ChunkSink } from "./inflate";
import { Utf8Decoder } from "./utf8";

export type { ChunkSink } from "./inflate";

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  localHeaderOffset: number;
  encrypted: boolean;
}
export type ZipErrorKind = "notZip" | "truncated" | "corrupt" | "unsupported" | "encrypted" | "tooLarge" | "bomb" | "aborted";
/** detail: English and technical, for logs and support; the UI shows text for the kind. */
export interface ZipError {
  kind: ZipErrorKind;
  entry?: string;
  detail: string;
}
export type ZipResult<T> = { ok: true; value: T } | { ok: false; error: ZipError };
export interface InflateLimits {
  maxEntryBytes: number;
  maxRatio: number;
  maxTotalBytes?: number;
}

const MiB = 1024 * 1024;
/**
 * 100 MiB per entry: a 50 MB solution's customizations.xml inflates to about ten times its compressed size.
 * Ratio 200: XML compresses about 10 to 30 times, a zip bomb about 1000 times (deflate's ceiling is about 1032:1).
 * 300 MiB in total: solution.xml, customizations.xml and a few files the diff needs, from two zips.
 */
export const DEFAULT_LIMITS: InflateLimits = Object.freeze({ maxEntryBytes: 100 * MiB, maxRatio: 200, maxTotalBytes: 300 * MiB });
/** The ratio applies only beyond this much output: a small, very repetitive file (a blank image, padding) may compress 500:1 and is harmless. */
const RATIO_APPLIES_ABOVE_BYTES = MiB;
/** Stored (not deflated) data is handed on in slices of this size, as inflated data is. */
const STORED_SLICE_BYTES = 256 * 1024;

const STORED = 0;
const DEFLATED = 8;
const FLAG_ENCRYPTED = 0x0001; // 4.4.4 bit 0
const FLAG_UTF8_NAME = 0x0800; // 4.4.4 bit 11, Appendix D
const LOCAL_HEADER = { signature: 0x04034b50, size: 30 }; // 4.3.7
const CENTRAL_HEADER = { signature: 0x02014b50, size: 46 }; // 4.3.12
const END_RECORD = { signature: 0x06054b50, size: 22, maxComment: 0xffff }; // 4.3.16
const ZIP64_END_RECORD = { signature: 0x06064b50, size: 56 }; // 4.3.14
const ZIP64_LOCATOR = { signature: 0x07064b50, size: 20 }; // 4.3.15
const ZIP64_EXTRA_ID = 0x0001; // 4.5.3

const u16 = (bytes: Uint8Array, at: number): number => bytes[at] | (bytes[at + 1] << 8);
const u32 = (bytes: Uint8Array, at: number): number => (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
// Exact up to 2^53, far beyond any file a browser holds; larger values fail the bounds checks.
const u64 = (bytes: Uint8Array, at: number): number => u32(bytes, at) + u32(bytes, at + 4) * 0x100000000;
const ok = <T>(value: T): ZipResult<T> => ({ ok: true, value });
const fail = <T>(kind: ZipErrorKind, detail: string): ZipResult<T> => ({ ok: false, error: { kind, detail } });

/** The end of central directory record (4.3.16), searched from the end: it is followed only by a comment of up to 65535 bytes. */
function findEndRecord(zip: Uint8Array): ZipResult<number> {
  let withTrailingBytes: number | undefined;
  let cutInsideComment = false;
  for (let at = zip.length - END_RECORD.size; at >= 0 && at >= zip.length - END_RECORD.size - END_RECORD.maxComment; at--) {
    if (u32(zip, at) !== END_RECORD.signature) continue;
    const end = at + END_RECORD.size + u16(zip, at + 20);
    if (end === zip.length) return ok(at);
    if (end < zip.length) withTrailingBytes ??= at;
    else cutInsideComment = true;
  }
  if (withTrailingBytes !== undefined) return ok(withTrailingBytes);
  if (cutInsideComment) return fail("truncated", "end record's comment cut short");
  const startsLikeZip = zip.length >= 4 && u32(zip, 0) === LOCAL_HEADER.signature;
  return startsLikeZip ? fail("truncated", "cut short: no end record") : fail("notZip", "no zip end record");
}

function findExtraField(zip: Uint8Array, start: number, end: number, id: number): { start: number; end: number } | undefined {
  // 4.5.1: extra fields are (id u16, size u16, data) blocks one after another.
  for (let at = start; at + 4 <= end; at += 4 + u16(zip, at + 2)) {
    if (u16(zip, at) === id && at + 4 + u16(zip, at + 2) <= end) return { start: at + 4, end: at + 4 + u16(zip, at + 2) };
  }
  return undefined;
}

function decodeName(bytes: Uint8Array, utf8: boolean): string {
  if (utf8) return new TextDecoder().decode(bytes);
  // Without bit 11 the name is CP437 (Appendix D); ASCII is read as is, anything else becomes U+FFFD.
  let name = "";
  for (const byte of bytes) name += byte < 0x80 ? String.fromCharCode(byte) : "\ufffd";
  return name;
}

function readCentralHeader(zip: Uint8Array, at: number, directoryStart: number, directoryEnd: number): ZipResult<{ entry: ZipEntry; next: number }> {
  if (at + CENTRAL_HEADER.size > directoryEnd || u32(zip, at) !== CENTRAL_HEADER.signature) {
    return fail("corrupt", `no central header at ${at}`);
  }
  const flags = u16(zip, at + 8);
  const nameStart = at + CENTRAL_HEADER.size;
  const extraStart = nameStart + u16(zip, at + 28);
  const extraEnd = extraStart + u16(zip, at + 30);
  const next = extraEnd + u16(zip, at + 32);
  if (next > directoryEnd) return fail("corrupt", `central header at ${at} past the directory`);
  const nameBytes = zip.subarray(nameStart, extraStart);
  if (nameBytes.includes(0)) return fail("corrupt", `NUL in the name at ${nameStart}`);
  // 4.5.3: the ZIP64 extra field holds, in this order, only the values whose header field is 0xFFFFFFFF.
  const zip64 = findExtraField(zip, extraStart, extraEnd, ZIP64_EXTRA_ID);
  let cursor = zip64?.start ?? 0;
  const widen = (value: number): number => {
    if (value !== 0xffffffff) return value;
    if (!zip64 || cursor + 8 > zip64.end) return NaN;
    cursor += 8;
    return u64(zip, cursor - 8);
  };
  const uncompressedSize = widen(u32(zip, at + 24));
  const compressedSize = widen(u32(zip, at + 20));
  const localHeaderOffset = widen(u32(zip, at + 42));
  if ([uncompressedSize, compressedSize, localHeaderOffset].some(Number.isNaN)) {
    return fail("corrupt", `central header at ${at}: 0xFFFFFFFF without its ZIP64 value`);
  }
  if (localHeaderOffset + LOCAL_HEADER.size + compressedSize > directoryStart) {
    return fail("corrupt", `entry at ${at}: data (${localHeaderOffset}, ${compressedSize} bytes) over the directory`);
  }
  const method = u16(zip, at + 10);
  const entry = { name: decodeName(nameBytes, (flags & FLAG_UTF8_NAME) !== 0), method, compressedSize, uncompressedSize, crc32: u32(zip, at + 16) };
  return ok({ entry: { ...entry, localHeaderOffset, encrypted: (flags & FLAG_ENCRYPTED) !== 0 }, next });
}

/** Every entry of the central directory (4.3.12), with ZIP64 sizes and offsets (4.3.14, 4.3.15, 4.5.3) where the 32-bit fields are full. */
export function readCentralDirectory(zip: Uint8Array): ZipResult<ZipEntry[]> {
  const found = findEndRecord(zip);
  if (!found.ok) return found;
  const end = found.value;
  let count = u16(zip, end + 10);
  let size = u32(zip, end + 12);
  let start = u32(zip, end + 16);
  let directoryLimit = end;
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) {
    const locator = end - ZIP64_LOCATOR.size;
    if (locator < 0 || u32(zip, locator) !== ZIP64_LOCATOR.signature) return fail("corrupt", "ZIP64 markers without a ZIP64 locator");
    const record = u64(zip, locator + 8);
    if (record + ZIP64_END_RECORD.size > locator || u32(zip, record) !== ZIP64_END_RECORD.signature) {
      return fail("corrupt", `no ZIP64 end record at ${record}`);
    }
    [count, size, start, directoryLimit] = [u64(zip, record + 32), u64(zip, record + 40), u64(zip, record + 48), record];
  } else if (u16(zip, end + 4) !== 0 || u16(zip, end + 6) !== 0 || u16(zip, end + 8) !== count) {
    return fail("unsupported", "spans several disks");
  }
  if (start + size > directoryLimit) return fail("corrupt", `directory (${start}, ${size} bytes) past its end record at ${directoryLimit}`);
  if (count * CENTRAL_HEADER.size > size) return fail("corrupt", `${count} entries do not fit in ${size} bytes of directory`);
  const entries: ZipEntry[] = [];
  for (let at = start; entries.length < count;) {
    const read = readCentralHeader(zip, at, start, start + size);
    if (!read.ok) return read;
    entries.push(read.value.entry);
    at = read.value.next;
  }
  return ok(entries);
}

const normalizeName = (name: string): string =>
  name
    .replace(/\\/g, "/")
    .replace(/^(\.?\/)+/, "")
    .toLowerCase();

/** The entry with this name: case-insensitive, "/" and "\" alike, a leading "./" or "/" ignored. */
export function findEntry(entries: readonly ZipEntry[], name: string): ZipEntry | undefined {
  const wanted = normalizeName(name);
  return entries.find((entry) => normalizeName(entry.name) === wanted);
}

function locateData(zip: Uint8Array, entry: ZipEntry): ZipResult<Uint8Array> {
  const at = entry.localHeaderOffset;
  if (at + LOCAL_HEADER.size > zip.length) return fail("truncated", `local header at ${at} past the end`);
  if (u32(zip, at) !== LOCAL_HEADER.signature) return fail("corrupt", `no local header at ${at}`);
  // 4.3.7: the data follows the local name and extra field, whose lengths may differ from the central header's.
  const start = at + LOCAL_HEADER.size + u16(zip, at + 26) + u16(zip, at + 28);
  if (start + entry.compressedSize > zip.length) return fail("truncated", `data (${start}, ${entry.compressedSize} bytes) past the end`);
  return ok(zip.subarray(start, start + entry.compressedSize));
}

/** An entry's bytes handed to sink as they inflate (stored data in slices), checked against the limits and its CRC-32. */
async function inflateUnnamed(zip: Uint8Array, entry: ZipEntry, limits: InflateLimits, sink: ChunkSink, signal?: AbortSignal): Promise<ZipResult<number>> {
  if (signal?.aborted) return fail("aborted", "aborted before inflating");
  if (entry.encrypted) return fail("encrypted", "encrypted (flag bit 0)");
  if (entry.method !== STORED && entry.method !== DEFLATED) return fail("unsupported", `compression method ${entry.method}`);
  if (entry.uncompressedSize > limits.maxEntryBytes) return fail("tooLarge", `declares ${entry.uncompressedSize} bytes, over ${limits.maxEntryBytes}`);
  const maxOutput = Math.min(limits.maxEntryBytes, Math.max(RATIO_APPLIES_ABOVE_BYTES, entry.compressedSize * limits.maxRatio));
  if (entry.uncompressedSize > maxOutput)
    return fail("bomb", `declares ${entry.uncompressedSize} bytes from ${entry.compressedSize}, over the ratio ${limits.maxRatio}`);
  const data = locateData(zip, entry);
  if (!data.ok) return data;
  // The CRC-32 piece by piece as the bytes come (at once, a 20 MB entry's CRC was a task of 50-100 ms).
  let actual = 0;
  const checked: ChunkSink = (bytes) => {
    actual = crc32(bytes, actual);
    return sink(bytes);
  };
  let size: ZipResult<number>;
  if (entry.method === STORED) {
    size = ok(data.value.length);
    for (let at = 0; at < data.value.length; at += STORED_SLICE_BYTES) {
      if ((await checked(data.value.subarray(at, at + STORED_SLICE_BYTES))) === false) return fail("aborted", `stopped by its reader at ${at}`);
    }
  } else {
    // Sizes come from the central directory: with a data descriptor (4.3.9, flag bit 3) the local header's are 0.
    size = await inflateRawInto(data.value, maxOutput, entry.uncompressedSize, checked, signal);
  }
  if (!size.ok) return size;
  if (size.value !== entry.uncompressedSize) return fail("corrupt", `${size.value} bytes, declared ${entry.uncompressedSize}`);
  if (actual !== entry.crc32) return fail("corrupt", `CRC-32 ${actual.toString(16)}, declared ${entry.crc32.toString(16)}`);
  return size;
}

/**
 * One entry handed to sink a piece at a time as it inflates, so a reader can work on it meanwhile; its size when it was
 * whole and sound. A failure (limits, corruption, a CRC-32 that does not match) can come after pieces were handed on:
 * what the reader made of them is then to be dropped.
 */
export async function inflateChunks(
  zip: Uint8Array,
  entry: ZipEntry,
  sink: ChunkSink,
  limits?: InflateLimits,
  signal?: AbortSignal,
): Promise<ZipResult<number>> {
  const result = await inflateUnnamed(zip, entry, limits ?? DEFAULT_LIMITS, sink, signal);
  return result.ok ? result : { ok: false, error: { ...result.error, entry: entry.name } };
}

/** One entry's bytes, checked against the limits while it inflates and against its CRC-32. */
export async function inflateEntry(zip: Uint8Array, entry: ZipEntry, limits = DEFAULT_LIMITS, signal?: AbortSignal): Promise<ZipResult<Uint8Array>> {
  const chunks: Uint8Array[] = [];
  const size = await inflateChunks(zip, entry, (bytes) => void chunks.push(bytes), limits, signal);
  if (!size.ok) return size;
  if (chunks.length === 1) return ok(chunks[0]);
  const output = new Uint8Array(size.value);
  chunks.reduce((at, chunk) => (output.set(chunk, at), at + chunk.length), 0);
  return ok(output);
}

/** Several entries, refused up front when their declared sizes together exceed maxTotalBytes (each is then held to its declared size). */
export async function inflateEntries(
  zip: Uint8Array,
  entries: readonly ZipEntry[],
  limits = DEFAULT_LIMITS,
  signal?: AbortSignal,
): Promise<ZipResult<Uint8Array[]>> {
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > (limits.maxTotalBytes ?? Infinity)) return fail("tooLarge", `entries declare ${declared} bytes, over ${limits.maxTotalBytes}`);
  const outputs: Uint8Array[] = [];
  for (const entry of entries) {
    const output = await inflateEntry(zip, entry, limits, signal);
    if (!output.ok) return output;
    outputs.push(output.value);
  }
  return ok(outputs);
}

/** One entry as UTF-8 text, a byte order mark stripped; invalid bytes become U+FFFD. Decoded piece by piece as it inflates. */
export async function inflateText(zip: Uint8Array, entry: ZipEntry, limits?: InflateLimits, signal?: AbortSignal): Promise<ZipResult<string>> {
  const decoder = new Utf8Decoder();
  const parts: string[] = [];
  const size = await inflateChunks(zip, entry, (bytes) => void parts.push(decoder.decode(bytes, { stream: true })), limits, signal);
  if (!size.ok) return size;
  parts.push(decoder.decode());
  return ok(parts.join(""));
}
