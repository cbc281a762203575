/**
 * targetSelectors (semantics notes §2.2–2.4): kind and group, Kubernetes label selectors, the
 * `namespaces` filter, and ReferenceGrants for targets outside the policy's namespace. Each case
 * resolves the fixture's objects with one policy only, and reads which routes it reached.
 */
import { describe, expect, it } from 'vitest';
import { resolvePolicies } from '../../src/index.js';
import { ancestorId, ancestors, hasPolicy, loadFixture } from './load-fixture.js';

const objects = loadFixture('target-selectors') as Array<{ kind: string; metadata: { name: string } }>;
const isPolicy = (o: { kind: string }) => o.kind === 'BackendTrafficPolicy';

/** Resolve the fixture with only the named policy. */
function withOnly(name: string) {
  const chosen = objects.filter((o) => !isPolicy(o) || o.metadata.name === name);
  expect(chosen.filter(isPolicy)).toHaveLength(1);
  return resolvePolicies(chosen, { order: 'input' });
}

/** `ns/name` of the routes the only policy reached. */
function reached(name: string): string[] {
  return withOnly(name)
    .routes.filter((r) => r.policies.length > 0)
    .map((r) => `${r.route.namespace}/${r.route.name}`)
    .sort();
}

describe('label selectors', () => {
  it('matchLabels picks objects carrying every label', () => {
    expect(reached('select-match-labels')).toEqual(['apps/frontend']);
  });

  it('In picks objects whose label has one of the values', () => {
    expect(reached('select-in')).toEqual(['apps/backend', 'apps/frontend']);
  });

  it('NotIn picks objects whose label has none of the values, including objects without the label', () => {
    expect(reached('select-not-in')).toEqual(['apps/backend', 'apps/unlabelled']);
  });

  it('Exists picks objects that have the label', () => {
    expect(reached('select-exists')).toEqual(['apps/frontend']);
  });

  it('DoesNotExist picks objects without the label', () => {
    expect(reached('select-does-not-exist')).toEqual(['apps/unlabelled']);
  });

  it('matchLabels and matchExpressions must both hold', () => {
    expect(reached('select-labels-and-expressions')).toEqual([]);
  });

  it('a selector with no labels and no expressions picks every object of its kind in the namespace', () => {
    expect(reached('select-everything-here')).toEqual(['apps/backend', 'apps/frontend', 'apps/unlabelled']);
  });

  it('the kind must match', () => {
    expect(reached('select-wrong-kind')).toEqual([]);
  });

  it('selects Gateways too, reporting on the Gateway', () => {
    const res = withOnly('select-gateway');
    expect(ancestors(res, 'infra/select-gateway').map(ancestorId)).toEqual(['Gateway infra/eg']);
    expect(res.routes.every((r) => r.policies.length === 1)).toBe(true);
  });
});

describe('namespaces', () => {
  it('without `namespaces`, only the policy namespace is searched', () => {
    expect(reached('select-match-labels')).toEqual(['apps/frontend']);
  });

  it('`from: Same` searches the policy namespace', () => {
    expect(reached('select-same-namespace')).toEqual(['apps/frontend']);
  });

  it('`from: All` searches every namespace, keeping only targets a ReferenceGrant allows', () => {
    // other-frontend-2 (grant names another route) and locked-frontend (no usable grant) are dropped.
    expect(reached('select-all-namespaces')).toEqual(['apps/frontend', 'bare/bare-frontend', 'other/other-frontend']);
  });

  it('`from: Selector` searches the namespaces whose labels match', () => {
    expect(reached('select-namespace-labels')).toEqual(['other/other-frontend']);
  });

  it('a namespace without labels never matches `from: Selector`, not even an empty selector', () => {
    expect(reached('select-any-labelled-namespace')).toEqual(['apps/frontend', 'other/other-frontend']);
  });
});

describe('targets a ReferenceGrant does not allow', () => {
  it('are dropped silently: no status, no diagnostics', () => {
    const chosen = objects.filter((o) => !isPolicy(o) || o.metadata.name === 'select-all-namespaces');
    // Only the locked namespace's route is left to select.
    const lockedOnly = chosen.filter((o) => o.kind !== 'HTTPRoute' || (o as { metadata: { namespace?: string } }).metadata.namespace === 'locked');
    const res = resolvePolicies(lockedOnly, { order: 'input' });
    expect(hasPolicy(res, 'apps/select-all-namespaces')).toBe(false);
    expect(res.routes.every((r) => r.policies.length === 0)).toBe(true);
    expect(res.diagnostics).toEqual([]);
  });
});
