/**
 * Envoy Gateway's ratelimit-config golden cases (`ratelimit-config/in/<case>.yaml`, the xds IR
 * shape → `out/<case>.yaml`, the rate limit service's configuration per domain, and
 * `out/<case>.routes.yaml`, the routes' rate limit actions per domain): each IR is adapted into a
 * Resolution (`xds-adapter.ts`), then `emitRateLimitConfigs` and the global rate limit route
 * feature run on it. A case passes when both the configurations (domains in order; routes in
 * order unless the IR is hand-written, see `withRouteOrderIgnored`) and every route's actions per
 * domain equal the golden ones (`ratelimit-projection.ts`). Every configuration we emit is also checked against
 * the service's loader rules. Cases we cannot match are listed, with the reason, in
 * `ratelimit-config-known-gaps.yaml`: reported as todo and asserted to still fail.
 * `npm run conformance` prints the `ratelimit-config N/M` line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { emitRateLimitConfigs, rateLimitServiceFile } from '../../src/features/rate-limit/service-config.js';
import { rateLimitServiceConfigProblems } from '../../src/features/rate-limit/service-config-loader.js';
import { conformanceDir, hasConformance } from '../support/conformance-dir.js';
import { adaptXdsIr } from './xds-adapter.js';
import { canonical, goldenCases, goldenCaseTest, knownGapsOf, type GoldenOutcome } from './golden-cases.js';
import { goldenConfig, goldenRouteActions, ourConfigs, ourRouteActions, withRouteOrderIgnored } from './ratelimit-projection.js';

type Json = Record<string, any>;

const knownGaps = knownGapsOf('ratelimit-config-known-gaps.yaml');
const dir = path.join(conformanceDir(), 'ratelimit-config');
const cases = goldenCases('ratelimit-config');

const readDocs = (file: string): Json[] => {
  try {
    return parseAllDocuments(readFileSync(file, 'utf8'))
      .map((d) => d.toJS() as Json | null)
      .filter((d): d is Json => d !== null);
  } catch {
    return [];
  }
};

interface CaseOutcome extends GoldenOutcome {
  loaderProblems: string[];
}

function runCase(name: string): CaseOutcome {
  const input = parse(readFileSync(path.join(dir, 'in', `${name}.yaml`), 'utf8')) as Json;
  // An input may be a single HTTP listener rather than the whole IR.
  const ir = input.http || input.tcp || input.udp ? input : { http: [input] };
  const adapted = adaptXdsIr(ir);
  const emitted = emitRateLimitConfigs(adapted.resolution);
  const mismatches: string[] = [];

  const wantConfigs = withRouteOrderIgnored(readDocs(path.join(dir, 'out', `${name}.yaml`)).map(goldenConfig), adapted);
  const gotConfigs = withRouteOrderIgnored(ourConfigs(emitted.configs, adapted), adapted);
  if (canonical(wantConfigs) !== canonical(gotConfigs)) {
    mismatches.push(`configuration:\n    expected ${canonical(wantConfigs)}\n    got      ${canonical(gotConfigs)}`);
  }

  // Route order is the xds suite's business; here each route's actions per domain are compared.
  const sortDocs = (docs: Json[]) => docs.map(canonical).sort();
  const wantRoutes = sortDocs(readDocs(path.join(dir, 'out', `${name}.routes.yaml`)).map(goldenRouteActions));
  const gotRoutes = sortDocs(ourRouteActions(adapted));
  if (JSON.stringify(wantRoutes) !== JSON.stringify(gotRoutes)) {
    mismatches.push(`route actions:\n    expected ${wantRoutes.join('\n             ')}\n    got      ${gotRoutes.join('\n             ')}`);
  }
  for (const d of emitted.diagnostics) mismatches.push(`diagnostic: ${d.severity} ${d.path}: ${d.message}`);
  if (adapted.unsupported.length > 0 && mismatches.length > 0) mismatches.unshift(`adapter: ${adapted.unsupported.join('; ')}`);

  const loaderProblems = emitted.configs.flatMap((c) => rateLimitServiceConfigProblems(rateLimitServiceFile(c)).map((p) => `${c.domain}: ${p.path}: ${p.message}`));
  return { name, ok: mismatches.length === 0, mismatches, loaderProblems };
}

const outcomes: CaseOutcome[] = [];

describe.runIf(hasConformance())('ratelimit-config golden cases', () => {
  for (const name of cases) {
    const outcome = runCase(name);
    outcomes.push(outcome);
    goldenCaseTest(outcome, knownGaps, 'ratelimit-config-known-gaps.yaml', "matches Envoy Gateway's rate limit service configuration and route actions");
    it(`${name}: every configuration we emit is one the rate limit service loads`, () => {
      expect(outcome.loaderProblems).toEqual([]);
    });
  }

  it('lists only existing cases as known gaps', () => {
    expect(Object.keys(knownGaps).filter((k) => !cases.includes(k))).toEqual([]);
  });
});

afterAll(() => {
  if (outcomes.length === 0) return;
  console.log(`ratelimit-config ${outcomes.filter((o) => o.ok).length}/${outcomes.length}`);
});
