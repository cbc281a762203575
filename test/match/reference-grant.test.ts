/**
 * ReferenceGrants, asked per object (`referenceGranted`) and per namespace (`grantedNames`, which
 * selectors use): both must allow exactly the same references.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReferenceGrant } from '../../src/model/gateway-api.js';
import { grantedNames, referenceGranted } from '../../src/match/reference-grant.js';

const GW = 'gateway.networking.k8s.io';
const EG = 'gateway.envoyproxy.io';
const from = { group: EG, kind: 'BackendTrafficPolicy', namespace: 'platform' };
const grant = (fromNamespace: string, to: Array<{ group?: string; kind: string; name?: string }>): ReferenceGrant =>
  ({ spec: { from: [{ group: EG, kind: 'BackendTrafficPolicy', namespace: fromNamespace }], to: to.map((t) => ({ group: t.group ?? GW, ...t })) } }) as unknown as ReferenceGrant;

describe('grantedNames', () => {
  it('names what grants from the policy namespace allow of the kind, or all of it', () => {
    const grants = [grant('platform', [{ kind: 'HTTPRoute', name: 'a' }, { kind: 'GRPCRoute' }]), grant('other', [{ kind: 'HTTPRoute' }]), grant('platform', [{ kind: 'HTTPRoute', name: 'b' }])];
    const http = grantedNames(grants, from, GW, 'HTTPRoute');
    expect(http.all).toBe(false);
    expect([...http.names].sort()).toEqual(['a', 'b']);
    expect(grantedNames(grants, from, GW, 'GRPCRoute').all).toBe(true);
    expect(grantedNames(undefined, from, GW, 'HTTPRoute')).toEqual({ all: false, names: new Set() });
  });

  it('allows exactly what referenceGranted allows, name by name', () => {
    const names = ['a', 'b', 'c'];
    const to = fc.record({ group: fc.constantFrom(GW, 'other.io'), kind: fc.constantFrom('HTTPRoute', 'GRPCRoute'), name: fc.option(fc.constantFrom('', ...names), { nil: undefined }) });
    const grants = fc.array(fc.tuple(fc.constantFrom('platform', 'other'), fc.array(to, { maxLength: 3 })), { maxLength: 4 }).map((gs) => gs.map(([ns, t]) => grant(ns, t)));
    fc.assert(
      fc.property(grants, fc.constantFrom('HTTPRoute', 'GRPCRoute'), (gs, kind) => {
        const allowed = grantedNames(gs, from, GW, kind);
        for (const name of names) expect(allowed.all || allowed.names.has(name)).toBe(referenceGranted(gs, from, { group: GW, kind, name }));
      }),
      { numRuns: 300 },
    );
  });
});
