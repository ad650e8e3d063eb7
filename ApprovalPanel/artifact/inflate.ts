/**
 * Raw deflate (RFC 1951) inflated in JavaScript into one buffer that is reused, handed on a piece at a time as it comes, so
 * a reader can decode and parse an entry while it inflates instead of after.
 *
 * Why not the browser's DecompressionStream("deflate-raw"): it hands every 64 KB of output over in a new ArrayBuffer. At
 * 50 MB that is some 800 buffers per file, and a Chromium trace of What changes showed the collector freeing them in
 * single tasks of 115 to 190 ms, over the 100 ms budget; a forced collection after inflating 50 MB took 170 to 260 ms
 * against 10 to 20 ms here, where the output is always the same buffer. The bytes handed to the sink are a view into it,
 * valid until the sink returns (or its promise settles): a sink that keeps them must copy them.
 */
import type { ZipResult } from "./zip";

/** Receives an entry's bytes as they inflate; false stops the inflating (the result is then "aborted"). */
export type ChunkSink = (bytes: Uint8Array) => boolean | void | Promise<boolean | void>;

/** Back-references reach at most 32 KB back (RFC 1951, 2). */
const WINDOW = 32768;
/** Bytes handed on at a time: the limits and the signal are checked between them, so a bomb makes at most this much more. */
const PIECE = 65536;
/** The longest match (RFC 1951, 3.2.5): room kept free before each symbol. */
const MAX_MATCH = 258;

// RFC 1951, 3.2.5: the lengths' and distances' extra bits and bases, and (3.2.7) the order of the code length codes.
const LENGTH_EXTRA = new Uint8Array(29);
const LENGTH_BASE = new Uint16Array(29);
const DISTANCE_EXTRA = new Uint8Array(30);
const DISTANCE_BASE = new Uint16Array(30);
for (let i = 0, length = 3, distance = 1; i < 30; i++) {
  DISTANCE_EXTRA[i] = i < 4 ? 0 : (i - 2) >> 1;
  DISTANCE_BASE[i] = distance;
  distance += 1 << DISTANCE_EXTRA[i];
  if (i < 28) {
    LENGTH_EXTRA[i] = i < 8 ? 0 : (i - 4) >> 2;
    LENGTH_BASE[i] = length;
    length += 1 << LENGTH_EXTRA[i];
  }
}
LENGTH_BASE[28] = 258;
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** A Huffman code as a table indexed by the next `bits` input bits: each entry is symbol << 4 | code length (0: no code). */
interface Code {
  table: Int32Array;
  bits: number;
}

/** The canonical code of `lengths` (RFC 1951, 3.2.2) written into `table`; its width is the longest code. */
function buildCode(lengths: Uint8Array, table: Int32Array): Code {
  const count = new Uint16Array(16);
  let bits = 0;
  for (const length of lengths) {
    count[length]++;
    if (length > bits) bits = length;
  }
  count[0] = 0;
  const next = new Uint16Array(16);
  for (let length = 1, code = 0; length < 16; length++) next[length] = code = (code + count[length - 1]) << 1;
  const size = 1 << bits;
  table.fill(0, 0, size);
  for (let symbol = 0; symbol < lengths.length; symbol++) {
    const length = lengths[symbol];
    if (length === 0) continue;
    // Codes are packed from their most significant bit, the input is read from the least: the table is indexed reversed.
    let code = next[length]++;
    let reversed = 0;
    for (let b = 0; b < length; b++, code >>= 1) reversed = (reversed << 1) | (code & 1);
    for (let at = reversed; at < size; at += 1 << length) table[at] = (symbol << 4) | length;
  }
  return { table, bits };
}

let fixedCodes: [Code, Code] | null = null;
/** The fixed codes of block type 1 (RFC 1951, 3.2.6), built once. */
function fixed(): [Code, Code] {
  if (fixedCodes === null) {
    const lengths = new Uint8Array(288);
    lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
    fixedCodes = [buildCode(lengths, new Int32Array(512)), buildCode(new Uint8Array(30).fill(5), new Int32Array(32))];
  }
  return fixedCodes;
}

const fail = <T>(kind: "bomb" | "corrupt" | "aborted", detail: string): ZipResult<T> => ({ ok: false, error: { kind, detail } });
class Corrupt extends Error {}

