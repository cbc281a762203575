/**
 * Which more specific scopes override (or merge into) a policy: Envoy Gateway keeps two graphs of
 * scopes — Gateway, Gateway listener, ListenerSet, ListenerSet listener, route — and lists, in the
 * Overridden and Merged conditions, the children recorded under a policy's scope.
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

export interface ScopeGraph {
  children: Map<string, Map<string, Scope>>;
  /** Gateway → contained listener scopes and ListenerSets; ListenerSet → its listener scopes. */
  contains: Map<string, Map<string, Scope>>;
}

export const newScopeGraph = (): ScopeGraph => ({ children: new Map(), contains: new Map() });

function addTo(map: Map<string, Map<string, Scope>>, parent: Scope, child: Scope): void {
  let set = map.get(id(parent));
  if (!set) map.set(id(parent), (set = new Map()));
  set.set(id(child), child);
}

export function addScope(g: ScopeGraph, parent: Scope, child: Scope): void {
  addTo(g.children, parent, child);
  if (parent.kind === 'GatewayListener') addTo(g.contains, { kind: 'Gateway', key: parent.key }, parent);
  if (parent.kind === 'ListenerSetListener') addTo(g.contains, { kind: 'ListenerSet', key: parent.key }, parent);
}

export function registerListenerSet(g: ScopeGraph, gatewayKey: string, listenerSetKey: string): void {
  addTo(g.contains, { kind: 'Gateway', key: gatewayKey }, { kind: 'ListenerSet', key: listenerSetKey });
}

export function directChildren(g: ScopeGraph, p: Scope): Map<string, Scope> {
  return new Map(g.children.get(id(p)) ?? []);
}

export function withDescendants(g: ScopeGraph, p: Scope): Map<string, Scope> {
  const out = directChildren(g, p);
  if (p.kind === 'Gateway' || p.kind === 'ListenerSet') {
    for (const contained of g.contains.get(id(p))?.values() ?? []) {
      for (const [k, v] of directChildren(g, contained)) out.set(k, v);
      if (contained.kind === 'ListenerSet') {
        for (const lsListener of g.contains.get(id(contained))?.values() ?? []) {
          for (const [k, v] of directChildren(g, lsListener)) out.set(k, v);
        }
      }
    }
  } else if (p.kind === 'GatewayListener' || p.kind === 'ListenerSetListener') {
    const resource: Scope = { kind: p.kind === 'GatewayListener' ? 'Gateway' : 'ListenerSet', key: p.key };
    for (const [k, v] of directChildren(g, resource)) if (v.kind === 'Route') out.set(k, v);
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
  const parts: string[] = [];
  const list = [...scopes];
  for (const [kind, label] of GROUPS) {
    const names = list
      .filter((s) => s.kind === kind)
      .map((s) => (s.section !== undefined ? `${s.key}/${s.section}` : s.key))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (names.length > 0) parts.push(`${label}: [${names.join(' ')}]`);
  }
  return parts.join(' and ');
}
