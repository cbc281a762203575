/**
 * Rate limiting: the route's `RateLimit` descriptors and actions (`envoy.config.route.v3`), the
 * local limiter's `LocalRateLimit`, the global limiter's HCM `RateLimit` filter and its per-route
 * `RateLimitPerRoute`, with the fields we set.
 */
import type { Duration, FractionalPercent, Int64 } from './core.js';
import type { HeaderMatcher, QueryParameterMatcher } from './route.js';

/** `envoy.type.v3.TokenBucket`. */
export type TokenBucket = {
  /** A plain `uint32`: protojson leaves 0 out. */
  maxTokens?: number;
  /** A `UInt32Value`. */
  tokensPerFill: number;
  fillInterval: Duration;
};

/** `envoy.config.core.v3.RuntimeFractionalPercent` without a runtime key. */
export type RuntimeFractionalPercent = { defaultValue: FractionalPercent };

/** `envoy.extensions.common.ratelimit.v3.RateLimitDescriptor.Entry`: no `value` matches any value (one bucket per value). */
export type RateLimitDescriptorEntry = { key: string; value?: string };

/** `envoy.extensions.common.ratelimit.v3.LocalRateLimitDescriptor`. */
export type LocalRateLimitDescriptor = {
  entries: RateLimitDescriptorEntry[];
  tokenBucket: TokenBucket;
  shadowMode?: boolean;
};

/** `envoy.extensions.common.ratelimit.v3.XRateLimitHeadersRFCVersion` (`OFF`, the zero value, is left out). */
export type XRateLimitHeadersRFCVersion = 'DRAFT_VERSION_03';

/** `envoy.config.route.v3.RateLimit.XRateLimitOption`. */
export type XRateLimitOption = 'OFF' | 'DRAFT_VERSION_03';

/** `envoy.config.core.v3.CidrRange`. */
export type CidrRange = { addressPrefix: string; prefixLen: number };

/** `envoy.config.route.v3.RateLimit.Action`: one descriptor entry producer. */
export type RateLimitAction =
  | { genericKey: { descriptorKey: string; descriptorValue: string } }
  | { requestHeaders: { headerName: string; descriptorKey: string } }
  | { headerValueMatch: { descriptorKey: string; descriptorValue: string; expectMatch: boolean; headers: HeaderMatcher[] } }
  | { queryParameters: { queryParameterName: string; descriptorKey: string } }
  | { queryParameterValueMatch: { descriptorKey: string; descriptorValue: string; expectMatch: boolean; queryParameters: QueryParameterMatcher[] } }
  | {
      remoteAddressMatch: {
        addressMatcher: { ranges: CidrRange[]; invertMatch?: boolean };
        descriptorKey: string;
        descriptorValue: string;
      };
    };

/** `envoy.config.route.v3.RateLimit.HitsAddend`: how much a request costs. */
export type HitsAddend = { number: Int64 } | { format: string };

/** `envoy.type.metadata.v3.MetadataKey`. */
export type MetadataKey = { key: string; path: Array<{ key: string }> };

/** `envoy.config.route.v3.RateLimit`: the actions producing one descriptor, and how it is charged. */
export type RateLimit = {
  actions: RateLimitAction[];
  /** `RateLimit.Override`: the limit read from dynamic metadata. */
  limit?: { dynamicMetadata: { metadataKey: MetadataKey } };
  xRatelimitOption?: XRateLimitOption;
  hitsAddend?: HitsAddend;
  applyOnStreamDone?: boolean;
};

/** `envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit`: the HCM filter's and the route's config. */
export type LocalRateLimit = {
  statPrefix: string;
  tokenBucket?: TokenBucket;
  filterEnabled?: RuntimeFractionalPercent;
  filterEnforced?: RuntimeFractionalPercent;
  alwaysConsumeDefaultTokenBucket?: boolean;
  enableXRatelimitHeaders?: XRateLimitHeadersRFCVersion;
  descriptors?: LocalRateLimitDescriptor[];
  rateLimits?: RateLimit[];
  maxDynamicDescriptors?: number;
};

/** `envoy.extensions.filters.http.ratelimit.v3.RateLimit`: the global limiter's HCM filter config for one domain. */
export type RateLimitFilterConfig = {
  domain: string;
  rateLimitService: { grpcService: { envoyGrpc: { clusterName: string } }; transportApiVersion: 'V3' };
  disableXEnvoyRatelimitedHeader?: boolean;
  enableXRatelimitHeaders?: XRateLimitHeadersRFCVersion;
  timeout?: Duration;
  failureModeDeny?: boolean;
};

/** `envoy.extensions.filters.http.ratelimit.v3.RateLimitPerRoute`: enables the domain's filter on a route. */
export type RateLimitPerRoute = { domain: string; rateLimits: RateLimit[] };
