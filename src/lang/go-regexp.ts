/**
 * Syntax check of a regular expression as Go's `regexp.Compile` does it (RE2 syntax, Perl flags),
 * with Go's own error texts: Envoy Gateway copies them into policy status messages, e.g.
 * ``error parsing regexp: missing argument to repetition operator: `*` ``.
 *
 * This is a re-statement of the parser's *acceptance rules* (what `regexp/syntax` rejects, and
 * which part of the expression it quotes), not a matcher: nothing here evaluates a regex.
 * Covered: repetition operators and counts (`{n,m}` ≤ 1000, nested counts), stacked repetitions,
 * groups and flags (`(?i)`, `(?:…)`, `(?P<name>…)`, `(?<name>…)`), character classes, POSIX
 * classes, `\p{…}` Unicode classes (Go 1.25 names: categories and their long aliases, scripts,
 * `Any`, `ASCII`, `Assigned`, matched case-insensitively ignoring ` `, `_` and `-`), escapes,
 * `\Q…\E`, and the nesting-depth limit. Not covered: the program-size limit (`expression too
 * large`), which needs very large repetition counts of large classes.
 *
 * Why not `re2js` (the JavaScript port of RE2/J): it accepts and rejects the same patterns, but
 * its error texts are RE2/J's, not Go's, for two forms — a trailing backslash (Go quotes the empty
 * rest: ``: `` ``) and an unterminated `(?P<` (Go: `invalid or unsupported Perl syntax`) — and
 * those texts end up in policy status. It also weighs 150 KB minified (46 KB gzipped) against
 * 11 KB (4 KB) for this file.
 */

import { goQuote } from './go-format.js';

/** Go's `regexp/syntax` error codes. */
const ErrInvalidCharRange = 'invalid character class range';
const ErrInvalidEscape = 'invalid escape sequence';
const ErrInvalidNamedCapture = 'invalid named capture';
const ErrInvalidPerlOp = 'invalid or unsupported Perl syntax';
const ErrInvalidRepeatOp = 'invalid nested repetition operator';
const ErrInvalidRepeatSize = 'invalid repeat count';
const ErrMissingBracket = 'missing closing ]';
const ErrMissingParen = 'missing closing )';
const ErrMissingRepeatArgument = 'missing argument to repetition operator';
const ErrTrailingBackslash = 'trailing backslash at end of expression';
const ErrUnexpectedParen = 'unexpected )';
const ErrNestingDepth = 'expression nests too deeply';

const MAX_HEIGHT = 1000;
const MAX_REPEAT = 1000;

class SyntaxError_ {
  constructor(
    readonly code: string,
    readonly expr: string,
  ) {}
}

type Op =
  | 'leftParen' // pseudo
  | 'verticalBar' // pseudo
  | 'leaf'
  | 'emptyMatch'
  | 'noMatch'
  | 'capture'
  | 'star'
  | 'plus'
  | 'quest'
  | 'repeat'
  | 'concat'
  | 'alternate';

interface Node {
  op: Op;
  subs: Node[];
  min?: number;
  max?: number;
  /** Capture index (0 for a non-capturing group marker). */
  cap?: number;
  height?: number;
}

const isPseudo = (n: Node) => n.op === 'leftParen' || n.op === 'verticalBar';

/**
 * The error Go's `regexp.Compile(pattern)` returns, as text
 * (``error parsing regexp: <code>: `<expr>` ``), or `undefined` when Go accepts the pattern.
 */
export function goRegexpError(pattern: string): string | undefined {
  try {
    new Parser(pattern).parse();
    return undefined;
  } catch (e) {
    if (e instanceof SyntaxError_) return `error parsing regexp: ${e.code}: \`${e.expr}\``;
    throw e;
  }
}

/** Envoy Gateway's `regex.Validate`: `regex "<pattern>" is invalid: <Go error>`, or undefined. */
export function validateGoRegex(pattern: string): string | undefined {
  const err = goRegexpError(pattern);
  return err === undefined ? undefined : `regex ${goQuote(pattern)} is invalid: ${err}`;
}

// ---------------------------------------------------------------------------------------------

class Parser {
  private readonly cps: string[];
  private stack: Node[] = [];
  private numCap = 0;

  constructor(private readonly whole: string) {
    this.cps = Array.from(whole);
  }

  private text(from: number, to = this.cps.length): string {
    return this.cps.slice(from, to).join('');
  }

  private at(i: number): string | undefined {
    return this.cps[i];
  }

