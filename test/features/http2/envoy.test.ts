import { describe, expect, it } from 'vitest';
import { clusterFor, protocolOptions } from '../../emit/core-support.js';

const GRPC = { destinations: { 'httproute/default/web/rule/0': [{ protocol: 'GRPC' }] } };
const H2_DEFAULTS = { initialStreamWindowSize: 65536, initialConnectionWindowSize: 1048576 };

describe('upstream HTTP/2 and the protocol options block', () => {
  it('speaks HTTP/2 to gRPC backends with Envoy’s window defaults', () => {
    expect(protocolOptions(clusterFor(undefined, {}, GRPC))).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
      explicitHttpConfig: { http2ProtocolOptions: H2_DEFAULTS },
    });
  });

  it('writes every HTTP/2 setting of the policy (windows by their own names)', () => {
    const http2 = {
      initialStreamWindowSize: 1048576,
      initialConnectionWindowSize: 524288000,
      maxConcurrentStreams: 200,
      resetStreamOnError: true,
      connectionKeepalive: { interval: 60_000, timeout: 10_000, intervalJitter: 20, idleInterval: 30_000 },
    };
    expect(protocolOptions(clusterFor({ http2 }, {}, GRPC))?.explicitHttpConfig).toEqual({
      http2ProtocolOptions: {
        initialStreamWindowSize: 1048576,
        initialConnectionWindowSize: 524288000,
        maxConcurrentStreams: 200,
        overrideStreamErrorOnInvalidHttpMessage: true,
        connectionKeepalive: { interval: '60s', timeout: '10s', intervalJitter: { value: 20 }, connectionIdleInterval: '30s' },
      },
    });
  });

  it('prints resetStreamOnError false (a BoolValue)', () => {
    expect(protocolOptions(clusterFor({ http2: { resetStreamOnError: false } }, {}, GRPC))?.explicitHttpConfig.http2ProtocolOptions).toEqual({
      ...H2_DEFAULTS,
      overrideStreamErrorOnInvalidHttpMessage: false,
    });
  });

  it('keeps the client’s protocol when asked, with HTTP/2 settings for HTTP/2 clients', () => {
    expect(protocolOptions(clusterFor({ http2: { maxConcurrentStreams: 10 } }, { useClientProtocol: true }))).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
      useDownstreamProtocolConfig: { httpProtocolOptions: {}, http2ProtocolOptions: { ...H2_DEFAULTS, maxConcurrentStreams: 10 } },
    });
  });

  it('client protocol wins over a gRPC backend', () => {
    expect(protocolOptions(clusterFor(undefined, { useClientProtocol: true }, GRPC))?.useDownstreamProtocolConfig).toBeDefined();
  });

  it('copies the listener’s HTTP/1 options upstream', () => {
    const options = { listeners: { 'gw-ns/gw/http': { http1ProtocolOptions: { enableTrailers: true } } } };
    expect(protocolOptions(clusterFor(undefined, {}, options))?.explicitHttpConfig).toEqual({ httpProtocolOptions: { enableTrailers: true } });
  });

  it('selects plain HTTP/1.1 when only another feature needs the block', () => {
    const c = clusterFor({ circuitBreaker: { maxRequestsPerConnection: 10 } });
    expect(protocolOptions(c)).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
      commonHttpProtocolOptions: { maxRequestsPerConnection: 10 },
      explicitHttpConfig: { httpProtocolOptions: {} },
    });
  });
});

describe('GRPCRoute clusters', () => {
  it('speak HTTP/2 upstream, as Envoy Gateway gives GRPCRoute backends the GRPC protocol', () => {
    const c = clusterFor(undefined, { route: { kind: 'GRPCRoute', namespace: 'default', name: 'g' }, matches: undefined });
    expect(protocolOptions(c)?.explicitHttpConfig).toEqual({ http2ProtocolOptions: H2_DEFAULTS });
  });
});
