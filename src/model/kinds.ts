/**
 * The API groups and kinds the library reads, named once. Route kinds are listed in the order
 * Envoy Gateway's translator processes them (HTTP, GRPC, TLS, TCP, UDP).
 */

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
export const ENVOY_GATEWAY_GROUP = 'gateway.envoyproxy.io';

/** The xRoute kinds: the kinds a policy may target besides Gateways and ListenerSets. */
export const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];
/** Kept under the CRD's own name for the route kinds (`mergeType can only be used with xRoute targets`). */
export const XROUTE_KINDS = ROUTE_KINDS;

/** Kinds a BackendTrafficPolicy may target (the CRD's CEL rules on `targetRef(s)` and `targetSelectors`). */
export const POLICY_TARGET_KINDS = ['Gateway', 'ListenerSet', ...ROUTE_KINDS] as const;

/**
 * What Envoy Gateway builds for a route kind: HTTP and GRPC routes are HTTP routes in Envoy (claimed
 * whole by a policy, one cluster per rule); TCP and TLS routes are TCP proxies and UDP routes UDP
 * proxies (one cluster per route, filled field by field).
 */
export type RouteProtocol = 'http' | 'tcp' | 'udp';

export function routeProtocol(kind: string): RouteProtocol {
  return kind === 'TCPRoute' || kind === 'TLSRoute' ? 'tcp' : kind === 'UDPRoute' ? 'udp' : 'http';
}

export function isRouteKind(kind: unknown): kind is RouteKind {
  return typeof kind === 'string' && (ROUTE_KINDS as readonly string[]).includes(kind);
}
