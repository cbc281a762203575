/**
 * What `emitEnvoy` may be told beyond the `Resolution`: facts Envoy Gateway learns from other
 * resources (Services and Backends, BackendTLSPolicies, ClientTrafficPolicies, the EnvoyProxy) that
 * change how BTP settings land in Envoy. Everything is optional; without it the emitter assumes
 * what is most common (IP backends speaking HTTP/1.1 in plain text, listeners without
 * ClientTrafficPolicy), exactly as Envoy Gateway does for such inputs.
 */
import type { JsonObject } from './emit-context.js';
import type { BackendHealthCheckLogTraffic } from '../features/health-check/traffic.js';
import type { PreferLocalTraffic } from '../features/load-balancer/traffic.js';
import type { EmitBudget } from './emit-budget.js';

/**
 * One backendRef of a route rule as Envoy Gateway sees it (its IR `DestinationSetting`): the
 * facts that decide the cluster's discovery type, upstream protocol and transport socket.
 */
export interface DestinationSetting {
  /**
   * Application protocol of the backend (IR `protocol`): `HTTP` (default), `HTTP2` or `GRPC`
   * (the cluster then speaks HTTP/2 upstream), `HTTPS`, `TCP`, `UDP`.
   */
  protocol?: string;
  /** `IP` (default: EDS), `FQDN` (a DNS cluster), `Mixed`. */
  addressType?: 'IP' | 'FQDN' | 'Mixed';
  /** The backend is reached over TLS (a BackendTLSPolicy or a Backend's TLS settings). */
  tls?: boolean;
  /** TLS without an explicit SNI: Envoy Gateway turns on `auto_sni`. */
  autoSni?: boolean;
  /** A Backend of type DynamicResolver (dynamic forward proxy cluster). */
  dynamicResolver?: boolean;
  /** The backend's IP family (`IPv4`, `IPv6`, `DualStack`), which can override the DNS lookup family. */
  ipFamily?: 'IPv4' | 'IPv6' | 'DualStack';
  /**
   * Zone-aware routing configured on the backend itself (a Backend's or Service's own
   * `preferLocal`, same shape as `traffic.loadBalancer.preferLocal`); a policy's `preferLocal` wins.
   */
  preferLocal?: PreferLocalTraffic;
}

/** Listener settings that come from a ClientTrafficPolicy (or the EnvoyProxy), not from BTPs. */
export interface ListenerSettings {
  /** `timeout.http.streamIdleTimeout` of the listener, in ms: routes then leave `idle_timeout` unset. */
  streamIdleTimeout?: number;
  /** `headers.disableRateLimitHeaders`: rate-limit filters stop adding `x-ratelimit-*` headers. */
  disableRateLimitHeaders?: boolean;
  /** `headers.enableEnvoyHeaders`: the router keeps `x-envoy-*` headers. */
  enableEnvoyHeaders?: boolean;
  /**
   * The listener's HTTP/1 options as Envoy `Http1ProtocolOptions` (trailers, header case,
   * HTTP/1.0): copied to the upstream protocol options of every cluster behind it.
   */
  http1ProtocolOptions?: JsonObject;
}

export interface EmitOptions {
  /** Per route-rule cluster name (`httproute/<ns>/<name>/rule/<i>`): one entry per backendRef, in order. */
  destinations?: Record<string, DestinationSetting[]>;
  /** Per listener name (`<gwns>/<gw>/<listener>`). */
  listeners?: Record<string, ListenerSettings>;
  /**
   * The EnvoyProxy's gateway-wide health-check event log (`healthCheckLog`), used by active health
   * checks whose policy does not configure its own log. Same shape as
   * `traffic.healthCheck.active.backendHealthCheckLog`.
   */
  healthCheckLog?: BackendHealthCheckLogTraffic;
  /**
   * Envoy Gateway's own global rate-limit settings (`EnvoyGateway.rateLimit`): the rate-limit
   * service call `timeout` (ms) and `failClosed` (deny when the service is unreachable). Both
   * unset by default, as in Envoy Gateway's tests.
   */
  rateLimit?: { timeout?: number; failClosed?: boolean };
  /**
   * The output budget (default: 100,000 Envoy routes and 128 MiB of routes' and clusters'
   * protojson): a route entry that would take the output past it is left out, with an error
   * diagnostic naming the route, its policies and its matches × hostnames.
   */
  budget?: EmitBudget;
}
