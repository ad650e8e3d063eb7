/** @jest-environment node */
// Node: jest's jsdom environment has neither DecompressionStream nor TextDecoder, which the reader takes from the platform.
import { describe, expect, it } from "@jest/globals";
import { crc32 as zlibCrc32 } from "node:zlib";
import { crc32 } from "../../ApprovalPanel/artifact/crc32";
import {
  DEFAULT_LIMITS,
  findEntry,
  inflateChunks,
  inflateEntries,
  inflateEntry,
  inflateText,
  readCentralDirectory,
  ZipEntry,
  ZipErrorKind,
  ZipResult,
} from "../../ApprovalPanel/artifact/zip";
import { buildZip, FixtureEntry, lastSignatureOffset, withByte } from "./zipFixtures";

const MiB = 1024 * 1024;
const END_RECORD = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;

const xml = '<?xml version="1.0" encoding="utf-8"?><ImportExportXml><Entities>' + "<Entity Name='account'/>".repeat(400) + "</Entities></ImportExportXml>";
/** Bytes that do not compress: a fixed pseudo-random sequence (xorshift), so every run builds the same archive. */
function noise(length: number, seed = 0x2545f491): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0, state = seed; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

function value<T>(result: ZipResult<T>): T {
  if (!result.ok) throw new Error(`expected a value, got ${result.error.kind}: ${result.error.detail}`);
  return result.value;
}
function errorKind<T>(result: ZipResult<T>): ZipErrorKind | "ok" {
  return result.ok ? "ok" : result.error.kind;
}
function entriesOf(zip: Uint8Array): ZipEntry[] {
  return value(readCentralDirectory(zip));
}
function onlyEntry(zip: Uint8Array): ZipEntry {
  const entries = entriesOf(zip);
  expect(entries).toHaveLength(1);
  return entries[0];
}

/** An entry inflated through inflateChunks, counting what its reader is handed; `afterPiece` acts after each piece (e.g. abort). */
async function inflateCounting(
  zip: Uint8Array,
  entry: ZipEntry,
  limits = DEFAULT_LIMITS,
  signal?: AbortSignal,
  afterPiece?: (producedBytes: number) => void,
): Promise<{ result: ZipResult<number>; producedBytes: number }> {
  let producedBytes = 0;
  const result = await inflateChunks(
    zip,
    entry,
    (bytes) => {
      producedBytes += bytes.length;
      afterPiece?.(producedBytes);
    },
    limits,
    signal,
  );
  return { result, producedBytes };
}

describe("crc32", () => {
  it.each([
    ["empty", new Uint8Array(0)],
    ["text", new TextEncoder().encode(xml)],
    ["noise", noise(100_000)],
  ])("matches zlib's CRC-32 for %s, also when continued over chunks", (_label, bytes) => {
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    expect(crc32(bytes.subarray(777), crc32(bytes.subarray(0, 777)))).toBe(zlibCrc32(bytes));
  });
});

