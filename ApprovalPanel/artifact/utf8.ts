/**
 * UTF-8 decoded in JavaScript, a piece at a time, as the Encoding Standard's decoder does it (a byte order mark at the start
 * is dropped, each invalid sequence becomes U+FFFD).
 *
 * Why not TextDecoder: in Chromium, the strings it returns are the browser's own, handed to JavaScript with a weak handle
 * each; when the collector freed a few hundred of them (a 50 MB file decoded in 64 KB pieces), their callbacks ran as one
 * task of 150 to 240 ms in a trace of What changes, over the 100 ms budget. Strings made here are JavaScript's own: a trace
 * of the same file decoded this way showed no such task.
 */
export class Utf8Decoder {
  private units = new Uint16Array(0);
  /** The sequence being read: bytes still needed, the code point so far, the bounds of its next byte. */
  private state = [0, 0, 0x80, 0xbf];
  private started = false;

  /** The text of these bytes; with `stream`, a sequence cut at their end is finished by the next call's bytes. */
  decode(bytes: Uint8Array = new Uint8Array(0), options?: { stream?: boolean }): string {
    if (this.units.length < bytes.length + 2) this.units = new Uint16Array(bytes.length + 1024);
    const units = this.units;
    let n = 0;
    let [needed, code, lower, upper] = this.state;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (needed === 0) {
        if (byte < 0x80) units[n++] = byte;
        else if (byte < 0xc2 || byte > 0xf4) units[n++] = 0xfffd;
        else {
          needed = byte < 0xe0 ? 1 : byte < 0xf0 ? 2 : 3;
          code = byte & (0x7f >> (needed + 1));
          if (byte === 0xe0) lower = 0xa0;
          if (byte === 0xed) upper = 0x9f;
          if (byte === 0xf0) lower = 0x90;
          if (byte === 0xf4) upper = 0x8f;
        }
      } else if (byte < lower || byte > upper) {
        // The sequence ends early: U+FFFD for it, and this byte is read again as the start of another.
        [needed, lower, upper] = [0, 0x80, 0xbf];
        units[n++] = 0xfffd;
        i--;
      } else {
        [code, lower, upper] = [(code << 6) | (byte & 0x3f), 0x80, 0xbf];
        if (--needed > 0) continue;
        if (code > 0xffff) {
          units[n++] = 0xd7c0 + (code >> 10);
          code = 0xdc00 + (code & 0x3ff);
        }
        units[n++] = code;
      }
    }
    if (!options?.stream && needed > 0) {
      [needed, lower, upper] = [0, 0x80, 0xbf];
      units[n++] = 0xfffd;
    }
    this.state = [needed, code, lower, upper];
    let text = "";
    // In calls of 8192 code units: String.fromCharCode takes them as arguments.
    for (let at = this.started || units[0] !== 0xfeff || n === 0 ? 0 : 1; at < n; at += 8192) {
      text += String.fromCharCode.apply(null, units.subarray(at, Math.min(n, at + 8192)) as unknown as number[]);
    }
    this.started = !!options?.stream && (this.started || n > 0);
    return text;
  }
}
