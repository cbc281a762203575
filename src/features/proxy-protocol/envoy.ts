/**
 * `traffic.proxyProtocol` → `Cluster.transport_socket` = the upstream PROXY protocol socket
 * wrapping the cluster's own socket: raw buffer for plain backends, the
 * placeholder TLS socket when every backend uses TLS (Envoy Gateway's auto HTTP config; the
 * per-backend TLS contexts themselves come from BackendTLSPolicies, not BTPs).
 */
import type { ClusterEmission } from '../feature.js';
import { anyOf } from '../../emit/protojson.js';
import { allBackendsTls, dummyTlsSocket } from '../../emit/cluster-transport.js';
import type { ProxyProtocolTraffic } from './traffic.js';

export const proxyProtocolCluster: ClusterEmission<ProxyProtocolTraffic> = {
  apply(cluster, value, ctx) {
    const config: { version?: 'V2' } = {};
    // V1 is the enum's zero value: protojson omits it, leaving `config: {}`.
    if (value.version === 'V2') config.version = 'V2';
    const inner = allBackendsTls(ctx)
      ? dummyTlsSocket()
      : { name: 'envoy.transport_sockets.raw_buffer', typedConfig: anyOf('envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer') };
    cluster.transportSocket = {
      name: 'envoy.transport_sockets.upstream_proxy_protocol',
      typedConfig: anyOf('envoy.extensions.transport_sockets.proxy_protocol.v3.ProxyProtocolUpstreamTransport', {
        config,
        transportSocket: inner,
      }),
    };
  },
};
