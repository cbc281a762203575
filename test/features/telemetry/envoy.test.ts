import { describe, expect, it } from 'vitest';
import { fractionalPercent } from '../../../src/emit/protojson.js';
import { routeTracing, telemetryRoute } from '../../../src/features/telemetry/envoy.js';
import { baseRoute, routeCtx } from '../../emit/route-golden-support.js';

describe('route telemetry', () => {
  it('always samples the client fraction (0 % when unset) and copies span names', () => {
    expect(routeTracing({ spanName: { client: 'c-%REQ(X)%', server: 's-%UPSTREAM_HOST%' } })).toEqual({
      clientSampling: {},
      operation: 'c-%REQ(X)%',
      upstreamOperation: 's-%UPSTREAM_HOST%',
    });
  });

  it('maps the three fractions and sorts custom tags, tags overriding custom tags', () => {
    expect(
      routeTracing({
        samplingFraction: { numerator: 1, denominator: 100 },
        clientSamplingFraction: { numerator: 2 },
        overallSamplingFraction: { numerator: 3, denominator: 1000 },
        customTags: [
          { key: 'env1', value: { type: 'Environment', environment: { name: 'ENV1', defaultValue: '-' } } },
          { key: 'lit', value: { type: 'Literal', literal: { value: 'v' } } },
          { key: 'req', value: { type: 'RequestHeader', requestHeader: { name: 'X-Request-Id' } } },
        ],
        tags: [
          { key: 'a', value: '%REQ(x)%' },
          { key: 'lit', value: 'from-tags' },
        ],
      }),
    ).toEqual({
      clientSampling: { numerator: 2 },
      randomSampling: { numerator: 1 },
      overallSampling: { numerator: 30, denominator: 'TEN_THOUSAND' },
      customTags: [
        { tag: 'a', value: '%REQ(x)%' },
        { tag: 'env1', environment: { name: 'ENV1', defaultValue: '-' } },
        { tag: 'lit', value: 'from-tags' },
        { tag: 'req', requestHeader: { name: 'X-Request-Id' } },
      ],
    });
  });

  it('converts fractions the way Envoy Gateway does', () => {
    expect(fractionalPercent({ numerator: 5, denominator: 10000 })).toEqual({ numerator: 5, denominator: 'TEN_THOUSAND' });
    expect(fractionalPercent({ numerator: 5, denominator: 100000 })).toEqual({ numerator: 50, denominator: 'MILLION' });
    expect(fractionalPercent({ numerator: 7, denominator: 1000000 })).toEqual({ numerator: 7, denominator: 'MILLION' });
    expect(fractionalPercent({ numerator: 1, denominator: 3 })).toEqual({ numerator: 333333, denominator: 'MILLION' });
    expect(fractionalPercent(undefined)).toEqual({});
  });

  it('writes the route stat prefix from the route stat name', () => {
    const route = baseRoute();
    telemetryRoute.apply(route, { tracing: {} }, routeCtx({ telemetry: { tracing: {} } }, { route: { statName: 'default/web/-' } }));
    expect(route).toMatchObject({ statPrefix: 'default/web/-', tracing: { clientSampling: {} } });
  });
});