describe("reading entries back", () => {
  const contents: [string, Uint8Array | string][] = [
    ["text", xml],
    ["binary", noise(70_000)],
    ["empty", ""],
  ];
  const layouts = contents.flatMap(([label, data]) =>
    (["stored", "deflated"] as const).flatMap((method) =>
      [false, true].flatMap((dataDescriptor) => [false, true].map((zip64) => ({ label, data, method, dataDescriptor, zip64 }))),
    ),
  );

  it.each(layouts)("$label, $method, data descriptor $dataDescriptor, ZIP64 $zip64", async ({ data, method, dataDescriptor, zip64 }) => {
    const expected = typeof data === "string" ? new TextEncoder().encode(data) : data;
    const entries: FixtureEntry[] = [
      { name: "solution.xml", data: "<ImportExportXml/>", method },
      { name: "customizations.xml", data, method, dataDescriptor },
    ];
    const zip = buildZip(entries, { zip64 });
    const read = entriesOf(zip);
    expect(read.map((entry) => entry.name)).toEqual(["solution.xml", "customizations.xml"]);
    const entry = read[1];
    expect(entry).toMatchObject({ method: method === "stored" ? 0 : 8, uncompressedSize: expected.length, crc32: zlibCrc32(expected), encrypted: false });
    expect(entry.localHeaderOffset).toBeGreaterThan(0);
    expect(Array.from(value(await inflateEntry(zip, entry)))).toEqual(Array.from(expected));
    expect(value(await inflateText(zip, read[0]))).toBe("<ImportExportXml/>");
  });

  it("takes ZIP64 sizes and offsets from the extra field and the ZIP64 end record when the 32-bit fields are full", async () => {
    const zip = buildZip([{ name: "a.xml", data: xml }], { zip64: true });
    const end = lastSignatureOffset(zip, END_RECORD);
    const view = new DataView(zip.buffer);
    // The fixture really is ZIP64: the end record's count, size and offset and the header's sizes and offset are markers.
    expect([view.getUint16(end + 10, true), view.getUint32(end + 12, true), view.getUint32(end + 16, true)]).toEqual([0xffff, 0xffffffff, 0xffffffff]);
    const central = lastSignatureOffset(zip, CENTRAL_HEADER);
    expect([view.getUint32(central + 20, true), view.getUint32(central + 24, true), view.getUint32(central + 42, true)]).toEqual([
      0xffffffff, 0xffffffff, 0xffffffff,
    ]);
    const entry = onlyEntry(zip);
    expect(entry).toMatchObject({ name: "a.xml", uncompressedSize: xml.length, localHeaderOffset: 0 });
    expect(value(await inflateText(zip, entry))).toBe(xml);
  });

  it("finds the data after the local header's own name and extra field, which may differ from the central header's", async () => {
    const zip = buildZip([{ name: "a.xml", data: xml, localExtra: new Uint8Array([0x99, 0x99, 3, 0, 1, 2, 3]) }]);
    expect(value(await inflateText(zip, onlyEntry(zip)))).toBe(xml);
  });

  it.each([
    ["a long archive comment", "x".repeat(65_535)],
    ["a comment that contains an end record signature", "PK\u0005\u0006" + "\u0000".repeat(30) + "more comment"],
  ])("reads an archive with %s", async (_label, comment) => {
    const zip = buildZip([{ name: "solution.xml", data: xml }], { comment });
    expect(value(await inflateText(zip, onlyEntry(zip)))).toBe(xml);
  });

  it("reads an archive with no entries", () => {
    expect(entriesOf(buildZip([]))).toEqual([]);
  });

  it("reads many entries, each at its own offset", async () => {
    const zip = buildZip(Array.from({ length: 3000 }, (_, i) => ({ name: `WebResources/file${i}.js`, data: `content ${i}` })));
    const entries = entriesOf(zip);
    expect(entries).toHaveLength(3000);
    expect(new Set(entries.map((entry) => entry.localHeaderOffset)).size).toBe(3000);
    expect(value(await inflateText(zip, findEntry(entries, "webresources/FILE2999.js")!))).toBe("content 2999");
  });

  it("strips a byte order mark from text and replaces invalid UTF-8", async () => {
    const zip = buildZip([{ name: "a.xml", data: new Uint8Array([0xef, 0xbb, 0xbf, 0x3c, 0x61, 0xff, 0x2f, 0x3e]) }]);
    expect(value(await inflateText(zip, onlyEntry(zip)))).toBe("<a\ufffd/>");
  });
});

