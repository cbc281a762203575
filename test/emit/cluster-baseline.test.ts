import { describe, expect, it } from 'vitest';
import { clusterFor, protocolOptions } from './core-support.js';

describe('cluster baseline', () => {
  it('gives a route cluster without policy Envoy Gateway’s defaults', () => {
    expect(clusterFor(undefined)).toEqual({
      name: 'httproute/default/web/rule/0',
      connectTimeout: '10s',
      perConnectionBufferLimitBytes: 32768,
      circuitBreakers: { thresholds: [{ maxRetries: 1024 }] },
      commonLbConfig: {},
      dnsLookupFamily: 'V4_PREFERRED',
      ignoreHealthOnHostRemoval: true,
      loadBalancingPolicy: {
        policies: [
          {
            typedExtensionConfig: {
              name: 'envoy.load_balancing_policies.least_request',
              typedConfig: {
                '@type': 'type.googleapis.com/envoy.extensions.load_balancing_policies.least_request.v3.LeastRequest',
                localityLbConfig: { localityWeightedLbConfig: {} },
              },
            },
          },
        ],
      },
      metadata: { filterMetadata: { 'envoy-gateway': { resources: [{ kind: 'HTTPRoute', name: 'web', namespace: 'default' }] } } },
      type: 'EDS',
      edsClusterConfig: { serviceName: 'httproute/default/web/rule/0', edsConfig: { ads: {}, resourceApiVersion: 'V3' } },
    });
  });

  it('names the rule in the cluster metadata when the rule has a name', () => {
    expect(clusterFor(undefined, { ruleName: 'rule-1' }).metadata.filterMetadata['envoy-gateway'].resources).toEqual([
      { kind: 'HTTPRoute', name: 'web', namespace: 'default', sectionName: 'rule-1' },
    ]);
  });

  it('makes FQDN backends a DNS cluster with Envoy Gateway’s DNS defaults', () => {
    const c = clusterFor(undefined, {}, { destinations: { 'httproute/default/web/rule/0': [{ addressType: 'FQDN' }] } });
    expect(c.type).toBeUndefined();
    expect(c.edsClusterConfig).toBeUndefined();
    expect(c.clusterType).toEqual({
      name: 'envoy.cluster.dns',
      typedConfig: {
        '@type': 'type.googleapis.com/envoy.extensions.clusters.dns.v3.DnsCluster',
        dnsLookupFamily: 'V4_PREFERRED',
        dnsRefreshRate: '30s',
        respectDnsTtl: true,
      },
    });
  });

  it('makes DynamicResolver backends a dynamic forward proxy picking its own hosts', () => {
    const c = clusterFor(undefined, {}, { destinations: { 'httproute/default/web/rule/0': [{ dynamicResolver: true }] } });
    expect(c.clusterType).toEqual({
      name: 'envoy.clusters.dynamic_forward_proxy',
      typedConfig: {
        '@type': 'type.googleapis.com/envoy.extensions.clusters.dynamic_forward_proxy.v3.ClusterConfig',
        dnsCacheConfig: { name: 'envoy-gateway-dfp-cache-v4_preferred-30000ms-default', dnsLookupFamily: 'V4_PREFERRED', dnsRefreshRate: '30s' },
      },
    });
    expect(c.loadBalancingPolicy.policies[0].typedExtensionConfig.name).toBe('envoy.load_balancing_policies.cluster_provided');
    // A policy load balancer does not apply to a cluster that picks hosts itself.
    const withLb = clusterFor({ loadBalancer: { roundRobin: {} } }, {}, { destinations: { 'httproute/default/web/rule/0': [{ dynamicResolver: true }] } });
    expect(withLb.loadBalancingPolicy.policies[0].typedExtensionConfig.name).toBe('envoy.load_balancing_policies.cluster_provided');
  });

  it('gives all-TLS backends the placeholder TLS socket and HTTP auto config', () => {
    const c = clusterFor(undefined, {}, { destinations: { 'httproute/default/web/rule/0': [{ tls: true }] } });
    expect(c.transportSocket).toEqual({
      name: 'dummy.transport_socket',
      typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext', commonTlsContext: {} },
    });
    expect(protocolOptions(c)).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
      autoConfig: { httpProtocolOptions: {}, http2ProtocolOptions: { initialStreamWindowSize: 65536, initialConnectionWindowSize: 1048576 } },
    });
  });

  it('turns on auto SNI for TLS backends without an SNI', () => {
    const c = clusterFor(undefined, {}, { destinations: { 'httproute/default/web/rule/0': [{ tls: true, autoSni: true }] } });
    expect(protocolOptions(c)?.upstreamHttpProtocolOptions).toEqual({ autoSni: true });
  });

  it('has no protocol options for a plain HTTP/1 backend, even with HTTP/2 settings', () => {
    expect(protocolOptions(clusterFor({ http2: { maxConcurrentStreams: 200 } }))).toBeUndefined();
  });
});
