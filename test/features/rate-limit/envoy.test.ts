import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/emit/emit-context.js';
import { globalRateLimitRoute, sharedDomain } from '../../../src/features/rate-limit/envoy-global.js';
import { localRateLimitRoute } from '../../../src/features/rate-limit/envoy-local.js';
import type { RateLimitTraffic } from '../../../src/features/rate-limit/traffic.js';
import { rateLimit } from '../../../src/features/rate-limit/index.js';
import { LISTENER, ROUTE_NAME, baseRoute, routeCtx } from '../../emit/route-golden-support.js';

const LOCAL = 'envoy.filters.http.local_ratelimit';
const GLOBAL = 'envoy.filters.http.ratelimit';

function applyBoth(value: unknown, extra: Parameters<typeof routeCtx>[1] = {}) {
  // Hand-written IR values, partial where the parts do not read a field.
  const rateLimit = value as RateLimitTraffic;
  const route = baseRoute();
  const ctx = routeCtx({ rateLimit }, extra);
  localRateLimitRoute.apply(route, rateLimit, ctx);
  globalRateLimitRoute.apply(route, rateLimit, ctx);
  const filters = [...(localRateLimitRoute.httpFilters?.(rateLimit, ctx) ?? []), ...(globalRateLimitRoute.httpFilters?.(rateLimit, ctx) ?? [])];
  return { perFilter: (route.typedPerFilterConfig ?? {}) as Record<string, JsonObject>, filters };
}

const rule = (r: Record<string, unknown>) => ({ headerMatches: [], limit: { requests: 10, unit: 'Hour' }, ...r });

