/**
 * What `resolvePolicies` accepts and how it reads it: object arrays, `List`s, Envoy Gateway
 * resource bundles, ordering, timestamps as strings or Dates; and its promises — it never throws,
 * never mutates its input, and reports CRD findings as diagnostics without changing the status.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolvePolicies, type Resolution, type ResourceBundle } from '../../src/index.js';
import { ancestor, appliedPolicies, conditionSummary, loadFixture, resolveFixture, route } from './load-fixture.js';

type K8sObject = { kind: string; metadata: { name: string; creationTimestamp?: unknown } };

/** `circuitBreaker: { maxConnections: 50 }` as the API server stores it. */
const STORED_BREAKER = { maxConnections: 50, maxPendingRequests: 1024, maxParallelRequests: 1024, maxParallelRetries: 1024 };

describe('ordering', () => {
  const objects = loadFixture('shuffled-policies') as K8sObject[];
  const reference = resolvePolicies(objects);

  it('by default, shuffled input with distinct timestamps gives the same result', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(objects, { minLength: objects.length, maxLength: objects.length }), (shuffled) => {
        expect(resolvePolicies(shuffled)).toEqual(reference);
      }),
      { numRuns: 50 },
    );
  });

  it('by default, the older of two Gateway policies wins', () => {
    expect(appliedPolicies(route(reference, { route: 'apps/api', listener: 'http' }))).toEqual(['apps/by-label']);
    expect(conditionSummary(ancestor(reference, 'apps/gateway-b', 'Gateway apps/eg'))).toEqual(['Accepted=False/Conflicted']);
  });

  it("with order: 'input', the input order decides instead", () => {
    const reversed = [...objects].reverse();
    const res = resolvePolicies(reversed, { order: 'input' });
    expect(conditionSummary(ancestor(res, 'apps/gateway-a', 'Gateway apps/eg'))).toEqual(['Accepted=False/Conflicted']);
    expect(resolvePolicies(reversed)).toEqual(reference);
  });

  it('metadata.creationTimestamp may be a Date, as @kubernetes/client-node gives it', () => {
    const withDates = objects.map((o) => ({
      ...o,
      metadata: { ...o.metadata, creationTimestamp: new Date(o.metadata.creationTimestamp as string) },
    }));
    expect(resolvePolicies([...withDates].reverse())).toEqual(reference);

    const conflict = (loadFixture('conflict-oldest-policy-wins') as K8sObject[]).map((o) =>
      o.metadata.creationTimestamp ? { ...o, metadata: { ...o.metadata, creationTimestamp: new Date(o.metadata.creationTimestamp as string) } } : o,
    );
    expect(appliedPolicies(route(resolvePolicies(conflict), { route: 'apps/web' }))).toEqual(['apps/older']);
  });
});

