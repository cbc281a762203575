/**
 * What the IR-driven conformance suites (`xds`, `ratelimit-config`) share: the case names of an
 * area (`<area>/in/<case>.yaml`), the known-gaps file beside the suite, the test of one case, and
 * structural equality of JSON values.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { conformanceDir, hasConformance } from '../support/conformance-dir.js';

/** The sorted case names of `<conformance>/<area>/in/*.yaml` (none without the conformance data). */
export function goldenCases(area: string): string[] {
  if (!hasConformance()) return [];
  return readdirSync(path.join(conformanceDir(), area, 'in'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** A known-gaps file (`<case>: <why>`) of `test/conformance/`. */
export function knownGapsOf(file: string): Record<string, string> {
  return (parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), file), 'utf8')) ?? {}) as Record<string, string>;
}

/** A JSON value as text with object keys sorted: equal texts are structurally equal values. */
export const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));

/** What a suite found for one case. */
export interface GoldenOutcome {
  name: string;
  ok: boolean;
  mismatches: string[];
}

/**
 * The test of one case: it must match (`title` says what), or, when `gaps` lists it, it is a todo
 * with the reason and must still fail (so the list is trimmed when a gap closes).
 */
export function goldenCaseTest(outcome: GoldenOutcome, gaps: Record<string, string>, gapsFile: string, title: string): void {
  const gap = gaps[outcome.name];
  if (gap !== undefined) {
    it.todo(`${outcome.name}: known gap — ${gap}`);
    it(`${outcome.name}: known gap is still a gap (remove it from ${gapsFile} when this fails)`, () => {
      expect(outcome.ok).toBe(false);
    });
  } else {
    it(`${outcome.name} ${title}`, () => {
      expect(outcome.mismatches.join('\n')).toBe('');
    });
  }
}