describe('local rate limit', () => {
  it('puts the whole config on the route and a bare limiter in the HCM', () => {
    const { perFilter, filters } = applyBoth({
      local: { default: { requests: 10, unit: 'Minute' }, rules: [rule({ headerMatches: [{ name: 'x-user-id', exact: 'one', distinct: false }] })] },
    });
    expect(filters).toEqual([
      {
        name: LOCAL,
        typedConfig: {
          '@type': 'type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit',
          statPrefix: 'http_local_rate_limiter',
          maxDynamicDescriptors: 10000,
        },
      },
    ]);
    expect(perFilter[LOCAL]).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit',
      statPrefix: 'http_local_rate_limiter',
      tokenBucket: { maxTokens: 10, tokensPerFill: 10, fillInterval: '60s' },
      filterEnabled: { defaultValue: { numerator: 100 } },
      filterEnforced: { defaultValue: { numerator: 100 } },
      alwaysConsumeDefaultTokenBucket: false,
      enableXRatelimitHeaders: 'DRAFT_VERSION_03',
      descriptors: [
        { entries: [{ key: 'rule-0-match-0', value: 'rule-0-match-0' }], tokenBucket: { maxTokens: 10, tokensPerFill: 10, fillInterval: '3600s' } },
      ],
      rateLimits: [
        {
          actions: [
            {
              headerValueMatch: {
                descriptorKey: 'rule-0-match-0',
                descriptorValue: 'rule-0-match-0',
                expectMatch: true,
                headers: [{ name: 'x-user-id', stringMatch: { exact: 'one' } }],
              },
            },
          ],
        },
      ],
    });
    expect(perFilter[GLOBAL]).toBeUndefined();
  });

  it('orders selectors headers → method → path → CIDR → query, one descriptor per method', () => {
    const { perFilter } = applyBoth({
      local: {
        default: { requests: 100, unit: 'Second' },
        rules: [
          rule({
            headerMatches: [{ name: 'x-id', distinct: true }],
            methodMatches: [{ exact: 'GET' }, { exact: 'POST', invert: true }],
            pathMatch: { prefix: '/api/' },
            cidrMatch: { cidr: '10.0.0.0/8', maskLen: 8, isIPv6: false, distinct: true, invert: true },
            queryParamMatches: [{ name: 'q', safeRegex: '^a', distinct: false }],
            shadowMode: true,
            xRateLimitOption: 'Off',
          }),
        ],
      },
    });
    const config = perFilter[LOCAL]!;
    const descriptors = config.descriptors as JsonObject[];
    expect(descriptors).toHaveLength(2);
    expect(descriptors[0]).toEqual({
      entries: [
        { key: 'rule-0-match-0' },
        { key: 'rule-0-method', value: 'rule-0-method' },
        { key: 'rule-0-path', value: 'rule-0-path' },
        { key: 'rule-0-masked-remote-address', value: 'invert:10.0.0.0/8' },
        { key: 'rule-0-remote-address' },
        { key: 'rule-0-match-1', value: 'rule-0-match-1' },
      ],
      tokenBucket: { maxTokens: 10, tokensPerFill: 10, fillInterval: '3600s' },
      shadowMode: true,
    });
    const [get, post] = config.rateLimits as Array<{ actions: JsonObject[]; xRatelimitOption: string }>;
    expect(get!.xRatelimitOption).toBe('OFF');
    expect(get!.actions.map((a) => Object.keys(a)[0])).toEqual([
      'requestHeaders',
      'headerValueMatch',
      'headerValueMatch',
      'remoteAddressMatch',
      'remoteAddressMatch',
      'queryParameterValueMatch',
    ]);
    expect(get!.actions[1]).toMatchObject({ headerValueMatch: { expectMatch: true, headers: [{ name: ':method', stringMatch: { exact: 'GET' } }] } });
    expect(post!.actions[1]).toMatchObject({ headerValueMatch: { expectMatch: false, headers: [{ name: ':method', stringMatch: { exact: 'POST' } }] } });
    expect(get!.actions[3]).toEqual({
      remoteAddressMatch: {
        addressMatcher: { ranges: [{ addressPrefix: '10.0.0.0', prefixLen: 8 }], invertMatch: true },
        descriptorKey: 'rule-0-masked-remote-address',
        descriptorValue: 'invert:10.0.0.0/8',
      },
    });
    expect(get!.actions[4]).toMatchObject({ remoteAddressMatch: { descriptorKey: 'rule-0-remote-address', descriptorValue: '%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%' } });
    expect(get!.actions[5]).toMatchObject({ queryParameterValueMatch: { queryParameters: [{ name: 'q', stringMatch: { safeRegex: { regex: '^a' } } }] } });
  });

  it('turns rate-limit headers off for a default rule that says so or a listener that disables them', () => {
    const local = { default: { requests: 1, unit: 'Second' } };
    expect(applyBoth({ local: { ...local, defaultXRateLimitOption: 'Off' } }).perFilter[LOCAL]).not.toHaveProperty('enableXRatelimitHeaders');
    expect(applyBoth({ local }, { listenerSettings: { disableRateLimitHeaders: true } }).perFilter[LOCAL]).not.toHaveProperty('enableXRatelimitHeaders');
  });

  it('a unit Envoy Gateway does not spell that way gives a 0s fill interval (as EG writes it), which Envoy rejects', () => {
    const value: RateLimitTraffic = { local: { default: { requests: 10, unit: 'Minute' }, rules: [{ name: 'r', headerMatches: [{ name: 'a', distinct: true }], limit: { requests: 5, unit: 'second' } }] } };
    const { perFilter } = applyBoth(value);
    expect((perFilter[LOCAL]!.descriptors as JsonObject[])[0]!.tokenBucket).toEqual({ maxTokens: 5, tokensPerFill: 5, fillInterval: '0s' });
    // So emitEnvoy leaves such a rate limit out of the route (test/emit/envoy-rejections.test.ts).
    expect(rateLimit.route!.rejections!(value)).toEqual([
      { field: 'local.rules[0].limit.unit', message: 'TokenBucket.fill_interval must be longer than 0s, got 0s ("second" is not a unit from Second to Year)' },
    ]);
  });

  it('states no Envoy rejection for values Envoy accepts: 2^32-1 requests, every kind of selector, costs up to 10^9', () => {
    const selectors = {
      headerMatches: [{ name: 'x-id', distinct: true }, { name: 'x-plan', prefix: 'gold', distinct: false, invert: true }],
      methodMatches: [{ name: '', exact: '', distinct: false }],
      pathMatch: { name: '', safeRegex: '^/api', distinct: false },
      cidrMatch: { cidr: '2001:db8::/128', maskLen: 128, isIPv6: true, distinct: true, invert: false },
      queryParamMatches: [{ name: 'q'.repeat(1024), suffix: 'x', distinct: false }, { name: 'page', distinct: true }],
    };
    const value: RateLimitTraffic = {
      local: { default: { requests: 4294967295, unit: 'Second' }, rules: [{ name: 'a/p/rule/0', ...selectors, limit: { requests: 1, unit: 'Year' } }] },
      global: {
        rules: [
          { name: 'a/p/rule/1', headerMatches: [], limit: { requests: 0, unit: 'Second', fromMetadata: { namespace: 'ns', key: 'k' } }, requestCost: { number: 1000000000 }, responseCost: { format: '%DYNAMIC_METADATA(ns:k)%' } },
          { name: 'a/p/rule/2', ...selectors, limit: { requests: 1, unit: 'Bogus' }, shared: true, requestCost: { number: 0 } },
        ],
      },
    };
    expect(rateLimit.route!.rejections!(value)).toEqual([]);
  });
});

