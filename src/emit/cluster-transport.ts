/** The cluster's transport socket when its backends use TLS (facts from `EmitOptions.destinations`). */
import type { EmitContext } from './emit-context.js';
import type { TransportSocket } from './envoy-types/index.js';
import { anyOf } from './protojson.js';

/** Every backend of the cluster is reached over TLS (Envoy Gateway then uses HTTP auto config). */
export function allBackendsTls(ctx: EmitContext): boolean {
  const settings = ctx.destination ?? [];
  return settings.length > 0 && settings.every((s) => s.tls === true);
}

/**
 * Envoy Gateway's placeholder socket for all-TLS clusters: the real TLS contexts sit in
 * `transport_socket_matches`, one per backend; this default only makes Envoy treat the cluster as
 * TLS (so that HTTP auto config can negotiate ALPN).
 */
export function dummyTlsSocket(): TransportSocket {
  return {
    name: 'dummy.transport_socket',
    typedConfig: anyOf('envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext', { commonTlsContext: {} }),
  };
}
