/**
 * No regular expression of the library is ReDoS-prone: every `pattern` of the CRD (found by
 * walking the zod schemas: what user strings are actually matched with) runs on long adversarial
 * strings — 100k-character runs of near-matches — under a time budget; the model's parsers that use
 * regexes of their own (durations, quantities) get the same inputs; and the RE2 syntax checker for
 * user regexes (`go-regexp.ts`, which never runs them) stays linear on long patterns.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGoDuration, parseDuration, parseGoDuration, parseQuantity, quantityAsInt64 } from '../../src/model/index.js';
import { goRegexpError } from '../../src/lang/go-regexp.js';
import { adversarialInputs, BUDGET_MS, goRegexpNeverThrows, N, patternsStayLinear, schemaPatterns, sourceRegexLiterals, srcModel } from './patterns.js';
import { SEED } from './properties.js';

/** Milliseconds `fn` takes; on a slow first try, the best of three (a loaded machine is not a ReDoS). */
function timed(fn: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 3 && best >= BUDGET_MS / 4; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

const timeMatch = (re: RegExp, s: string): number => timed(() => re.test(s));

const patterns = schemaPatterns().map((re) => ({ re, from: 'schema' }));

describe('regular expressions are not ReDoS-prone', () => {
  it('finds the CRD patterns in the schemas and every regex literal of src/model', () => {
    const schema = new Set(schemaPatterns().map(String));
    // Every `pattern:` / `.regex(` literal of the source is reachable from the schemas.
    for (const { file, re } of sourceRegexLiterals()) {
      const source = readFileSync(path.join(srcModel, file), 'utf8');
      if (source.includes(`pattern: ${String(re)}`)) expect(schema.has(String(re)), `${file}: ${String(re)}`).toBe(true);
    }
    expect(schema.size).toBeGreaterThanOrEqual(10);
  });

  const PARSERS: Record<string, (s: string) => unknown> = { parseDuration, parseGoDuration, parseQuantity, quantityAsInt64 };
  for (const [name, parse] of Object.entries(PARSERS)) {
    it(`${name} handles 100k-character near-matches within ${BUDGET_MS} ms`, () => {
      const inputs = [
        ...adversarialInputs(/0123456789.eEhmsunµkKMGTPi+-/),
        `${'1s'.repeat(N / 2)}`,
        `1.${'1'.repeat(N)}s`,
        `${'1.'.repeat(N / 2)}s`,
        `-${'9'.repeat(N)}h`,
        `${'9'.repeat(N)}m`,
        `1e${'9'.repeat(N)}`,
        `${'1'.repeat(N)}Ki`,
      ];
      let worst = { ms: 0, input: '' };
      for (const s of inputs) {
        const ms = timed(() => parse(s));
        if (ms > worst.ms) worst = { ms, input: s };
      }
      expect(worst.ms, `worst input: ${JSON.stringify(worst.input.slice(0, 40))}… (${worst.input.length} chars)`).toBeLessThan(BUDGET_MS);
    });
  }

  it('formatGoDuration handles every magnitude', () => {
    for (const ns of [0, 1, -1, 999, 1e3, 1e6, 1e9 + 1, 2 ** 53, -(2 ** 53), 9.2e18, Number.MAX_VALUE, -Number.MAX_VALUE]) {
      expect(timed(() => formatGoDuration(ns))).toBeLessThan(BUDGET_MS);
    }
  });

  for (const { re, from } of patterns) {
    it(`${String(re)} (${from}) matches 100k-character near-matches within ${BUDGET_MS} ms`, () => {
      let worst = { ms: 0, input: '' };
      for (const s of adversarialInputs(re)) {
        const ms = timeMatch(re, s);
        if (ms > worst.ms) worst = { ms, input: s };
      }
      expect(worst.ms, `worst input: ${JSON.stringify(worst.input.slice(0, 40))}… (${worst.input.length} chars)`).toBeLessThan(BUDGET_MS);
    });
  }

  it('random strings over each pattern’s alphabet, repeated to 100k characters, match within the budget', () => {
    fc.assert(patternsStayLinear(), { seed: SEED, numRuns: 60 });
  });
});

describe('the RE2 syntax checker (user regexes in rate-limit matches)', () => {
  const LONG: Record<string, string> = {
    'open parens': '('.repeat(N),
    'close parens': ')'.repeat(N),
    'nested non-capturing groups': `${'(?:'.repeat(N / 3)}a${')'.repeat(N / 3)}`,
    alternations: 'a|'.repeat(N / 2),
    'stacked repetitions': '(a?)'.repeat(N / 4),
    'counted repetitions': 'a{1000}'.repeat(N / 7),
    'POSIX classes': '[[:alpha:]]'.repeat(N / 11),
    'unterminated POSIX names': `[${'[:a'.repeat(N / 3)}]`,
    'Unicode classes': '\\p{Greek}'.repeat(N / 9),
    'an unterminated Unicode class': `\\p{${'x'.repeat(N)}`,
    'named groups': '(?P<n>a)'.repeat(N / 8),
    'a quoted run': `\\Q${'x'.repeat(N)}`,
    backslashes: '\\'.repeat(N),
    'an unterminated class': `[${'a'.repeat(N)}`,
    'astral characters': '😀'.repeat(N / 2),
    'lone surrogates': '\ud800'.repeat(N),
  };
  for (const [name, pattern] of Object.entries(LONG)) {
    it(`checks 100k characters of ${name} in linear time without throwing`, () => {
      const t = performance.now();
      expect(() => goRegexpError(pattern)).not.toThrow();
      expect(performance.now() - t).toBeLessThan(1000);
    });
  }

  it('never throws on arbitrary patterns', () => {
    fc.assert(goRegexpNeverThrows(), { seed: SEED, numRuns: 2000 });
  });
});
