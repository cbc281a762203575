/**
 * Outcomes: every policy that reaches a route entry leaves one there — applied, merged,
 * overridden, conflicted or invalid — naming the target and scope it came through, the policy it
 * lost to or merged with, and a reason. And every target of every policy says whether it attached.
 */
import { describe, expect, it } from 'vitest';
import type { PolicyOutcome, Resolution } from '../../src/index.js';
import { createResolver, POLICY_SCOPES, resolvePolicies } from '../../src/index.js';
import { loadFixture, resolveFixture, route, routes, type RouteFilter } from './load-fixture.js';

const id = (r: { namespace: string; name: string }) => `${r.namespace}/${r.name}`;

/** `outcome policy via Kind name[/section] (Scope)` per outcome, in order. */
function story(res: Resolution, filter: RouteFilter): string[] {
  return route(res, filter).outcomes.map((o) => `${o.outcome} ${id(o.policy)} via ${o.target.kind} ${o.target.name}${o.target.sectionName ? `/${o.target.sectionName}` : ''} (${o.scope})`);
}

function outcomeOf(res: Resolution, filter: RouteFilter, policy: string): PolicyOutcome {
  const o = route(res, filter).outcomes.find((x) => id(x.policy) === policy);
  if (!o) throw new Error(`no outcome of ${policy} on ${JSON.stringify(filter)}`);
  return o;
}

const attachmentsOf = (res: Resolution, policy: string) => res.attachments.find((a) => id(a.policy) === policy);

describe('applied and overridden', () => {
  const res = resolveFixture('precedence-ladder');

  it('the most specific policy applies; each less specific one is overridden by it, most specific first', () => {
    expect(story(res, { route: 'apps/tuned', listener: 'admin', listenerSet: null, ruleIndex: 0 })).toEqual([
      'applied apps/checkout-rule via HTTPRoute tuned/checkout (RouteRule)',
      'overridden apps/route via HTTPRoute tuned (Route)',
      'overridden infra/gateway-admin-listener via Gateway eg/admin (GatewayListener)',
      'overridden infra/gateway via Gateway eg (Gateway)',
    ]);
    const overridden = outcomeOf(res, { route: 'apps/tuned', listener: 'admin', listenerSet: null, ruleIndex: 0 }, 'infra/gateway');
    expect(overridden).toMatchObject({ outcome: 'overridden', by: { policy: { namespace: 'apps', name: 'checkout-rule' }, scope: 'RouteRule' } });
    expect(overridden.reason).toBe('apps/checkout-rule is more specific and replaces it whole on this rule: none of its settings apply here');
    expect(overridden.traffic).toEqual({ circuitBreaker: { maxConnections: 100 } });
  });

  it('ListenerSet listener, ListenerSet and Gateway scopes, and the applied policy’s reason', () => {
    expect(story(res, { route: 'apps/plain', listener: 'team-a' })).toEqual([
      'applied infra/listenerset-team-a-listener via ListenerSet team/team-a (ListenerSetListener)',
      'overridden infra/listenerset via ListenerSet team (ListenerSet)',
      'overridden infra/gateway via Gateway eg (Gateway)',
    ]);
    expect(outcomeOf(res, { route: 'apps/plain', listener: 'team-a' }, 'infra/listenerset-team-a-listener').reason).toBe(
      'the most specific policy that reaches this rule (scope: ListenerSet listener)',
    );
  });

  it('scopes are listed most specific first', () => {
    expect(POLICY_SCOPES).toEqual(['RouteRule', 'Route', 'ListenerSetListener', 'ListenerSet', 'GatewayListener', 'Gateway']);
  });

  it('an empty policy that is overridden sets nothing here anyway', () => {
    const [gateway, webRoute] = loadFixture('one-gateway-one-route');
    const r = resolvePolicies([
      gateway,
      webRoute,
      { apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'BackendTrafficPolicy', metadata: { name: 'empty', namespace: 'infra' }, spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'eg' }] } },
      { apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'BackendTrafficPolicy', metadata: { name: 'route', namespace: 'app' }, spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'web' }] } },
    ]);
    const o = r.routes[0]!.outcomes.find((x) => x.policy.name === 'empty')!;
    expect(o.outcome).toBe('overridden');
    expect(o.reason).toMatch(/: it sets nothing here anyway$/);
  });
});

