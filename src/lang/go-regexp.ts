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
 * `\Q…\E`, the nesting-depth limit, and the size limits (`expression too large`, Go ≥ 1.20's text).
 *
 * The size limits are Go's `checkSize`/`calcSize` (regexp/syntax/parse.go): the compiled program
 * may hold at most 3,355,443 instructions (128 MB of 40-byte instructions), counted on the parse
 * tree as Go builds it — literal runs merged into one node of one instruction per rune, a counted
 * repetition its count times its argument (`a{1000}` is 1000), `x*` and a capture two more than
 * their argument, `x+`/`x?` one more, an alternation one more per extra branch, anything else one.
 * Go only starts counting once the product of the repetition counts seen times the nodes
 * allocated says the limit could be passed (its shortcut, reproduced with its allocation count,
 * since a program over the limit that never triggers it is accepted), and it checks each node as
 * it is pushed, before the nesting of counts (`invalid repeat count`) is checked. The tree may
 * also hold at most 33,554,432 runes (128 MB of 4-byte runes): each pushed literal rune counts,
 * each class two per range. Two parts are approximated: Go factors common prefixes out of
 * alternations (`ab|ac` → `a[bc]`), which shrinks a program that this count does not shrink, and
 * a `\p{…}` class counts as one range (Go's tables have hundreds) and `(?i)` adds no folded
 * ranges to a class; so a pattern within a few percent of a limit built from alternations with
 * common prefixes, or one of thousands of Unicode classes, can be judged differently. Within the
 * CRD's 1024 characters that can only change an invalid pattern's error: counts whose nesting
 * multiplies past 1000 are invalid anyway, and without them 1024 characters stay far below the
 * limits, but `(a{1000}b|a{1000}c|a{1000}d|a{1000}e){1000}`, factored by Go into `a{1000}[b-e]`,
 * gets its `invalid repeat count` here as `expression too large`.
 *
 * Why not `re2js` (the JavaScript port of RE2/J): it accepts and rejects the same patterns, but
 * its error texts are RE2/J's, not Go's, for two forms — a trailing backslash (Go quotes the empty
 * rest: ``: `` ``) and an unterminated `(?P<` (Go: `invalid or unsupported Perl syntax`) — and
 * those texts end up in policy status. It also weighs 150 KB minified (46 KB gzipped) against
 * 11 KB (4 KB) for this file.
 */

import { goQuote } from './go-format.js';
import { append } from './append.js';

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
const ErrLarge = 'expression too large';

const MAX_HEIGHT = 1000;
const MAX_REPEAT = 1000;
/** Go's `maxSize`: 128 MB of 40-byte instructions. */
const MAX_SIZE = Math.floor((128 << 20) / 40);
/** Go's `maxRunes`: 128 MB of 4-byte runes. */
const MAX_RUNES = (128 << 20) / 4;

class SyntaxError_ {
  constructor(
    readonly code: string,
    readonly expr: string,
  ) {}
}

type Op =
  | 'leftParen' // pseudo
  | 'verticalBar' // pseudo
  | 'literal' // a run of runes (Go merges consecutive ones into one node)
  | 'charClass'
  | 'anyChar' // `.`
  | 'assertion' // `^ $ \A \z \b \B`
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
  /** Literal: its rune count (grows as runs merge); class: the runes it counts. */
  runes?: number;
  /** Literal: case-insensitive (`(?i)`); runs merge only with the same. Left paren: the flag to restore. */
  fold?: boolean;
  /** A one-rune literal's rune, for merging `a|a` under a vertical bar. */
  rune?: number;
}

/** Go's `isCharClass`: nodes two sides of `|` can merge into one class. */
const isCharClass = (n: Node) => (n.op === 'literal' && n.runes === 1) || n.op === 'charClass' || n.op === 'anyChar';

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
          this.op({ op: 'leftParen', subs: [], cap: this.numCap, fold: this.fold });
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
          this.op({ op: 'assertion', subs: [] });
          t++;
          break;
        case '.':
          this.op({ op: 'anyChar', subs: [] });
          t++;
          break;
        case '[': {
          const r = this.parseClass(t);
          t = r.rest;
          this.charClass(r.runes, r.single);
          break;
        }
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
            this.literal(0x7b);
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
              this.op({ op: 'assertion', subs: [] });
              t += 2;
              break;
            }
            if (next === 'C') throw new SyntaxError_(ErrInvalidEscape, this.text(t, t + 2));
            if (next === 'Q') {
              // \Q ... \E: everything up to \E (or the end) is literal.
              let end = t + 2;
              while (end < cps.length && !(cps[end] === '\\' && cps[end + 1] === 'E')) {
                this.literal(cps[end]!.codePointAt(0)!);
                end++;
              }
              t = end < cps.length ? end + 2 : end;
              break;
            }
          }
          // Go allocates the class before it knows, and frees it for a single-rune escape.
          this.newRegexp();
          const uni = this.parseUnicodeClass(t);
          if (uni !== undefined) {
            this.push({ op: 'charClass', subs: [], runes: 2 });
            t = uni;
            break;
          }
          const perl = this.parsePerlClassEscape(t);
          if (perl !== undefined) {
            this.push({ op: 'charClass', subs: [], runes: 2 });
            t = perl;
            break;
          }
          this.free++;
          const escape = this.parseEscape(t);
          t = escape.rest;
          this.literal(escape.rune);
          break;
        }
        default:
          this.literal(c.codePointAt(0)!);
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

  /** `(?i)` in effect. */
  private fold = false;
  /** Go's `numRegexp` (nodes allocated) and free list (nodes given back for reuse). */
  private numRegexp = 0;
  private free = 0;
  /** Go's `numRunes`, `repeats` and `size` (undefined until size tracking starts). */
  private numRunes = 0;
  private repeats = 0;
  private size: Map<Node, number> | undefined;

  private newRegexp(): void {
    if (this.free > 0) this.free--;
    else this.numRegexp++;
  }

  /** Go's `op`: a new node, pushed. */
  private op(n: Node): void {
    this.newRegexp();
    this.push(n);
  }

  /** Go's `push`: runs of literals merge first (`maybeConcat`), then the limits are checked. */
  private push(n: Node): Node {
    this.numRunes += n.op === 'literal' || n.op === 'charClass' ? n.runes! : 0;
    this.maybeConcat();
    this.stack.push(n);
    this.checkLimits(n);
    return n;
  }

  /** Go's `maybeConcat(-1)`: the top two nodes, both literals of the same case mode, become one. */
  private maybeConcat(): void {
    const n = this.stack.length;
    if (n < 2) return;
    const re1 = this.stack[n - 1]!;
    const re2 = this.stack[n - 2]!;
    if (re1.op !== 'literal' || re2.op !== 'literal' || re1.fold !== re2.fold) return;
    re2.runes! += re1.runes!;
    re2.rune = undefined;
    this.stack.pop();
    this.free++;
  }

  private literal(rune: number): void {
    this.newRegexp();
    this.push({ op: 'literal', subs: [], runes: 1, fold: this.fold, rune });
  }

  /** A bracket class: a single rune becomes a literal (Go's `push` does that), merging into the run before it without a check. */
  private charClass(runes: number, single: number | undefined): void {
    this.newRegexp();
    if (single === undefined) {
      this.push({ op: 'charClass', subs: [], runes });
      return;
    }
    this.numRunes += runes;
    // A letter under (?i) is a case-folded literal; anything else a plain one.
    const ch = String.fromCodePoint(single);
    const fold = this.fold && (ch.toLowerCase() !== ch || ch.toUpperCase() !== ch);
    const n = this.stack.length;
    const re1 = this.stack[n - 1];
    const re2 = this.stack[n - 2];
    if (re1 && re2 && re1.op === 'literal' && re2.op === 'literal' && re1.fold === re2.fold) {
      re2.runes! += re1.runes!;
      re2.rune = undefined;
      Object.assign(re1, { runes: 1, fold, rune: single });
      return;
    }
    this.stack.push({ op: 'literal', subs: [], runes: 1, fold, rune: single });
    this.checkLimits(this.stack[this.stack.length - 1]!);
  }

  private checkLimits(n: Node): void {
    if (this.numRunes > MAX_RUNES) throw new SyntaxError_(ErrLarge, this.whole);
    this.checkSize(n);
    if (height(n) > MAX_HEIGHT) throw new SyntaxError_(ErrNestingDepth, this.whole);
  }

  /** Go's `checkSize`: tracking starts once nodes × the product of repetition counts could pass the limit. */
  private checkSize(n: Node): void {
    if (this.size === undefined) {
      if (this.repeats === 0) this.repeats = 1;
      if (n.op === 'repeat') {
        let count = n.max!;
        if (count === -1) count = n.min!;
        if (count <= 0) count = 1;
        this.repeats = count > Math.floor(MAX_SIZE / this.repeats) ? MAX_SIZE : this.repeats * count;
      }
      if (this.numRegexp < Math.floor(MAX_SIZE / this.repeats)) return;
      this.size = new Map();
      for (const s of this.stack) this.checkSize(s);
    }
    if (this.calcSize(n, true) > MAX_SIZE) throw new SyntaxError_(ErrLarge, this.whole);
  }

  /** Go's `calcSize`: instructions of the compiled program, remembered per node (not recomputed when a literal run grows later, as in Go). */
  private calcSize(n: Node, force: boolean): number {
    const sizes = this.size!;
    if (!force) {
      const known = sizes.get(n);
      if (known !== undefined) return known;
    }
    let size = 0;
    switch (n.op) {
      case 'literal':
        size = n.runes!;
        break;
      case 'capture':
      case 'star':
        size = 2 + this.calcSize(n.subs[0]!, false);
        break;
      case 'plus':
      case 'quest':
        size = 1 + this.calcSize(n.subs[0]!, false);
        break;
      case 'concat':
        for (const sub of n.subs) size += this.calcSize(sub, false);
        break;
      case 'alternate':
        for (const sub of n.subs) size += this.calcSize(sub, false);
        if (n.subs.length > 1) size += n.subs.length - 1;
        break;
      case 'repeat': {
        const sub = this.calcSize(n.subs[0]!, false);
        if (n.max === -1) size = n.min === 0 ? 2 + sub : 1 + n.min! * sub;
        else size = n.max! * sub + (n.max! - n.min!);
        break;
      }
      default:
        break;
    }
    size = Math.max(1, size);
    sizes.set(n, size);
    return size;
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
    this.newRegexp();
    const re: Node = { op, subs: [sub], min, max };
    this.stack[n - 1] = re;
    this.checkLimits(re);
    if (op === 'repeat' && (min >= 2 || max >= 2) && !repeatIsValid(re, MAX_REPEAT)) {
      throw new SyntaxError_(ErrInvalidRepeatSize, this.text(before, after));
    }
    return after;
  }

  private concat(): void {
    this.maybeConcat();
    let i = this.stack.length;
    while (i > 0 && !isPseudo(this.stack[i - 1]!)) i--;
    const subs = this.stack.splice(i);
    if (subs.length === 0) this.op({ op: 'emptyMatch', subs: [] });
    else this.push(this.collapse(subs, 'concat'));
  }

  private alternate(): void {
    let i = this.stack.length;
    while (i > 0 && !isPseudo(this.stack[i - 1]!)) i--;
    const subs = this.stack.splice(i);
    if (subs.length === 0) this.op({ op: 'noMatch', subs: [] });
    else this.push(this.collapse(subs, 'alternate'));
  }

  /** Go's `collapse` (without its factoring of alternations): nested nodes of the same op are flattened, and given back. */
  private collapse(subs: Node[], op: 'concat' | 'alternate'): Node {
    if (subs.length === 1) return subs[0]!;
    this.newRegexp();
    const flat: Node[] = [];
    for (const s of subs) {
      if (s.op === op) {
        append(flat, s.subs);
        this.free++;
      } else flat.push(s);
    }
    return { op, subs: flat };
  }

  private swapVerticalBar(): boolean {
    const n = this.stack.length;
    // Character classes (or single runes) on both sides of a `|` merge into one.
    if (n >= 3 && this.stack[n - 2]!.op === 'verticalBar' && isCharClass(this.stack[n - 1]!) && isCharClass(this.stack[n - 3]!)) {
      const re1 = this.stack[n - 1]!;
      const re3 = this.stack[n - 3]!;
      const sameRune = re1.op === 'literal' && re3.op === 'literal' && re1.rune !== undefined && re1.rune === re3.rune && re1.fold === re3.fold;
      if (!sameRune) {
        const anyChar = re1.op === 'anyChar' || re3.op === 'anyChar';
        this.stack[n - 3] = anyChar ? { op: 'anyChar', subs: [] } : { op: 'charClass', subs: [], runes: (re3.op === 'charClass' ? re3.runes! : 2) + 2 };
      }
      this.free++;
      this.stack.pop();
      return true;
    }
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
    if (!this.swapVerticalBar()) this.op({ op: 'verticalBar', subs: [] });
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
    // Flags end with their group; a capture is the group's node itself (no allocation).
    this.fold = re2.fold!;
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
      this.op({ op: 'leftParen', subs: [], cap: this.numCap, fold: this.fold });
      return end + 1;
    }
    let t = s + 2;
    let negated = false;
    let sawFlag = false;
    // Only `i` is tracked: case folding decides which literals merge into one run.
    let fold = this.fold;
    while (t < cps.length) {
      const c = cps[t]!;
      t++;
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        if (c === 'i') fold = !negated;
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
        // The group's paren keeps the flags to restore at its `)`.
        if (c === ':') this.op({ op: 'leftParen', subs: [], cap: 0, fold: this.fold });
        this.fold = fold;
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

  /**
   * `[...]` starting at `s`: the position after `]`, the runes Go's class holds (two per range
   * once ranges are sorted and merged, after negation), and its rune when it is a single one.
   * Literal runes, ranges, Perl and POSIX classes are counted exactly; a `\p` class counts as one
   * range and case folding under `(?i)` adds none (the approximation the file comment states).
   */
  private parseClass(s: number): { rest: number; runes: number; single: number | undefined } {
    const cps = this.cps;
    let t = s + 1;
    const negated = cps[t] === '^';
    if (negated) t++;
    const ranges: Array<readonly [number, number]> = [];
    let unicode = false;
    let first = true;
    while (t >= cps.length || cps[t] !== ']' || first) {
      first = false;
      // POSIX [:alnum:]
      if (cps.length - t > 2 && cps[t] === '[' && cps[t + 1] === ':') {
        const named = this.parseNamedClass(t);
        if (named !== undefined) {
          append(ranges, named.ranges);
          t = named.rest;
          continue;
        }
      }
      const uni = this.parseUnicodeClass(t);
      if (uni !== undefined) {
        unicode = true;
        t = uni;
        continue;
      }
      const perl = this.parsePerlClassEscape(t);
      if (perl !== undefined) {
        append(ranges, perlClassRanges(cps[t + 1]!));
        t = perl;
        continue;
      }
      const rangeStart = t;
      const lo = this.parseClassChar(t, s);
      t = lo.rest;
      let hi = lo;
      if (cps.length - t >= 2 && cps[t] === '-' && cps[t + 1] !== ']') {
        t++;
        hi = this.parseClassChar(t, s);
        t = hi.rest;
        if (hi.rune < lo.rune) throw new SyntaxError_(ErrInvalidCharRange, this.text(rangeStart, t));
      }
      ranges.push([lo.rune, hi.rune]);
    }
    let merged = mergeRanges(ranges);
    if (negated) merged = complementRanges(merged);
    const count = merged.length + (unicode ? 1 : 0);
    const single = !unicode && merged.length === 1 && merged[0]![0] === merged[0]![1] ? merged[0]![0] : undefined;
    return { rest: t + 1, runes: 2 * count, single };
  }

  private parseClassChar(s: number, wholeClass: number): { rune: number; rest: number } {
    if (s >= this.cps.length) throw new SyntaxError_(ErrMissingBracket, this.text(wholeClass));
    if (this.cps[s] === '\\') return this.parseEscape(s);
    return { rune: this.cps[s]!.codePointAt(0)!, rest: s + 1 };
  }

  private parseNamedClass(s: number): { rest: number; ranges: Ranges } | undefined {
    const end = this.nextPosixEnd(s + 2);
    if (end < 0) return undefined;
    const name = this.text(s + 2, end);
    const negated = name.startsWith('^');
    const ranges = POSIX_CLASSES.get(negated ? name.slice(1) : name);
    if (ranges === undefined) throw new SyntaxError_(ErrInvalidCharRange, `[:${name}:]`);
    return { rest: end + 2, ranges: negated ? complementRanges(ranges) : ranges };
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

type Ranges = ReadonlyArray<readonly [number, number]>;
const r = (a: string, b = a): [number, number] => [a.codePointAt(0)!, b.codePointAt(0)!];

/** Go's POSIX classes (regexp/syntax's `posixGroup`), as code-point ranges. */
const POSIX_CLASSES: ReadonlyMap<string, Ranges> = new Map<string, Ranges>([
  ['alnum', [r('0', '9'), r('A', 'Z'), r('a', 'z')]],
  ['alpha', [r('A', 'Z'), r('a', 'z')]],
  ['ascii', [[0, 0x7f]]],
  ['blank', [r('\t'), r(' ')]],
  ['cntrl', [[0, 0x1f], [0x7f, 0x7f]]],
  ['digit', [r('0', '9')]],
  ['graph', [r('!', '~')]],
  ['lower', [r('a', 'z')]],
  ['print', [r(' ', '~')]],
  ['punct', [r('!', '/'), r(':', '@'), r('[', '`'), r('{', '~')]],
  ['space', [r('\t', '\r'), r(' ')]],
  ['upper', [r('A', 'Z')]],
  ['word', [r('0', '9'), r('A', 'Z'), r('_'), r('a', 'z')]],
  ['xdigit', [r('0', '9'), r('A', 'F'), r('a', 'f')]],
]);

/** Go's Perl classes `\d \s \w` (regexp/syntax's `perlGroup`) and their negations `\D \S \W`. */
function perlClassRanges(c: string): Ranges {
  const base: Ranges =
    c === 'd' || c === 'D' ? [r('0', '9')] : c === 's' || c === 'S' ? [r('\t', '\n'), r('\f', '\r'), r(' ')] : POSIX_CLASSES.get('word')!;
  return c === c.toUpperCase() ? complementRanges(base) : base;
}

/** Sorted, with overlapping and adjacent ranges merged (Go's `cleanClass`). */
function mergeRanges(ranges: Ranges): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** The ranges of every code point not in `ranges` (Go's `negateClass`, over 0..0x10FFFF). */
function complementRanges(ranges: Ranges): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [lo, hi] of mergeRanges(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

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
