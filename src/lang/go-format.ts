/**
 * Go's `fmt` printing of the values the Kubernetes API server puts into its error messages: `%q`
 * of a string, `%v` of a number, and `%#v` of the maps and slices a JSON document decodes into
 * (`map[string]interface {}{"a":1}`), so that our messages read byte for byte as the server's.
 */

/** Go's `%q` of a string (strconv.Quote): `"…"` with Go escapes, non-printables as `\x..`/`\u....`. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 0x07) out += '\\a';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0b) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd'; // a lone surrogate is not valid UTF-8
    else if (!isGoPrintable(ch)) out += c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** `unicode.IsPrint` approximated with Unicode properties: letters, marks, numbers, punctuation, symbols, U+0020. */
function isGoPrintable(ch: string): boolean {
  return ch === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch);
}

/**
 * Go's `%v` of a float64 (`strconv.FormatFloat(f, 'g', -1, 64)`): the shortest digits, in
 * exponent form when the exponent is below -4 or at least 6 (`1e+06`, `1e-05`), as `%v` prints them.
 */
function goFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa, exp] = f.toExponential().split('e') as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 6) {
    const sign = e < 0 ? '-' : '+';
    const abs = String(Math.abs(e)).padStart(2, '0');
    return `${mantissa}e${sign}${abs}`;
  }
  // Within that range JavaScript's shortest form is Go's too.
  return String(f);
}

/**
 * A number as a JSON document decodes it for the API server (an int64 when integral and in
 * range, a float64 otherwise), printed with `%v`.
 */
export function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
  return goFloat(n);
}

/**
 * Go's `%#v` of a decoded JSON value: strings quoted, numbers as int64 or float64, `map[string]interface {}{…}`
 * with sorted keys, `[]interface {}{…}`; `interface {}(nil)` for null.
 */
export function goSharpV(value: unknown): string {
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map((v) => goSharpV(v)).join(', ')}}`;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[string]interface {}{${keys.map((k) => `${goQuote(k)}:${goSharpV(o[k])}`).join(', ')}}`;
  }
  return goQuote(String(value));
}
