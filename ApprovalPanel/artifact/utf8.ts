/**
 * UTF-8 decoded in JavaScript, a piece at a time, as the Encoding Standard's decoder does it (a byte order mark at the start
 * is dropped, each invalid sequence becomes U+FFFD).
 *
 * Why not TextDecoder: in Chromium, the strings it returns are the browser's own, handed to JavaScript with a weak handle
 * each; when the collector frees a few hundred of them (a 50 MB file decoded in 64 KB pieces), their callbacks ran as one
 * task of 150 to 240 ms in a trace of What changes, over the 100 ms budget. Strings made here are JavaScript's own: a trace
 * of the same file decoded this way showed no such task.
 */

/** Code units turned into a string at a time: String.fromCharCode takes them as arguments. */
const UNITS_PER_CALL = 8192;

export class Utf8Decoder {
  private units = new Uint16Array(0);
  private needed = 0;
  private seen = 0;
  private codePoint = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private started = false;

  /** The text of these bytes; with `stream`, a sequence cut at their end is finished by the next call's bytes. */
  decode(bytes: Uint8Array = new Uint8Array(0), options?: { stream?: boolean }): string {
    if (this.units.length < bytes.length + 2) this.units = new Uint16Array(bytes.length + 1024);
    const units = this.units;
    let n = 0;
    let { needed, seen, codePoint, lower, upper } = this;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (needed === 0) {
        if (byte < 0x80) units[n++] = byte;
        else if (byte >= 0xc2 && byte <= 0xdf) {
          needed = 1;
          codePoint = byte & 0x1f;
        } else if (byte >= 0xe0 && byte <= 0xef) {
          if (byte === 0xe0) lower = 0xa0;
          if (byte === 0xed) upper = 0x9f;
          needed = 2;
          codePoint = byte & 0xf;
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          if (byte === 0xf0) lower = 0x90;
          if (byte === 0xf4) upper = 0x8f;
          needed = 3;
          codePoint = byte & 0x7;
        } else units[n++] = 0xfffd;
        continue;
      }
      if (byte < lower || byte > upper) {
        // The sequence ends early: U+FFFD for it, and this byte starts afresh.
        needed = seen = codePoint = 0;
        lower = 0x80;
        upper = 0xbf;
        units[n++] = 0xfffd;
        i--;
        continue;
      }
      lower = 0x80;
      upper = 0xbf;
      codePoint = (codePoint << 6) | (byte & 0x3f);
      if (++seen < needed) continue;
      if (codePoint > 0xffff) {
        units[n++] = 0xd800 + ((codePoint - 0x10000) >> 10);
        units[n++] = 0xdc00 + ((codePoint - 0x10000) & 0x3ff);
      } else units[n++] = codePoint;
      needed = seen = codePoint = 0;
    }
    if (!options?.stream && needed !== 0) {
      needed = seen = codePoint = 0;
      lower = 0x80;
      upper = 0xbf;
      units[n++] = 0xfffd;
    }
    Object.assign(this, { needed, seen, codePoint, lower, upper });
    let start = 0;
    if (!this.started && n > 0) {
      this.started = true;
      if (units[0] === 0xfeff) start = 1;
    }
    let text = "";
    for (let at = start; at < n; at += UNITS_PER_CALL)
      text += String.fromCharCode.apply(null, units.subarray(at, Math.min(n, at + UNITS_PER_CALL)) as unknown as number[]);
    if (!options?.stream) this.started = false;
    return text;
  }
}
