/**
 * The HTTP connection manager's filter list of one listener (envoy-mapping §2): the filters its
 * routes ask for (route features' `httpFilters`), each once — the first request of a name wins,
 * as Envoy Gateway takes a shared filter's config from the first route that needs it — sorted by
 * Envoy Gateway's fixed rank (each feature declares the rank of the filters it adds), ties broken
 * by name, with the router always last.
 */
import type { ListenerSettings } from './emit-options.js';
import type { JsonObject } from './emit-context.js';
import { anyOf } from './protojson.js';
import { FILTER_RANKS } from '../features/registry.js';

export const ROUTER_FILTER = 'envoy.filters.http.router';

/** Rank of a filter no feature declares (Envoy Gateway's default rank); the router is always last. */
const DEFAULT_RANK = 50;

/** Envoy Gateway's rank of a filter name, from the features' declared filter families. */
export function filterRank(name: string): number {
  for (const { prefix, rank } of FILTER_RANKS) if (name.startsWith(prefix)) return rank;
  return DEFAULT_RANK;
}

/** Byte-wise string order (Go's `<` on strings), not locale order. */
function compareBytes(a: string, b: string): number {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** Sort filters by rank, then name; the router last whatever its neighbours' ranks. */
export function sortHttpFilters(filters: readonly JsonObject[]): JsonObject[] {
  const nameOf = (f: JsonObject) => (typeof f.name === 'string' ? f.name : '');
  return [...filters].sort((a, b) => {
    const an = nameOf(a);
    const bn = nameOf(b);
    if ((an === ROUTER_FILTER) !== (bn === ROUTER_FILTER)) return an === ROUTER_FILTER ? 1 : -1;
    return filterRank(an) - filterRank(bn) || compareBytes(an, bn);
  });
}

/** The router, which keeps `x-envoy-*` headers only when the listener asks for them. */
export function routerFilter(listener?: ListenerSettings): JsonObject {
  const suppress = listener?.enableEnvoyHeaders !== true;
  return {
    name: ROUTER_FILTER,
    typedConfig: anyOf('envoy.extensions.filters.http.router.v3.Router', suppress ? { suppressEnvoyHeaders: true } : {}),
  };
}

/** Collects one listener's filter requests: first request of a name wins. */
export class HttpFilterCollector {
  private readonly byName = new Map<string, JsonObject>();

  add(filters: readonly unknown[]): void {
    for (const f of filters) {
      if (typeof f !== 'object' || f === null || Array.isArray(f)) continue;
      const name = (f as JsonObject).name;
      if (typeof name !== 'string' || name === '' || name === ROUTER_FILTER || this.byName.has(name)) continue;
      this.byName.set(name, f as JsonObject);
    }
  }

  /** The listener's HCM filters: the requested ones in Envoy Gateway's order, then the router. */
  filters(listener?: ListenerSettings): JsonObject[] {
    return [...sortHttpFilters([...this.byName.values()]), routerFilter(listener)];
  }
}
