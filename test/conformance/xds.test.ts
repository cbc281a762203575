/**
 * Envoy Gateway's xDS golden cases (`xds/in/<case>.yaml` → `xds/out/<case>.{clusters,routes,listeners}.yaml`):
 * each IR is adapted into a Resolution (`xds-adapter.ts`), emitted with `emitEnvoy`, and compared
 * with the golden output on the fields BTPs control (`xds-projection.ts`). A case passes only when
 * the whole projection is equal. Cases we cannot match are listed, with the reason, in
 * `xds-known-gaps.yaml`: reported as todo and asserted to still fail.
 * `npm run conformance` prints the `xds N/M` line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitEnvoy } from '../../src/index.js';
import { conformanceDir, hasConformance } from '../support/conformance-dir.js';
import { adaptXdsIr } from './xds-adapter.js';
import { projectGolden, projectOurs, type Projection } from './xds-projection.js';
import { canonical, goldenCases, goldenCaseTest, knownGapsOf, type GoldenOutcome } from './golden-cases.js';

type Json = Record<string, any>;

const knownGaps = knownGapsOf('xds-known-gaps.yaml');
const dir = path.join(conformanceDir(), 'xds');
const cases = goldenCases('xds');

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


function runCase(name: string): GoldenOutcome {
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

const outcomes: GoldenOutcome[] = [];

describe.runIf(hasConformance())('xds golden cases', () => {
  for (const name of cases) {
    const outcome = runCase(name);
    outcomes.push(outcome);
    goldenCaseTest(outcome, knownGaps, 'xds-known-gaps.yaml', 'matches Envoy Gateway on the BTP-controlled fields');
  }

  it('lists only existing cases as known gaps', () => {
    expect(Object.keys(knownGaps).filter((k) => !cases.includes(k))).toEqual([]);
  });
});

afterAll(() => {
  if (outcomes.length === 0) return;
  console.log(`xds ${outcomes.filter((o) => o.ok).length}/${outcomes.length}`);
});
