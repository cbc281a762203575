/**
 * Which more specific scopes override (or merge into) a policy: Envoy Gateway keeps two graphs of
 * scopes — Gateway, Gateway listener, ListenerSet, ListenerSet listener, route — and lists, in the
 * Overridden and Merged conditions, the children recorded under a policy's scope.
 *
 * Here each edge is counted by the sources that record it (a targeted route, a held listener
 * slot, a merged route policy), so a source can take its edges back when it changes. The messages
 * are kept per scope until an edge below it changes; `changed` then names the scopes' owners
 * (`Gateway|ns/name`, `ListenerSet|ns/name`), whose policies must write them again.
 */

export type ScopeKind = 'GatewayListener' | 'ListenerSet' | 'ListenerSetListener' | 'Route' | 'Gateway';

export interface Scope {
  kind: ScopeKind;
  /** `ns/name` of the Gateway, ListenerSet or route. */
  key: string;
  section?: string;
  /** Route kind, which distinguishes scopes but is not shown. */
  routeKind?: string;
}

const id = (s: Scope): string => `${s.kind}|${s.routeKind ?? ''}|${s.key}|${s.section ?? ''}`;

/** The Gateway or ListenerSet a scope belongs to, as `Gateway|ns/name` or `ListenerSet|ns/name`. */
export const ownerOf = (s: Scope): string => `${s.kind === 'ListenerSet' || s.kind === 'ListenerSetListener' ? 'ListenerSet' : 'Gateway'}|${s.key}`;

/** One edge a source records: `parent` has `child` as a child, or (`contains`) as a part. */
export interface ScopeEdge {
  graph: 'overrides' | 'merged';
  contains: boolean;
  parent: Scope;
  child: Scope;
}

/** Envoy Gateway's `addScope`: the child under the parent, and a listener scope within its Gateway or ListenerSet. */
export function scopeEdges(graph: ScopeEdge['graph'], parent: Scope, child: Scope, out: ScopeEdge[] = []): ScopeEdge[] {
  out.push({ graph, contains: false, parent, child });
  if (parent.kind === 'GatewayListener') out.push({ graph, contains: true, parent: { kind: 'Gateway', key: parent.key }, child: parent });
  if (parent.kind === 'ListenerSetListener') out.push({ graph, contains: true, parent: { kind: 'ListenerSet', key: parent.key }, child: parent });
  return out;
}

/** A ListenerSet within its Gateway. */
export function listenerSetEdge(gatewayKey: string, listenerSetKey: string): ScopeEdge {
  return { graph: 'overrides', contains: true, parent: { kind: 'Gateway', key: gatewayKey }, child: { kind: 'ListenerSet', key: listenerSetKey } };
}

type Counted = Map<string, Map<string, { scope: Scope; count: number }>>;

interface Graph {
  children: Counted;
  contains: Counted;
}

const newGraph = (): Graph => ({ children: new Map(), contains: new Map() });

interface Messages {
  merged?: string;
  overridden?: string;
}

export class ScopeGraphs {
  private readonly graphs = { overrides: newGraph(), merged: newGraph() };
  private readonly sources = new Map<string, ScopeEdge[]>();
  /** Gateways whose scope contains each ListenerSet (in the overrides graph). */
  private readonly containedBy = new Map<string, Set<string>>();
  private readonly messages = new Map<string, Map<string, Messages>>();
  /** Owners whose messages may have changed since `takeChanged`. */
  private changed = new Set<string>();

  /** Replaces the edges a source records (none: the source is gone). */
  set(source: string, edges: readonly ScopeEdge[]): void {
    const before = this.sources.get(source);
    if (edges.length === 0) this.sources.delete(source);
    else this.sources.set(source, [...edges]);
    for (const e of edges) this.count(e, 1);
    for (const e of before ?? []) this.count(e, -1);
  }

  /** Adds edges that no later change takes back (a snapshot's). */
  add(edges: readonly ScopeEdge[]): void {
    for (const e of edges) this.count(e, 1);
  }

  /** The owners whose messages may have changed since the last call. */
  takeChanged(): Set<string> {
    const out = this.changed;
    this.changed = new Set();
    return out;
  }