describe("names", () => {
  it.each([
    ["UTF-8 when flag bit 11 is set", { name: "Wébresources/ü名.js" }, "Wébresources/ü名.js"],
    [
      "ASCII without flag bit 11, other bytes replaced",
      { name: "", utf8Name: false, nameBytes: new Uint8Array([0x63, 0x61, 0x66, 0x82, 0x2e, 0x78]) },
      "caf\ufffd.x",
    ],
  ])("are decoded as %s", (_label, naming, expected) => {
    expect(onlyEntry(buildZip([{ data: "x", ...naming }])).name).toBe(expected);
  });

  it("with a NUL byte make the archive corrupt", () => {
    expect(errorKind(readCentralDirectory(buildZip([{ name: "solution.xml\u0000.exe", data: "x" }])))).toBe("corrupt");
  });

  const entries = entriesOf(buildZip(["solution.xml", "Other\\Customizations.xml", "WebResources/a/b.js"].map((name) => ({ name, data: name }))));
  it.each([
    ["solution.xml", "solution.xml"],
    ["SOLUTION.XML", "solution.xml"],
    ["./solution.xml", "solution.xml"],
    ["/solution.xml", "solution.xml"],
    ["other/customizations.xml", "Other\\Customizations.xml"],
    ["webresources\\A\\b.js", "WebResources/a/b.js"],
    ["customizations.xml", undefined],
    ["solution.xm", undefined],
    ["", undefined],
  ])("are looked up: %j finds %j", (wanted, found) => {
    expect(findEntry(entries, wanted)?.name).toBe(found);
  });
});

