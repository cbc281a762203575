/** Circuit breaking, timeouts, connection, keepalive, PROXY protocol, DNS and admission control on clusters. */
import { describe, expect, it } from 'vitest';
import { clusterFor, protocolOptions, resolution, rule, emit } from './core-support.js';

describe('circuitBreaker', () => {
  it('fills the default threshold and replaces the 1024 retries', () => {
    const c = clusterFor({
      circuitBreaker: {
        maxConnections: 1,
        maxPendingRequests: 2,
        maxParallelRequests: 3,
        maxParallelRetries: 4,
        perEndpoint: { maxConnections: 5 },
        retryBudget: { percent: 10, minRetryConcurrency: 1 },
      },
    });
    expect(c.circuitBreakers).toEqual({
      thresholds: [{ maxConnections: 1, maxPendingRequests: 2, maxRequests: 3, maxRetries: 4, retryBudget: { budgetPercent: { value: 10 }, minRetryConcurrency: 1 } }],
      perHostThresholds: [{ maxConnections: 5 }],
    });
  });

  it('keeps 1024 retries when the policy does not set them, and omits a min retry concurrency of 3', () => {
    expect(clusterFor({ circuitBreaker: { maxConnections: 1024, retryBudget: { percent: 20, minRetryConcurrency: 3 } } }).circuitBreakers).toEqual({
      thresholds: [{ maxConnections: 1024, maxRetries: 1024, retryBudget: { budgetPercent: { value: 20 } } }],
    });
  });

  it('leaves per-host thresholds out when the per-endpoint limit is unset', () => {
    expect(clusterFor({ circuitBreaker: { perEndpoint: {} } }).circuitBreakers.perHostThresholds).toBeUndefined();
  });
});

describe('timeout (cluster part)', () => {
  it('sets the connect timeout and the HTTP connection timeouts', () => {
    const c = clusterFor({ timeout: { tcp: { connectTimeout: 31_000 }, http: { connectionIdleTimeout: 32_000, maxConnectionDuration: 33_000, requestTimeout: 5_000 } } });
    expect(c.connectTimeout).toBe('31s');
    expect(protocolOptions(c)).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
      commonHttpProtocolOptions: { idleTimeout: '32s', maxConnectionDuration: '33s' },
      explicitHttpConfig: { httpProtocolOptions: {} },
    });
  });

  it('a request timeout alone is a route setting: no protocol options', () => {
    expect(protocolOptions(clusterFor({ timeout: { http: { requestTimeout: 5_000, maxStreamDuration: 1_000 } } }))).toBeUndefined();
  });
});

describe('backendConnection', () => {
  it('sets the buffer limit and preconnect ratios as 0.01 × percent', () => {
    const c = clusterFor({ backendConnection: { bufferLimit: 100_000_000, preconnect: { perEndpointPercent: 105, predictivePercent: 113 } } });
    expect(c.perConnectionBufferLimitBytes).toBe(100_000_000);
    expect(c.preconnectPolicy).toEqual({ perUpstreamPreconnectRatio: 1.05, predictivePreconnectRatio: 1.1300000000000001 });
  });

  it('leaves out a ratio Envoy rejects (below 1 or above 3), with the whole feature', () => {
    const out = emit(resolution(rule({ traffic: { backendConnection: { bufferLimit: 1024, preconnect: { predictivePercent: 57 } } } })));
    expect(out.clusters[0]!.perConnectionBufferLimitBytes).toBe(32768);
    expect(out.clusters[0]!.preconnectPolicy).toBeUndefined();
    expect(out.diagnostics).toMatchObject([
      { severity: 'error', path: 'routes[0].traffic.backendConnection.preconnect.predictivePercent', feature: 'backendConnection', cluster: 'httproute/default/web/rule/0' },
    ]);
    expect(out.diagnostics[0]!.message).toContain('PreconnectPolicy.predictive_preconnect_ratio must be from 1 to 3, got 0.57');
  });

  it('omits an empty preconnect policy', () => {
    expect(clusterFor({ backendConnection: { preconnect: {} } }).preconnectPolicy).toBeUndefined();
  });
});

