/** @jest-environment node */
// An entry handed on a piece at a time as it inflates: what a reader decodes and parses while the rest still inflates.
import { describe, expect, it } from "@jest/globals";
import { inflateChunks, readCentralDirectory, type ZipEntry, type ZipResult } from "../../ApprovalPanel/artifact/zip";
import { buildZip, type FixtureEntry } from "./zipFixtures";

/** Varied enough to compress like a real file (a very repetitive one would pass the zip-bomb ratio). */
const text =
  "<ImportExportXml>" +
  Array.from({ length: 20_000 }, (_, i) => `<attribute PhysicalName='cr_Column${i}'><MaxLength>${(i * 7919) % 100_003}</MaxLength></attribute>`).join("") +
  "</ImportExportXml>";

function onlyEntry(zip: Uint8Array): ZipEntry {
  const directory = readCentralDirectory(zip);
  if (!directory.ok) throw new Error(directory.error.detail);
  return directory.value[0];
}

async function pieces(entry: FixtureEntry, stopAfter = Infinity): Promise<{ result: ZipResult<number>; pieces: Uint8Array[] }> {
  const zip = buildZip([entry]);
  const received: Uint8Array[] = [];
  const result = await inflateChunks(zip, onlyEntry(zip), (bytes) => received.push(bytes.slice()) < stopAfter);
  return { result, pieces: received };
}

const joined = (parts: Uint8Array[]): string => Buffer.concat(parts).toString("utf8");

describe("inflateChunks", () => {
  it.each(["deflated", "stored"] as const)("hands a %s entry on in several pieces that add up to it, then gives its size", async (method) => {
    const { result, pieces: parts } = await pieces({ name: "customizations.xml", data: text, method });
    expect(result).toEqual({ ok: true, value: Buffer.byteLength(text) });
    expect(parts.length).toBeGreaterThan(1);
    expect(joined(parts)).toBe(text);
  });

  it("stops inflating when its reader says so", async () => {
    const { result, pieces: parts } = await pieces({ name: "customizations.xml", data: text }, 1);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.kind).toBe("aborted");
    expect(parts).toHaveLength(1);
  });

  it("a CRC-32 that does not match fails after the pieces were handed on: what was read of them is to be dropped", async () => {
    const { result, pieces: parts } = await pieces({ name: "customizations.xml", data: text, crc32: 0x1234 });
    expect(!result.ok && result.error.kind).toBe("corrupt");
    expect(joined(parts)).toBe(text);
  });
});
