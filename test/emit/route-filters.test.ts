/** The route features that enable an HCM filter per route: bandwidth limit, fault injection, compression, request buffer. */
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/emit/emit-context.js';
import type { FeatureDefinition } from '../../src/features/feature.js';
import { bandwidthLimit } from '../../src/features/bandwidth-limit/index.js';
import { compression } from '../../src/features/compression/index.js';
import { faultInjection } from '../../src/features/fault-injection/index.js';
import { httpFault } from '../../src/features/fault-injection/envoy.js';
import { requestBuffer } from '../../src/features/request-buffer/index.js';
import { baseRoute, routeCtx } from './route-golden-support.js';

function run(feature: FeatureDefinition, value: unknown) {
  const route = baseRoute();
  const ctx = routeCtx({ [feature.key]: value });
  feature.route!.apply(route, value, ctx);
  return { route, filters: feature.route!.httpFilters?.(value, ctx) ?? [] };
}
const T = (name: string) => `type.googleapis.com/${name}`;

describe('bandwidth limit', () => {
  it('disabled HCM filters per direction, enabled per route with the limit in KiB/s', () => {
    const { route, filters } = run(bandwidthLimit, { request: { limitKibps: 10240 }, response: { limitKibps: 1706, responseTrailers: { prefix: 'x-eg' } } });
    const type = T('envoy.extensions.filters.http.bandwidth_limit.v3.BandwidthLimit');
    expect(filters).toEqual([
      { name: 'envoy.filters.http.bandwidth_limit/request', disabled: true, typedConfig: { '@type': type, statPrefix: 'http_bandwidth_limiter' } },
      { name: 'envoy.filters.http.bandwidth_limit/response', disabled: true, typedConfig: { '@type': type, statPrefix: 'http_bandwidth_limiter' } },
    ]);
    expect(route.typedPerFilterConfig).toEqual({
      'envoy.filters.http.bandwidth_limit/request': { '@type': type, statPrefix: 'http_bandwidth_limiter', enableMode: 'REQUEST', limitKbps: '10240' },
      'envoy.filters.http.bandwidth_limit/response': {
        '@type': type,
        statPrefix: 'http_bandwidth_limiter',
        enableMode: 'RESPONSE',
        limitKbps: '1706',
        enableResponseTrailers: true,
        responseTrailerPrefix: 'x-eg',
      },
    });
  });

  it('only the directions that are limited', () => {
    const { route, filters } = run(bandwidthLimit, { response: { limitKibps: 1 } });
    expect(filters.map((f) => f.name)).toEqual(['envoy.filters.http.bandwidth_limit/response']);
    expect(Object.keys(route.typedPerFilterConfig as JsonObject)).toEqual(['envoy.filters.http.bandwidth_limit/response']);
  });
});

describe('fault injection', () => {
  it('rounds percentages through float32 into millionths', () => {
    expect(httpFault({ abort: { httpStatus: 500, percentage: 0.01 } })).toEqual({ abort: { httpStatus: 500, percentage: { denominator: 'MILLION', numerator: 100 } } });
    expect(httpFault({ delay: { fixedDelay: 5400, percentage: 80 } })).toEqual({ delay: { fixedDelay: '5.400s', percentage: { denominator: 'MILLION', numerator: 800000 } } });
    expect(httpFault({ abort: { httpStatus: 503, percentage: 0 } })).toEqual({ abort: { httpStatus: 503, percentage: { denominator: 'MILLION' } } });
  });

  it('a gRPC status wins over an HTTP status', () => {
    expect(httpFault({ abort: { grpcStatus: 14, httpStatus: 500 } })).toEqual({ abort: { grpcStatus: 14 } });
  });

  it('faultInjection: {} adds the (empty) HCM filter but no route override', () => {
    const { route, filters } = run(faultInjection, {});
    expect(filters).toEqual([{ name: 'envoy.filters.http.fault', typedConfig: { '@type': T('envoy.extensions.filters.http.fault.v3.HTTPFault') } }]);
    expect(route).toEqual(baseRoute());
  });
});

describe('compression', () => {
  it('one disabled compressor per type, enabled per route, accept-encoding removed', () => {
    const { route, filters } = run(compression, [{ type: 'Brotli', chooseFirst: true, minContentLength: 100 }, { type: 'Gzip' }, { type: 'Unknown' }]);
    expect(filters).toEqual([
      {
        name: 'envoy.filters.http.compressor.brotli',
        disabled: true,
        typedConfig: {
          '@type': T('envoy.extensions.filters.http.compressor.v3.Compressor'),
          compressorLibrary: { name: 'envoy.compression.brotli.compressor', typedConfig: { '@type': T('envoy.extensions.compression.brotli.compressor.v3.Brotli') } },
          chooseFirst: true,
          responseDirectionConfig: { commonConfig: { minContentLength: 100 } },
        },
      },
      {
        name: 'envoy.filters.http.compressor.gzip',
        disabled: true,
        typedConfig: {
          '@type': T('envoy.extensions.filters.http.compressor.v3.Compressor'),
          compressorLibrary: { name: 'envoy.compression.gzip.compressor', typedConfig: { '@type': T('envoy.extensions.compression.gzip.compressor.v3.Gzip') } },
        },
      },
    ]);
    const perRoute = { '@type': T('envoy.extensions.filters.http.compressor.v3.CompressorPerRoute'), overrides: { responseDirectionConfig: {} } };
    expect(route.typedPerFilterConfig).toEqual({ 'envoy.filters.http.compressor.brotli': perRoute, 'envoy.filters.http.compressor.gzip': perRoute });
    expect(route.requestHeadersToRemove).toEqual(['accept-encoding']);
  });

  it('nothing for an empty or unknown list', () => {
    expect(run(compression, []).route).toEqual(baseRoute());
    expect(run(compression, [{ type: 'Lz4' }]).filters).toEqual([]);
    expect(run(compression, [{ type: '__proto__' }, { type: 'constructor' }, { type: 'toString' }]).route).toEqual(baseRoute());
  });
});

describe('request buffer', () => {
  it('a disabled buffer filter with the limit, enabled per route', () => {
    const { route, filters } = run(requestBuffer, { limit: 4194304 });
    expect(filters).toEqual([
      { name: 'envoy.filters.http.buffer', disabled: true, typedConfig: { '@type': T('envoy.extensions.filters.http.buffer.v3.Buffer'), maxRequestBytes: 4194304 } },
    ]);
    expect(route.typedPerFilterConfig).toEqual({
      'envoy.filters.http.buffer': { '@type': T('envoy.extensions.filters.http.buffer.v3.BufferPerRoute'), buffer: { maxRequestBytes: 4194304 } },
    });
  });
});
