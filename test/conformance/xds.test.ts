/**
 * Envoy Gateway's xDS golden cases (`xds/in/<case>.yaml` → `xds/out/<case>.{clusters,routes,listeners}.yaml`):
 * each IR is adapted into a Resolution (`xds-adapter.ts`), emitted with `emitEnvoy`, and compared
 * with the golden output on the fields BTPs control (`xds-projection.ts`). A case passes only when
 * the whole projection is equal. Cases we cannot match are listed, with the reason, in
 * `xds-known-gaps.yaml`: reported as todo and asserted to still fail.
 * `npm run conformance` prints the `xds N/M` line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitEnvoy } from '../../src/index.js';
import { conformanceDir, hasConformance } from '../support/conformance-dir.js';
import { adaptXdsIr } from './xds-adapter.js';
import { projectGolden, projectOurs, type Projection } from './xds-projection.js';

type Json = Record<string, any>;

const here = path.dirname(fileURLToPath(import.meta.url));
const knownGaps = (parse(readFileSync(path.join(here, 'xds-known-gaps.yaml'), 'utf8')) ?? {}) as Record<string, string>;

const dir = path.join(conformanceDir(), 'xds');
const cases = hasConformance()
  ? readdirSync(path.join(dir, 'in'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -'.yaml'.length))
      .sort()
  : [];

if (!hasConformance()) console.warn(`conformance data not found at ${conformanceDir()}: xds suite skipped (set BTP_CONFORMANCE_DIR)`);

const readList = (file: string): Json[] => {
  try {
    return (parse(readFileSync(file, 'utf8')) ?? []) as Json[];
  } catch {
    return [];
  }
};

/** Every difference between two projections, as `path: expected … got …` lines. */
function differences(want: unknown, got: unknown, at = ''): string[] {
  if (JSON.stringify(want) === JSON.stringify(got)) return [];
  const bothObjects = want && got && typeof want === 'object' && typeof got === 'object' && Array.isArray(want) === Array.isArray(got);
  if (!bothObjects) return [`${at || '<root>'}: expected ${JSON.stringify(want)}\n    got      ${JSON.stringify(got)}`];
  if (Array.isArray(want) && Array.isArray(got) && want.length !== got.length) {
    return [`${at}: expected ${want.length} items, got ${got.length}\n    expected ${JSON.stringify(want)}\n    got      ${JSON.stringify(got)}`];
  }
  const keys = [...new Set([...Object.keys(want as Json), ...Object.keys(got as Json)])].sort();
  return keys.flatMap((k) => differences((want as Json)[k], (got as Json)[k], at ? `${at}.${k}` : k));
}

/** Structural equality of JSON values, ignoring key order. */
const canonical = (v: unknown): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));

interface CaseOutcome {
  name: string;
  ok: boolean;
  mismatches: string[];
}

function runCase(name: string): CaseOutcome {
  const ir = parse(readFileSync(path.join(dir, 'in', `${name}.yaml`), 'utf8')) as Json;
  const golden = {
    clusters: readList(path.join(dir, 'out', `${name}.clusters.yaml`)),
    routes: readList(path.join(dir, 'out', `${name}.routes.yaml`)),
    listeners: readList(path.join(dir, 'out', `${name}.listeners.yaml`)),
  };
  const adapted = adaptXdsIr(ir);
  const ours = emitEnvoy(adapted.resolution, adapted.options);
  const want: Projection = projectGolden(golden, adapted);
  const got: Projection = projectOurs(ours, adapted);
  const mismatches = canonical(want) === canonical(got) ? [] : differences(JSON.parse(canonical(want)), JSON.parse(canonical(got)));
  if (adapted.unsupported.length > 0 && mismatches.length > 0) mismatches.unshift(`adapter: ${adapted.unsupported.join('; ')}`);
  return { name, ok: mismatches.length === 0, mismatches };
}

const outcomes: CaseOutcome[] = [];

describe.runIf(hasConformance())('xds golden cases', () => {
  for (const name of cases) {
    const outcome = runCase(name);
    outcomes.push(outcome);
    const gap = knownGaps[name];
    if (gap !== undefined) {
      it.todo(`${name}: known gap — ${gap}`);
      it(`${name}: known gap is still a gap (remove it from xds-known-gaps.yaml when this fails)`, () => {
        expect(outcome.ok).toBe(false);
      });
    } else {
      it(`${name} matches Envoy Gateway on the BTP-controlled fields`, () => {
        expect(outcome.mismatches.join('\n')).toBe('');
      });
    }
  }

  it('lists only existing cases as known gaps', () => {
    expect(Object.keys(knownGaps).filter((k) => !cases.includes(k))).toEqual([]);
  });
});

afterAll(() => {
  if (outcomes.length === 0) return;
  console.log(`xds ${outcomes.filter((o) => o.ok).length}/${outcomes.length}`);
});
