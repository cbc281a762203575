/**
 * Base64 as Go's `encoding/base64.StdEncoding` reads and writes it (padded, standard alphabet;
 * CR and LF ignored when decoding), on bytes, without Node's `Buffer`: the library also runs in
 * browsers.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Each alphabet character's value, and -1 for every other ASCII character. */
const VALUES: Int8Array = (() => {
  const values = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) values[ALPHABET.charCodeAt(i)] = i;
  return values;
})();

/**
 * The bytes a standard base64 string decodes to, or the offset of the first corrupt input byte
 * (Go's `CorruptInputError`). A quantum of four characters is gathered in one integer and the
 * bytes written into one array sized for the whole text: decoding allocates nothing per character.
 */
export function decodeBase64(text: string): { ok: true; bytes: Uint8Array } | { ok: false; offset: number } {
  const out = new Uint8Array(Math.ceil(text.length / 4) * 3);
  let n = 0;
  /** The characters of the current quantum, and their 6-bit values packed. */
  let have = 0;
  let bits = 0;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 13 || code === 10) continue; // CR, LF
    if (code === 61) {
      // '=': padding completes a quantum of 2 or 3 characters, and only at the end.
      if (have < 2) return { ok: false, offset: i };
      padding++;
      if (have + padding > 4) return { ok: false, offset: i };
      continue;
    }
    if (padding > 0) return { ok: false, offset: i };
    const v = code < 128 ? VALUES[code]! : -1;
    if (v < 0) return { ok: false, offset: i };
    bits = (bits << 6) | v;
    if (++have === 4) {
      out[n++] = bits >> 16;
      out[n++] = (bits >> 8) & 255;
      out[n++] = bits & 255;
      have = 0;
      bits = 0;
    }
  }
  if (have > 0) {
    if (have + padding !== 4) return { ok: false, offset: text.length };
    // Two characters make one byte, three make two; the unused low bits are dropped, as Go does.
    if (have === 2) out[n++] = bits >> 4;
    else {
      out[n++] = bits >> 10;
      out[n++] = (bits >> 2) & 255;
    }
  } else if (padding > 0) return { ok: false, offset: text.length };
  return { ok: true, bytes: out.slice(0, n) };
}

/** Standard, padded base64 of bytes. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | (b >> 4)]!;
    out += i + 1 < bytes.length ? ALPHABET[((b & 15) << 2) | (c >> 6)]! : '=';
    out += i + 2 < bytes.length ? ALPHABET[c & 63]! : '=';
  }
  return out;
}
