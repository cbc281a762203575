import { describe, expect, it } from 'vitest';
import { loadFixture } from './load-fixture.js';
import { resolvePolicies } from '../../src/index.js';
import { backendTrafficPolicy } from '../support/manifests.js';

/** One Gateway listener and one HTTPRoute (`app/web`) on it. */
const [gateway, route] = loadFixture('one-gateway-one-route') as [Record<string, unknown>, Record<string, unknown>];
const policy = (spec: Record<string, unknown>, name = 'p') => backendTrafficPolicy(name, spec, { namespace: 'app', asWritten: true });

describe('field name matching', () => {
  const miscased = policy({ targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'web' }], circuitbreaker: { maxConnections: 7 } });

  it('by default follows the API server: a miscased field is unknown, dropped and reported', () => {
    const r = resolvePolicies([gateway, route, miscased]);
    expect(r.routes[0]!.traffic).toEqual({});
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', path: '[2].spec.circuitbreaker' }));
  });

  it("with 'caseInsensitive' follows Envoy Gateway's loader: the field fills circuitBreaker", () => {
    const r = resolvePolicies([gateway, route, miscased], { fieldNameMatching: 'caseInsensitive' });
    expect(r.routes[0]!.traffic).toMatchObject({ circuitBreaker: { maxConnections: 7 } });
    expect(r.diagnostics.filter((d) => d.path.includes('circuitbreaker'))).toEqual([]);
  });

  it("with 'caseInsensitive', an exact key wins over its case variants, and among variants the last one read fills the field", () => {
    const target = { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'web' }] };
    const exact = resolvePolicies([gateway, route, policy({ ...target, CircuitBreaker: { maxConnections: 1 }, circuitBreaker: { maxConnections: 2 }, CIRCUITBREAKER: { maxConnections: 3 } })], { fieldNameMatching: 'caseInsensitive' });
    expect(exact.routes[0]!.traffic).toMatchObject({ circuitBreaker: { maxConnections: 2 } });
    const variants = resolvePolicies([gateway, route, policy({ ...target, CircuitBreaker: { maxConnections: 1 }, CIRCUITBREAKER: { maxConnections: 3 } })], { fieldNameMatching: 'caseInsensitive' });
    expect(variants.routes[0]!.traffic).toMatchObject({ circuitBreaker: { maxConnections: 3 } });
  });

  it('matches resource-bundle keys case-insensitively, like Envoy Gateway test bundles (`httproutes:`)', () => {
    const r = resolvePolicies({ Gateways: [gateway], httproutes: [route], backendTrafficPolicies: [policy({ targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'web' }] })] });
    expect(r.routes).toHaveLength(1);
    expect(r.routes[0]!.policies).toEqual([{ namespace: 'app', name: 'p' }]);
  });
});

describe('a policy name repeated in the input', () => {
  const api = { ...route, metadata: { namespace: 'app', name: 'api' } };
  const first = policy({ targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'web' }], circuitBreaker: { maxConnections: 1 } }, 'dup');
  const second = policy({ targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'api' }], circuitBreaker: { maxConnections: 2 } }, 'dup');

  it("in the harness profile, uses the first-handled object's spec for the targets of both and warns, as Envoy Gateway does", () => {
    const r = resolvePolicies([gateway, route, api, first, second], { profile: 'harness', namespaces: 'inferred' });
    const traffic = (name: string) => r.routes.find((x) => x.route.name === name)!.traffic;
    expect(traffic('web')).toMatchObject({ circuitBreaker: { maxConnections: 1 } });
    expect(traffic('api')).toMatchObject({ circuitBreaker: { maxConnections: 1 } });
    expect(r.policies).toHaveLength(1);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', message: expect.stringContaining('appears more than once') }));
  });

  it('in the cluster profile, is one object: the last one applied, for its own targets only', () => {
    const r = resolvePolicies([gateway, route, api, first, second]);
    const traffic = (name: string) => r.routes.find((x) => x.route.name === name)!.traffic;
    expect(traffic('web')).toBeUndefined();
    expect(traffic('api')).toMatchObject({ circuitBreaker: { maxConnections: 2 } });
    expect(r.policies).toHaveLength(1);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', path: '[3]', message: expect.stringContaining('the cluster holds the last one applied ([4])') }));
  });
});
