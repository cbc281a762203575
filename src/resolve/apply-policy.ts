/**
 * Applying a policy's translated settings to the route entries it reaches. An HTTP or GRPC entry
 * is claimed whole by the first policy to reach it (passes run most specific first); a policy
 * that failed translation does not claim it but makes Envoy answer it with a 500, and the next
 * policy still claims it. TCP/TLS and UDP entries are filled field by field instead: each policy
 * sets only the fields still unset, among those the route's protocol takes (for TCP/TLS, a
 * Gateway- or ListenerSet-level policy never sets `backendConnection`).
 */
import type { PolicyInput } from '../admit/resources.js';
import type { RouteFieldValues } from '../features/feature.js';
import { TCP_GATEWAY_KEYS, TCP_ROUTE_KEYS, UDP_KEYS } from '../features/registry.js';
import { applyHttpRouteFields, applyTcpRouteFields } from './route-fields.js';
import { leafPaths, NO_PROVENANCE, type RouteState } from './route-state.js';
import { refOf, type Built } from './translation-cache.js';

/** Whether the policy came through a route or rule target, or a Gateway or ListenerSet one. */
export type TargetLevel = 'route' | 'gateway';

/** `own`: the route fields of the policy's own spec (for a merged policy, not the merged one). */
export function applyPolicy(states: readonly RouteState[], policy: PolicyInput, built: Built, own: Partial<RouteFieldValues>, level: TargetLevel): void {
  const ref = refOf(policy);
  for (const s of states) {
    if (s.protocol === 'http') {
      if (s.traffic !== undefined || s.useClientProtocol !== undefined) continue;
      if (built.errors.length > 0) {
        s.directResponse = { statusCode: 500 };
        continue;
      }
      s.traffic = built.traffic;
      applyHttpRouteFields(s, built.routeFields, own, level);
      s.policies.push(ref);
      // Claimed whole and never written again: it can share the policy's provenance, as `traffic`.
      s.provenance = built.provenance;
      continue;
    }
    const fields: ReadonlySet<string> = s.protocol === 'udp' ? UDP_KEYS : level === 'route' ? TCP_ROUTE_KEYS : TCP_GATEWAY_KEYS;
    const traffic = (s.traffic ??= {}) as Record<string, unknown>;
    const values = built.traffic as Record<string, unknown>;
    if (s.provenance === NO_PROVENANCE) s.provenance = {};
    for (const f of fields) {
      if (values[f] === undefined || traffic[f] !== undefined) continue;
      traffic[f] = values[f];
      for (const path of leafPaths(values[f], f)) s.provenance[path] = built.provenance[path] ?? ref;
    }
    if (s.protocol === 'tcp') {
      s.policies.push(ref);
      applyTcpRouteFields(s, built.routeFields);
    }
  }
}
