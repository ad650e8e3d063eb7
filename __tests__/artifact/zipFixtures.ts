/**
 * A tiny zip writer for the reader's tests: archives built byte by byte after PKWARE's APPNOTE.TXT, so that each test
 * can say exactly what is in the file (stored, deflated, data descriptors, ZIP64, a comment) and how it is broken.
 */
import { crc32 as zlibCrc32, deflateRawSync } from "node:zlib";

export interface FixtureEntry {
  name: string;
  data: Uint8Array | string;
  method?: "stored" | "deflated";
  /** Flag bit 3 (4.4.4): the local header's CRC and sizes are 0, and a data descriptor (4.3.9) follows the data. */
  dataDescriptor?: boolean;
  /** Flag bit 11 (4.4.4): the name is UTF-8. On by default; off writes the name's bytes as given in nameBytes. */
  utf8Name?: boolean;
  nameBytes?: Uint8Array;
  /** Corruptions: any header field may lie. */
  methodField?: number;
  encryptedFlag?: boolean;
  crc32?: number;
  declaredUncompressedSize?: number;
  /** Replaces the bytes written as the entry's data (e.g. a cut deflate stream). */
  storedBytes?: Uint8Array;
  /** Extra bytes in the local header only: the reader must skip the local header's own name and extra lengths. */
  localExtra?: Uint8Array;
}

export interface FixtureOptions {
  comment?: Uint8Array | string;
  /** Write ZIP64 everywhere (4.5.3 extra fields, 4.3.14 record, 4.3.15 locator) even though the sizes would fit in 32 bits. */
  zip64?: boolean;
  /** Corruptions of the end record (4.3.16). */
  declaredEntryCount?: number;
  centralDirectoryOffset?: number;
}

const MAX32 = 0xffffffff;
const encoder = new TextEncoder();
const bytesOf = (value: Uint8Array | string): Uint8Array => (typeof value === "string" ? encoder.encode(value) : value);

/** Little-endian fields of fixed widths, appended in order. */
class ByteWriter {
  private readonly parts: Uint8Array[] = [];
  length = 0;
  u16(value: number): this {
    return this.bytes(new Uint8Array([value & 0xff, (value >>> 8) & 0xff]));
  }
  u32(value: number): this {
    const field = new Uint8Array(4);
    new DataView(field.buffer).setUint32(0, value >>> 0, true);
    return this.bytes(field);
  }
  u64(value: number): this {
    const field = new Uint8Array(8);
    new DataView(field.buffer).setBigUint64(0, BigInt(value), true);
    return this.bytes(field);
  }
  bytes(value: Uint8Array): this {
    this.parts.push(value);
    this.length += value.length;
    return this;
  }
  toBytes(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.parts));
  }
}

function zip64Extra(values: number[]): Uint8Array {
  const extra = new ByteWriter().u16(0x0001).u16(values.length * 8);
  values.forEach((value) => extra.u64(value));
  return extra.toBytes();
}

export function buildZip(entries: readonly FixtureEntry[], options: FixtureOptions = {}): Uint8Array {
  const out = new ByteWriter();
  const central = new ByteWriter();
  for (const entry of entries) {
    const data = bytesOf(entry.data);
    const method = entry.methodField ?? (entry.method === "stored" ? 0 : 8);
    const written = entry.storedBytes ?? (entry.method === "stored" ? data : new Uint8Array(deflateRawSync(data)));
    const crc = entry.crc32 ?? zlibCrc32(data);
    const uncompressedSize = entry.declaredUncompressedSize ?? data.length;
    const name = entry.nameBytes ?? encoder.encode(entry.name);
    const flags = (entry.encryptedFlag ? 0x0001 : 0) | (entry.dataDescriptor ? 0x0008 : 0) | (entry.utf8Name === false ? 0 : 0x0800);
    const offset = out.length;
    const wide = options.zip64 === true;
    // 4.3.7 local file header; with a data descriptor its CRC and sizes are 0 (4.4.4 bit 3).
    const localExtra = new ByteWriter();
    if (wide) localExtra.bytes(zip64Extra(entry.dataDescriptor ? [0, 0] : [uncompressedSize, written.length]));
    if (entry.localExtra) localExtra.bytes(entry.localExtra);
    out
      .u32(0x04034b50)
      .u16(wide ? 45 : 20)
      .u16(flags)
      .u16(method)
      .u16(0)
      .u16(0x21);
    if (entry.dataDescriptor)
      out
        .u32(0)
        .u32(wide ? MAX32 : 0)
        .u32(wide ? MAX32 : 0);
    else
      out
        .u32(crc)
        .u32(wide ? MAX32 : written.length)
        .u32(wide ? MAX32 : uncompressedSize);
    out.u16(name.length).u16(localExtra.length).bytes(name).bytes(localExtra.toBytes()).bytes(written);
    // 4.3.9 data descriptor, with its optional signature; ZIP64 archives carry 8-byte sizes in it.
    if (entry.dataDescriptor) {
      out.u32(0x08074b50).u32(crc);
      if (wide) out.u64(written.length).u64(uncompressedSize);
      else out.u32(written.length).u32(uncompressedSize);
    }
    // 4.3.12 central directory header; ZIP64 sizes and offset in the 0x0001 extra field (4.5.3).
    const centralExtra = wide ? zip64Extra([uncompressedSize, written.length, offset]) : new Uint8Array(0);
    central
      .u32(0x02014b50)
      .u16(wide ? 45 : 20)
      .u16(wide ? 45 : 20)
      .u16(flags)
      .u16(method)
      .u16(0)
      .u16(0x21)
      .u32(crc);
    central.u32(wide ? MAX32 : written.length).u32(wide ? MAX32 : uncompressedSize);
    central
      .u16(name.length)
      .u16(centralExtra.length)
      .u16(0)
      .u16(0)
      .u16(0)
      .u32(0)
      .u32(wide ? MAX32 : offset);
    central.bytes(name).bytes(centralExtra);
  }
  const directoryOffset = options.centralDirectoryOffset ?? out.length;
  const directorySize = central.length;
  out.bytes(central.toBytes());
  const count = options.declaredEntryCount ?? entries.length;
  if (options.zip64) {
    // 4.3.14 ZIP64 end of central directory record, then 4.3.15 its locator.
    const recordOffset = out.length;
    out.u32(0x06064b50).u64(44).u16(45).u16(45).u32(0).u32(0).u64(count).u64(count).u64(directorySize).u64(directoryOffset);
    out.u32(0x07064b50).u32(0).u64(recordOffset).u32(1);
  }
  // 4.3.16 end of central directory record.
  const comment = bytesOf(options.comment ?? "");
  const wide = options.zip64 === true;
  out
    .u32(0x06054b50)
    .u16(0)
    .u16(0)
    .u16(wide ? 0xffff : count)
    .u16(wide ? 0xffff : count);
  out
    .u32(wide ? MAX32 : directorySize)
    .u32(wide ? MAX32 : directoryOffset)
    .u16(comment.length)
    .bytes(comment);
  return out.toBytes();
}

/** The offset of the last occurrence of a 4-byte little-endian signature: where a record starts. */
export function lastSignatureOffset(zip: Uint8Array, signature: number): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = zip.length - 4; at >= 0; at--) if (view.getUint32(at, true) === signature) return at;
  return -1;
}

/** A copy of the zip with one byte changed. */
export function withByte(zip: Uint8Array, at: number, value: number): Uint8Array {
  const copy = zip.slice();
  copy[at] = value;
  return copy;
}
