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

/** One scope's name in a message, and its id (two scopes may share a name: an HTTPRoute and a GRPCRoute). */
interface NameList {
  /** Sorted as the message lists them (by UTF-16 code units, as `<` and the default sort order strings). */
  names: string[];
  ids: string[];
}

/**
 * The children (or parts) one parent has in one graph, each counted by the sources that record
 * it. Their names, by kind, are sorted when a message first asks for them and then kept in order
 * as children come and go: a Gateway's Overridden list names every route under it, and sorting
 * thousands of names again for each route policy added was most of what adding one cost.
 */
class Children {
  readonly byId = new Map<string, { scope: Scope; count: number }>();
  private sorted: Map<ScopeKind, NameList> | undefined;

  added(id: string, scope: Scope): void {
    if (!this.sorted) return;
    let list = this.sorted.get(scope.kind);
    if (!list) this.sorted.set(scope.kind, (list = { names: [], ids: [] }));
    const name = nameOf(scope);
    const at = firstAtOrAfter(list.names, name);
    list.names.splice(at, 0, name);
    list.ids.splice(at, 0, id);
  }

  removed(id: string, scope: Scope): void {
    const list = this.sorted?.get(scope.kind);
    if (!list) return;
    const name = nameOf(scope);
    for (let at = firstAtOrAfter(list.names, name); at < list.names.length && list.names[at] === name; at++) {
      if (list.ids[at] !== id) continue;
      list.names.splice(at, 1);
      list.ids.splice(at, 1);
      return;
    }
  }

  /** The children's names by kind, sorted. */
  names(): ReadonlyMap<ScopeKind, NameList> {
    if (this.sorted) return this.sorted;
    const byKind = new Map<ScopeKind, Array<{ name: string; id: string }>>();
    for (const [id, { scope }] of this.byId) {
      const list = byKind.get(scope.kind);
      const item = { name: nameOf(scope), id };
      if (list) list.push(item);
      else byKind.set(scope.kind, [item]);
    }
    this.sorted = new Map();
    for (const [kind, items] of byKind) {
      items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      this.sorted.set(kind, { names: items.map((i) => i.name), ids: items.map((i) => i.id) });
    }
    return this.sorted;
  }
}