describe('global rate limit', () => {
  it('keys non-shared rules by route in the listener domain', () => {
    const { perFilter, filters } = applyBoth({ global: { rules: [rule({ name: 'default/p/rule/0', headerMatches: [{ name: 'x-user-id', exact: 'one' }] })] } });
    expect(filters).toEqual([
      {
        name: GLOBAL,
        typedConfig: {
          '@type': 'type.googleapis.com/envoy.extensions.filters.http.ratelimit.v3.RateLimit',
          domain: LISTENER,
          rateLimitService: { grpcService: { envoyGrpc: { clusterName: 'ratelimit_cluster' } }, transportApiVersion: 'V3' },
          disableXEnvoyRatelimitedHeader: true,
          enableXRatelimitHeaders: 'DRAFT_VERSION_03',
        },
      },
    ]);
    expect(perFilter[GLOBAL]).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.filters.http.ratelimit.v3.RateLimitPerRoute',
      domain: LISTENER,
      rateLimits: [
        {
          actions: [
            { genericKey: { descriptorKey: ROUTE_NAME, descriptorValue: ROUTE_NAME } },
            {
              headerValueMatch: {
                descriptorKey: 'rule-0-match-0',
                descriptorValue: 'rule-0-match-0',
                expectMatch: true,
                headers: [{ name: 'x-user-id', stringMatch: { exact: 'one' } }],
              },
            },
          ],
        },
      ],
    });
  });

  it('gives shared rules their own domain and filter, and counts rule indexes per kind', () => {
    const { perFilter, filters } = applyBoth({
      global: {
        rules: [
          rule({ name: 'ns/shared-policy/rule/0', shared: true, requestCost: { number: 3 } }),
          rule({ name: 'ns/own/rule/1', headerMatches: [{ name: 'a', exact: 'b' }] }),
        ],
      },
    });
    expect(filters.map((f) => f.name)).toEqual([GLOBAL, `${GLOBAL}/ns/shared-policy`]);
    expect(filters[1]!.typedConfig).toMatchObject({ domain: 'ns/shared-policy' });
    expect(perFilter[`${GLOBAL}/ns/shared-policy`]).toMatchObject({
      domain: 'ns/shared-policy',
      rateLimits: [
        {
          actions: [
            { genericKey: { descriptorKey: 'ns/shared-policy/rule/0', descriptorValue: 'ns/shared-policy/rule/0' } },
            { genericKey: { descriptorKey: 'rule-0-match--1', descriptorValue: 'rule-0-match--1' } },
          ],
          hitsAddend: { number: '3' },
        },
      ],
    });
    expect((perFilter[GLOBAL]!.rateLimits as JsonObject[])[0]!.actions).toMatchObject([{ genericKey: { descriptorKey: ROUTE_NAME } }, { headerValueMatch: { descriptorKey: 'rule-0-match-0' } }]);
    expect(sharedDomain('ns/p/rule/12')).toBe('ns/p');
  });

  it('charges a response cost on stream completion, and reads limits from metadata', () => {
    const { perFilter } = applyBoth({
      global: {
        rules: [
          rule({
            cidrMatch: { cidr: '192.168.0.0/16', maskLen: 16, isIPv6: false, distinct: true, invert: false },
            limit: { requests: 5, unit: 'Second', fromMetadata: { namespace: 'envoy.lb', key: 'tenant' } },
            responseCost: { format: '%DYNAMIC_METADATA(x:y)%' },
            xRateLimitOption: 'DraftVersion03',
          }),
        ],
      },
    });
    const [request, response] = perFilter[GLOBAL]!.rateLimits as JsonObject[];
    expect(request).toEqual({
      actions: [
        { genericKey: { descriptorKey: ROUTE_NAME, descriptorValue: ROUTE_NAME } },
        {
          remoteAddressMatch: {
            addressMatcher: { ranges: [{ addressPrefix: '192.168.0.0', prefixLen: 16 }] },
            descriptorKey: 'masked_remote_address',
            descriptorValue: '192.168.0.0/16',
          },
        },
        {
          remoteAddressMatch: {
            addressMatcher: { ranges: [{ addressPrefix: '192.168.0.0', prefixLen: 16 }] },
            descriptorKey: 'remote_address',
            descriptorValue: '%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%',
          },
        },
      ],
      limit: { dynamicMetadata: { metadataKey: { key: 'envoy.lb', path: [{ key: 'tenant' }] } } },
      xRatelimitOption: 'DRAFT_VERSION_03',
    });
    expect(response).toEqual({ ...request, applyOnStreamDone: true, hitsAddend: { format: '%DYNAMIC_METADATA(x:y)%' } });
  });

  it('follows the listener header settings and Envoy Gateway rate-limit options', () => {
    const { filters } = applyBoth(
      { global: { rules: [] } },
      { listenerSettings: { disableRateLimitHeaders: true, enableEnvoyHeaders: true }, options: { rateLimit: { timeout: 20, failClosed: true } } },
    );
    const config = filters[0]!.typedConfig as JsonObject;
    expect(config).not.toHaveProperty('enableXRatelimitHeaders');
    expect(config).not.toHaveProperty('disableXEnvoyRatelimitedHeader');
    expect(config).toMatchObject({ timeout: '0.020s', failureModeDeny: true });
  });

  it('a route with both kinds gets both per-route entries', () => {
    const { perFilter, filters } = applyBoth({
      global: { rules: [rule({ headerMatches: [{ name: 'a', distinct: true }] })] },
      local: { default: { requests: 10, unit: 'Minute' } },
    });
    expect(Object.keys(perFilter).sort()).toEqual([LOCAL, GLOBAL].sort());
    expect(filters.map((f) => f.name)).toEqual([LOCAL, GLOBAL]);
  });
});