describe('tcpKeepalive', () => {
  it('writes whole seconds; an empty keepalive still turns it on', () => {
    expect(clusterFor({ tcpKeepalive: { probes: 3, idleTime: 1_200_000, interval: 60_000 } }).upstreamConnectionOptions).toEqual({
      tcpKeepalive: { keepaliveProbes: 3, keepaliveTime: 1200, keepaliveInterval: 60 },
    });
    expect(clusterFor({ tcpKeepalive: {} }).upstreamConnectionOptions).toEqual({ tcpKeepalive: {} });
  });
});

describe('proxyProtocol', () => {
  it('wraps the raw buffer socket; V1 is the enum default and prints as {}', () => {
    const socket = (version: string) => clusterFor({ proxyProtocol: { version } }).transportSocket;
    expect(socket('V2')).toEqual({
      name: 'envoy.transport_sockets.upstream_proxy_protocol',
      typedConfig: {
        '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.proxy_protocol.v3.ProxyProtocolUpstreamTransport',
        config: { version: 'V2' },
        transportSocket: {
          name: 'envoy.transport_sockets.raw_buffer',
          typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer' },
        },
      },
    });
    expect(socket('V1').typedConfig.config).toEqual({});
  });

  it('wraps the TLS placeholder when every backend uses TLS', () => {
    const c = clusterFor({ proxyProtocol: { version: 'V2' } }, {}, { destinations: { 'httproute/default/web/rule/0': [{ tls: true }] } });
    expect(c.transportSocket.typedConfig.transportSocket.name).toBe('dummy.transport_socket');
  });
});

describe('dns', () => {
  const fqdn = { destinations: { 'httproute/default/web/rule/0': [{ addressType: 'FQDN' as const }] } };

  it('maps the lookup family on the cluster and in the DNS cluster config', () => {
    const c = clusterFor({ dns: { name: 'default/p', lookupFamily: 'IPv6', dnsRefreshRate: 5_000, respectDnsTtl: false } }, {}, fqdn);
    expect(c.dnsLookupFamily).toBe('V6_ONLY');
    expect(c.clusterType.typedConfig).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.clusters.dns.v3.DnsCluster',
      dnsLookupFamily: 'V6_ONLY',
      dnsRefreshRate: '5s',
    });
  });

  it('sets only the top-level family on EDS clusters', () => {
    const c = clusterFor({ dns: { name: 'default/p', lookupFamily: 'IPv4AndIPv6', dnsRefreshRate: 5_000 } });
    expect(c.dnsLookupFamily).toBe('ALL');
    expect(c.clusterType).toBeUndefined();
  });

  it('lets a single-family backend override the policy; dual stack only fills in', () => {
    const with_ = (ipFamily: 'IPv4' | 'IPv6' | 'DualStack', lookupFamily?: string) =>
      clusterFor({ dns: { name: 'default/p', ...(lookupFamily ? { lookupFamily } : {}) } }, {}, { destinations: { 'httproute/default/web/rule/0': [{ ipFamily }] } }).dnsLookupFamily;
    expect(with_('IPv6', 'IPv4')).toBe('V6_ONLY');
    expect(with_('DualStack')).toBe('ALL');
    expect(with_('DualStack', 'IPv4Preferred')).toBe('V4_PREFERRED');
  });

  it('names the dynamic forward proxy DNS cache after family, refresh and policy', () => {
    const c = clusterFor({ dns: { name: 'default/dns-policy', lookupFamily: 'IPv4AndIPv6', dnsRefreshRate: 1_000 } }, {}, {
      destinations: { 'httproute/default/web/rule/0': [{ dynamicResolver: true }] },
    });
    expect(c.clusterType.typedConfig.dnsCacheConfig).toEqual({
      name: 'envoy-gateway-dfp-cache-all-1000ms-default/dns-policy',
      dnsLookupFamily: 'ALL',
      dnsRefreshRate: '1s',
    });
  });
});

