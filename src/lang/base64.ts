/**
 * Base64 as Go's `encoding/base64.StdEncoding` reads and writes it (padded, standard alphabet;
 * CR and LF ignored when decoding), on bytes, without Node's `Buffer`: the library also runs in
 * browsers.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bytes a standard base64 string decodes to, or the offset of the first corrupt input byte (Go's `CorruptInputError`). */
export function decodeBase64(text: string): { ok: true; bytes: Uint8Array } | { ok: false; offset: number } {
  const out: number[] = [];
  let quantum: number[] = [];
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\r' || ch === '\n') continue;
    if (ch === '=') {
      // Padding completes a quantum of 2 or 3 characters, and only at the end.
      if (quantum.length < 2) return { ok: false, offset: i };
      padding++;
      if (quantum.length + padding > 4) return { ok: false, offset: i };
      continue;
    }
    if (padding > 0) return { ok: false, offset: i };
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return { ok: false, offset: i };
    quantum.push(v);
    if (quantum.length === 4) {
      out.push((quantum[0]! << 2) | (quantum[1]! >> 4), ((quantum[1]! & 15) << 4) | (quantum[2]! >> 2), ((quantum[2]! & 3) << 6) | quantum[3]!);
      quantum = [];
    }
  }
  if (quantum.length > 0) {
    if (quantum.length + padding !== 4) return { ok: false, offset: text.length };
    out.push((quantum[0]! << 2) | (quantum[1]! >> 4));
    if (quantum.length === 3) out.push(((quantum[1]! & 15) << 4) | (quantum[2]! >> 2));
  } else if (padding > 0) return { ok: false, offset: text.length };
  return { ok: true, bytes: Uint8Array.from(out) };
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