describe('input shapes', () => {
  it('flattens `kind: List` and typed lists such as BackendTrafficPolicyList', () => {
    const res = resolveFixture('kubectl-list', {});
    expect(res.diagnostics).toEqual([]);
    // The cluster stores the policy defaulted (each circuit breaker threshold defaults to 1024).
    expect(route(res, { route: 'apps/web' }).traffic).toEqual({ circuitBreaker: STORED_BREAKER });
    expect(conditionSummary(ancestor(res, 'apps/web', 'Gateway apps/eg'))).toEqual(['Accepted=True/Accepted']);
  });

  it('reads an Envoy Gateway resource bundle, matching its keys case-insensitively', () => {
    const [bundle] = loadFixture('resource-bundle') as ResourceBundle[];
    const res = resolvePolicies(bundle!);
    expect(res.diagnostics).toEqual([]);
    expect(route(res, { route: 'apps/web' }).traffic).toEqual({ circuitBreaker: STORED_BREAKER });
    expect(route(resolvePolicies(bundle!, { profile: 'harness', namespaces: 'inferred' }), { route: 'apps/web' }).traffic).toEqual({ circuitBreaker: { maxConnections: 50 } });
    expect(conditionSummary(ancestor(res, 'apps/web', 'Gateway apps/eg'))).toEqual(['Accepted=True/Accepted']);
  });

  it('a bundle gives the same result as the same objects in an array', () => {
    const [bundle] = loadFixture('resource-bundle') as Array<Record<string, unknown[]>>;
    const lower = Object.fromEntries(Object.entries(bundle!).map(([k, v]) => [k.toLowerCase(), v]));
    const upper = Object.fromEntries(Object.entries(bundle!).map(([k, v]) => [k.toUpperCase(), v]));
    expect(resolvePolicies(upper)).toEqual(resolvePolicies(lower));
    expect(resolvePolicies(lower)).toEqual(resolvePolicies(bundle!));
  });

  it('object field names are exact: a misspelt field is dropped and reported, the rest applies', () => {
    const res = resolveFixture('crd-invalid-policies', {});
    expect(res.diagnostics).toContainEqual({
      severity: 'warning',
      path: '[3].spec.circuitBreaker.MaxConnections',
      message: 'unknown field "spec.circuitBreaker.MaxConnections"',
      object: { kind: 'BackendTrafficPolicy', namespace: 'apps', name: 'misspelt' },
    });
    expect(route(res, { route: 'apps/web' }).traffic).toEqual({ circuitBreaker: { maxConnections: 1024, maxPendingRequests: 7, maxParallelRequests: 1024, maxParallelRetries: 1024 } });
  });
});

describe('CRD validation findings in the harness profile (no API server in between)', () => {
  const harness = { profile: 'harness', namespaces: 'inferred', fieldNameMatching: 'exact' } as const;

  it('become diagnostics with the path and the CRD message, while the status is as Envoy Gateway writes it', () => {
    const res = resolveFixture('crd-invalid-policies', harness);
    expect(res.diagnostics).toContainEqual({
      severity: 'error',
      path: '[2].spec',
      message: 'mergeType can only be used with xRoute targets',
      object: { kind: 'BackendTrafficPolicy', namespace: 'apps', name: 'merge-on-gateway' },
    });
    expect(ancestor(res, 'apps/merge-on-gateway', 'Gateway apps/eg').conditions[0]).toMatchObject({ type: 'Accepted', status: 'True' });
    expect(conditionSummary(ancestor(res, 'apps/misspelt', 'Gateway apps/eg'))).toEqual(['Accepted=True/Accepted']);
  });

  it('a value the CRD pattern rejects is a diagnostic; the translator’s own verdict is the status', () => {
    const res = resolveFixture('failing-route-policy-falls-through', harness);
    expect(res.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', path: '[3].spec.timeout.http.requestTimeout', object: { kind: 'BackendTrafficPolicy', namespace: 'apps', name: 'broken' } }),
    ]);
    expect(res.diagnostics[0]!.message).toContain('soon');
    expect(conditionSummary(ancestor(res, 'apps/broken', 'Gateway apps/eg'))).toEqual(['Accepted=False/Invalid']);
  });
});

/** A resolution's shape is intact: arrays where arrays belong. */
function expectWellFormed(res: Resolution): void {
  expect(Array.isArray(res.policies)).toBe(true);
  expect(Array.isArray(res.routes)).toBe(true);
  expect(Array.isArray(res.diagnostics)).toBe(true);
}

