/**
 * Envoy accepts what we emit: every resource `emitEnvoy` produces passes the proto checker
 * (test/support/envoy-proto.ts: field names, JSON types, oneofs, `Any` types, `validate.rules`),
 * for the adapted IR of every xds golden case and for `resolvePolicies` + `emitEnvoy` over every
 * gatewayapi golden input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { emitEnvoy, resolvePolicies } from '../../src/index.js';
import { conformanceDir, hasConformance } from '../support/conformance-dir.js';
import { checkEnvoyConfig, loadEnvoyProtos } from '../support/envoy-proto.js';
import { EXPECTED_GOLDEN_REJECTIONS } from '../support/envoy-proto-allowlist.js';
import { adaptXdsIr } from '../conformance/xds-adapter.js';

/**
 * Problems we expect, because the input makes Envoy Gateway produce them too. Not skipped: each is
 * asserted present (by its problem text, after the resource prefix), and nothing else may appear.
 * - xds cases: Envoy Gateway's own golden output that Envoy rejects (EXPECTED_GOLDEN_REJECTIONS).
 * - gatewayapi cases: the inputs are raw policies, not checked by the API server; these are the
 *   ones whose values the CRD forbids and that reach Envoy unchanged, as in Envoy Gateway — plus
 *   fields Envoy has but the proto snapshot lacks and no golden output uses (so the checker's
 *   allowlist, which only admits what some golden needs, cannot list them).
 */
const EXPECTED: Record<string, Array<string | RegExp>> = {
  ...Object.fromEntries(
    [...new Set(EXPECTED_GOLDEN_REJECTIONS.map((e) => e.testCase))].map((c) => [
      `xds/${c}`,
      EXPECTED_GOLDEN_REJECTIONS.filter((e) => e.testCase === c && e.kind !== 'listeners' && e.kind !== 'endpoints').map((e) => e.problem),
    ]),
  ),
  // `abort.httpStatus: 14` (the CRD requires 200–599); Envoy Gateway copies it into HTTPFault.
  'gatewayapi/backendtrafficpolicy-status-fault-injection': [
    '$.virtualHosts[0].routes[0].typedPerFilterConfig["envoy.filters.http.fault"].abort.httpStatus: uint32 14 must be ≥ 200 and < 600 (validate.rules)',
  ],
  // `telemetry.tracing.tags` (map form) → `CustomTag.value`, a member of the `type` oneof in the
  // Envoy Gateway compiles against, absent from the snapshot (envoy-mapping §5.3; no golden uses it).
  'gatewayapi/backendtrafficpolicy-tracing': [
    /\.tracing\.customTags\[\d+\]\.value: unknown field "value" of envoy\.type\.tracing\.v3\.CustomTag$/,
    /\.tracing\.customTags\[\d+\]: oneof envoy\.type\.tracing\.v3\.CustomTag\.type is required \(validate\.required\): set one of literal, environment, requestHeader, metadata$/,
  ],
};

/** Our problems minus the expected ones; fails when an expected one is missing. */
function unexpected(key: string, problems: string[]): string[] {
  const expected = EXPECTED[key] ?? [];
  const matches = (p: string, e: string | RegExp) => (typeof e === 'string' ? p.endsWith(`: ${e}`) : e.test(p));
  for (const e of expected) expect(problems.some((p) => matches(p, e)), `expected problem still reported: ${e}`).toBe(true);
  return problems.filter((p) => !expected.some((e) => matches(p, e)));
}

const names = (sub: string, suffix: string): string[] =>
  hasConformance()
    ? readdirSync(path.join(conformanceDir(), sub))
        .filter((f) => f.endsWith(suffix))
        .map((f) => f.slice(0, -suffix.length))
        .sort()
    : [];

beforeAll(() => {
  loadEnvoyProtos();
});

describe.runIf(hasConformance())('Envoy accepts emitEnvoy output', () => {
  describe('xds golden inputs (adapted IR)', () => {
    for (const name of names(path.join('xds', 'in'), '.yaml')) {
      it(name, () => {
        const ir = parse(readFileSync(path.join(conformanceDir(), 'xds', 'in', `${name}.yaml`), 'utf8'));
        const { resolution, options } = adaptXdsIr(ir);
        const config = emitEnvoy(resolution, options);
        expect(unexpected(`xds/${name}`, checkEnvoyConfig(config))).toEqual([]);
      });
    }
  });

  describe('gatewayapi golden inputs (resolvePolicies + emitEnvoy)', () => {
    for (const name of names('gatewayapi', '.in.yaml')) {
      it(name, () => {
        const text = readFileSync(path.join(conformanceDir(), 'gatewayapi', `${name}.in.yaml`), 'utf8');
        const docs = parseAllDocuments(text).map((d) => d.toJS());
        const input = docs.length === 1 ? docs[0] : docs;
        const config = emitEnvoy(resolvePolicies(input, { profile: 'harness', namespaces: 'inferred', fieldNameMatching: 'exact' }));
        expect(unexpected(`gatewayapi/${name}`, checkEnvoyConfig(config))).toEqual([]);
      });
    }
  });
});
