/**
 * Policy status (semantics notes §5): which ancestors, which conditions in which order, the
 * exact messages, the 16-ancestor limit, and what the options stamp on every condition.
 */
import { describe, expect, it } from 'vitest';
import { resolvePolicies } from '../../src/index.js';
import { ancestor, ancestorId, ancestors, conditionSummary, loadFixture, message, resolveFixture, route } from './load-fixture.js';

const OVERRIDDEN = 'This policy is being overridden by other backendTrafficPolicies for ';
const MERGED = 'This policy is being merged by other backendTrafficPolicies for ';
const TARGET_REF_DEPRECATED = 'spec.targetRef is deprecated, use spec.targetRefs instead';
const COMPRESSION_DEPRECATED = 'spec.compression is deprecated, use spec.compressor instead';

describe('condition order per target kind', () => {
  const res = resolveFixture('condition-order-by-target-kind');

  it('a Gateway policy: Accepted, Warning, Merged, Overridden', () => {
    const a = ancestor(res, 'infra/gateway', 'Gateway infra/eg');
    expect(conditionSummary(a)).toEqual(['Accepted=True/Accepted', 'Warning=True/DeprecatedField', 'Merged=True/Merged', 'Overridden=True/Overridden']);
    expect(message(a, 'Accepted')).toBe('Policy has been accepted.');
    expect(message(a, 'Warning')).toBe(TARGET_REF_DEPRECATED);
    expect(message(a, 'Merged')).toBe(`${MERGED}these routes: [infra/web]`);
    expect(message(a, 'Overridden')).toBe(`${OVERRIDDEN}these listenersets: [infra/team] and these listenerset listeners: [infra/team/team-a] and these routes: [infra/api]`);
  });

  it('a ListenerSet policy: Accepted, Merged, Overridden, then Warning last', () => {
    const a = ancestor(res, 'infra/listenerset', 'ListenerSet infra/team');
    expect(conditionSummary(a)).toEqual(['Accepted=True/Accepted', 'Merged=True/Merged', 'Overridden=True/Overridden', 'Warning=True/DeprecatedField']);
    expect(message(a, 'Merged')).toBe(`${MERGED}these routes: [infra/web]`);
    expect(message(a, 'Overridden')).toBe(`${OVERRIDDEN}these listenerset listeners: [infra/team/team-a]`);
  });

  it('a ListenerSet-listener policy that nothing overrides: Accepted only', () => {
    expect(ancestors(res, 'infra/team-a-listener').map(ancestorId)).toEqual(['ListenerSet infra/team/team-a']);
    expect(conditionSummary(ancestor(res, 'infra/team-a-listener', 'ListenerSet infra/team/team-a'))).toEqual(['Accepted=True/Accepted']);
  });

  it('a merging route policy: Merged, Accepted, Warning, Overridden on each listener it merged on', () => {
    const list = ancestors(res, 'infra/web-merged');
    expect(list.map(ancestorId)).toEqual(['Gateway infra/eg/http', 'ListenerSet infra/team/team-b']);
    for (const a of list) {
      expect(conditionSummary(a)).toEqual(['Merged=True/Merged', 'Accepted=True/Accepted', 'Warning=True/DeprecatedField', 'Overridden=True/Overridden']);
      expect(message(a, 'Overridden')).toBe('This policy is being overridden by other backendTrafficPolicy for these route rules: [main]');
    }
    expect(message(list[0]!, 'Merged')).toBe('Merged with policy infra/gateway');
    expect(message(list[1]!, 'Merged')).toBe('Merged with policy infra/listenerset');
  });

  it('a route policy: Accepted, Warning, Overridden listing the rules with their own policy, sorted', () => {
    const a = ancestor(res, 'infra/api', 'Gateway infra/eg/http');
    expect(conditionSummary(a)).toEqual(['Accepted=True/Accepted', 'Warning=True/DeprecatedField', 'Overridden=True/Overridden']);
    expect(message(a, 'Overridden')).toBe('This policy is being overridden by other backendTrafficPolicy for these route rules: [v1 v2]');
  });

  it('a rule policy reports on the parentRefs of its route, never on the rule', () => {
    expect(ancestors(res, 'infra/web-main-rule').map(ancestorId)).toEqual(['Gateway infra/eg/http', 'ListenerSet infra/team/team-b']);
  });

  it('the merged settings differ per listener: each listener merges with its own closest parent', () => {
    expect(route(res, { route: 'infra/web', ruleName: 'static', listener: 'http' }).traffic).toEqual({
      circuitBreaker: { maxConnections: 50 },
      timeout: { http: { requestTimeout: 10_000 } },
    });
    expect(route(res, { route: 'infra/web', ruleName: 'static', listener: 'team-b' }).traffic).toEqual({
      circuitBreaker: { maxConnections: 50 },
      timeout: { http: { requestTimeout: 20_000 } },
    });
  });
});