  parse(): void {
    const cps = this.cps;
    let t = 0;
    let lastRepeat = -1; // index where the previous repetition operator started
    while (t < cps.length) {
      let repeat = -1;
      const c = cps[t]!;
      switch (c) {
        case '(':
          if (this.at(t + 1) === '?') {
            t = this.parsePerlFlags(t);
            break;
          }
          this.numCap++;
          this.push({ op: 'leftParen', subs: [], cap: this.numCap });
          t++;
          break;
        case '|':
          this.parseVerticalBar();
          t++;
          break;
        case ')':
          this.parseRightParen();
          t++;
          break;
        case '^':
        case '$':
        case '.':
          this.leaf();
          t++;
          break;
        case '[':
          t = this.parseClass(t);
          this.leaf();
          break;
        case '*':
        case '+':
        case '?': {
          const before = t;
          const op: Op = c === '*' ? 'star' : c === '+' ? 'plus' : 'quest';
          t = this.repeat(op, 0, 0, before, t + 1, lastRepeat);
          repeat = before;
          break;
        }
        case '{': {
          const before = t;
          const r = this.parseRepeat(t);
          if (!r) {
            // Not a valid repetition: `{` is a literal.
            this.leaf();
            t++;
            break;
          }
          const { min, max, after } = r;
          if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
            throw new SyntaxError_(ErrInvalidRepeatSize, this.text(before, after));
          }
          t = this.repeat('repeat', min, max, before, after, lastRepeat);
          repeat = before;
          break;
        }
        case '\\': {
          const next = this.at(t + 1);
          if (next !== undefined) {
            if (next === 'A' || next === 'b' || next === 'B' || next === 'z') {
              this.leaf();
              t += 2;
              break;
            }
            if (next === 'C') throw new SyntaxError_(ErrInvalidEscape, this.text(t, t + 2));
            if (next === 'Q') {
              // \Q ... \E: everything up to \E (or the end) is literal.
              let end = t + 2;
              while (end < cps.length && !(cps[end] === '\\' && cps[end + 1] === 'E')) {
                this.leaf();
                end++;
              }
              t = end < cps.length ? end + 2 : end;
              break;
            }
          }
          const uni = this.parseUnicodeClass(t);
          if (uni !== undefined) {
            this.leaf();
            t = uni;
            break;
          }
          const perl = this.parsePerlClassEscape(t);
          if (perl !== undefined) {
            this.leaf();
            t = perl;
            break;
          }
          t = this.parseEscape(t).rest;
          this.leaf();
          break;
        }
        default:
          this.leaf();
          t++;
      }
      lastRepeat = repeat;
    }
    this.concat();
    if (this.swapVerticalBar()) this.stack.pop();
    this.alternate();
    if (this.stack.length !== 1) throw new SyntaxError_(ErrMissingParen, this.whole);
  }

  // --- stack -----------------------------------------------------------------------------------

  private push(n: Node): Node {
    this.stack.push(n);
    if (height(n) > MAX_HEIGHT) throw new SyntaxError_(ErrNestingDepth, this.whole);
    return n;
  }

  private leaf(): void {
    this.push({ op: 'leaf', subs: [] });
  }

  private repeat(op: Op, min: number, max: number, before: number, after: number, lastRepeat: number): number {
    if (this.at(after) === '?') after++; // non-greedy
    if (lastRepeat >= 0) {
      // Perl forbids stacking repetition operators: `a**` is an error, not a double star.
      throw new SyntaxError_(ErrInvalidRepeatOp, this.text(lastRepeat, after));
    }
    const n = this.stack.length;
    const sub = this.stack[n - 1];
    if (sub === undefined || isPseudo(sub)) throw new SyntaxError_(ErrMissingRepeatArgument, this.text(before, after));
    const re: Node = { op, subs: [sub], min, max };
    this.stack[n - 1] = re;
    if (height(re) > MAX_HEIGHT) throw new SyntaxError_(ErrNestingDepth, this.whole);
    if (op === 'repeat' && (min >= 2 || max >= 2) && !repeatIsValid(re, MAX_REPEAT)) {
      throw new SyntaxError_(ErrInvalidRepeatSize, this.text(before, after));
    }
    return after;
  }

  private concat(): void {
    let i = this.stack.length;
    while (i > 0 && !isPseudo(this.stack[i - 1]!)) i--;
    const subs = this.stack.splice(i);
    this.push(subs.length === 0 ? { op: 'emptyMatch', subs: [] } : collapse(subs, 'concat'));
  }

  private alternate(): void {
    let i = this.stack.length;
    while (i > 0 && !isPseudo(this.stack[i - 1]!)) i--;
    const subs = this.stack.splice(i);
    this.push(subs.length === 0 ? { op: 'noMatch', subs: [] } : collapse(subs, 'alternate'));
  }

  private swapVerticalBar(): boolean {
    const n = this.stack.length;
    if (n >= 2 && this.stack[n - 2]!.op === 'verticalBar') {
      const top = this.stack[n - 1]!;
      this.stack[n - 1] = this.stack[n - 2]!;
      this.stack[n - 2] = top;
      return true;
    }
    return false;
  }

  private parseVerticalBar(): void {
    this.concat();
    if (!this.swapVerticalBar()) this.push({ op: 'verticalBar', subs: [] });
  }

  private parseRightParen(): void {
    this.concat();
    if (this.swapVerticalBar()) this.stack.pop();
    this.alternate();
    const n = this.stack.length;
    if (n < 2) throw new SyntaxError_(ErrUnexpectedParen, this.whole);
    const re1 = this.stack[n - 1]!;
    const re2 = this.stack[n - 2]!;
    this.stack.length = n - 2;
    if (re2.op !== 'leftParen') throw new SyntaxError_(ErrUnexpectedParen, this.whole);
    this.push(re2.cap === 0 ? re1 : { op: 'capture', subs: [re1] });
  }

  // --- groups and flags ------------------------------------------------------------------------

  /** `(?…`: named captures, flag groups `(?i)`, non-capturing groups `(?flags:…)`. Returns the new position. */
  private parsePerlFlags(s: number): number {
    const cps = this.cps;
    const startsWithP = cps.length - s > 4 && cps[s + 2] === 'P' && cps[s + 3] === '<';
    const startsWithName = cps.length - s > 3 && cps[s + 2] === '<';
    if (startsWithP || startsWithName) {
      const exprStart = s + (startsWithP ? 4 : 3);
      let end = -1;
      for (let i = s; i < cps.length; i++) {
        if (cps[i] === '>') {
          end = i;
          break;
        }
      }
      if (end < 0) throw new SyntaxError_(ErrInvalidNamedCapture, this.text(s));
      const name = this.text(exprStart, end);
      if (!/^[A-Za-z0-9_]+$/.test(name)) throw new SyntaxError_(ErrInvalidNamedCapture, this.text(s, end + 1));
      this.numCap++;
      this.push({ op: 'leftParen', subs: [], cap: this.numCap });
      return end + 1;
    }
    let t = s + 2;
    let negated = false;
    let sawFlag = false;
    while (t < cps.length) {
      const c = cps[t]!;
      t++;
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        sawFlag = true;
        continue;
      }
      if (c === '-') {
        if (negated) break;
        negated = true;
        sawFlag = false;
        continue;
      }
      if (c === ':' || c === ')') {
        if (negated && !sawFlag) break;
        if (c === ':') this.push({ op: 'leftParen', subs: [], cap: 0 });
        return t;
      }
      break;
    }
    throw new SyntaxError_(ErrInvalidPerlOp, this.text(s, t));
  }

  // --- repetition counts -----------------------------------------------------------------------

  /** `{n}`, `{n,}`, `{n,m}` at `s`; undefined when the text is not of that form. `min` is -1 when a number is too big. */
  private parseRepeat(s: number): { min: number; max: number; after: number } | undefined {
    let t = s + 1;
    const a = this.parseInt(t);
    if (!a) return undefined;
    let min = a.n;
    let max: number;
    t = a.rest;
    if (t >= this.cps.length) return undefined;
    if (this.cps[t] !== ',') max = min;
    else {
      t++;
      if (t >= this.cps.length) return undefined;
      if (this.cps[t] === '}') max = -1;
      else {
        const b = this.parseInt(t);
        if (!b) return undefined;
        max = b.n;
        t = b.rest;
        if (max < 0) min = -1;
      }
    }
    if (t >= this.cps.length || this.cps[t] !== '}') return undefined;
    return { min, max, after: t + 1 };
  }

  private parseInt(s: number): { n: number; rest: number } | undefined {
    const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
    if (!isDigit(this.cps[s])) return undefined;
    if (this.cps[s] === '0' && isDigit(this.cps[s + 1])) return undefined; // no leading zeros
    let t = s;
    let n = 0;
    while (isDigit(this.cps[t])) {
      if (n >= 0) n = n >= 1e8 ? -1 : n * 10 + Number(this.cps[t]);
      t++;
    }
    return { n, rest: t };
  }

  // --- classes and escapes ---------------------------------------------------------------------

  /** `[...]` starting at `s`; returns the position after `]`. */
  private parseClass(s: number): number {
    const cps = this.cps;
    let t = s + 1;
    if (cps[t] === '^') t++;
    let first = true;
    while (t >= cps.length || cps[t] !== ']' || first) {
      first = false;
      // POSIX [:alnum:]
      if (cps.length - t > 2 && cps[t] === '[' && cps[t + 1] === ':') {
        const named = this.parseNamedClass(t);
        if (named !== undefined) {
          t = named;
          continue;
        }
      }
      const uni = this.parseUnicodeClass(t);
      if (uni !== undefined) {
        t = uni;
        continue;
      }
      const perl = this.parsePerlClassEscape(t);
      if (perl !== undefined) {
        t = perl;
        continue;
      }
      const rangeStart = t;
      const lo = this.parseClassChar(t, s);
      t = lo.rest;
      if (cps.length - t >= 2 && cps[t] === '-' && cps[t + 1] !== ']') {
        t++;
        const hi = this.parseClassChar(t, s);
        t = hi.rest;
        if (hi.rune < lo.rune) throw new SyntaxError_(ErrInvalidCharRange, this.text(rangeStart, t));
      }
    }
    return t + 1;
  }

  private parseClassChar(s: number, wholeClass: number): { rune: number; rest: number } {
    if (s >= this.cps.length) throw new SyntaxError_(ErrMissingBracket, this.text(wholeClass));
    if (this.cps[s] === '\\') return this.parseEscape(s);
    return { rune: this.cps[s]!.codePointAt(0)!, rest: s + 1 };
  }

  private parseNamedClass(s: number): number | undefined {
    const end = this.nextPosixEnd(s + 2);
    if (end < 0) return undefined;
    const name = `[:${this.text(s + 2, end)}:]`;
    if (!POSIX_GROUPS.has(name)) throw new SyntaxError_(ErrInvalidCharRange, name);
    return end + 2;
  }

  /** Where the first `:]` at or after `from` starts (-1: none); one backward pass, so long patterns stay linear. */
  private posixEnds: Int32Array | undefined;
  private nextPosixEnd(from: number): number {
    if (this.posixEnds === undefined) {
      const cps = this.cps;
      const ends = new Int32Array(cps.length + 1).fill(-1);
      for (let i = cps.length - 2; i >= 0; i--) ends[i] = cps[i] === ':' && cps[i + 1] === ']' ? i : ends[i + 1]!;
      this.posixEnds = ends;
    }
    return from < this.posixEnds.length ? this.posixEnds[from]! : -1;
  }

  /** `\pX`, `\p{Name}`, `\PX`, `\P{^Name}` at `s`; undefined when `s` is not such an escape. */
  private parseUnicodeClass(s: number): number | undefined {
    const cps = this.cps;
    if (cps[s] !== '\\' || (cps[s + 1] !== 'p' && cps[s + 1] !== 'P')) return undefined;
    let name: string;
    let seqEnd: number;
    const c = cps[s + 2];
    if (c !== '{') {
      seqEnd = c === undefined ? s + 2 : s + 3;
      name = c ?? '';
    } else {
      let end = -1;
      for (let i = s; i < cps.length; i++) {
        if (cps[i] === '}') {
          end = i;
          break;
        }
      }
      if (end < 0) throw new SyntaxError_(ErrInvalidCharRange, this.text(s));
      seqEnd = end + 1;
      name = this.text(s + 3, end);
    }
    if (name.startsWith('^')) name = name.slice(1);
    if (!isUnicodeClassName(name)) throw new SyntaxError_(ErrInvalidCharRange, this.text(s, seqEnd));
    return seqEnd;
  }

  /** `\d \D \s \S \w \W` at `s`. */
  private parsePerlClassEscape(s: number): number | undefined {
    if (this.cps[s] !== '\\') return undefined;
    const c = this.cps[s + 1];
    return c !== undefined && 'dDsSwW'.includes(c) ? s + 2 : undefined;
  }

  /** A single-character escape at `s` (which holds `\`): its code point and the position after it. */
  private parseEscape(s: number): { rune: number; rest: number } {
    const cps = this.cps;
    let t = s + 1;
    if (t >= cps.length) throw new SyntaxError_(ErrTrailingBackslash, '');
    const c = cps[t]!;
    t++;
    const invalid = () => new SyntaxError_(ErrInvalidEscape, this.text(s, t));
    const isOctal = (x: string | undefined) => x !== undefined && x >= '0' && x <= '7';
    switch (c) {
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
      case '0': {
        // A single non-zero digit is a backreference: not supported.
        if (c !== '0' && !isOctal(cps[t])) throw invalid();
        let r = Number(c);
        for (let i = 1; i < 3 && isOctal(cps[t]); i++) r = r * 8 + Number(cps[t++]);
        return { rune: r, rest: t };
      }
      case 'x': {
        if (t >= cps.length) throw invalid();
        const c1 = cps[t++]!;
        if (c1 === '{') {
          let nhex = 0;
          let r = 0;
          for (;;) {
            if (t >= cps.length) throw invalid();
            const d = cps[t++]!;
            if (d === '}') break;
            const v = unhex(d);
            if (v < 0) throw invalid();
            r = r * 16 + v;
            if (r > 0x10ffff) throw invalid();
            nhex++;
          }
          if (nhex === 0) throw invalid();
          return { rune: r, rest: t };
        }
        const x = unhex(c1);
        const c2 = cps[t];
        if (c2 !== undefined) t++;
        const y = c2 === undefined ? -1 : unhex(c2);
        if (x < 0 || y < 0) throw invalid();
        return { rune: x * 16 + y, rest: t };
      }
      case 'a':
        return { rune: 7, rest: t };
      case 'f':
        return { rune: 12, rest: t };
      case 'n':
        return { rune: 10, rest: t };
      case 'r':
        return { rune: 13, rest: t };
      case 't':
        return { rune: 9, rest: t };
      case 'v':
        return { rune: 11, rest: t };
      default: {
        const cp = c.codePointAt(0)!;
        // Escaped ASCII punctuation is itself; escaped letters, digits and non-ASCII are errors.
        if (cp < 0x80 && !/[A-Za-z0-9]/.test(c)) return { rune: cp, rest: t };
        throw invalid();
      }
    }
  }
}

