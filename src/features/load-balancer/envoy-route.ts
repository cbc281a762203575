/**
 * `traffic.loadBalancer.consistentHash` → the route part of consistent hashing:
 * `RouteAction.hash_policy`, which tells the cluster's Maglev balancer what to hash. The balancer
 * itself is a cluster feature.
 *
 * - `sourceIP: true` → `connection_properties.source_ip` (`false` hashes nothing);
 * - `headers[]` → one `header` policy per header, in order;
 * - `cookie` → `cookie{name, ttl, attributes}`;
 * - `queryParams[]` → one `query_parameter` policy per parameter.
 * A table size alone gives no hash policy (Envoy then hashes nothing, as Envoy Gateway does).
 * With weighted clusters the action also needs `weighted_clusters.use_hash_policy: true`, or the
 * hash would only pick the host, not the backend (`http-route-weighted-backend-consistent-hash`).
 */
import type { HashPolicy } from '../../emit/envoy-types/index.js';
import type { RouteEmission } from '../feature.js';
import { duration } from '../../emit/protojson.js';
import { routeAction } from '../../emit/route-parts.js';
import { EnvoyRules } from '../../emit/envoy-rules.js';
import type { ConsistentHashTraffic, LoadBalancerTraffic } from './traffic.js';

/** `RouteAction.hash_policy` for a `consistentHash` value (empty when it hashes nothing). */
export function hashPolicies(ch: ConsistentHashTraffic | undefined): HashPolicy[] {
  if (!ch) return [];
  if (ch.sourceIP === true) return [{ connectionProperties: { sourceIp: true } }];
  if (ch.headers && ch.headers.length > 0) return ch.headers.map((h) => ({ header: { headerName: h.name } }));
  if (ch.cookie) {
    const cookie: Extract<HashPolicy, { cookie: unknown }>['cookie'] = { name: ch.cookie.name };
    const ttl = duration(ch.cookie.ttl);
    if (ttl !== undefined) cookie.ttl = ttl;
    const attributes = Object.entries(ch.cookie.attributes ?? {}).map(([name, value]) => ({ name, value }));
    if (attributes.length > 0) cookie.attributes = attributes;
    return [{ cookie }];
  }
  return (ch.queryParams ?? []).map((q) => ({ queryParameter: { name: q.name } }));
}

/**
 * What Envoy rejects in the hash policies: a header name that is not one (`header_name`: not empty,
 * no NUL, CR or LF), an empty cookie or query-parameter name, a cookie attribute whose name or
 * value is not a header name or value (at most 16384 bytes each).
 */
function hashPolicyRejections(ch: ConsistentHashTraffic | undefined) {
  const rules = new EnvoyRules();
  hashPolicies(ch).forEach((policy, i) => {
    if ('header' in policy) rules.headerName(`consistentHash.headers[${i}].name`, policy.header.headerName, 'HashPolicy.Header.header_name');
    if ('queryParameter' in policy) rules.minLength(`consistentHash.queryParams[${i}].name`, policy.queryParameter.name, 1, 'HashPolicy.QueryParameter.name');
    if ('cookie' in policy) {
      rules.minLength('consistentHash.cookie.name', policy.cookie.name, 1, 'HashPolicy.Cookie.name');
      for (const { name, value } of policy.cookie.attributes ?? []) {
        const at = `consistentHash.cookie.attributes.${name}`;
        rules.headerName(at, name, 'HashPolicy.CookieAttribute.name');
        rules.maxBytes(at, name, 16384, 'HashPolicy.CookieAttribute.name');
        rules.headerValue(at, value, 'HashPolicy.CookieAttribute.value');
        rules.maxBytes(at, value, 16384, 'HashPolicy.CookieAttribute.value');
      }
    }
  });
  return rules.found;
}

export const loadBalancerRoute: RouteEmission<LoadBalancerTraffic> = {
  apply(route, value) {
    const action = routeAction(route);
    const policies = hashPolicies(value?.consistentHash);
    if (!action || policies.length === 0) return;
    action.hashPolicy = policies;
    if (action.weightedClusters) action.weightedClusters.useHashPolicy = true;
  },
  rejections: (value) => hashPolicyRejections(value.consistentHash),
};
