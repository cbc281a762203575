/**
 * Go's `encoding/pem.Decode`: the first PEM block of some bytes (`-----BEGIN TYPE-----`, optional
 * `Key: value` headers, base64 lines, `-----END TYPE-----`), its type and its decoded bytes. A
 * malformed candidate is skipped, as Go does, and the search goes on after it.
 */
import { decodeBase64 } from './base64.js';

export interface PemBlock {
  type: string;
  bytes: Uint8Array;
}

const BEGIN = '-----BEGIN ';
const END = '-----END ';
const DASHES = '-----';

/** The first well-formed PEM block in `data` (read as Latin-1 text, as PEM is ASCII), or undefined. */
export function decodePem(data: Uint8Array): PemBlock | undefined {
  let text = '';
  for (const byte of data) text += String.fromCharCode(byte);
  // A BEGIN line starts the data or follows a newline.
  let begin = text.startsWith(BEGIN) ? 0 : -1;
  for (;;) {
    if (begin < 0) {
      const nl = text.indexOf(`\n${BEGIN}`);
      if (nl < 0) return undefined;
      begin = nl + 1;
    }
    const block = blockAt(text, begin);
    if (block) return block;
    const nl = text.indexOf(`\n${BEGIN}`, begin);
    if (nl < 0) return undefined;
    begin = nl + 1;
  }
}

/** The block whose BEGIN line starts at `begin`, if it is well formed. */
function blockAt(text: string, begin: number): PemBlock | undefined {
  const lineEnd = lineEndAt(text, begin);
  const typeLine = text.slice(begin + BEGIN.length, lineEnd.end).replace(/[ \t]+$/, '');
  if (!typeLine.endsWith(DASHES)) return undefined;
  const type = typeLine.slice(0, -DASHES.length);
  const endMarker = `${END}${type}${DASHES}`;
  let rest = lineEnd.next;
  // Headers: `Key: value` lines up to a blank line (only when the first line has a colon).
  const firstLine = text.slice(rest, lineEndAt(text, rest).end);
  if (firstLine.includes(':')) {
    for (;;) {
      const { end, next } = lineEndAt(text, rest);
      const line = text.slice(rest, end);
      if (next === rest) return undefined;
      rest = next;
      if (line.trim() === '') break;
      if (!line.includes(':')) return undefined;
    }
  }
  const endIndex = text.indexOf(endMarker, rest);
  if (endIndex < 0) return undefined;
  // The END line must start a line, and only whitespace may follow it on that line.
  if (endIndex > 0 && text[endIndex - 1] !== '\n') return undefined;
  const after = text.slice(endIndex + endMarker.length, lineEndAt(text, endIndex).end);
  if (after.trim() !== '') return undefined;
  const body = text.slice(rest, endIndex).replace(/[ \t\r\n]/g, '');
  const decoded = decodeBase64(body);
  return decoded.ok ? { type, bytes: decoded.bytes } : undefined;
}

/** The end of the line starting at `at` (before `\r\n` or `\n`) and the start of the next. */
function lineEndAt(text: string, at: number): { end: number; next: number } {
  const nl = text.indexOf('\n', at);
  if (nl < 0) return { end: text.length, next: text.length };
  return { end: nl > at && text[nl - 1] === '\r' ? nl - 1 : nl, next: nl + 1 };
}
