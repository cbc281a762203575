/**
 * Comparing route results as a resolver does: by field, with the flush's last answer per settings
 * field remembered (`ResultComparison`). The memo must answer exactly as a deep comparison does,
 * however the pairs it is asked about repeat or alternate.
 */
import { describe, expect, it } from 'vitest';
import { resolvePolicies } from '../../src/index.js';
import { newResultComparison, sameRouteResult } from '../../src/resolve/route-result.js';
import type { RouteResult } from '../../src/resolve/types.js';
import { jsonEqual } from '../../src/lang/json.js';

const gateway = Object.freeze({ namespace: 'default', name: 'eg' });
const route = Object.freeze({ kind: 'HTTPRoute', namespace: 'default', name: 'r' });
const result = (traffic: Record<string, unknown>, outcomes: unknown[] = []): RouteResult =>
  Object.freeze({ gateway, listener: 'http', route, ruleIndex: 0, hostnames: [], policies: [], provenance: {}, traffic, outcomes }) as unknown as RouteResult;

describe('sameRouteResult', () => {
  it('answers as jsonEqual does when pairs of settings repeat, alternate and come back', () => {
    const fiveSeconds = Object.freeze({ timeout: Object.freeze({ http: Object.freeze({ requestTimeout: 5000 }) }) });
    const fiveAgain = Object.freeze({ timeout: Object.freeze({ http: Object.freeze({ requestTimeout: 5000 }) }) });
    const sixSeconds = Object.freeze({ timeout: Object.freeze({ http: Object.freeze({ requestTimeout: 6000 }) }) });
    const pairs: Array<[RouteResult, RouteResult]> = [
      [result(fiveSeconds), result(sixSeconds)],
      [result(fiveSeconds), result(sixSeconds)],
      [result(fiveSeconds), result(fiveAgain)],
      [result(fiveSeconds), result(fiveAgain)],
      [result(fiveSeconds), result(sixSeconds)],
      [result(sixSeconds), result(sixSeconds)],
      [result(fiveSeconds, ['a']), result(fiveAgain, ['b'])],
      [result(fiveSeconds, ['a']), result(fiveAgain, ['a'])],
    ];
    const memo = newResultComparison();
    for (const [a, b] of pairs) {
      const expected = jsonEqual(a, b);
      expect(sameRouteResult(a, b)).toBe(expected);
      expect(sameRouteResult(a, b, memo)).toBe(expected);
    }
  });
});

describe('route results', () => {
  it('are plain objects: Object.prototype, own data keys in a fixed order, no undefined field', () => {
    const meta = (name: string) => ({ namespace: 'default', name });
    const { routes } = resolvePolicies([
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'eg' }, spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' } },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: meta('gw'), spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] } },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: meta('r'),
        spec: { parentRefs: [{ name: 'gw' }], rules: [{ name: 'one', timeouts: { request: '5s' }, backendRefs: [{ name: 'svc', port: 80 }] }] },
      },
      { apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'BackendTrafficPolicy', metadata: meta('p'), spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'r' }], timeout: { tcp: { connectTimeout: '2s' } } } },
    ]);
    expect(routes).toHaveLength(1);
    const r = routes[0]!;
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(r.constructor).toBe(Object);
    expect(Object.keys(r)).toEqual(['gateway', 'listener', 'route', 'ruleIndex', 'hostnames', 'policies', 'provenance', 'outcomes', 'ruleName', 'matches', 'timeout', 'backendRefs', 'traffic']);
    for (const key of Object.keys(r)) expect(Object.getOwnPropertyDescriptor(r, key)).toMatchObject({ enumerable: true, writable: expect.any(Boolean) });
    expect(Object.values(r)).not.toContain(undefined);
    expect(structuredClone(r)).toEqual(r);
    expect(r).toStrictEqual({ ...r });
  });
});
