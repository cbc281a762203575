/**
 * Provenance: every effective setting of a route rule names the policy that supplied it. Checked
 * over every fixture of this folder, plus the merge cases where the answer is not obvious.
 */
import { describe, expect, it } from 'vitest';
import { fixtureNames as allFixtureNames, resolveFixture, route } from './load-fixture.js';

const fixtureNames = allFixtureNames();

/** Leaf paths of a JSON value (`a.b`, `list[0].c`); empty objects and lists are leaves. */
function leaves(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return prefix ? [prefix] : [];
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [`${prefix}[${i}]`, v])
    : Object.entries(value).map(([k, v]) => [prefix ? `${prefix}.${k}` : k, v]);
  if (entries.length === 0) return prefix ? [prefix] : [];
  return entries.flatMap(([p, v]) => leaves(v, p));
}

const id = (r: { namespace: string; name: string }) => `${r.namespace}/${r.name}`;

describe('provenance', () => {
  it('there are fixtures to check', () => {
    expect(fixtureNames.length).toBeGreaterThan(10);
  });

  it.each(fixtureNames)('%s: every leaf of `traffic` maps to a policy, and nothing else does', (name) => {
    const res = resolveFixture(name);
    const known = new Set(res.policies.map((p) => id(p.ref)));
    for (const r of res.routes) {
      expect(Object.keys(r.provenance).sort()).toEqual(leaves(r.traffic ?? {}).sort());
      for (const source of Object.values(r.provenance)) expect(known).toContain(id(source));
    }
  });

  it.each(fixtureNames)('%s: without a merge, HTTP settings come from the one policy listed on the route', (name) => {
    const res = resolveFixture(name);
    for (const r of res.routes) {
      if (r.route.kind !== 'HTTPRoute' || r.policies.length !== 1) continue;
      const sources = new Set(Object.values(r.provenance).map(id));
      const merged = res.policies.find((p) => id(p.ref) === id(r.policies[0]!))?.status.ancestors?.some((a) => a.conditions.some((c) => c.type === 'Merged' && c.message.startsWith('Merged with')));
      if (merged) continue;
      for (const s of sources) expect(s).toBe(id(r.policies[0]!));
    }
  });

  it('under StrategicMerge, list items contributed by the parent point at the parent policy', () => {
    const res = resolveFixture('merge-lists');
    const p = route(res, { route: 'apps/strategic' }).provenance;
    const gateway = { namespace: 'apps', name: 'gateway' };
    const own = { namespace: 'apps', name: 'strategic' };
    expect(p['httpUpgrade[0].type']).toEqual(own);
    expect(p['httpUpgrade[1].type']).toEqual(gateway);
    expect(p['compression[0].type']).toEqual(own);
    expect(p['compression[2].type']).toEqual(gateway);
    expect(p['retry.numRetries']).toEqual(gateway);
    expect(p['retry.retryOn.httpStatusCodes[0]']).toEqual(own);
    expect(p['timeout.http.requestTimeout']).toEqual(own);
    expect(p['timeout.http.connectionIdleTimeout']).toEqual(gateway);
  });
});