describe('merged', () => {
  const res = resolveFixture('merge-per-listener');

  it('a mergeType route policy applies, merged into each listener’s parent, which is merged', () => {
    const onHttp = { route: 'apps/web', gateway: 'infra/eg', listener: 'http' };
    expect(story(res, onHttp)).toEqual(['applied apps/web via HTTPRoute web (Route)', 'merged infra/gateway-defaults via Gateway eg (Gateway)']);
    const applied = outcomeOf(res, onHttp, 'apps/web');
    expect(applied).toMatchObject({ outcome: 'applied', mergedInto: { policy: { namespace: 'infra', name: 'gateway-defaults' }, scope: 'Gateway' } });
    expect(applied.reason).toBe('the most specific policy that reaches this rule (scope: route); its mergeType merges it into infra/gateway-defaults');
    const merged = outcomeOf(res, onHttp, 'infra/gateway-defaults');
    expect(merged).toMatchObject({ outcome: 'merged', mergedBy: { policy: { namespace: 'apps', name: 'web' }, scope: 'Route' } });
    expect(merged.reason).toBe('apps/web sets mergeType, so it is merged on top of this policy; settings it does not set come from here');
  });

  it('on a listener with its own policy the route merges into that one; the Gateway policy is overridden', () => {
    expect(story(res, { route: 'apps/web', gateway: 'infra/eg', listener: 'admin' })).toEqual([
      'applied apps/web via HTTPRoute web (Route)',
      'merged infra/admin-listener via Gateway eg/admin (GatewayListener)',
      'overridden infra/gateway-defaults via Gateway eg (Gateway)',
    ]);
  });

  it('without a parent on the listener the route policy applies alone', () => {
    const applied = outcomeOf(res, { route: 'apps/web', gateway: 'infra/solo' }, 'apps/web');
    expect(applied.outcome).toBe('applied');
    expect(applied).not.toHaveProperty('mergedInto');
  });
});

describe('conflicted', () => {
  const res = resolveFixture('conflicts-at-every-scope');

  it('the loser of each slot is conflicted on every entry the slot covers, naming the holder', () => {
    expect(story(res, { route: 'infra/web', ruleIndex: 0 })).toEqual([
      'applied infra/rule-first via HTTPRoute web/main (RouteRule)',
      'conflicted infra/rule-second via HTTPRoute web/main (RouteRule)',
      'overridden infra/route-first via HTTPRoute web (Route)',
      'conflicted infra/route-second via HTTPRoute web (Route)',
      'overridden infra/gateway-listener-first via Gateway eg/http (GatewayListener)',
      'conflicted infra/gateway-listener-second via Gateway eg/http (GatewayListener)',
      'overridden infra/gateway-first via Gateway eg (Gateway)',
      'conflicted infra/gateway-second via Gateway eg (Gateway)',
    ]);
    const o = outcomeOf(res, { route: 'infra/web', ruleIndex: 0 }, 'infra/gateway-second');
    expect(o).toMatchObject({ outcome: 'conflicted', by: { policy: { namespace: 'infra', name: 'gateway-first' }, target: { kind: 'Gateway', name: 'eg' }, scope: 'Gateway' } });
    expect(o.reason).toBe('Unable to target Gateway eg, another BackendTrafficPolicy has already attached to it. infra/gateway-first got there first (earlier in the input)');
  });

  it('the order note follows the resolution order', () => {
    const prod = resolvePolicies(loadFixture('conflicts-at-every-scope'));
    const o = prod.routes[0]!.outcomes.find((x) => x.outcome === 'conflicted')!;
    expect(o.reason).toMatch(/got there first \(older: policies are ordered by creationTimestamp, then namespace and name\)$/);
  });

  it('a policy naming the same route twice conflicts with itself; its first target applies', () => {
    const dup = resolveFixture('duplicate-target-refs');
    expect(story(dup, { route: 'apps/web' })).toEqual(['applied apps/twice via HTTPRoute web (Route)', 'conflicted apps/twice via HTTPRoute web (Route)']);
    expect(outcomeOf(dup, { route: 'apps/web' }, 'apps/twice').outcome).toBe('applied');
    expect(route(dup, { route: 'apps/web' }).outcomes[1]!.reason).toMatch(/\. An earlier target of this policy got there first/);
  });
});

