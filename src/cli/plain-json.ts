/**
 * One item of a large JSON `kind: List` (what `kubectl get -o json` prints) read with `JSON.parse`
 * when the text is JSON that both read alike: the 5,000 items of an 18 MB List took 140–210 ms
 * so, scan included, against 4.3–5.4 s through the YAML parser. btp
 * reads JSON with its YAML reader (JSON is YAML), and this must not change an answer, so the text
 * is scanned first and anything where the two could differ is left to the YAML reader:
 *
 * - a duplicate key, which the YAML reader refuses and `JSON.parse` lets the last one win: the
 *   scan counts the `:` outside strings (one per key in valid JSON), and the parsed value must
 *   have as many keys;
 * - numbers with an exponent (YAML 1.1 reads `1e400` as a string) or of more than 15 characters,
 *   and `-0` (an integer 0 in YAML);
 * - characters YAML reads otherwise: line breaks of YAML 1.1 (U+0085, U+2028, U+2029), C1 controls
 *   and DEL, U+FEFF, U+FFFE, U+FFFF and lone surrogates in a string, raw or escaped;
 * - whitespace other than spaces and line breaks between tokens, and nesting deeper than
 *   {@link MAX_DEPTH} (the YAML reader refuses past 256).
 *
 * What falls back is read as before; the property test beside the List reader checks the two
 * agree on generated JSON with all of these.
 */

/** Containers nested deeper than this are left to the YAML reader (which refuses past 256 levels). */
const MAX_DEPTH = 200;
/** Numbers longer than this are left to the YAML reader. */
const MAX_NUMBER_LENGTH = 15;

/** Is code unit `c` a character the YAML reader may read otherwise than `JSON.parse`, in a string? */
const unusual = (c: number): boolean =>
  (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff;

/** The index after the string starting at `i` (a `"`), or -1 when it holds an unusual character. */
function scanString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c === 0x5c) {
      j++;
      if (text.charCodeAt(j) !== 0x75) continue; // \" \\ \/ \b \f \n \r \t; anything else fails JSON.parse
      const code = Number.parseInt(text.slice(j + 1, j + 5), 16);
      if (Number.isNaN(code) || unusual(code) || (code >= 0xd800 && code <= 0xdfff)) return -1;
      j += 4;
      continue;
    }
    if (c < 0x20 || unusual(c)) return -1;
    if (c >= 0xd800 && c <= 0xdfff) {
      // Only a high surrogate followed by a low one: one character beyond U+FFFF.
      const next = text.charCodeAt(j + 1);
      if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return -1;
      j++;
    }
  }
  return -1;
}

/** The value of `text` when it is JSON that `JSON.parse` and btp's YAML reader read alike, else undefined. */
export function plainJson(text: string): { value: unknown } | undefined {
  let colons = 0;
  let depth = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x2c) {
      i++;
    } else if (c === 0x0d) {
      if (text.charCodeAt(i + 1) !== 0x0a) return undefined;
      i += 2;
    } else if (c === 0x22) {
      i = scanString(text, i);
      if (i === -1) return undefined;
    } else if (c === 0x3a) {
      colons++;
      i++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_DEPTH) return undefined;
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let j = i + 1;
      for (let d = text.charCodeAt(j); (d >= 0x30 && d <= 0x39) || d === 0x2e; d = text.charCodeAt(++j));
      if (j - i > MAX_NUMBER_LENGTH || (j - i === 2 && c === 0x2d && text.charCodeAt(i + 1) === 0x30)) return undefined;
      i = j; // an exponent (`e`) is not a character this scan takes: it falls back below
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
      i += 4;
    } else if (text.startsWith('false', i)) {
      i += 5;
    } else {
      return undefined;
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return keyCount(value) === colons ? { value } : undefined;
}

/** The keys of every object in `value`. */
function keyCount(value: unknown): number {
  let keys = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const item of v) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    for (const k in v) {
      keys++;
      const item = (v as Record<string, unknown>)[k];
      if (item !== null && typeof item === 'object') stack.push(item);
    }
  }
  return keys;
}
