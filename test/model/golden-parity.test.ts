/**
 * Every BackendTrafficPolicy of Envoy Gateway's gatewayapi golden inputs goes through
 * parseBackendTrafficPolicy. Envoy Gateway's translator tests feed objects straight into Go structs,
 * bypassing the API server, so some cases are built to be invalid at the CRD level (to exercise the
 * translator's own errors). Those are listed below with the CRD rule that rejects them; everything
 * else must parse. The table is cross-checked against a validator built mechanically from the CRD
 * (`test/support/crd-reference.ts`), so it is the CRD's verdict, not ours.
 */
import { describe, expect, it } from 'vitest';
import { parseBackendTrafficPolicy } from '../../src/model/parse.js';
import { hasConformance } from '../support/conformance-dir.js';
import { crdOpenApiSchema } from '../support/crd.js';
import { createReferenceValidator } from '../support/crd-reference.js';
import { goldenPolicies } from '../support/golden.js';

interface ExpectedRejection {
  file: string;
  policy: string;
  /** The API server's findings (path and message), excluding the "rules were not checked" note. */
  issues: Array<{ path: string; message: string }>;
  /** The CRD rule that rejects it. */
  why: string;
}

const DURATION = '^([0-9]{1,5}(h|m|s|ms)){1,4}$';
const EG_QUANTITY = '^[1-9]+[0-9]*([EPTGMK]i|[EPTGMk])?$';

const EXPECTED_REJECTIONS: ExpectedRejection[] = [
  {
    file: 'backendtrafficpolicy-buffer-limit-with-invalid-value.in.yaml',
    policy: 'default/policy-for-route',
    issues: [
      { path: 'spec.connection.bufferLimit', message: `Invalid value: "100m": should match '${EG_QUANTITY}'` },
      { path: 'spec.connection.bufferLimit', message: '"spec.connection.bufferLimit" must validate all the schemas (allOf)' },
    ],
    why: '"100m" (milli) matches the generic Quantity pattern but not the allOf pattern EG adds on quantity fields',
  },
  {
    file: 'backendtrafficpolicy-dns-lookup-family.in.yaml',
    // The file lists two policies with this name; the second one (on httproute-1) carries the bad family.
    policy: 'default/backend-traffic-policy#2',
    issues: [
      {
        path: 'spec.dns.lookupFamily',
        message: 'Unsupported value: "IPv4Only": supported values: "IPv4", "IPv6", "IPv4Preferred", "IPv6Preferred", "IPv4AndIPv6"',
      },
    ],
    why: 'lookupFamily has enum [IPv4, IPv6, IPv4Preferred, IPv6Preferred, IPv4AndIPv6]; the case tests the translator with an unknown family',
  },
  {
    file: 'backendtrafficpolicy-status-fault-injection.in.yaml',
    policy: 'envoy-gateway/policy-for-gateway',
    issues: [{ path: 'spec.faultInjection.abort.httpStatus', message: 'Invalid value: 14: should be greater than or equal to 200' }],
    why: 'abort.httpStatus has minimum 200 (maximum 600)',
  },
  {
    file: 'backendtrafficpolicy-status-fault-injection.in.yaml',
    policy: 'default/policy-for-route',
    issues: [{ path: 'spec.faultInjection.delay.fixedDelay', message: `Invalid value: "5.4s": should match '${DURATION}'` }],
    why: 'fixedDelay is a Gateway API Duration: no fractions (Go would parse "5.4s", the CRD pattern does not)',
  },
  {
    file: 'backendtrafficpolicy-status-fault-injection.in.yaml',
    policy: 'default/policy-for-grpcroute',
    issues: [{ path: 'spec.faultInjection.delay.fixedDelay', message: `Invalid value: "5.4s": should match '${DURATION}'` }],
    why: 'same Duration pattern as above',
  },
  {
    file: 'backendtrafficpolicy-with-circuitbreakers-error.in.yaml',
    policy: 'envoy-gateway/policy-for-gateway',
    issues: [{ path: 'spec.circuitBreaker.maxConnections', message: 'Invalid value: -1: should be greater than or equal to 0' }],
    why: 'circuitBreaker thresholds are int64 with minimum 0 (maximum 4294967295)',
  },
  {
    file: 'backendtrafficpolicy-with-circuitbreakers-error.in.yaml',
    policy: 'default/policy-for-route',
    issues: [{ path: 'spec.circuitBreaker.maxRequestsPerConnection', message: 'Invalid value: -1: should be greater than or equal to 0' }],
    why: 'maxRequestsPerConnection has minimum 0',
  },
  {
    file: 'backendtrafficpolicy-with-circuitbreakers-error.in.yaml',
    policy: 'default/policy-for-route2',
    issues: [{ path: 'spec.circuitBreaker.maxParallelRetries', message: 'Invalid value: -1: should be greater than or equal to 0' }],
    why: 'maxParallelRetries has minimum 0',
  },
  {
    file: 'backendtrafficpolicy-with-loadbalancer-invalid-consistent-hash-table-size.in.yaml',
    policy: 'default/policy-for-route',
    issues: [{ path: 'spec.loadBalancer.consistentHash.type', message: 'Required value' }],
    why: 'consistentHash.type is required (the case only sets tableSize)',
  },
  {
    file: 'backendtrafficpolicy-with-loadbalancer-invalid-consistent-hash-table-size.in.yaml',
    policy: 'default/policy-for-route2',
    issues: [
      { path: 'spec.loadBalancer.consistentHash.type', message: 'Required value' },
      { path: 'spec.loadBalancer.consistentHash.tableSize', message: 'Invalid value: 5000012: should be less than or equal to 5000011' },
    ],
    why: 'consistentHash.type is required, and tableSize has maximum 5000011',
  },
  {
    file: 'httproute-and-backendtrafficpolicy-with-timeout-error.in.yaml',
    policy: 'default/policy-for-route',
    issues: [{ path: 'spec.timeout.tcp.connectTimeout', message: `Invalid value: "20kib": should match '${DURATION}'` }],
    why: 'connectTimeout is a Gateway API Duration',
  },
];

