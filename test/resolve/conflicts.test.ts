/**
 * Conflicts (semantics notes §4), unknown sections (§2.6) and missing targets (§1.3, §2.5): the
 * first policy to resolve a target claims its slot; the others are told so, in Envoy Gateway's
 * exact words.
 */
import { describe, expect, it } from 'vitest';
import { createResolver, resolvePolicies, type Resolution } from '../../src/index.js';
import { backendTrafficPolicy, gateway, httpRoute } from '../support/manifests.js';
import { ancestor, ancestorId, ancestors, appliedPolicies, conditionSummary, hasPolicy, policy, resolveFixture, route } from './load-fixture.js';

const SUFFIX = 'another BackendTrafficPolicy has already attached to it';

describe('conflicts at every scope', () => {
  const res = resolveFixture('conflicts-at-every-scope');

  it.each([
    ['infra/gateway-second', 'Gateway infra/eg', 'Unable to target Gateway eg'],
    ['infra/gateway-listener-second', 'Gateway infra/eg/http', 'Unable to target Listener infra/eg/http'],
    ['infra/listenerset-second', 'ListenerSet infra/team', 'Unable to target ListenerSet team'],
    ['infra/listenerset-listener-second', 'ListenerSet infra/team/team-a', 'Unable to target Listener team/team-a'],
    ['infra/route-second', 'Gateway infra/eg', 'Unable to target HTTPRoute web'],
    ['infra/rule-second', 'Gateway infra/eg', 'Unable to target RouteRule web/main'],
  ])('%s loses its slot: Accepted=False Conflicted on %s', (id, where, text) => {
    expect(ancestors(res, id).map(ancestorId)).toEqual([where]);
    const a = ancestor(res, id, where);
    // Nothing else is set after a conflict: no Warning, although the loser uses `targetRef`.
    expect(a.conditions).toEqual([{ type: 'Accepted', status: 'False', reason: 'Conflicted', message: `${text}, ${SUFFIX}` }]);
  });

  it('the first policy of each slot is accepted', () => {
    for (const id of ['gateway-first', 'gateway-listener-first', 'listenerset-first', 'listenerset-listener-first', 'route-first', 'rule-first']) {
      for (const a of ancestors(res, `infra/${id}`)) expect(a.conditions[0]).toMatchObject({ type: 'Accepted', status: 'True' });
    }
  });

  it('a Gateway policy and a policy on one of its listeners do not conflict, nor do a route and a rule policy', () => {
    expect(conditionSummary(ancestor(res, 'infra/gateway-first', 'Gateway infra/eg'))[0]).toBe('Accepted=True/Accepted');
    expect(conditionSummary(ancestor(res, 'infra/gateway-listener-first', 'Gateway infra/eg/http'))[0]).toBe('Accepted=True/Accepted');
    expect(conditionSummary(ancestor(res, 'infra/route-first', 'Gateway infra/eg'))[0]).toBe('Accepted=True/Accepted');
    expect(conditionSummary(ancestor(res, 'infra/rule-first', 'Gateway infra/eg'))[0]).toBe('Accepted=True/Accepted');
  });

  it('a losing policy has no effect on routes', () => {
    expect(appliedPolicies(route(res, { route: 'infra/web', ruleName: 'main' }))).toEqual(['infra/rule-first']);
    expect(appliedPolicies(route(res, { route: 'infra/web', ruleName: 'other' }))).toEqual(['infra/route-first']);
  });
});

describe('which policy wins a conflict', () => {
  it('by default the oldest policy wins, whatever the file order', () => {
    const res = resolveFixture('conflict-oldest-policy-wins', {});
    expect(appliedPolicies(route(res, { route: 'apps/web' }))).toEqual(['apps/older']);
    expect(conditionSummary(ancestor(res, 'apps/newer', 'Gateway apps/eg'))).toEqual(['Accepted=False/Conflicted']);
  });

  it('with equal creation timestamps the policy name decides', () => {
    const res = resolveFixture('conflict-oldest-policy-wins', {});
    expect(appliedPolicies(route(res, { route: 'apps/api' }))).toEqual(['apps/aa-same-time']);
    expect(conditionSummary(ancestor(res, 'apps/zz-same-time', 'Gateway apps/eg'))).toEqual(['Accepted=False/Conflicted']);
  });

  it("with order: 'input' the first policy in the input wins", () => {
    const res = resolveFixture('conflict-oldest-policy-wins', { order: 'input' });
    expect(appliedPolicies(route(res, { route: 'apps/web' }))).toEqual(['apps/newer']);
    expect(appliedPolicies(route(res, { route: 'apps/api' }))).toEqual(['apps/zz-same-time']);
    expect(conditionSummary(ancestor(res, 'apps/older', 'Gateway apps/eg'))).toEqual(['Accepted=False/Conflicted']);
  });
});