/** The first index of sorted `names` whose name is not before `name`. */
function firstAtOrAfter(names: readonly string[], name: string): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (names[mid]! < name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const nameOf = (s: Scope): string => (s.section !== undefined ? `${s.key}/${s.section}` : s.key);

type Counted = Map<string, Children>;

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
      const merged = this.graphs.merged.children.get(key);
      if (merged && merged.byId.size > 0) m.merged = `This policy is being merged by other backendTrafficPolicies for ${formatSources([{ children: merged, routesOnly: false }], undefined)}`;
      const overridden = formatSources(descendantSources(this.graphs.overrides, scope, key), merged);
      if (overridden !== '') m.overridden = `This policy is being overridden by other backendTrafficPolicies for ${overridden}`;
      byScope.set(key, m);
    }
    return m;
  }

  private count(e: ScopeEdge, delta: number): void {
    const graph = this.graphs[e.graph];
    const map = e.contains ? graph.contains : graph.children;
    const pid = id(e.parent);
    let children = map.get(pid);
    if (!children) map.set(pid, (children = new Children()));
    const cid = id(e.child);
    const c = children.byId.get(cid);
    const before = c?.count ?? 0;
    const after = before + delta;
    if (after === 0) {
      children.byId.delete(cid);
      if (children.byId.size === 0) map.delete(pid);
      else if (c) children.removed(cid, c.scope);
    } else if (c) c.count = after;
    else {
      children.byId.set(cid, { scope: e.child, count: after });
      children.added(cid, e.child);
    }
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

/** Where a scope's Overridden list draws from (`routesOnly`: only the route scopes of that parent). */
interface Source {
  children: Children;
  routesOnly: boolean;
}

/**
 * The more specific scopes under `p`: its own children, and for a whole Gateway or ListenerSet
 * also those of the scopes it contains (its listeners, a Gateway's ListenerSets and their
 * listeners); for a listener, also the routes on its Gateway or ListenerSet as a whole.
 */
function descendantSources(g: Graph, p: Scope, pid: string): Source[] {
  const out: Source[] = [];
  const add = (id: string, routesOnly = false) => {
    const children = g.children.get(id);
    if (children) out.push({ children, routesOnly });
  };
  add(pid);
  if (p.kind === 'Gateway' || p.kind === 'ListenerSet') {
    for (const { scope: contained } of g.contains.get(pid)?.byId.values() ?? []) {
      const containedId = id(contained);
      add(containedId);
      if (contained.kind === 'ListenerSet') {
        for (const { scope: lsListener } of g.contains.get(containedId)?.byId.values() ?? []) add(id(lsListener));
      }
    }
  } else if (p.kind === 'GatewayListener' || p.kind === 'ListenerSetListener') {
    add(id({ kind: p.kind === 'GatewayListener' ? 'Gateway' : 'ListenerSet', key: p.key }), true);
  }
  return out;
}

const GROUPS: Array<[ScopeKind, string]> = [
  ['GatewayListener', 'these gateway listeners'],
  ['ListenerSet', 'these listenersets'],
  ['ListenerSetListener', 'these listenerset listeners'],
  ['Route', 'these routes'],
];

/**
 * `these gateway listeners: [a b] and these routes: [c]`: the scopes of `sources`, each once
 * (a route with parentRefs with and without a section is under a listener and its Gateway), less
 * those of `excluded`; empty string for none. Each source's names come sorted: the largest list
 * of a kind is taken as it is, the others are checked against the lists before them, and the
 * sorted runs are merged.
 */
function formatSources(sources: readonly Source[], excluded: Children | undefined): string {
  const parts: string[] = [];
  const skip = excluded !== undefined && excluded.byId.size > 0 ? excluded : undefined;
  for (const [kind, label] of GROUPS) {
    const lists: Array<{ list: NameList; children: Children }> = [];
    for (const src of sources) {
      if (src.routesOnly && kind !== 'Route') continue;
      const list = src.children.names().get(kind);
      if (list && list.names.length > 0) lists.push({ list, children: src.children });
    }
    if (lists.length === 0) continue;
    lists.sort((a, b) => b.list.names.length - a.list.names.length);
    let names: string[] | undefined;
    for (let j = 0; j < lists.length; j++) {
      const { list } = lists[j]!;
      const skipped = skip ? excludedAt(list, skip) : undefined;
      let kept: string[];
      if (j === 0 && !skipped) kept = list.names;
      else {
        kept = [];
        for (let i = 0; i < list.names.length; i++) {
          if (skipped?.has(i)) continue;
          const cid = list.ids[i]!;
          let seen = false;
          for (let k = 0; k < j && !seen; k++) seen = lists[k]!.children.byId.has(cid);
          if (!seen) kept.push(list.names[i]!);
        }
      }
      names = names === undefined ? kept : mergeSorted(names, kept);
    }
    if (names!.length > 0) parts.push(`${label}: [${names!.join(' ')}]`);
  }
  return parts.join(' and ');
}

/**
 * The positions in `list` of the scopes of `excluded`: each found by its name (merged routes are
 * few, the list of a Gateway's routes long), or by a look at each item when `excluded` is the larger.
 */
function excludedAt(list: NameList, excluded: Children): Set<number> | undefined {
  let out: Set<number> | undefined;
  if (excluded.byId.size * 8 > list.names.length) {
    for (let i = 0; i < list.ids.length; i++) if (excluded.byId.has(list.ids[i]!)) (out ??= new Set()).add(i);
    return out;
  }
  for (const [cid, { scope }] of excluded.byId) {
    const name = nameOf(scope);
    for (let at = firstAtOrAfter(list.names, name); at < list.names.length && list.names[at] === name; at++) {
      if (list.ids[at] === cid) (out ??= new Set()).add(at);
    }
  }
  return out;
}

/** Two sorted lists of names as one. */
function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  if (b.length === 0) return a as string[];
  const out: string[] = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) out[n++] = b[j]! < a[i]! ? b[j++]! : a[i++]!;
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out;
}
