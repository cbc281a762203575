/**
 * The regular expressions under test and the adversarial strings for them (shared by regex.test.ts
 * and the fuzz run).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import * as model from '../../src/model/index.js';
import { goRegexpError } from '../../src/lang/go-regexp.js';

export const srcModel = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'model');

/** Per single match of a 100k-character string; linear patterns need well under 5 ms. */
export const BUDGET_MS = 200;
export const N = 100_000;

/** Every regex check reachable from the exported zod schemas (`pattern` in the CRD). */
export function schemaPatterns(): RegExp[] {
  const seen = new Set<unknown>();
  const found = new Map<string, RegExp>();
  type Def = Record<string, unknown> & { checks?: Array<{ _zod?: { def?: { pattern?: unknown } } }> };
  const walk = (schema: unknown): void => {
    const zod = (schema as { _zod?: { def: Def; bag?: { patterns?: Set<RegExp> } } } | null)?._zod;
    if (!zod || seen.has(schema)) return;
    seen.add(schema);
    const def = zod.def;
    for (const check of def.checks ?? []) {
      const p = check._zod?.def?.pattern;
      if (p instanceof RegExp) found.set(String(p), p);
    }
    for (const p of zod.bag?.patterns ?? []) found.set(String(p), p);
    for (const key of ['innerType', 'in', 'out', 'element', 'keyType', 'valueType', 'left', 'right', 'catchall', 'rest']) walk(def[key]);
    const shape = typeof def.shape === 'function' ? (def.shape as () => unknown)() : def.shape;
    if (shape && typeof shape === 'object') for (const v of Object.values(shape)) walk(v);
    for (const o of (def.options as unknown[] | undefined) ?? []) walk(o);
    for (const o of (def.items as unknown[] | undefined) ?? []) walk(o);
    if (typeof def.getter === 'function') walk((def.getter as () => unknown)());
  };
  for (const value of Object.values(model)) walk(value);
  return [...found.values()];
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? tsFiles(full) : f.endsWith('.ts') ? [full] : [];
  });
}

/**
 * Regex literals in the source (`/…/flags` after `(`, `:`, `=`, `,`, `return` or `?`): a small
 * tokenizer that understands escapes and character classes, enough for the patterns of src/model.
 */
export function sourceRegexLiterals(dir = srcModel): Array<{ file: string; re: RegExp }> {
  const literal = /(?<=[(:=,?!&|]\s*|return\s+)\/((?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\[\n*])(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\[\n])*)\/([dgimsuvy]*)/g;
  const out: Array<{ file: string; re: RegExp }> = [];
  for (const file of tsFiles(dir)) {
    const text = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => !/^\s*(\*|\/\/)/.test(l))
      .join('\n');
    for (const m of text.matchAll(literal)) {
      try {
        out.push({ file: path.relative(srcModel, file), re: new RegExp(m[1]!, m[2]!.replace(/[gy]/g, '')) });
      } catch {
        // not a regex literal after all
      }
    }
  }
  return out;
}

/** The characters a pattern talks about (literals and class members), plus generic troublemakers. */
export function alphabetOf(re: RegExp): string[] {
  const chars = new Set<string>(['a', 'z', 'A', '0', '1', '9', '-', '.', '_', ':', '/', '=', '+', ' ', '\n', '\r', '\u0000', 'e', 'E', 'i', 'k', 'K', 'm', 'M', 's', 'h', '😀']);
  for (const c of re.source.replace(/\\[nrt0]|\\x[0-9a-f]{2}/gi, '')) if (c >= ' ' && c <= '~' && !'^$()[]{}|?*\\'.includes(c)) chars.add(c);
  return [...chars];
}

/** Adversarial strings for a pattern: long runs and alternations of its own characters, with a bad tail. */
export function adversarialInputs(re: RegExp): string[] {
  const alphabet = alphabetOf(re);
  const out: string[] = [];
  for (const c of alphabet) {
    out.push(c.repeat(N), `${c.repeat(N)}!`, `!${c.repeat(N)}`);
  }
  const core = alphabet.slice(0, 12);
  for (const a of core) for (const b of core) if (a !== b) out.push(`${(a + b).repeat(N / 2)}\u0000`);
  out.push(
    `${'a.'.repeat(N / 2)}-`,
    `${'a-'.repeat(N / 2)}-`,
    `${'a'.repeat(N)}.`,
    `${'1'.repeat(N)}x`,
    `${'1h'.repeat(N / 2)}x`,
    `1e${'1'.repeat(N)}x`,
    `.${'1'.repeat(N)}.`,
    `${'AAAA\n'.repeat(N / 5)}!`,
    `${'A\r\n'.repeat(N / 3)}=`,
    `${'AA=='.repeat(N / 4)}`,
    `${'a-a.'.repeat(N / 4)}-.`,
  );
  return out;
}


/** Building blocks of RE2 syntax (for the syntax checker's never-throws property). */
export const regexChars = fc.constantFrom(...'()[]{}|*+?\\^$.:-,0123456789aAzZpPQEdDsSwWxbB<>=!#&~_ \n😀'.split(''), '\\p{', '\\x{', '(?P<', '(?i', '[:', ':]', '{1000}', '\\Q', '\\E');

/** The RE2 syntax checker returns (an error text or undefined) for any pattern. */
export const goRegexpNeverThrows = () =>
  fc.property(fc.array(regexChars, { maxLength: 60 }), (parts) => {
    goRegexpError(parts.join(''));
  });

/** A string over a pattern's own alphabet, repeated to 100k characters, matches within the budget. */
export const patternsStayLinear = () => {
  const patterns = schemaPatterns();
  return fc.property(fc.nat(patterns.length - 1), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.nat(), (i, picks, tail) => {
    const re = patterns[i]!;
    const alphabet = alphabetOf(re);
    const unit = picks.map((p) => alphabet[p % alphabet.length]!).join('');
    const s = unit.repeat(Math.ceil(N / unit.length)) + alphabet[tail % alphabet.length]!;
    const t = performance.now();
    re.test(s);
    const ms = performance.now() - t;
    if (ms >= BUDGET_MS) {
      const again = performance.now();
      re.test(s);
      const retry = performance.now() - again;
      if (retry >= BUDGET_MS) throw new Error(`${String(re)} took ${retry.toFixed(0)} ms on (${JSON.stringify(unit)})×${Math.ceil(N / unit.length)}`);
    }
  });
};
