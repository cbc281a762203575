/**
 * The HTTP connection manager's filter list of one listener: the filters its routes ask for (route features' `httpFilters`), each once — the first request of a name wins,
 * as Envoy Gateway takes a shared filter's config from the first route that needs it — sorted by
 * Envoy Gateway's fixed rank (each feature declares the rank of the filters it adds), ties broken
 * by name, with the router always last.
 */
import type { ListenerSettings } from './emit-options.js';
import type { HttpFilter, Router } from './envoy-types/index.js';
import { anyOf } from './protojson.js';
import { FILTER_RANKS } from '../features/registry.js';
import { compareGoStrings } from '../lang/go-strings.js';

export const ROUTER_FILTER = 'envoy.filters.http.router';

/** Rank of a filter no feature declares (Envoy Gateway's default rank); the router is always last. */
const DEFAULT_RANK = 50;

/** Envoy Gateway's rank of a filter name, from the features' declared filter families. */
export function filterRank(name: string): number {
  for (const { prefix, rank } of FILTER_RANKS) if (name.startsWith(prefix)) return rank;
  return DEFAULT_RANK;
}

/** Sort filters by rank, then name; the router last whatever its neighbours' ranks. */
export function sortHttpFilters(filters: readonly HttpFilter[]): HttpFilter[] {
  return [...filters].sort((a, b) => {
    const an = a.name;
    const bn = b.name;
    if ((an === ROUTER_FILTER) !== (bn === ROUTER_FILTER)) return an === ROUTER_FILTER ? 1 : -1;
    return filterRank(an) - filterRank(bn) || compareGoStrings(an, bn);
  });
}

/** The router, which keeps `x-envoy-*` headers only when the listener asks for them. */
function routerFilter(listener?: ListenerSettings): HttpFilter {
  const router: Router = listener?.enableEnvoyHeaders !== true ? { suppressEnvoyHeaders: true } : {};
  return { name: ROUTER_FILTER, typedConfig: anyOf('envoy.extensions.filters.http.router.v3.Router', router) };
}

/** Collects one listener's filter requests: first request of a name wins; the router is always added last. */
export class HttpFilterCollector {
  private readonly byName = new Map<string, HttpFilter>();

  add(filters: readonly HttpFilter[]): void {
    for (const f of filters) {
      if (f.name === ROUTER_FILTER || this.byName.has(f.name)) continue;
      this.byName.set(f.name, f);
    }
  }

  /** Adds another collector's filters, as if its requests came now. */
  addAll(other: HttpFilterCollector): void {
    this.add([...other.byName.values()]);
  }

  /** The listener's HCM filters: the requested ones in Envoy Gateway's order, then the router. */
  filters(listener?: ListenerSettings): HttpFilter[] {
    return [...sortHttpFilters([...this.byName.values()]), routerFilter(listener)];
  }
}
