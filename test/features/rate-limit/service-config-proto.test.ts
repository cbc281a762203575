/**
 * The protojson `RateLimitConfig`s `emitRateLimitConfigs` returns are valid
 * `ratelimit.config.ratelimit.v3.RateLimitConfig` messages, checked strictly (field names, JSON
 * types, enum names, uint32 ranges) against the rate limit service's own `rls_conf.proto` with the
 * checker the Envoy resources use (test/support/envoy-proto.ts): for Envoy Gateway's golden
 * configurations, for ours on every golden input, and (in descriptor-consistency.test.ts) for
 * generated policies.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { emitRateLimitConfigs } from '../../../src/index.js';
import { conformanceDir, hasConformance } from '../../support/conformance-dir.js';
import { checkEnvoyResource, loadRateLimitServiceProto, RATE_LIMIT_CONFIG_TYPE } from '../../support/envoy-proto.js';
import { adaptXdsIr } from '../../conformance/xds-adapter.js';
import { goldenConfig } from '../../conformance/ratelimit-projection.js';
import { goldenCases } from '../../conformance/golden-cases.js';

const check = (json: unknown) => checkEnvoyResource(RATE_LIMIT_CONFIG_TYPE, json);
const dir = path.join(conformanceDir(), 'ratelimit-config');
const cases = goldenCases('ratelimit-config');

describe.runIf(hasConformance() && loadRateLimitServiceProto())('RateLimitConfig against rls_conf.proto', () => {
  it('is checked strictly: unknown fields, enum names, integer ranges and types', () => {
    expect(check({ name: 'd', domain: 'd', descriptors: [{ key: 'k', value: 'v', rateLimit: { unit: 'HOUR', requestsPerUnit: 5 }, shadowMode: true }] })).toEqual([]);
    expect(check({ domain: 'd', descriptors: [{ key: 'k', valueToMetric: true }] })).not.toEqual([]);
    expect(check({ domain: 'd', descriptors: [{ key: 'k', rateLimit: { unit: 'FORTNIGHT' } }] })).not.toEqual([]);
    expect(check({ domain: 'd', descriptors: [{ key: 'k', rateLimit: { unit: 'HOUR', requestsPerUnit: 4294967296 } }] })).not.toEqual([]);
    expect(check({ domain: 'd', descriptors: [{ key: 'k', rateLimit: { unit: 'HOUR', requestsPerUnit: -1 } }] })).not.toEqual([]);
    expect(check({ domain: 'd', descriptors: { key: 'k' } })).not.toEqual([]);
    expect(check({ domain: 5 })).not.toEqual([]);
  });

  for (const name of cases) {
    it(`${name}: Envoy Gateway's configurations and ours are valid RateLimitConfigs`, () => {
      const golden = parseAllDocuments(readFileSync(path.join(dir, 'out', `${name}.yaml`), 'utf8')).map((d) => goldenConfig(d.toJS()));
      expect(golden.flatMap(check)).toEqual([]);
      const input = parse(readFileSync(path.join(dir, 'in', `${name}.yaml`), 'utf8'));
      const ours = emitRateLimitConfigs(adaptXdsIr(input.http ? input : { http: [input] }).resolution).configs;
      expect(ours.length).toBeGreaterThan(0);
      expect(ours.flatMap(check)).toEqual([]);
    });
  }
});