function unhex(c: string): number {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  if (c >= 'a' && c <= 'f') return c.charCodeAt(0) - 97 + 10;
  if (c >= 'A' && c <= 'F') return c.charCodeAt(0) - 65 + 10;
  return -1;
}

function collapse(subs: Node[], op: 'concat' | 'alternate'): Node {
  if (subs.length === 1) return subs[0]!;
  const flat: Node[] = [];
  for (const s of subs) {
    if (s.op === op) flat.push(...s.subs);
    else flat.push(s);
  }
  return { op, subs: flat };
}

function height(n: Node): number {
  if (n.height !== undefined) return n.height;
  let h = 1;
  for (const s of n.subs) h = Math.max(h, 1 + height(s));
  n.height = h;
  return h;
}

/** Nested counted repetitions may not multiply past 1000 (`(a{500}){3}` is invalid). */
function repeatIsValid(re: Node, n: number): boolean {
  if (re.op === 'repeat') {
    let m = re.max!;
    if (m === 0) return true;
    if (m < 0) m = re.min!;
    if (m > n) return false;
    if (m > 0) n = Math.trunc(n / m);
  }
  return re.subs.every((s) => repeatIsValid(s, n));
}

const POSIX_NAMES = ['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit'];
const POSIX_GROUPS = new Set(POSIX_NAMES.flatMap((n) => [`[:${n}:]`, `[:^${n}:]`]));

