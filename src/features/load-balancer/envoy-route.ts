/**
 * `traffic.loadBalancer.consistentHash` → the route part of consistent hashing (envoy-mapping
 * §1.6): `RouteAction.hash_policy`, which tells the cluster's Maglev balancer what to hash.
 * The balancer itself is a cluster feature.
 *
 * - `sourceIP: true` → `connection_properties.source_ip` (`false` hashes nothing);
 * - `headers[]` → one `header` policy per header, in order;
 * - `cookie` → `cookie{name, ttl, attributes}`;
 * - `queryParams[]` → one `query_parameter` policy per parameter.
 * A table size alone gives no hash policy (Envoy then hashes nothing, as Envoy Gateway does).
 * With weighted clusters the action also needs `weighted_clusters.use_hash_policy: true`, or the
 * hash would only pick the host, not the backend (`http-route-weighted-backend-consistent-hash`).
 */
import type { JsonObject } from '../../emit/emit-context.js';
import type { RouteEmission } from '../feature.js';
import { duration } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';
import { list, routeAction, str } from '../../emit/route-parts.js';

/** `RouteAction.hash_policy` for an IR `consistentHash` value (empty when it hashes nothing). */
export function hashPolicies(consistentHash: unknown): JsonObject[] {
  if (!isRecord(consistentHash)) return [];
  const ch = consistentHash;
  if (ch.sourceIP === true) return [{ connectionProperties: { sourceIp: true } }];
  const headers = list(ch.headers).flatMap((h) => {
    const name = isRecord(h) ? str(h.name) : undefined;
    return name === undefined ? [] : [{ header: { headerName: name } }];
  });
  if (headers.length > 0) return headers;
  if (isRecord(ch.cookie)) {
    const cookie: JsonObject = { name: str(ch.cookie.name) ?? '' };
    const ttl = duration(ch.cookie.ttl);
    if (ttl !== undefined) cookie.ttl = ttl;
    if (isRecord(ch.cookie.attributes)) {
      const attributes = Object.entries(ch.cookie.attributes)
        .filter((e): e is [string, string] => typeof e[1] === 'string')
        .map(([name, value]) => ({ name, value }));
      if (attributes.length > 0) cookie.attributes = attributes;
    }
    return [{ cookie }];
  }
  return list(ch.queryParams).flatMap((q) => {
    const name = isRecord(q) ? str(q.name) : undefined;
    return name === undefined ? [] : [{ queryParameter: { name } }];
  });
}

export const loadBalancerRoute: RouteEmission = {
  apply(route, value, _ctx) {
    const action = routeAction(route);
    if (!action || !isRecord(value)) return;
    const policies = hashPolicies(value.consistentHash);
    if (policies.length === 0) return;
    action.hashPolicy = policies;
    if (isRecord(action.weightedClusters)) action.weightedClusters.useHashPolicy = true;
  },
};
