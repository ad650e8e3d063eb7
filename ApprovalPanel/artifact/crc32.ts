/** CRC-32 as zip stores it (APPNOTE 4.4.7): the reflected polynomial 0xEDB88320, starting from and finished with 0xFFFFFFFF. */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
    table[byte] = crc >>> 0;
  }
  return table;
})();

/** The CRC-32 of bytes; pass the CRC of the bytes before them as previous to continue over data read in chunks. */
export function crc32(bytes: Uint8Array, previous?: number): number {
  let crc = ~(previous ?? 0);
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}