describe('Overridden scope lists', () => {
  const res = resolveFixture('overridden-scope-lists');

  it('a Gateway policy lists its listener, ListenerSet, ListenerSet-listener and route overrides, grouped and sorted', () => {
    expect(message(ancestor(res, 'infra/gateway', 'Gateway infra/eg'), 'Overridden')).toBe(
      `${OVERRIDDEN}these gateway listeners: [infra/eg/admin] and these listenersets: [infra/team] and these listenerset listeners: [infra/team/team-a] and these routes: [apps/r1 apps/r2 apps/r3]`,
    );
  });

  it('a Gateway-listener policy lists routes on that listener and routes on the whole Gateway', () => {
    expect(message(ancestor(res, 'infra/admin-listener', 'Gateway infra/eg/admin'), 'Overridden')).toBe(`${OVERRIDDEN}these routes: [apps/r1 apps/r3]`);
  });

  it('a ListenerSet policy lists its listeners with policies and the routes attached to it', () => {
    expect(message(ancestor(res, 'infra/listenerset', 'ListenerSet infra/team'), 'Overridden')).toBe(
      `${OVERRIDDEN}these listenerset listeners: [infra/team/team-a] and these routes: [apps/r2]`,
    );
  });

  it('a ListenerSet-listener policy lists routes attached to the whole ListenerSet', () => {
    expect(message(ancestor(res, 'infra/team-a-listener', 'ListenerSet infra/team/team-a'), 'Overridden')).toBe(`${OVERRIDDEN}these routes: [apps/r2]`);
  });

  it('route and rule policies without rule overrides have no Overridden condition', () => {
    for (const id of ['apps/r1', 'apps/r2-x', 'apps/r3']) {
      for (const a of ancestors(res, id)) expect(conditionSummary(a)).toEqual(['Accepted=True/Accepted']);
    }
  });
});

describe('DeprecatedField warning', () => {
  const res = resolveFixture('deprecated-fields');

  it('reports every deprecated field in one message, in key order', () => {
    const a = ancestor(res, 'infra/old-style', 'Gateway infra/eg');
    expect(a.conditions.find((c) => c.type === 'Warning')).toEqual({
      type: 'Warning',
      status: 'True',
      reason: 'DeprecatedField',
      message: `${COMPRESSION_DEPRECATED}; ${TARGET_REF_DEPRECATED}`,
    });
  });

  it('reports a non-empty `compression` alone', () => {
    expect(message(ancestor(res, 'infra/old-compression', 'Gateway infra/eg/http'), 'Warning')).toBe(COMPRESSION_DEPRECATED);
  });

  it('does not report an empty `compression` list', () => {
    expect(conditionSummary(ancestor(res, 'infra/empty-compression', 'Gateway infra/eg2'))).toEqual(['Accepted=True/Accepted']);
  });

  it('is still added after a translation error', () => {
    const a = ancestor(res, 'infra/old-and-broken', 'Gateway infra/eg3');
    expect(conditionSummary(a)).toEqual(['Accepted=False/Invalid', 'Warning=True/DeprecatedField']);
    expect(message(a, 'Accepted')).toBe('CircuitBreaker: invalid MaxConnections value 5000000000.');
    expect(message(a, 'Warning')).toBe(TARGET_REF_DEPRECATED);
  });
});