describe('duplicate targets within one policy', () => {
  const res = resolveFixture('duplicate-target-refs');

  it('a plain targetRef listed twice conflicts with itself, yet its settings were applied', () => {
    expect(ancestors(res, 'apps/twice')).toHaveLength(1);
    expect(ancestor(res, 'apps/twice', 'Gateway apps/eg').conditions).toEqual([
      { type: 'Accepted', status: 'False', reason: 'Conflicted', message: `Unable to target HTTPRoute web, ${SUFFIX}` },
    ]);
    expect(route(res, { route: 'apps/web' }).traffic).toEqual({ circuitBreaker: { maxConnections: 7 } });
  });

  it('a plain targetRef that repeats a selected object is de-duplicated', () => {
    expect(conditionSummary(ancestor(res, 'apps/selected-and-named', 'Gateway apps/eg'))).toEqual(['Accepted=True/Accepted']);
  });
});

describe('section names that do not exist: Accepted=False TargetNotFound', () => {
  const res = resolveFixture('section-name-not-found');

  it.each([
    ['infra/no-such-gateway-listener', 'Gateway infra/eg/https', 'No section name https found for Gateway infra/eg'],
    ['infra/listenerset-listener-via-gateway', 'Gateway infra/eg/team-a', 'No section name team-a found for Gateway infra/eg'],
    ['infra/no-such-listenerset-listener', 'ListenerSet infra/team/team-b', 'No section name team-b found for ListenerSet infra/team'],
  ])('%s: on %s', (id, where, text) => {
    expect(ancestors(res, id).map(ancestorId)).toEqual([where]);
    expect(ancestor(res, id, where).conditions).toEqual([{ type: 'Accepted', status: 'False', reason: 'TargetNotFound', message: text }]);
  });

  it("a missing route rule is reported on every parentRef of the route (the route's kind, namespace and name in the message)", () => {
    const list = ancestors(res, 'infra/no-such-rule');
    expect(list.map(ancestorId)).toEqual(['Gateway infra/eg/http', 'ListenerSet infra/team']);
    for (const a of list) {
      expect(a.conditions).toEqual([{ type: 'Accepted', status: 'False', reason: 'TargetNotFound', message: 'No section name checkout found for HTTPRoute infra/web' }]);
    }
  });

  it('an unnamed rule is never a section', () => {
    for (const r of res.routes) expect(r.policies).toEqual([]);
  });
});

describe('missing targets', () => {
  const res = resolveFixture('missing-targets');

  it.each(['apps/unknown-route', 'infra/unknown-gateway', 'infra/unknown-listenerset', 'apps/gateway-in-other-namespace'])(
    '%s is listed with `ancestors: null`',
    (id) => {
      expect(policy(res, id).status).toEqual({ ancestors: null });
    },
  );

  it('a policy with only targetSelectors that select nothing is not listed at all', () => {
    expect(hasPolicy(res, 'apps/selects-nothing')).toBe(false);
  });

  it('missing targets are silent: no diagnostics', () => {
    expect(res.diagnostics).toEqual([]);
  });
});

describe('several Gateway policies conflicting on one Gateway', () => {
  it('every entry lists the holder, then each loser conflicted, in policy order', () => {
    const res = resolveFixture('conflicts-many-on-one-gateway');
    const story = (r: (typeof res.routes)[number]) => `${r.route.name}[${r.ruleIndex}]: ${r.outcomes.map((o) => `${o.policy.name} ${o.outcome}`).join(', ')}`;
    expect(res.routes.map(story)).toEqual([
      'own[0]: mine applied, p1 overridden, p2 conflicted, p3 conflicted',
      'own[1]: mine applied, p1 overridden, p2 conflicted, p3 conflicted',
      'plain[0]: p1 applied, p2 conflicted, p3 conflicted',
      'raw[0]: p1 applied, p2 conflicted, p3 conflicted',
    ]);
  });
});

describe('contenders come in any order', () => {
  it('a slot lists them in policy order, however the input orders them, in a snapshot as in a resolver', () => {
    // Oldest first, then by name: b and c share a timestamp; the input gives them in neither order.
    const at = (name: string, ts: string) => {
      const p = backendTrafficPolicy(name, { timeout: { http: { requestTimeout: '1s' } } });
      return { ...p, metadata: { ...p.metadata, creationTimestamp: ts } };
    };
    const objects = [gateway(), httpRoute(), at('d', '2024-01-04T00:00:00Z'), at('c', '2024-01-02T00:00:00Z'), at('a', '2024-01-03T00:00:00Z'), at('b', '2024-01-02T00:00:00Z'), at('e', '2024-01-01T00:00:00Z')];
    const story = (res: Resolution) => res.routes.map((r) => r.outcomes.map((o) => `${o.policy.name} ${o.outcome}`).join(', '));
    const want = ['e applied, b conflicted, c conflicted, a conflicted, d conflicted'];
    expect(story(resolvePolicies(objects))).toEqual(want);
    const resolver = createResolver();
    resolver.upsert(objects);
    expect(story(resolver.resolution())).toEqual(want);
  });
});
