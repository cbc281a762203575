/**
 * A family's candidates given as a function are listed and indexed only when a selector first
 * reads the family, and then answer as the same candidates given at once.
 */
import { describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../src/admit/resources.js';
import type { SelectableObject } from '../../src/match/policy-targets.js';
import { emptyIndex } from '../../src/match/resource-index.js';
import { TargetFamilies } from '../../src/match/target-families.js';

const route = (name: string, labels?: Record<string, string>): SelectableObject => ({ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop', name, labels, creationTimestamp: 0 });
const routes = [route('a', { app: 'web' }), route('b', { app: 'api' }), route('c', { app: 'web' })];

const policy = (name: string, spec: PolicyInput['spec']): PolicyInput => ({ namespace: 'shop', name, creationTimestamp: 0, spec, index: 0 });
const byRef = policy('by-ref', { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'a' }] });
const bySelector = policy('by-selector', { targetSelectors: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', matchLabels: { app: 'web' } }] });

const families = () => {
  const byName = (a: SelectableObject, b: SelectableObject) => a.name.localeCompare(b.name);
  return new TargetFamilies(emptyIndex(false), { routes: [], gateways: [], listenerSets: [] }, { routes: byName, gateways: byName, listenerSets: byName });
};

describe('TargetFamilies.reset with a function', () => {
  it('lists the candidates only when a selector reads the family, and once', () => {
    const f = families();
    let listed = 0;
    f.reset('routes', () => {
      listed++;
      return routes;
    });
    expect(f.of(byRef, 'routes')!.targets.map((t) => t.name)).toEqual(['a']);
    expect(listed).toBe(0);
    expect(f.of(bySelector, 'routes')!.targets.map((t) => t.name)).toEqual(['a', 'c']);
    f.forget(bySelector);
    expect(f.of(bySelector, 'routes')!.targets.map((t) => t.name)).toEqual(['a', 'c']);
    expect(listed).toBe(1);
  });

  it('answers as the same candidates given at once, also after an update', () => {
    const lazy = families();
    const eager = families();
    lazy.reset('routes', () => routes);
    eager.reset('routes', routes);
    for (const f of [lazy, eager]) f.update('routes', [routes[0]!], [route('d', { app: 'web' })]);
    expect(lazy.of(bySelector, 'routes')).toEqual(eager.of(bySelector, 'routes'));
    expect(lazy.of(bySelector, 'routes')!.targets.map((t) => t.name)).toEqual(['c', 'd']);
  });
});