describe('never throws', () => {
  const cyclicPolicy = (): unknown => {
    const p: Record<string, any> = {
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'BackendTrafficPolicy',
      metadata: { name: 'loop', namespace: 'apps' },
      spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'elsewhere' }] },
    };
    p.spec.circuitBreaker = { self: p };
    return p;
  };
  const cyclicList = (): unknown => {
    const l: Record<string, any> = { apiVersion: 'v1', kind: 'List', items: [] };
    l.items.push(l);
    return l;
  };

  it.each<[string, unknown]>([
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['a string', 'kind: Gateway'],
    ['a boolean', true],
    ['an empty object', {}],
    ['an array of junk', [1, 'x', null, true, [], {}]],
    ['a bundle with junk lists', { gateways: 5, httpRoutes: [null, 3, 'x'], backendTrafficPolicies: [{}] }],
    ['objects with fields of the wrong type', [
      { kind: 'Gateway', metadata: 'eg', spec: { listeners: 'http' } },
      { kind: 'HTTPRoute', metadata: { name: 7 }, spec: { parentRefs: 'eg', rules: 5 } },
      { kind: 'BackendTrafficPolicy', metadata: { name: 'p' }, spec: 5 },
      { kind: 'BackendTrafficPolicy', metadata: { name: 'q' }, spec: { targetRefs: 'eg', targetSelectors: [null, 3] } },
      { kind: 'Namespace', metadata: { name: 'n', labels: 'x' } },
      { kind: 'ReferenceGrant', spec: { from: 'x' } },
    ]],
    ['a cyclic policy', [cyclicPolicy()]],
    ['a List that contains itself', [cyclicList()]],
  ])('given %s', (_name, input) => {
    let res: Resolution | undefined;
    expect(() => (res = resolvePolicies(input as never))).not.toThrow();
    expectWellFormed(res!);
  });

  it('junk beside valid objects does not stop them from resolving', () => {
    const valid = loadFixture('kubectl-list');
    const res = resolvePolicies([42, null, 'x', cyclicList(), cyclicPolicy(), ...valid, { kind: 'Gateway', spec: 7 }]);
    expect(route(res, { route: 'apps/web' }).traffic).toEqual({ circuitBreaker: STORED_BREAKER });
    expect(res.diagnostics.length).toBeGreaterThan(0);
    expect(res.diagnostics.map((d) => d.message).join('\n')).not.toMatch(/internal error/);
  });

  it('reports non-objects as diagnostics with their position (one per list)', () => {
    expect(resolvePolicies([{}, 42]).diagnostics.map((d) => [d.path, d.message])).toEqual([
      ['[0]', 'object has no kind; ignored'],
      ['[1]', 'expected a Kubernetes object'],
    ]);
    const res = resolvePolicies([42, 'x']);
    expect(res.diagnostics.map((d) => [d.path, d.message])).toEqual([['[0]', 'expected a Kubernetes object; 1 more items of this list are not objects either (all ignored)']]);
  });
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

describe('never mutates its input', () => {
  it.each([
    'precedence-ladder',
    'merge-per-listener',
    'merge-lists',
    'merge-null-fields',
    'tcp-route-fills-fields',
    'condition-order-by-target-kind',
    'target-selectors',
    'ancestor-cap-aggregated',
    'crd-invalid-policies',
    'shuffled-policies',
  ])('%s: a deep-frozen input resolves exactly like a fresh copy, and is unchanged', (name) => {
    const fresh = resolvePolicies(loadFixture(name), { order: 'input', now: '2025-01-01T00:00:00Z' });
    const input = loadFixture(name);
    const snapshot = structuredClone(input);
    deepFreeze(input);
    const frozen = resolvePolicies(input, { order: 'input', now: '2025-01-01T00:00:00Z' });
    expect(frozen).toEqual(fresh);
    expect(input).toEqual(snapshot);
  });

  it('a bundle and Date timestamps are left untouched too', () => {
    const [bundle] = loadFixture('resource-bundle');
    const stamp = new Date('2025-01-01T00:00:00Z');
    const withDate = { ...(bundle as object), extra: [stamp] };
    const snapshot = structuredClone(withDate);
    deepFreeze(withDate);
    const res = resolvePolicies(withDate);
    expect(res.diagnostics.map((d) => d.message).join('\n')).not.toMatch(/internal error/);
    expect(withDate).toEqual(snapshot);
    expect(stamp.getTime()).toBe(Date.parse('2025-01-01T00:00:00Z'));
  });
});