describe('admissionControl', () => {
  const filters = (ac: unknown) => protocolOptions(clusterFor({ admissionControl: ac }))?.httpFilters;

  it('installs the upstream filter and the terminal codec', () => {
    expect(
      filters({
        samplingWindow: 30_000,
        minSuccessRate: 95,
        rejectionAggression: 1,
        minRequestRate: 5,
        maxRejectionPercent: 80,
        successCriteria: { http: { statusCodes: [200, 201, 204] } },
      }),
    ).toEqual([
      {
        name: 'envoy.filters.http.admission_control',
        typedConfig: {
          '@type': 'type.googleapis.com/envoy.extensions.filters.http.admission_control.v3.AdmissionControl',
          enabled: { defaultValue: true },
          samplingWindow: '30s',
          srThreshold: { defaultValue: { value: 95 } },
          aggression: { defaultValue: 1 },
          rpsThreshold: { defaultValue: 5 },
          maxRejectionProbability: { defaultValue: { value: 80 } },
          successCriteria: { httpCriteria: { httpSuccessStatus: [{ start: 200, end: 201 }, { start: 201, end: 202 }, { start: 204, end: 205 }] } },
        },
      },
      {
        name: 'envoy.extensions.filters.http.upstream_codec.v3.UpstreamCodec',
        typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.upstream_codec.v3.UpstreamCodec' },
      },
    ]);
  });

  it('numbers gRPC codes, drops unknown names, and always writes success criteria', () => {
    expect(filters({ successCriteria: { grpc: { statusCodes: ['Ok', 'Cancelled', 'Nope', 'Unauthenticated'] } } })?.[0].typedConfig.successCriteria).toEqual({
      grpcCriteria: { grpcSuccessStatus: [0, 1, 16] },
    });
    expect(filters({})?.[0].typedConfig).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.filters.http.admission_control.v3.AdmissionControl',
      enabled: { defaultValue: true },
      successCriteria: {},
    });
  });
});

describe('TCP and UDP route clusters', () => {
  it('take only the features Envoy Gateway copies onto them', () => {
    const traffic = { backendConnection: { bufferLimit: 1000 }, circuitBreaker: { maxConnections: 5 }, loadBalancer: { random: {} }, admissionControl: {} };
    const tcp = emit(resolution(rule({ route: { kind: 'TCPRoute', namespace: 'default', name: 'db' }, traffic }))).clusters;
    expect(tcp.map((c) => c.name)).toEqual(['tcproute/default/db/rule/-1']);
    expect(tcp[0]).toMatchObject({ perConnectionBufferLimitBytes: 1000, circuitBreakers: { thresholds: [{ maxConnections: 5, maxRetries: 1024 }] } });
    expect(tcp[0]!.typedExtensionProtocolOptions).toBeUndefined();

    const udp = emit(resolution(rule({ route: { kind: 'UDPRoute', namespace: 'default', name: 'dns' }, traffic }))).clusters[0]!;
    expect(udp.name).toBe('udproute/default/dns/rule/-1');
    expect(udp.perConnectionBufferLimitBytes).toBe(32768);
    expect(udp.circuitBreakers).toEqual({ thresholds: [{ maxRetries: 1024 }] });
    expect(udp.loadBalancingPolicy.policies[0].typedExtensionConfig.name).toBe('envoy.load_balancing_policies.random');
  });

  it('emit no route configuration or HCM filters', () => {
    const out = emit(resolution(rule({ route: { kind: 'TLSRoute', namespace: 'default', name: 'tls' } })));
    expect(out.clusters.map((c) => c.name)).toEqual(['tlsroute/default/tls/rule/-1']);
    expect(out.routeConfigurations).toEqual([]);
    expect(out.httpFilters).toEqual([]);
  });
});
