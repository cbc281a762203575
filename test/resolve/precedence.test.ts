/**
 * Scopes and precedence (semantics notes §3): for every listener a route rule is on, the most
 * specific policy that reaches it wins — rule > route > ListenerSet listener > ListenerSet >
 * Gateway listener > Gateway — and, without `mergeType`, it replaces the others whole.
 */
import { describe, expect, it } from 'vitest';
import { appliedPolicies, resolveFixture, route, routes } from './load-fixture.js';

const maxConnections = (r: { traffic?: Record<string, unknown> }): unknown =>
  (r.traffic?.circuitBreaker as { maxConnections?: number } | undefined)?.maxConnections;

describe('precedence per listener', () => {
  const res = resolveFixture('precedence-ladder');

  it('a rule-level policy overrides a route-level one on that rule only', () => {
    for (const listener of ['http', 'admin']) {
      expect(maxConnections(route(res, { route: 'apps/tuned', listener, ruleName: 'checkout' }))).toBe(600);
      expect(maxConnections(route(res, { route: 'apps/tuned', listener, ruleName: 'browse' }))).toBe(500);
    }
  });

  it('a route-level policy overrides every Gateway-side policy, on every listener', () => {
    const browse = routes(res, { route: 'apps/tuned', ruleName: 'browse' });
    expect(browse.map((r) => r.listener).sort()).toEqual(['admin', 'http']);
    for (const r of browse) expect(appliedPolicies(r)).toEqual(['apps/route']);
  });

  it('a ListenerSet-listener policy overrides the ListenerSet policy on that listener', () => {
    expect(maxConnections(route(res, { route: 'apps/plain', listenerSet: 'infra/team', listener: 'team-a' }))).toBe(400);
  });

  it('a ListenerSet policy covers its other listeners, even one named like a Gateway listener that has a policy', () => {
    const r = route(res, { route: 'apps/plain', listenerSet: 'infra/team', listener: 'admin' });
    expect(maxConnections(r)).toBe(300);
    expect(appliedPolicies(r)).toEqual(['infra/listenerset']);
  });

  it("a Gateway-listener policy overrides the Gateway policy on the Gateway's own listener", () => {
    const own = route(res, { route: 'apps/plain', listenerSet: null, listener: 'admin' });
    expect(maxConnections(own)).toBe(200);
    expect(appliedPolicies(own)).toEqual(['infra/gateway-admin-listener']);
  });

  it('a whole-Gateway policy applies to listeners with no closer policy, including those of its ListenerSets', () => {
    expect(maxConnections(route(res, { route: 'apps/plain', listenerSet: null, listener: 'http' }))).toBe(100);
    const bare = route(res, { route: 'apps/plain', listenerSet: 'infra/bare', listener: 'bare' });
    expect(maxConnections(bare)).toBe(100);
    expect(appliedPolicies(bare)).toEqual(['infra/gateway']);
  });

  it("the winning policy's settings replace the others whole (no field inheritance without mergeType)", () => {
    for (const r of res.routes) expect(Object.keys(r.traffic ?? {})).toEqual(['circuitBreaker']);
    for (const r of res.routes) expect(r.policies).toHaveLength(1);
  });

  it('lists policies in the order of the six scope passes (ListenerSet targets ride along with routes)', () => {
    // Envoy Gateway's route-rule pass takes every non-Gateway ref with a sectionName (so the
    // ListenerSet-listener policy too), and the route pass every non-Gateway ref without one.
    expect(res.policies.map((p) => `${p.ref.namespace}/${p.ref.name}`)).toEqual([
      'infra/listenerset-team-a-listener',
      'apps/checkout-rule',
      'infra/listenerset',
      'apps/route',
      'infra/gateway-admin-listener',
      'infra/gateway',
    ]);
  });

  it('accepts every policy of the ladder', () => {
    for (const p of res.policies) {
      for (const a of p.status.ancestors ?? []) expect(a.conditions.find((c) => c.type === 'Accepted')?.status).toBe('True');
    }
  });
});

describe('replacement without mergeType', () => {
  const res = resolveFixture('empty-route-policy-replaces-gateway');

  it('an empty route policy still claims its route and gives `traffic: {}`', () => {
    const r = route(res, { route: 'apps/quiet' });
    expect(r.traffic).toEqual({});
    expect(appliedPolicies(r)).toEqual(['apps/empty']);
    expect(r.provenance).toEqual({});
  });

  it('other routes keep the Gateway policy', () => {
    const r = route(res, { route: 'apps/loud' });
    expect(r.traffic).toEqual({ timeout: { http: { requestTimeout: 10_000 } } });
    expect(appliedPolicies(r)).toEqual(['infra/gateway-timeouts']);
  });
});
