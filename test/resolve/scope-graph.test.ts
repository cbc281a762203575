/**
 * The Overridden and Merged lists a scope's policy reports. A graph keeps each parent's child
 * names sorted once a message asked for them, and inserts and removes names as sources change
 * their edges; whatever the sequence, its messages must be those of a graph given only the edges
 * held at the end.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { listenerSetEdge, scopeEdges, ScopeGraphs, type Scope, type ScopeEdge } from '../../src/resolve/scope-graph.js';

const gateway: Scope = { kind: 'Gateway', key: 'infra/eg' };
const listeners: Scope[] = ['http', 'https'].map((section) => ({ kind: 'GatewayListener', key: 'infra/eg', section }));
const listenerSet: Scope = { kind: 'ListenerSet', key: 'apps/ls' };
const lsListener: Scope = { kind: 'ListenerSetListener', key: 'apps/ls', section: 'extra' };
const parents = [gateway, ...listeners, listenerSet, lsListener];
// Two kinds of route with one name: two scopes, one name, both listed.
// Enough of them that a long list with few merged ones is searched by name, a short one item by item.
const routes: Scope[] = ['a', 'b', 'c', 'B', 'a-b', 'a/b', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm'].flatMap((name) => [
  { kind: 'Route', key: `apps/${name}`, routeKind: 'HTTPRoute' },
  ...(name === 'a' ? [{ kind: 'Route' as const, key: `apps/${name}`, routeKind: 'GRPCRoute' }] : []),
]);

/** The edges one source records: a route under some parents (overrides or merged), or a held listener. */
const sourceEdges = fc.oneof(
  fc.record({ route: fc.constantFrom(...routes), parents: fc.subarray(parents, { minLength: 1 }), merged: fc.boolean() }).map(({ route, parents: ps, merged }) => {
    const edges: ScopeEdge[] = [];
    for (const p of ps) {
      if (p.kind === 'ListenerSet' || p.kind === 'ListenerSetListener') edges.push(listenerSetEdge(gateway.key, p.key));
      scopeEdges(merged ? 'merged' : 'overrides', p, route, edges);
    }
    return edges;
  }),
  fc.constantFrom(...listeners, lsListener).map((l) => scopeEdges('overrides', l.kind === 'GatewayListener' ? gateway : listenerSet, l)),
);

const messages = (g: ScopeGraphs) => parents.map((p) => g.messagesOf(p));

describe('ScopeGraphs', () => {
  it('gives the messages of the edges it holds, however they came and went', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 24 }), fc.option(sourceEdges, { nil: undefined })), { maxLength: 60 }), (steps) => {
        const followed = new ScopeGraphs();
        const held = new Map<string, ScopeEdge[]>();
        for (const [i, [source, edges]] of steps.entries()) {
          followed.set(`s${source}`, edges ?? []);
          if (edges && edges.length > 0) held.set(`s${source}`, edges);
          else held.delete(`s${source}`);
          // Ask now and then, so that names are kept sorted while edges change.
          if (i % 3 === 0) messages(followed);
        }
        const fresh = new ScopeGraphs();
        for (const [source, edges] of held) fresh.set(source, edges);
        expect(messages(followed)).toEqual(messages(fresh));
      }),
      { numRuns: 300, seed: 20261206 },
    );
  });

  it('lists each scope once, sorted by UTF-16 code units, less the merged ones', () => {
    const g = new ScopeGraphs();
    const route = (name: string, routeKind = 'HTTPRoute'): Scope => ({ kind: 'Route', key: `apps/${name}`, routeKind });
    g.set('a', scopeEdges('overrides', gateway, route('b')));
    g.set('b', [...scopeEdges('overrides', gateway, route('a')), ...scopeEdges('overrides', listeners[0]!, route('a'))]);
    g.set('c', scopeEdges('overrides', listeners[0]!, route('B')));
    g.set('d', scopeEdges('overrides', gateway, route('a', 'GRPCRoute')));
    g.set('e', scopeEdges('merged', gateway, route('m')));
    g.set('f', scopeEdges('overrides', gateway, route('m')));
    // A policy holding the Gateway's listener: the listener is a more specific scope too.
    g.set('g', scopeEdges('overrides', gateway, listeners[0]!));
    expect(g.messagesOf(gateway)).toEqual({
      merged: 'This policy is being merged by other backendTrafficPolicies for these routes: [apps/m]',
      overridden: 'This policy is being overridden by other backendTrafficPolicies for these gateway listeners: [infra/eg/http] and these routes: [apps/B apps/a apps/a apps/b]',
    });
    // A route gone from the Gateway leaves the list the Gateway's listener shows too.
    g.set('a', []);
    expect(g.messagesOf(listeners[0]!).overridden).toBe('This policy is being overridden by other backendTrafficPolicies for these routes: [apps/B apps/a apps/a apps/m]');
  });

  it('leaves the merged routes out of a long list', () => {
    const g = new ScopeGraphs();
    const names = Array.from({ length: 20 }, (_, i) => `r${String(i).padStart(2, '0')}`);
    names.forEach((name) => g.set(name, scopeEdges('overrides', gateway, { kind: 'Route', key: `apps/${name}`, routeKind: 'HTTPRoute' })));
    g.set('merged', scopeEdges('merged', gateway, { kind: 'Route', key: 'apps/r07', routeKind: 'HTTPRoute' }));
    const listed = names.filter((n) => n !== 'r07').map((n) => `apps/${n}`);
    expect(g.messagesOf(gateway).overridden).toBe(`This policy is being overridden by other backendTrafficPolicies for these routes: [${listed.join(' ')}]`);
  });
});
