/** @jest-environment node */
// The inflater against zlib's: every level and strategy, stored, fixed and dynamic blocks, over texts, noise and runs; cut
// and damaged input ends in a failure, never a wrong result or a hang.
import { describe, expect, it } from "@jest/globals";
import { constants, deflateRawSync, inflateRawSync } from "node:zlib";
import { inflateRawInto } from "../../ApprovalPanel/artifact/inflate";

const MiB = 1024 * 1024;

/** A fixed pseudo-random sequence (xorshift), so every run builds the same data. */
function noise(length: number, seed = 0x2545f491, alphabet = 256): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0, state = seed; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = (state >>> 0) % alphabet;
  }
  return bytes;
}
const xmlText = (n: number): Uint8Array =>
  new TextEncoder().encode(
    Array.from({ length: n }, (_, i) => `<attribute PhysicalName="cr_c${(i * 7919) % 10007}"><MaxLength>${i % 400}</MaxLength></attribute>\n`).join(""),
  );

async function inflate(compressed: Uint8Array, max = 100 * MiB): Promise<{ ok: boolean; kind?: string; bytes: Buffer; pieces: number }> {
  const parts: Buffer[] = [];
  const result = await inflateRawInto(compressed, max, max, (bytes) => void parts.push(Buffer.from(bytes)));
  return { ok: result.ok, kind: result.ok ? undefined : result.error.kind, bytes: Buffer.concat(parts), pieces: parts.length };
}

const DATA: [string, Uint8Array][] = [
  ["empty", new Uint8Array(0)],
  ["one byte", new Uint8Array([65])],
  ["an export's XML, 1 MB", xmlText(14_000)],
  ["noise, 300 KB", noise(300_000)],
  ["four letters, 200 KB", noise(200_000, 7, 4)],
  ["zeros, 2 MB (long matches)", new Uint8Array(2 * MiB)],
];
const OPTIONS: [string, object][] = [
  ["level 0 (stored)", { level: 0 }],
  ["level 1", { level: 1 }],
  ["level 6", { level: 6 }],
  ["level 9", { level: 9 }],
  ["fixed codes", { strategy: constants.Z_FIXED }],
  ["Huffman only", { strategy: constants.Z_HUFFMAN_ONLY }],
  ["run-length", { strategy: constants.Z_RLE }],
];

describe("inflateRawInto against zlib", () => {
  it.each(DATA.flatMap(([data, bytes]) => OPTIONS.map(([option, o]): [string, string, Uint8Array, object] => [data, option, bytes, o])))(
    "%s, %s: the same bytes",
    async (_data, _option, bytes, options) => {
      const result = await inflate(deflateRawSync(bytes, options));
      expect(result.ok).toBe(true);
      expect(result.bytes.equals(Buffer.from(bytes))).toBe(true);
    },
  );

  it("hands large output on in pieces of at most 96 KiB, not whole", async () => {
    const bytes = xmlText(30_000);
    const result = await inflate(deflateRawSync(bytes));
    expect(result.pieces).toBeGreaterThan(bytes.length / (96 * 1024));
    expect(result.bytes.equals(Buffer.from(bytes))).toBe(true);
  });

  it("input cut short anywhere is a failure, never a shorter file", async () => {
    const compressed = deflateRawSync(xmlText(3_000));
    for (let length = 0; length < compressed.length; length += 97) {
      const result = await inflate(compressed.subarray(0, length));
      expect(result.ok).toBe(false);
      expect(result.kind).toBe("corrupt");
    }
  });

  it("damaged input: where zlib inflates it, the same bytes; never a throw or a hang (the zip's CRC-32 refuses the rest)", async () => {
    const compressed = deflateRawSync(xmlText(2_000));
    let zlibRead = 0;
    for (let i = 0; i < 300; i++) {
      const damaged = Buffer.from(compressed);
      damaged[(i * 7919) % damaged.length] ^= 1 << (i % 8);
      const result = await inflate(damaged, 4 * MiB);
      let expected: Buffer | null = null;
      try {
        expected = inflateRawSync(damaged);
      } catch {
        expected = null;
      }
      if (expected !== null) {
        zlibRead++;
        expect(result.ok).toBe(true);
        expect(result.bytes.equals(expected)).toBe(true);
      } else if (result.ok) expect(result.bytes.length).toBeLessThanOrEqual(4 * MiB);
    }
    expect(zlibRead).toBeGreaterThan(50);
  });

  it("a reserved block type, a stored block whose length does not match its complement: failures", async () => {
    expect((await inflate(new Uint8Array([0b111]))).kind).toBe("corrupt");
    expect((await inflate(new Uint8Array([1, 5, 0, 0, 0, 1, 2, 3, 4, 5]))).kind).toBe("corrupt");
    expect((await inflate(new Uint8Array([1, 5, 0, 0xfa, 0xff, 1, 2, 3, 4, 5]))).bytes).toEqual(Buffer.from([1, 2, 3, 4, 5]));
  });
});