describe("files that are not zips, or are cut short", () => {
  const zip = buildZip(
    [
      { name: "solution.xml", data: xml },
      { name: "customizations.xml", data: xml.repeat(3) },
    ],
    { comment: "exported" },
  );
  const end = lastSignatureOffset(zip, END_RECORD);
  const central = lastSignatureOffset(zip, CENTRAL_HEADER);
  const entries = entriesOf(zip);
  const second = entries[1];

  it.each([
    ["empty", new Uint8Array(0)],
    ["random bytes", noise(5000)],
    ["an XML file", new TextEncoder().encode(xml)],
    ["a PNG header", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
  ])("%s is notZip", (_label, bytes) => {
    expect(errorKind(readCentralDirectory(bytes))).toBe("notZip");
  });

  it.each([
    ["inside the comment", end + 25],
    ["inside the end record", end + 10],
    ["inside the central directory", central + 20],
    ["inside the second local header", second.localHeaderOffset + 10],
    ["inside the second entry's data", second.localHeaderOffset + 60],
  ])("cut %s is truncated", (_label, length) => {
    expect(errorKind(readCentralDirectory(zip.subarray(0, length)))).toBe("truncated");
  });

  it.each([
    ["inside its local header", second.localHeaderOffset + 10],
    ["inside its data", second.localHeaderOffset + 60],
  ])("an entry read from an archive cut %s is truncated", async (_label, length) => {
    expect(errorKind(await inflateEntry(zip.subarray(0, length), second))).toBe("truncated");
  });

  it("never throws, whichever byte the file is cut at", async () => {
    const kinds = new Set<string>();
    for (let length = 0; length < zip.length; length++) {
      const cut = zip.subarray(0, length);
      kinds.add(errorKind(readCentralDirectory(cut)));
      kinds.add(errorKind(await inflateEntry(cut, second)));
    }
    expect([...kinds].filter((kind) => !["notZip", "truncated", "corrupt", "ok"].includes(kind))).toEqual([]);
    expect(kinds).toContain("truncated");
  });
});

describe("corrupt archives", () => {
  const good: FixtureEntry = { name: "customizations.xml", data: xml };
  const deflated = buildZip([good]);

  it.each([
    ["a CRC-32 that does not match", buildZip([{ ...good, crc32: zlibCrc32(xml) ^ 1 }])],
    ["a stored entry whose data was changed", withByte(buildZip([{ ...good, method: "stored" }]), 30 + good.name.length + 5, 0)],
    ["deflate data that is not deflate", buildZip([{ ...good, storedBytes: noise(3000) }])],
    ["a deflate stream cut short", buildZip([{ ...good, storedBytes: deflated.subarray(30 + good.name.length, 60) }])],
    ["a declared size smaller than the data", buildZip([{ ...good, declaredUncompressedSize: 100 }])],
    ["a declared size larger than the data", buildZip([{ ...good, declaredUncompressedSize: xml.length + 1 }])],
    ["a stored entry whose sizes differ", buildZip([{ ...good, method: "stored", declaredUncompressedSize: xml.length - 1 }])],
    ["a local header without its signature", withByte(deflated, 0, 0)],
  ])("%s: the entry is corrupt", async (_label, zip) => {
    const result = await inflateEntry(zip, onlyEntry(zip));
    expect(errorKind(result)).toBe("corrupt");
    expect(result.ok ? undefined : result.error.entry).toBe("customizations.xml");
  });

  const twoEntries = buildZip([good, { name: "solution.xml", data: "x" }]);
  const end = lastSignatureOffset(twoEntries, END_RECORD);
  it.each([
    ["declares more entries than its directory holds", buildZip([good], { declaredEntryCount: 40 })],
    ["declares more entries than it has", buildZip([good, { name: "solution.xml", data: "x" }], { declaredEntryCount: 3 })],
    ["points its directory at the data", buildZip([good], { centralDirectoryOffset: 3 })],
    ["points its directory past its end record", buildZip([good], { centralDirectoryOffset: 100_000 })],
    ["has ZIP64 markers but no ZIP64 locator", withByte(withByte(twoEntries, end + 10, 0xff), end + 11, 0xff)],
    ["has a central header without its signature", withByte(twoEntries, lastSignatureOffset(twoEntries, CENTRAL_HEADER), 0)],
  ])("an archive that %s is corrupt", (_label, zip) => {
    expect(errorKind(readCentralDirectory(zip))).toBe("corrupt");
  });

  it("an archive that spans disks is unsupported", () => {
    expect(errorKind(readCentralDirectory(withByte(twoEntries, end + 4, 1)))).toBe("unsupported");
  });
});

describe("limits", () => {
  // 50 MiB of zeros deflate to about 50 KB: a ratio of about 1000.
  const zeros = new Uint8Array(50 * MiB);
  const honestBomb = buildZip([{ name: "customizations.xml", data: zeros }]);
  const bombEntry = onlyEntry(honestBomb);

  it("states its defaults", () => {
    expect(DEFAULT_LIMITS).toEqual({ maxEntryBytes: 100 * MiB, maxRatio: 200, maxTotalBytes: 300 * MiB });
  });

  it("refuses a bomb that declares its size before inflating anything", async () => {
    expect(bombEntry.compressedSize).toBeLessThan(60_000);
    const { result, producedBytes } = await inflateCounting(honestBomb, bombEntry);
    expect(errorKind(result)).toBe("bomb");
    expect(producedBytes).toBe(0);
  });

  it("stops a bomb that hides its size as soon as the output passes the ratio", async () => {
    const declaredUncompressedSize = bombEntry.compressedSize * DEFAULT_LIMITS.maxRatio;
    const zip = buildZip([{ name: "customizations.xml", data: zeros, declaredUncompressedSize }]);
    expect(errorKind(await inflateEntry(zip, onlyEntry(zip)))).toBe("bomb");
    // Its reader is handed no more than the limit: the limit is checked before each piece is handed on.
    const { result, producedBytes } = await inflateCounting(zip, onlyEntry(zip));
    expect(errorKind(result)).toBe("bomb");
    expect(producedBytes).toBeGreaterThan(declaredUncompressedSize - 96 * 1024);
    expect(producedBytes).toBeLessThanOrEqual(declaredUncompressedSize);
  });

  it("stops an entry that inflates past its declared size", async () => {
    const zip = buildZip([{ name: "customizations.xml", data: zeros, declaredUncompressedSize: 1000 }]);
    const { result, producedBytes } = await inflateCounting(zip, onlyEntry(zip));
    expect(errorKind(result)).toBe("corrupt");
    expect(producedBytes).toBe(0);
  });

  it("reads a small, very repetitive file: the ratio applies only beyond 1 MiB", async () => {
    const zip = buildZip([{ name: "blank.bmp", data: new Uint8Array(MiB) }]);
    const entry = onlyEntry(zip);
    expect(entry.uncompressedSize / entry.compressedSize).toBeGreaterThan(DEFAULT_LIMITS.maxRatio);
    expect(value(await inflateEntry(zip, entry))).toHaveLength(MiB);
  });

  it("refuses an entry that declares more than the limit, without inflating", async () => {
    const limits = { maxEntryBytes: 10 * MiB, maxRatio: 10_000 };
    const result = await inflateEntry(honestBomb, bombEntry, limits);
    expect(result).toEqual({ ok: false, error: { kind: "tooLarge", entry: "customizations.xml", detail: expect.stringContaining(String(10 * MiB)) } });
    expect((await inflateCounting(honestBomb, bombEntry, limits)).producedBytes).toBe(0);
  });

  it("inflates an entry within generous limits in full", async () => {
    expect(value(await inflateEntry(honestBomb, bombEntry, { maxEntryBytes: 60 * MiB, maxRatio: 2000 }))).toHaveLength(50 * MiB);
  });

  it("refuses several entries whose declared sizes together pass the total limit", async () => {
    const zip = buildZip([
      { name: "a.xml", data: xml },
      { name: "b.xml", data: xml },
    ]);
    const entries = entriesOf(zip);
    const limits = { maxEntryBytes: MiB, maxRatio: 200, maxTotalBytes: 2 * xml.length - 1 };
    expect(errorKind(await inflateEntries(zip, entries, limits))).toBe("tooLarge");
    expect(value(await inflateEntries(zip, entries, { ...limits, maxTotalBytes: 2 * xml.length })).map((bytes) => bytes.length)).toEqual([
      xml.length,
      xml.length,
    ]);
  });
});

describe("entries the reader does not inflate", () => {
  it.each([
    ["bzip2 (method 12)", { methodField: 12 }, "unsupported"],
    ["LZMA (method 14)", { methodField: 14 }, "unsupported"],
    ["encrypted (flag bit 0)", { encryptedFlag: true }, "encrypted"],
    ["AES encrypted (method 99, flag bit 0)", { encryptedFlag: true, methodField: 99 }, "encrypted"],
  ])("%s", async (_label, fields, kind) => {
    const zip = buildZip([{ name: "solution.xml", data: xml, ...fields }]);
    const entry = onlyEntry(zip);
    expect(entry.encrypted).toBe(kind === "encrypted");
    expect(errorKind(await inflateEntry(zip, entry))).toBe(kind);
  });

  it("a deflated entry is unsupported where the platform has no DecompressionStream", async () => {
    const zip = buildZip([{ name: "solution.xml", data: xml }]);
    const original = globalThis.DecompressionStream;
    (globalThis as { DecompressionStream?: unknown }).DecompressionStream = undefined;
    try {
      expect(errorKind(await inflateEntry(zip, onlyEntry(zip)))).toBe("unsupported");
    } finally {
      globalThis.DecompressionStream = original;
    }
  });
});

describe("abort", () => {
  const zip = buildZip([{ name: "customizations.xml", data: new Uint8Array(50 * MiB) }]);
  const limits = { maxEntryBytes: 60 * MiB, maxRatio: 2000 };

  it("before inflating: aborted, nothing inflated", async () => {
    const controller = new AbortController();
    controller.abort();
    expect(errorKind(await inflateEntry(zip, onlyEntry(zip), limits, controller.signal))).toBe("aborted");
    expect((await inflateCounting(zip, onlyEntry(zip), limits, controller.signal)).producedBytes).toBe(0);
  });

  it("while inflating: aborted promptly, the rest not inflated", async () => {
    const controller = new AbortController();
    const { result, producedBytes } = await inflateCounting(zip, onlyEntry(zip), limits, controller.signal, (n) => n > MiB && controller.abort());
    expect(errorKind(result)).toBe("aborted");
    expect(producedBytes).toBeLessThan(MiB + 96 * 1024);
  });
});
