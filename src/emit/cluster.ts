/**
 * Clusters: Envoy Gateway's baseline for every route cluster, then the
 * cluster features of the route's `traffic`, then the HTTP protocol-options block.
 *
 * Baseline: `connect_timeout 10s`, `per_connection_buffer_limit_bytes 32768`, one default
 * circuit-breaker threshold `{max_retries: 1024}`, `common_lb_config {}`, `dns_lookup_family
 * V4_PREFERRED`, `ignore_health_on_host_removal`, least-request load balancing over weighted
 * localities, and the discovery type the backends call for: EDS for IP backends, a DNS cluster
 * for FQDN backends, the dynamic forward proxy for DynamicResolver backends.
 */
import type { EmitContext } from './emit-context.js';
import type { Cluster, Metadata, ResourceMetadata } from './envoy-types/index.js';
import type { FeatureDefinition } from '../features/feature.js';
import { FEATURES, TCP_ROUTE_KEYS, UDP_KEYS, type FeatureKey } from '../features/registry.js';
import { backendPreferLocal, clusterProvidedLoadBalancingPolicy, lbPolicy, localityLbConfig } from '../features/load-balancer/envoy-cluster.js';
import { allBackendsTls, dummyTlsSocket } from './cluster-transport.js';
import { anyOf } from './protojson.js';
import type { FailureReport } from './emit-diagnostics.js';

export type ClusterProtocol = 'http' | 'tcp' | 'udp';

const DEFAULT_CONNECT_TIMEOUT = '10s';
const DEFAULT_BUFFER_LIMIT = 32768;
const DEFAULT_MAX_RETRIES = 1024;

/** `envoy-gateway` metadata naming the route (rule) the cluster belongs to, as on Envoy Gateway's clusters. */
function clusterMetadata(ctx: EmitContext): Metadata {
  const { kind, namespace, name } = ctx.route.route;
  const resource: ResourceMetadata = { kind, name, namespace };
  if (ctx.route.ruleName !== undefined && ctx.route.ruleName !== '') resource.sectionName = ctx.route.ruleName;
  return { filterMetadata: { 'envoy-gateway': { resources: [resource] } } };
}

/** The cluster before any policy: Envoy Gateway's defaults and the backends' discovery type. */
function clusterBaseline(name: string, ctx: EmitContext): Cluster {
  const settings = ctx.destination ?? [];
  const cluster: Cluster = {
    name,
    connectTimeout: DEFAULT_CONNECT_TIMEOUT,
    perConnectionBufferLimitBytes: DEFAULT_BUFFER_LIMIT,
    circuitBreakers: { thresholds: [{ maxRetries: DEFAULT_MAX_RETRIES }] },
    commonLbConfig: {},
    dnsLookupFamily: 'V4_PREFERRED',
    ignoreHealthOnHostRemoval: true,
    loadBalancingPolicy: { policies: [lbPolicy('leastRequest', { localityLbConfig: localityLbConfig(backendPreferLocal(settings)) })] },
    metadata: clusterMetadata(ctx),
  };
  if (settings.some((s) => s.dynamicResolver === true)) {
    cluster.clusterType = {
      name: 'envoy.clusters.dynamic_forward_proxy',
      typedConfig: anyOf('envoy.extensions.clusters.dynamic_forward_proxy.v3.ClusterConfig'),
    };
    cluster.loadBalancingPolicy = clusterProvidedLoadBalancingPolicy();
  } else if (settings.length > 0 && settings.every((s) => s.addressType === 'FQDN')) {
    // The endpoints themselves (`load_assignment`) come from Services/Backends, not from the Resolution.
    cluster.clusterType = { name: 'envoy.cluster.dns', typedConfig: anyOf('envoy.extensions.clusters.dns.v3.DnsCluster') };
  } else {
    cluster.type = 'EDS';
    cluster.edsClusterConfig = { serviceName: name, edsConfig: { ads: {}, resourceApiVersion: 'V3' } };
  }
  if (allBackendsTls(ctx) && settings.every((s) => s.dynamicResolver !== true)) cluster.transportSocket = dummyTlsSocket();
  return cluster;
}

/**
 * The whole cluster: the baseline, then each feature's cluster part in registry order (for TCP/TLS
 * and UDP routes only the features those take), then every feature's finishing step. Values are
 * checked before they get here, so a part that throws has a bug: the cluster is rebuilt from its
 * baseline and the other features replayed without it (never a half-written message), and the
 * failure reported.
 */
export function buildCluster(name: string, ctx: EmitContext, protocol: ClusterProtocol, report: FailureReport): Cluster {
  // TCP/TLS clusters take only the features Envoy Gateway copies onto those routes; UDP ones fewer.
  const eligible = protocol === 'tcp' ? TCP_ROUTE_KEYS : protocol === 'udp' ? UDP_KEYS : undefined;
  const valueOf = (feature: FeatureDefinition): unknown =>
    eligible === undefined || eligible.has(feature.key as FeatureKey) ? (ctx.traffic as Record<string, unknown>)[feature.key] : undefined;
  let cluster = clusterBaseline(name, ctx);
  const applying = FEATURES.filter((f) => f.cluster?.apply !== undefined && valueOf(f) !== undefined);
  const skipped = new Set<FeatureDefinition>();
  for (;;) {
    const failed = applying.find((feature) => {
      if (skipped.has(feature)) return false;
      try {
        feature.cluster!.apply!(cluster, valueOf(feature), ctx);
        return false;
      } catch (err) {
        report(feature.key as FeatureKey, 'cluster part', err);
        return true;
      }
    });
    if (failed === undefined) break;
    skipped.add(failed);
    cluster = clusterBaseline(name, ctx);
  }
  for (const feature of FEATURES) {
    const finish = feature.cluster?.finish;
    if (!finish) continue;
    try {
      finish(cluster, skipped.has(feature) ? undefined : valueOf(feature), ctx);
    } catch (err) {
      report(feature.key as FeatureKey, 'cluster finishing step', err);
    }
  }
  return cluster;
}
