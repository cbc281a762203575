/**
 * The cluster features (`ClusterFeature`), one per `traffic` key that shapes a cluster, applied in
 * this order over the cluster baseline (`../../cluster.ts`). Order matters only where two features
 * touch one message: each writes its own fields of the shared `HttpProtocolOptions` block, and the
 * block's protocol selector is decided after all of them (`finishProtocolOptions` in `http2.ts`,
 * which is where `traffic.http2` and `useClientProtocol` land: they only matter once the backend
 * protocol, TLS and listener facts are known, so they are not a per-key row here).
 */
import type { ClusterFeature } from './emit-context.js';
import { admissionControlFeature } from '../features/admission-control/envoy.js';
import { backendConnectionFeature } from '../features/connection/envoy.js';
import { circuitBreakerFeature } from '../features/circuit-breaker/envoy.js';
import { dnsFeature } from '../features/dns/envoy.js';
import { healthCheckFeature } from '../features/health-check/envoy.js';
import { loadBalancerFeature } from '../features/load-balancer/envoy-cluster.js';
import { proxyProtocolFeature } from '../features/proxy-protocol/envoy.js';
import { tcpKeepaliveFeature } from '../features/tcp-keepalive/envoy.js';
import { timeoutFeature } from '../features/timeout/envoy-cluster.js';

export const CLUSTER_FEATURES: readonly ClusterFeature[] = [
  loadBalancerFeature,
  proxyProtocolFeature,
  healthCheckFeature,
  circuitBreakerFeature,
  tcpKeepaliveFeature,
  timeoutFeature,
  backendConnectionFeature,
  dnsFeature,
  admissionControlFeature,
];

/**
 * The traffic keys a TCP/TLS route's cluster takes (Envoy Gateway copies only these onto TCP
 * routes); UDP clusters take load balancing and DNS only (envoy-mapping §1.24).
 */
export const TCP_CLUSTER_KEYS: ReadonlySet<string> = new Set([
  'loadBalancer',
  'proxyProtocol',
  'healthCheck',
  'circuitBreaker',
  'tcpKeepalive',
  'timeout',
  'backendConnection',
  'dns',
]);
export const UDP_CLUSTER_KEYS: ReadonlySet<string> = new Set(['loadBalancer', 'dns']);
