/**
 * The benchmark's cluster generator and its slow reference, at a small size: the generated
 * manifests are valid, and resolvePolicies agrees with the reference on every route. No timing.
 */
import { describe, expect, it } from 'vitest';
import { asListed, generateCluster, type Variant } from '../../bench/generator.js';
import { check, Reference } from '../../bench/reference.js';
import { parseBackendTrafficPolicy, resolvePolicies } from '../../src/index.js';


const VARIANTS: Variant[] = ['mixed', 'selector-heavy', 'merge-heavy'];

describe('the benchmark cluster generator', () => {
  it('is deterministic for a seed', () => {
    expect(generateCluster({ routes: 50, seed: 3 })).toEqual(generateCluster({ routes: 50, seed: 3 }));
    expect(generateCluster({ routes: 50, seed: 3 })).not.toEqual(generateCluster({ routes: 50, seed: 4 }));
  });

  it.each(VARIANTS)('writes valid policies, about one per five routes (%s)', (variant) => {
    const cluster = generateCluster({ routes: 200, variant });
    const policies = cluster.objects.filter((o) => o.kind === 'BackendTrafficPolicy');
    expect(policies.length).toBe(40);
    for (const p of policies) {
      const r = parseBackendTrafficPolicy(p);
      expect(r.success ? [] : r.issues, `${p.metadata.name}: ${JSON.stringify(p.spec)}`).toEqual([]);
      expect(r.warnings).toEqual([]);
    }
  });

  it.each(VARIANTS)('resolvePolicies agrees with the reference on every route (%s)', (variant) => {
    const cluster = generateCluster({ routes: 200, variant, seed: 11 });
    const resolution = resolvePolicies(cluster.objects);
    expect(resolution.diagnostics).toEqual([]);
    // The generator writes only policies Envoy Gateway accepts, merged or not (the reference relies on it).
    expect(resolution.routes.filter((r) => r.directResponse)).toEqual([]);
    const invalid = resolution.policies.flatMap((p) => (p.status.ancestors ?? []).flatMap((a) => a.conditions.filter((c) => c.reason === 'Invalid')));
    expect(invalid).toEqual([]);
    expect(check(cluster.objects, resolution, 200)).toEqual([]);
  });

  it('the reference notices a wrong answer (policies taken in listing order, not creation order)', () => {
    const cluster = generateCluster({ routes: 200, seed: 11 });
    expect(check(cluster.objects, resolvePolicies(cluster.objects, { order: 'input' }), 200).length).toBeGreaterThan(0);
  });

  it('exercises every scope, merges and conflicts', () => {
    const cluster = generateCluster({ routes: 200, seed: 11 });
    const resolution = resolvePolicies(cluster.objects);
    const reasons = new Set(resolution.policies.flatMap((p) => (p.status.ancestors ?? []).flatMap((a) => a.conditions.map((c) => c.reason))));
    for (const reason of ['Accepted', 'Conflicted', 'Merged', 'Overridden']) expect(reasons).toContain(reason);
    const kinds = new Set(resolution.routes.map((r) => r.route.kind));
    for (const kind of ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute']) expect(kinds).toContain(kind);
    expect(new Reference(cluster.objects).countEntries().HTTPRoute).toBeGreaterThan(400);
  });
  it('lists a cluster as the API server does without changing what it resolves to (asListed)', () => {
    const cluster = generateCluster({ routes: 200, seed: 11 });
    const before = structuredClone(cluster.objects);
    const listed = asListed(cluster.objects);
    expect(cluster.objects).toEqual(before);
    for (const o of listed) {
      const meta = o.metadata as Record<string, unknown>;
      expect(Object.keys(meta)).toEqual(expect.arrayContaining(['uid', 'resourceVersion', 'generation', 'managedFields', 'annotations']));
    }
    expect(listed.filter((o) => 'status' in o).length).toBeGreaterThan(200);
    const bare = resolvePolicies(cluster.objects);
    const resolved = resolvePolicies(listed);
    expect(resolved.diagnostics).toEqual([]);
    expect(resolved.routes).toEqual(bare.routes);
    expect(check(listed, resolved, 200)).toEqual([]);
    expect(resolved.policies).toEqual(bare.policies);
  });
});