describe('invalid', () => {
  const res = resolveFixture('invalid-policy-after-claim');

  it('the first policy to reach an entry fails translation: 500, and the next policy still applies', () => {
    const b = { route: 'apps/web', ruleName: 'b' };
    expect(story(res, b)).toEqual(['invalid apps/broken via HTTPRoute web (Route)', 'applied apps/gateway via Gateway eg (Gateway)']);
    expect(route(res, b).directResponse).toEqual({ statusCode: 500 });
    const o = outcomeOf(res, b, 'apps/broken');
    expect(o).toMatchObject({ outcome: 'invalid', message: 'Timeout: invalid RequestTimeout value soon.' });
    expect(o).not.toHaveProperty('by');
    expect(o).not.toHaveProperty('traffic');
    expect(o.reason).toBe('Envoy Gateway could not translate it: Timeout: invalid RequestTimeout value soon.; Envoy answers every request on this rule with HTTP 500');
  });

  it('where a more specific policy had claimed the entry, the invalid policy names it', () => {
    const a = { route: 'apps/web', ruleName: 'a' };
    expect(story(res, a)).toEqual(['applied apps/rule-a via HTTPRoute web/a (RouteRule)', 'invalid apps/broken via HTTPRoute web (Route)', 'overridden apps/gateway via Gateway eg (Gateway)']);
    expect(route(res, a).directResponse).toBeUndefined();
    expect(outcomeOf(res, a, 'apps/broken')).toMatchObject({ outcome: 'invalid', by: { policy: { name: 'rule-a' }, scope: 'RouteRule' } });
  });
});

describe('TCP and UDP routes', () => {
  it('every policy that fills in fields applies, with what it would set limited to the fields the route takes', () => {
    const res = resolveFixture('tcp-route-fills-fields');
    expect(story(res, { route: 'apps/postgres' })).toEqual([
      'applied apps/postgres via TCPRoute postgres (Route)',
      'applied apps/db-listener via Gateway eg/db (GatewayListener)',
      'applied apps/gateway via Gateway eg (Gateway)',
    ]);
    const o = outcomeOf(res, { route: 'apps/postgres' }, 'apps/gateway');
    expect(o.reason).toBe('fills in the settings that more specific policies left unset (scope: Gateway)');
    expect(Object.keys(o.traffic ?? {}).every((k) => k !== 'backendConnection' && k !== 'retry')).toBe(true);
  });

  it('a UDP route lists the policies that set its load balancing, though `policies` does not', () => {
    const res = resolveFixture('tcp-rule-and-udp-route');
    expect(story(res, { route: 'apps/coredns' })).toEqual(['applied apps/gateway via Gateway eg (Gateway)']);
    expect(route(res, { route: 'apps/coredns' }).policies).toEqual([]);
  });
});

describe('attachments: what became of every target', () => {
  it('targets that do not exist are not found, with why; a selector-only policy that selects nothing is still there', () => {
    const res = resolveFixture('missing-targets');
    const summary = res.attachments.map((a) => `${a.policy.name}: ${a.targets.map((t) => `${t.result} ${t.message ?? ''}`.trim()).join('; ')}`);
    expect(summary).toEqual([
      'unknown-route: NotFound HTTPRoute apps/nope is not in the input',
      'unknown-gateway: NotFound Gateway infra/nope is not in the input',
      'unknown-listenerset: NotFound ListenerSet infra/nope is not in the input',
      'gateway-in-other-namespace: NotFound Gateway apps/eg is not in the input',
      'selects-nothing: ',
    ]);
    expect(res.policies.map((p) => p.ref.name)).not.toContain('selects-nothing');
    expect(attachmentsOf(res, 'apps/selects-nothing')!.selectors).toHaveLength(1);
  });

  it('a sectionName that names nothing, a conflict, and an attached target', () => {
    const notFound = resolveFixture('section-name-not-found');
    for (const a of notFound.attachments) {
      for (const t of a.targets) {
        expect(t.result).toBe('SectionNotFound');
        expect(t.message).toMatch(/^No section name \S+ found for /);
      }
    }
    const conflicts = resolveFixture('conflicts-at-every-scope');
    expect(attachmentsOf(conflicts, 'infra/route-first')!.targets).toEqual([{ target: { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'infra', name: 'web' }, scope: 'Route', result: 'Attached' }]);
    expect(attachmentsOf(conflicts, 'infra/route-second')!.targets[0]).toMatchObject({ result: 'Conflicted', message: 'Unable to target HTTPRoute web, another BackendTrafficPolicy has already attached to it' });
  });

  it('selectors report the namespaces where labels matched but the namespace or a ReferenceGrant did not allow the object', () => {
    const res = resolveFixture('target-selectors');
    const all = attachmentsOf(res, 'apps/select-all-namespaces')!;
    expect(all.targets.map((t) => `${t.target.namespace}/${t.target.name} ${t.result} selector ${t.target.selector}`)).toEqual([
      'apps/frontend Conflicted selector 0',
      'other/other-frontend Attached selector 0',
      'bare/bare-frontend Attached selector 0',
    ]);
    expect(all.selectors).toEqual([
      {
        index: 0,
        selector: { kind: 'HTTPRoute', namespaces: { from: 'All' }, matchLabels: { tier: 'frontend' } },
        skipped: [
          { namespace: 'other', reason: 'NoReferenceGrant', message: 'selecting an HTTPRoute in another namespace needs a ReferenceGrant in other from BackendTrafficPolicies in apps, and those there do not allow this HTTPRoute' },
          { namespace: 'locked', reason: 'NoReferenceGrant', message: 'selecting an HTTPRoute in another namespace needs a ReferenceGrant in locked from BackendTrafficPolicies in apps, and there is none' },
        ],
      },
    ]);
    const byLabels = attachmentsOf(res, 'apps/select-namespace-labels')!.selectors[0]!.skipped;
    expect(byLabels).toContainEqual({ namespace: 'bare', reason: 'NamespaceNotSelected', message: 'namespace bare does not match its namespaces.selector' });
    // `from: Same` never looks elsewhere.
    expect(attachmentsOf(res, 'apps/select-same-namespace')!.selectors[0]!.skipped).toEqual([]);
  });
});