/** Go's Unicode general categories (`unicode.Categories`), their long aliases, and the special names. */
const CATEGORY_NAMES = [
  'C', 'Cc', 'Cf', 'Cn', 'Co', 'Cs', 'L', 'LC', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn',
  'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps', 'S', 'Sc', 'Sk', 'Sm', 'So',
  'Z', 'Zl', 'Zp', 'Zs',
  'Any', 'ASCII', 'Assigned',
  'Cased_Letter', 'Close_Punctuation', 'Combining_Mark', 'Connector_Punctuation', 'Control',
  'Currency_Symbol', 'Dash_Punctuation', 'Decimal_Number', 'Enclosing_Mark', 'Final_Punctuation',
  'Format', 'Initial_Punctuation', 'Letter', 'Letter_Number', 'Line_Separator', 'Lowercase_Letter',
  'Mark', 'Math_Symbol', 'Modifier_Letter', 'Modifier_Symbol', 'Nonspacing_Mark', 'Number',
  'Open_Punctuation', 'Other', 'Other_Letter', 'Other_Number', 'Other_Punctuation', 'Other_Symbol',
  'Paragraph_Separator', 'Private_Use', 'Punctuation', 'Separator', 'Space_Separator', 'Spacing_Mark',
  'Surrogate', 'Symbol', 'Titlecase_Letter', 'Unassigned', 'Uppercase_Letter', 'cntrl', 'digit', 'punct',
];

