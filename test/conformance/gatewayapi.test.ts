/**
 * Envoy Gateway golden cases (`gatewayapi/*.in.yaml` → `*.out.yaml`): status, attribution and
 * traffic per case. Resolution runs as Envoy Gateway's test harness translates (`profile:
 * 'harness'`: input order, field names matched case-insensitively, no API server in between, only
 * declared namespaces: the case's plus the harness's two).
 * `npm run conformance` prints the summary line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolvePolicies, type ResolveInput } from '../../src/index.js';
import { conformanceDir, hasConformance } from '../support/conformance-dir.js';
import { compareCase, loadCase, withHarnessNamespaces, type CaseResult } from './gatewayapi-compare.js';

const AREAS = ['status', 'attribution', 'traffic'] as const;
const here = path.dirname(fileURLToPath(import.meta.url));
const knownGaps = (parse(readFileSync(path.join(here, 'known-gaps.yaml'), 'utf8')) ?? {}) as Record<string, Partial<Record<(typeof AREAS)[number], string>>>;

const dir = path.join(conformanceDir(), 'gatewayapi');
const cases = hasConformance()
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.in.yaml'))
      .map((f) => f.slice(0, -'.in.yaml'.length))
      .sort()
  : [];

const results: CaseResult[] = [];

describe.runIf(hasConformance())('gatewayapi golden cases', () => {
  for (const name of cases) {
    const gaps = knownGaps[name] ?? {};
    describe(name, () => {
      const { input, output } = loadCase(dir, name);
      const frozenInput = JSON.stringify(input);
      const resolution = resolvePolicies(withHarnessNamespaces(input) as ResolveInput, { profile: 'harness' });
      const result = compareCase(name, resolution, output);
      results.push(result);
      it('does not mutate its input', () => expect(JSON.stringify(input)).toBe(frozenInput));
      for (const area of AREAS) {
        const gap = gaps[area];
        if (gap !== undefined) {
          it.todo(`${area}: known gap — ${gap}`);
          it(`${area}: known gap is still a gap (remove it from known-gaps.yaml when this fails)`, () => {
            expect(result[area].ok).toBe(false);
          });
        } else {
          it(`${area} matches Envoy Gateway`, () => {
            expect(result[area].mismatches.join('\n')).toBe('');
          });
        }
      }
    });
  }
});

afterAll(() => {
  if (results.length === 0) return;
  const count = (area: (typeof AREAS)[number]) => results.filter((r) => r[area].ok).length;
  console.log(`gatewayapi status ${count('status')}/${results.length} attribution ${count('attribution')}/${results.length} traffic ${count('traffic')}/${results.length}`);
});