  /**
   * `Merged` lists the route scopes merged into this scope's policy; `Overridden` the more
   * specific scopes under it (for a whole Gateway or ListenerSet, also those under its
   * listeners), less the merged ones.
   */
  messagesOf(scope: Scope): Messages {
    const owner = ownerOf(scope);
    let byScope = this.messages.get(owner);
    if (!byScope) this.messages.set(owner, (byScope = new Map()));
    const key = id(scope);
    let m = byScope.get(key);
    if (!m) {
      m = {};
      const mergedSet = directChildren(this.graphs.merged, scope);
      if (mergedSet.size > 0) m.merged = `This policy is being merged by other backendTrafficPolicies for ${formatScopes(mergedSet.values())}`;
      const overridden = withDescendants(this.graphs.overrides, scope);
      for (const k of mergedSet.keys()) overridden.delete(k);
      if (overridden.size > 0) m.overridden = `This policy is being overridden by other backendTrafficPolicies for ${formatScopes(overridden.values())}`;
      byScope.set(key, m);
    }
    return m;
  }

  private count(e: ScopeEdge, delta: number): void {
    const graph = this.graphs[e.graph];
    const map = e.contains ? graph.contains : graph.children;
    const pid = id(e.parent);
    let children = map.get(pid);
    if (!children) map.set(pid, (children = new Map()));
    const cid = id(e.child);
    const c = children.get(cid);
    const before = c?.count ?? 0;
    const after = before + delta;
    if (after === 0) {
      children.delete(cid);
      if (children.size === 0) map.delete(pid);
    } else if (c) c.count = after;
    else children.set(cid, { scope: e.child, count: after });
    if ((before === 0) === (after === 0)) return;
    this.touch(e.parent);
    if (e.graph === 'overrides' && e.contains && e.parent.kind === 'Gateway' && e.child.kind === 'ListenerSet') {
      let gateways = this.containedBy.get(e.child.key);
      if (!gateways) this.containedBy.set(e.child.key, (gateways = new Set()));
      if (after > 0) gateways.add(e.parent.key);
      else {
        gateways.delete(e.parent.key);
        if (gateways.size === 0) this.containedBy.delete(e.child.key);
      }
    }
  }

  /** An edge below `scope` changed: the messages of its owner, and of the Gateways containing a ListenerSet, are stale. */
  private touch(scope: Scope): void {
    const owners = [ownerOf(scope)];
    if (scope.kind === 'ListenerSet' || scope.kind === 'ListenerSetListener') for (const gw of this.containedBy.get(scope.key) ?? []) owners.push(`Gateway|${gw}`);
    for (const owner of owners) {
      this.messages.delete(owner);
      this.changed.add(owner);
    }
  }
}

function directChildren(g: Graph, p: Scope): Map<string, Scope> {
  const out = new Map<string, Scope>();
  for (const [k, v] of g.children.get(id(p)) ?? []) out.set(k, v.scope);
  return out;
}

function withDescendants(g: Graph, p: Scope): Map<string, Scope> {
  const out = directChildren(g, p);
  const add = (scope: Scope, routesOnly = false) => {
    for (const [k, v] of g.children.get(id(scope)) ?? []) if (!routesOnly || v.scope.kind === 'Route') out.set(k, v.scope);
  };
  if (p.kind === 'Gateway' || p.kind === 'ListenerSet') {
    for (const { scope: contained } of g.contains.get(id(p))?.values() ?? []) {
      add(contained);
      if (contained.kind === 'ListenerSet') {
        for (const { scope: lsListener } of g.contains.get(id(contained))?.values() ?? []) add(lsListener);
      }
    }
  } else if (p.kind === 'GatewayListener' || p.kind === 'ListenerSetListener') {
    add({ kind: p.kind === 'GatewayListener' ? 'Gateway' : 'ListenerSet', key: p.key }, true);
  }
  return out;
}

const GROUPS: Array<[ScopeKind, string]> = [
  ['GatewayListener', 'these gateway listeners'],
  ['ListenerSet', 'these listenersets'],
  ['ListenerSetListener', 'these listenerset listeners'],
  ['Route', 'these routes'],
];

/** `these gateway listeners: [a b] and these routes: [c]` — empty string for an empty set. */
export function formatScopes(scopes: Iterable<Scope>): string {
  // One walk files the names by kind: a Gateway's list can name every route on it.
  const names = new Map<ScopeKind, string[]>();
  for (const s of scopes) {
    const name = s.section !== undefined ? `${s.key}/${s.section}` : s.key;
    const list = names.get(s.kind);
    if (list) list.push(name);
    else names.set(s.kind, [name]);
  }
  const parts: string[] = [];
  for (const [kind, label] of GROUPS) {
    const list = names.get(kind);
    // The default sort orders strings by UTF-16 code units, as `<` does, without a call per comparison.
    if (list) parts.push(`${label}: [${list.sort().join(' ')}]`);
  }
  return parts.join(' and ');
}