/** Go's `unicode.Scripts` (Unicode 15). */
const SCRIPT_NAMES = [
  'Adlam', 'Ahom', 'Anatolian_Hieroglyphs', 'Arabic', 'Armenian', 'Avestan', 'Balinese', 'Bamum',
  'Bassa_Vah', 'Batak', 'Bengali', 'Bhaiksuki', 'Bopomofo', 'Brahmi', 'Braille', 'Buginese', 'Buhid',
  'Canadian_Aboriginal', 'Carian', 'Caucasian_Albanian', 'Chakma', 'Cham', 'Cherokee', 'Chorasmian',
  'Common', 'Coptic', 'Cuneiform', 'Cypriot', 'Cypro_Minoan', 'Cyrillic', 'Deseret', 'Devanagari',
  'Dives_Akuru', 'Dogra', 'Duployan', 'Egyptian_Hieroglyphs', 'Elbasan', 'Elymaic', 'Ethiopic',
  'Georgian', 'Glagolitic', 'Gothic', 'Grantha', 'Greek', 'Gujarati', 'Gunjala_Gondi', 'Gurmukhi',
  'Han', 'Hangul', 'Hanifi_Rohingya', 'Hanunoo', 'Hatran', 'Hebrew', 'Hiragana', 'Imperial_Aramaic',
  'Inherited', 'Inscriptional_Pahlavi', 'Inscriptional_Parthian', 'Javanese', 'Kaithi', 'Kannada',
  'Katakana', 'Kawi', 'Kayah_Li', 'Kharoshthi', 'Khitan_Small_Script', 'Khmer', 'Khojki', 'Khudawadi',
  'Lao', 'Latin', 'Lepcha', 'Limbu', 'Linear_A', 'Linear_B', 'Lisu', 'Lycian', 'Lydian', 'Mahajani',
  'Makasar', 'Malayalam', 'Mandaic', 'Manichaean', 'Marchen', 'Masaram_Gondi', 'Medefaidrin',
  'Meetei_Mayek', 'Mende_Kikakui', 'Meroitic_Cursive', 'Meroitic_Hieroglyphs', 'Miao', 'Modi',
  'Mongolian', 'Mro', 'Multani', 'Myanmar', 'Nabataean', 'Nag_Mundari', 'Nandinagari', 'New_Tai_Lue',
  'Newa', 'Nko', 'Nushu', 'Nyiakeng_Puachue_Hmong', 'Ogham', 'Ol_Chiki', 'Old_Hungarian', 'Old_Italic',
  'Old_North_Arabian', 'Old_Permic', 'Old_Persian', 'Old_Sogdian', 'Old_South_Arabian', 'Old_Turkic',
  'Old_Uyghur', 'Oriya', 'Osage', 'Osmanya', 'Pahawh_Hmong', 'Palmyrene', 'Pau_Cin_Hau', 'Phags_Pa',
  'Phoenician', 'Psalter_Pahlavi', 'Rejang', 'Runic', 'Samaritan', 'Saurashtra', 'Sharada', 'Shavian',
  'Siddham', 'SignWriting', 'Sinhala', 'Sogdian', 'Sora_Sompeng', 'Soyombo', 'Sundanese',
  'Syloti_Nagri', 'Syriac', 'Tagalog', 'Tagbanwa', 'Tai_Le', 'Tai_Tham', 'Tai_Viet', 'Takri', 'Tamil',
  'Tangsa', 'Tangut', 'Telugu', 'Thaana', 'Thai', 'Tibetan', 'Tifinagh', 'Tirhuta', 'Toto', 'Ugaritic',
  'Vai', 'Vithkuqi', 'Wancho', 'Warang_Citi', 'Yezidi', 'Yi', 'Zanabazar_Square',
];

/** Go 1.25 compares class names case-insensitively, ignoring spaces, underscores and hyphens (UTS #18). */
const canonicalClassName = (name: string) => name.replace(/[ _-]/g, '').toLowerCase();
const UNICODE_CLASS_NAMES = new Set([...CATEGORY_NAMES, ...SCRIPT_NAMES].map(canonicalClassName));

function isUnicodeClassName(name: string): boolean {
  return name !== '' && UNICODE_CLASS_NAMES.has(canonicalClassName(name));
}
