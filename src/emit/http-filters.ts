/**
 * The HTTP connection manager's filter list of one listener (envoy-mapping §2): the filters its
 * routes ask for (route features' `httpFilters`), each once — the first request of a name wins,
 * as Envoy Gateway takes a shared filter's config from the first route that needs it — sorted by
 * Envoy Gateway's fixed rank, ties broken by name, with the router always last.
 */
import type { ListenerSettings } from './emit-options.js';
import type { JsonObject } from './emit-context.js';
import { anyOf } from './protojson.js';

export const ROUTER_FILTER = 'envoy.filters.http.router';

/** Envoy Gateway's rank by filter-name prefix (§2.2); `…/<i>` families add their index. */
const RANKS: ReadonlyArray<readonly [prefix: string, rank: number, indexed?: boolean]> = [
  ['envoy.filters.http.custom_response', 0],
  ['envoy.filters.http.health_check', 1],
  ['envoy.filters.http.fault', 2],
  ['envoy.filters.http.cors', 3],
  ['envoy.filters.http.csrf', 4],
  ['envoy.filters.http.header_mutation', 5],
  ['envoy.filters.http.ext_authz', 6],
  ['envoy.filters.http.api_key_auth', 7],
  ['envoy.filters.http.basic_auth', 8],
  ['envoy.filters.http.oauth2', 9],
  ['envoy.filters.http.jwt_authn', 10],
  ['envoy.filters.http.stateful_session', 11],
  ['envoy.filters.http.buffer', 12],
  ['envoy.filters.http.lua', 13, true],
  ['envoy.filters.http.ext_proc', 100, true],
  ['envoy.filters.http.wasm', 200, true],
  ['envoy.filters.http.dynamic_modules', 250, true],
  ['envoy.filters.http.geoip', 300],
  ['envoy.filters.http.rbac', 301],
  ['envoy.filters.http.local_ratelimit', 302],
  ['envoy.filters.http.ratelimit', 303],
  ['envoy.filters.http.bandwidth_limit', 304],
  ['envoy.filters.http.grpc_web', 305],
  ['envoy.filters.http.grpc_stats', 306],
  ['envoy.filters.http.credential_injector', 307],
  ['envoy.filters.http.compressor', 308],
  ['envoy.filters.http.dynamic_forward_proxy', 309],
  [ROUTER_FILTER, 310],
];

/** Rank of filters Envoy Gateway does not list. */
const DEFAULT_RANK = 50;

/** The index of an indexed filter family (`envoy.filters.http.lua/2` → 2), 0 when absent. */
function filterIndex(name: string): number {
  const n = Number(name.slice(name.lastIndexOf('/') + 1));
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

/** Envoy Gateway's rank of a filter name. */
export function filterRank(name: string): number {
  for (const [prefix, rank, indexed] of RANKS) {
    if (name.startsWith(prefix)) return indexed ? rank + filterIndex(name) : rank;
  }
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