/** Inflates into sink, stopping at maxOutput (a bomb) or past declaredSize (corrupt); the number of bytes inflated. */
export async function inflateRawInto(
  compressed: Uint8Array,
  maxOutput: number,
  declaredSize: number,
  sink: ChunkSink,
  signal?: AbortSignal,
): Promise<ZipResult<number>> {
  const out = new Uint8Array(WINDOW + PIECE + MAX_MATCH);
  let written = 0; // in out
  let handed = 0; // of out, already given to the sink
  let produced = 0; // bytes handed on in all
  let at = 0; // in compressed
  let bitBuffer = 0;
  let bitCount = 0;
  const literals = new Int32Array(1 << 15);
  const distances = new Int32Array(1 << 15);
  const codeLengths = new Int32Array(1 << 7);
  const lengths = new Uint8Array(320);

  /** The next n bits (n ≤ 16); past the end of the input they read as 0, which `at` > length then tells. */
  const peek = (n: number): number => {
    while (bitCount < n) {
      bitBuffer |= (at < compressed.length ? compressed[at] : 0) << bitCount;
      at++;
      bitCount += 8;
    }
    return bitBuffer & ((1 << n) - 1);
  };
  const take = (n: number): number => {
    const value = peek(n);
    bitBuffer >>>= n;
    bitCount -= n;
    return value;
  };
  const decode = (code: Code): number => {
    const entry = code.table[peek(code.bits)];
    if (entry === 0) throw new Corrupt("a code that is not in the block's table");
    take(entry & 15);
    return entry >> 4;
  };

  /** Hands on what was written since the last time, and keeps the last 32 KB for back-references. */
  const handOn = async (): Promise<ZipResult<number> | null> => {
    if (at - (bitCount >> 3) > compressed.length) return fail("corrupt", "the deflate data is cut short");
    produced += written - handed;
    if (signal?.aborted) return fail("aborted", `aborted after ${produced} bytes`);
    if (produced > maxOutput) return fail("bomb", `stopped at ${produced} bytes, over the ${maxOutput} it may inflate to`);
    if (produced > declaredSize) return fail("corrupt", `inflates past its declared ${declaredSize} bytes`);
    if (written > handed && (await sink(out.subarray(handed, written))) === false) return fail("aborted", `stopped by its reader after ${produced} bytes`);
    if (written > WINDOW) {
      out.copyWithin(0, written - WINDOW, written);
      written = WINDOW;
    }
    handed = written;
    return null;
  };

  try {
    for (let last = 0; !last;) {
      last = take(1);
      const type = take(2);
      if (type === 0) {
        // Stored (3.2.4): to the byte boundary, then LEN and its complement.
        take(bitCount & 7);
        at -= bitCount >> 3;
        bitBuffer = bitCount = 0;
        if (at + 4 > compressed.length) throw new Corrupt("a stored block cut short");
        const length = compressed[at] | (compressed[at + 1] << 8);
        if ((length ^ 0xffff) !== (compressed[at + 2] | (compressed[at + 3] << 8))) throw new Corrupt("a stored block's length does not match its complement");
        at += 4;
        if (at + length > compressed.length) throw new Corrupt("a stored block cut short");
        for (let left = length; left > 0;) {
          if (written >= WINDOW + PIECE) {
            const stop = await handOn();
            if (stop) return stop;
          }
          const n = Math.min(left, WINDOW + PIECE - written);
          out.set(compressed.subarray(at, at + n), written);
          written += n;
          at += n;
          left -= n;
        }
        continue;
      }
      let literal: Code;
      let distance: Code;
      if (type === 1) [literal, distance] = fixed();
      else if (type === 2) {
        // Dynamic (3.2.7): the code lengths, themselves coded.
        const literalCount = take(5) + 257;
        const distanceCount = take(5) + 1;
        const codeLengthCount = take(4) + 4;
        const codeLengthLengths = new Uint8Array(19);
        for (let i = 0; i < codeLengthCount; i++) codeLengthLengths[CODE_LENGTH_ORDER[i]] = take(3);
        const lengthCode = buildCode(codeLengthLengths, codeLengths);
        const total = literalCount + distanceCount;
        for (let i = 0; i < total;) {
          const symbol = decode(lengthCode);
          if (symbol < 16) lengths[i++] = symbol;
          else {
            if (symbol === 16 && i === 0) throw new Corrupt("a repeat with nothing before it");
            const value = symbol === 16 ? lengths[i - 1] : 0;
            const repeat = symbol === 16 ? 3 + take(2) : symbol === 17 ? 3 + take(3) : 11 + take(7);
            if (i + repeat > total) throw new Corrupt("code lengths past their count");
            lengths.fill(value, i, i + repeat);
            i += repeat;
          }
        }
        literal = buildCode(lengths.subarray(0, literalCount), literals);
        distance = buildCode(lengths.subarray(literalCount, total), distances);
      } else throw new Corrupt("a block of the reserved type 3");

      for (;;) {
        if (written >= WINDOW + PIECE) {
          const stop = await handOn();
          if (stop) return stop;
        }
        const symbol = decode(literal);
        if (symbol < 256) out[written++] = symbol;
        else if (symbol === 256) break;
        else {
          const l = symbol - 257;
          if (l > 28) throw new Corrupt("a length code over 285");
          const length = LENGTH_BASE[l] + take(LENGTH_EXTRA[l]);
          const d = decode(distance);
          if (d > 29) throw new Corrupt("a distance code over 29");
          const back = DISTANCE_BASE[d] + take(DISTANCE_EXTRA[d]);
          // Before the first 32 KB are handed on, `written` is all there is; after, out always holds the last 32 KB.
          if (back > written) throw new Corrupt("a distance back before the start of the data");
          for (let from = written - back, end = written + length; written < end;) out[written++] = out[from++];
        }
      }
    }
  } catch (error) {
    if (error instanceof Corrupt) return fail("corrupt", `the deflate data is invalid: ${error.message}`);
    throw error;
  }
  const stop = await handOn();
  return stop ?? { ok: true, value: produced };
}