describe('outcomes are shared, frozen data', () => {
  const res = resolveFixture('precedence-ladder');

  it('one object per policy, target and result; one list per story', () => {
    const gateway = routes(res).flatMap((r) => r.outcomes.filter((o) => id(o.policy) === 'infra/gateway' && o.outcome === 'applied'));
    expect(gateway.length).toBeGreaterThan(1);
    for (const o of gateway) expect(o).toBe(gateway[0]);
    const alone = routes(res).filter((r) => r.outcomes.length === 1 && r.outcomes[0] === gateway[0]);
    expect(alone.length).toBeGreaterThan(1);
    for (const r of alone) expect(r.outcomes).toBe(alone[0]!.outcomes);
    const applied = gateway[0]!;
    expect(applied.policy).toBe(res.routes.flatMap((r) => r.outcomes).find((o) => o.outcome === 'overridden' && id(o.policy) === 'infra/gateway')!.policy);
  });

  it('a policy overridden through one target by several winners: one outcome per winner, the same object wherever it recurs', () => {
    const overridden = routes(res).flatMap((r) => r.outcomes.filter((o) => id(o.policy) === 'infra/gateway' && o.outcome === 'overridden'));
    const byWinner = new Map<string, PolicyOutcome[]>();
    for (const o of overridden) {
      const winner = id((o as { by: { policy: { namespace: string; name: string } } }).by.policy);
      byWinner.set(winner, [...(byWinner.get(winner) ?? []), o]);
    }
    // The first winner met, a second, and the first again: each kept apart and each reused.
    expect(byWinner.size).toBeGreaterThan(2);
    for (const [winner, list] of byWinner) {
      for (const o of list) expect(o).toBe(list[0]);
      expect(id((list[0] as { by: { policy: { namespace: string; name: string } } }).by.policy)).toBe(winner);
    }
    expect(new Set([...byWinner.values()].map((list) => list[0])).size).toBe(byWinner.size);
  });

  it('frozen, so an edit cannot leak from one entry into another', () => {
    for (const r of res.routes) {
      expect(Object.isFrozen(r.outcomes)).toBe(true);
      for (const o of r.outcomes) {
        expect(Object.isFrozen(o)).toBe(true);
        expect(Object.isFrozen(o.target)).toBe(true);
        expect(Object.isFrozen(o.policy)).toBe(true);
      }
    }
  });

  it("an entry's policies list is shared and frozen, in a snapshot as in a resolver", () => {
    const snapshot = resolveFixture('precedence-ladder');
    const claimed = snapshot.routes.filter((r) => r.policies.length === 1 && id(r.policies[0]!) === 'infra/gateway');
    expect(claimed.length).toBeGreaterThan(1);
    for (const r of claimed) {
      expect(Object.isFrozen(r.policies)).toBe(true);
      expect(r.policies).toBe(claimed[0]!.policies);
    }
    // Every list a snapshot hands out is frozen, TCP entries' (filled policy by policy) too.
    for (const r of snapshot.routes) expect(Object.isFrozen(r.policies)).toBe(true);
    expect(() => claimed[0]!.policies.push({ namespace: 'x', name: 'y' })).toThrow(TypeError);

    const resolver = createResolver();
    resolver.upsert(loadFixture('precedence-ladder'));
    const held = resolver.resolution().routes.filter((r) => r.policies.length === 1 && id(r.policies[0]!) === 'infra/gateway');
    expect(held).toHaveLength(claimed.length);
    for (const r of held) {
      expect(Object.isFrozen(r.policies)).toBe(true);
      expect(r.policies).toBe(held[0]!.policies);
    }
  });

  it('a resolution survives JSON and structuredClone unchanged', () => {
    expect(JSON.parse(JSON.stringify(res))).toEqual(res);
    expect(structuredClone(res)).toEqual(res);
  });
});