const key = (file: string, policy: string) => `${file} ${policy}`;
const expected = new Map(EXPECTED_REJECTIONS.map((e) => [key(e.file, e.policy), e]));

describe.skipIf(!hasConformance())('golden BackendTrafficPolicies (gatewayapi/*.in.yaml)', () => {
  const goldens = hasConformance() ? goldenPolicies() : [];

  it('finds the golden policies', () => {
    expect(goldens.length).toBeGreaterThan(200);
    expect(new Set(goldens.map((g) => g.file)).size).toBeGreaterThan(100);
  });

  it.each(goldens.map((g) => [g.file, g.name, g] as const))('%s %s', (_file, _name, golden) => {
    const result = parseBackendTrafficPolicy(golden.policy);
    const rejection = expected.get(key(golden.file, golden.name));
    if (!rejection) {
      expect(result.success ? [] : result.issues).toEqual([]);
      expect(result.warnings).toEqual([]);
      return;
    }
    expect(result.success).toBe(false);
    if (result.success) return;
    const findings = result.issues.filter((i) => i.code !== 'celSkipped').map(({ path, message }) => ({ path, message }));
    expect(findings).toEqual(rejection.issues);
  });

  it('every expected rejection names a golden policy', () => {
    const names = new Set(goldens.map((g) => key(g.file, g.name)));
    expect(EXPECTED_REJECTIONS.filter((e) => !names.has(key(e.file, e.policy)))).toEqual([]);
  });

  it('the expected rejections are exactly what the CRD rejects (reference validator built from the CRD)', () => {
    const reference = createReferenceValidator(crdOpenApiSchema());
    const rejected = new Map<string, string[]>();
    for (const g of goldens) {
      const r = reference.validate(g.policy);
      if (!r.valid) rejected.set(key(g.file, g.name), [...r.schema.map((i) => i.path), ...r.cel.map((c) => `${c.path}: ${c.message}`)]);
    }
    expect([...rejected.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [k, paths] of rejected) expect(paths).toEqual(expected.get(k)!.issues.map((i) => i.path));
  });

  it('summary: per-policy verdicts', () => {
    const rows = goldens.map((g) => {
      const r = parseBackendTrafficPolicy(g.policy);
      return { ...g, valid: r.success, issues: r.success ? [] : r.issues };
    });
    const valid = rows.filter((r) => r.valid).length;
    const lines = rows.filter((r) => !r.valid).map((r) => `  invalid  ${r.file}  ${r.name}: ${r.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
    console.info(`golden BTPs: ${rows.length} policies, ${valid} valid, ${rows.length - valid} invalid (expected invalid: ${EXPECTED_REJECTIONS.length})\n${lines.join('\n')}`);
    expect(rows.length - valid).toBe(EXPECTED_REJECTIONS.length);
  });
});