describe('the 16-ancestor limit', () => {
  const res = resolveFixture('ancestor-cap-aggregated');

  it('keeps 16 ancestors, ordered by namespace and name', () => {
    expect(ancestors(res, 'apps/everywhere').map(ancestorId)).toEqual(
      Array.from({ length: 16 }, (_, i) => `Gateway infra/g${String(i + 1).padStart(2, '0')}`),
    );
  });

  it('marks the 16th ancestor Aggregated', () => {
    const list = ancestors(res, 'apps/everywhere');
    expect(list[15]!.conditions.at(-1)).toEqual({
      type: 'Aggregated',
      status: 'True',
      reason: 'Aggregated',
      message: 'Ancestors have been truncated because the number of policy ancestors exceeds 16.',
    });
    for (const a of list.slice(0, 15)) expect(conditionSummary(a)).toEqual(['Accepted=True/Accepted']);
  });

  it('still applies the policy on all 18 Gateways', () => {
    expect(res.routes).toHaveLength(18);
    for (const r of res.routes) expect(r.traffic).toEqual({ circuitBreaker: { maxConnections: 5 } });
  });
});

describe('what the options and metadata stamp on conditions', () => {
  const objects = loadFixture('status-stamping');
  const all = (res: ReturnType<typeof resolvePolicies>) => res.policies.flatMap((p) => (p.status.ancestors ?? []).flatMap((a) => a.conditions));

  it('without `now`, conditions have no lastTransitionTime', () => {
    const conditions = all(resolvePolicies(objects, { order: 'input' }));
    expect(conditions.length).toBeGreaterThan(0);
    for (const c of conditions) expect(c).not.toHaveProperty('lastTransitionTime');
  });

  it('`now` as a string is written into every condition as given', () => {
    const conditions = all(resolvePolicies(objects, { order: 'input', now: '2025-06-01T12:00:00Z' }));
    for (const c of conditions) expect(c.lastTransitionTime).toBe('2025-06-01T12:00:00Z');
  });

  it('`now` as a Date is written as RFC 3339', () => {
    const conditions = all(resolvePolicies(objects, { order: 'input', now: new Date(Date.UTC(2025, 5, 1, 12)) }));
    for (const c of conditions) expect(c.lastTransitionTime).toBe('2025-06-01T12:00:00.000Z');
  });

  it('observedGeneration is the policy metadata.generation, and absent without one', () => {
    const res = resolvePolicies(objects, { order: 'input' });
    for (const c of ancestor(res, 'infra/seventh', 'Gateway infra/eg').conditions) expect(c.observedGeneration).toBe(7);
    for (const c of ancestor(res, 'infra/conflicted', 'Gateway infra/eg').conditions) expect(c).not.toHaveProperty('observedGeneration');
  });

  it('controllerName defaults to Envoy Gateway’s and can be set', () => {
    for (const p of resolvePolicies(objects).policies) {
      for (const a of p.status.ancestors ?? []) expect(a.controllerName).toBe('gateway.envoyproxy.io/gatewayclass-controller');
    }
    for (const p of resolvePolicies(objects, { controllerName: 'example.com/my-controller' }).policies) {
      for (const a of p.status.ancestors ?? []) expect(a.controllerName).toBe('example.com/my-controller');
    }
  });

  it('ancestorRefs carry group, kind, namespace and name, and never a port', () => {
    const a = ancestor(resolvePolicies(objects), 'infra/seventh', 'Gateway infra/eg');
    expect(a.ancestorRef).toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra', name: 'eg' });
  });
});
