/**
 * Which traffic fields a policy writes on a route entry. HTTP and GRPC entries take every feature
 * (the entry is claimed whole); Envoy Gateway copies only cluster settings onto TCP/TLS routes,
 * and `backendConnection` only from route- and rule-level policies; UDP routes take only load
 * balancing and DNS.
 */
import { TCP_GATEWAY_KEYS, TCP_ROUTE_KEYS, UDP_KEYS } from '../features/registry.js';
import type { RouteProtocol } from '../model/kinds.js';

/** Whether the policy came through a route or rule target, or a Gateway or ListenerSet one. */
export type TargetLevel = 'route' | 'gateway';

/** How an entry is written to: whole (`http`), or field by field from one of three field sets. */
export type EntryKind = 'http' | 'tcp-route' | 'tcp-gateway' | 'udp';

export function entryKind(protocol: RouteProtocol, level: TargetLevel): EntryKind {
  if (protocol === 'http') return 'http';
  if (protocol === 'udp') return 'udp';
  return level === 'route' ? 'tcp-route' : 'tcp-gateway';
}

/** The fields a field-by-field entry takes. */
export function fieldsFor(kind: Exclude<EntryKind, 'http'>): ReadonlySet<string> {
  return kind === 'udp' ? UDP_KEYS : kind === 'tcp-route' ? TCP_ROUTE_KEYS : TCP_GATEWAY_KEYS;
}
