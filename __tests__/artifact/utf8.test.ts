/** @jest-environment node */
// The JavaScript UTF-8 decoder against the platform's (Node's TextDecoder follows the Encoding Standard): the same text for
// valid and invalid bytes, whole or cut anywhere into pieces.
import { describe, expect, it } from "@jest/globals";
import { Utf8Decoder } from "../../ApprovalPanel/artifact/utf8";

/** A fixed pseudo-random sequence (xorshift), so every run builds the same bytes. */
function bytesOf(length: number, seed: number, pick: (r: number) => number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0, state = seed; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = pick(state >>> 0);
  }
  return out;
}
const text = "<a b='ÉIJ'>Ωμέγα, 日本語, العربية, 😀 𝄞 and \u{10FFFF}</a>\n".repeat(300);
const SAMPLES: [string, Uint8Array][] = [
  ["text in many scripts, with astral characters", new TextEncoder().encode(text)],
  ["a byte order mark, then text", new TextEncoder().encode("\uFEFF<x/>")],
  ["two byte order marks: the second is text", new TextEncoder().encode("\uFEFF\uFEFFa")],
  ["random bytes", bytesOf(20_000, 0x2545f491, (r) => r & 0xff)],
  [
    "bytes near the sequences' edges",
    bytesOf(20_000, 99, (r) => [0x41, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0, 0x8f, 0x90][r % 17]),
  ],
  ["surrogates encoded (invalid in UTF-8)", new Uint8Array([0xed, 0xa0, 0x80, 0x41, 0xed, 0xbf, 0xbf])],
  ["overlong and out of range", new Uint8Array([0xc0, 0xaf, 0xe0, 0x80, 0xaf, 0xf4, 0x90, 0x80, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80])],
  ["a sequence cut at the end", new Uint8Array([0x41, 0xf0, 0x9f, 0x98])],
];

describe("Utf8Decoder", () => {
  it.each(SAMPLES)("%s: as TextDecoder, whole", (_label, bytes) => {
    expect(new Utf8Decoder().decode(bytes)).toBe(new TextDecoder().decode(bytes));
  });

  it.each(SAMPLES)("%s: as TextDecoder, in pieces cut anywhere", (_label, bytes) => {
    for (const size of [1, 2, 3, 5, 7, 64, 1000]) {
      const ours = new Utf8Decoder();
      const theirs = new TextDecoder();
      let a = "";
      let b = "";
      for (let at = 0; at < bytes.length; at += size) {
        a += ours.decode(bytes.subarray(at, at + size), { stream: true });
        b += theirs.decode(bytes.subarray(at, at + size), { stream: true });
      }
      expect(a + ours.decode()).toBe(b + theirs.decode());
    }
  });

  it("can be used again after a stream ends: a byte order mark at the new start is dropped again", () => {
    const decoder = new Utf8Decoder();
    const bom = new TextEncoder().encode("\uFEFFa");
    expect(decoder.decode(bom)).toBe("a");
    expect(decoder.decode(bom)).toBe("a");
  });

  it("drops a byte order mark only at the start, even when the first pieces hold no whole character", () => {
    const decoder = new Utf8Decoder();
    const bytes = new TextEncoder().encode("é\uFEFFx");
    expect(decoder.decode(bytes.subarray(0, 1), { stream: true })).toBe("");
    expect(decoder.decode(bytes.subarray(1, 2), { stream: true })).toBe("é");
    expect(decoder.decode(new Uint8Array(0), { stream: true })).toBe("");
    expect(decoder.decode(bytes.subarray(2))).toBe("\uFEFFx");
  });
});
