/**
 * `traffic.rateLimit.local` → Envoy's local rate limiter (`envoy.filters.http.local_ratelimit`).
 *
 * The HCM gets one enabled `envoy.filters.http.local_ratelimit` without a token bucket, so it
 * limits nothing by itself; each limited route carries the whole configuration in
 * `typed_per_filter_config` under the same name: the default bucket (`local.default`), and per
 * rule (per method match) a `RateLimit` whose actions produce a descriptor plus the
 * `LocalRateLimitDescriptor` with the rule's bucket. `RouteAction.rate_limits` is not used.
 */
import type { EmitContext, JsonObject } from '../../emit/emit-context.js';
import type { RouteEmission } from '../feature.js';
import { durationFromMs } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';
import { ruleActions, unitSeconds, xRateLimitOption } from './envoy-actions.js';
import { httpFilter, list, routeSettings, setPerFilterConfig, uint } from '../../emit/route-parts.js';

export const LOCAL_RATE_LIMIT_FILTER = 'envoy.filters.http.local_ratelimit';
const LOCAL_RATE_LIMIT_TYPE = 'envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit';
const STAT_PREFIX = 'http_local_rate_limiter';
/** Envoy Gateway's cap on descriptors created for distinct values. */
const MAX_DYNAMIC_DESCRIPTORS = 10000;
/** `RuntimeFractionalPercent` of 100 % (EG never sets a runtime key). */
const always = (): JsonObject => ({ defaultValue: { numerator: 100 } });

/** `TokenBucket` of `requests` per `unit` (an unknown unit gives a `0s` interval, as in EG). */
function tokenBucket(limit: unknown): JsonObject | undefined {
  if (!isRecord(limit)) return undefined;
  const requests = uint(limit.requests);
  if (requests === undefined) return undefined;
  const bucket: JsonObject = { maxTokens: requests, tokensPerFill: requests, fillInterval: durationFromMs(unitSeconds(limit.unit) * 1000) };
  // `max_tokens` is a plain uint32 (omitted at 0 by protojson); `tokens_per_fill` is a wrapper.
  if (requests === 0) delete bucket.maxTokens;
  return bucket;
}

/** The per-route `LocalRateLimit` for an IR `local` value; undefined when it has no valid default. */
export function localRateLimitConfig(local: unknown, ctx: EmitContext): JsonObject | undefined {
  if (!isRecord(local)) return undefined;
  const defaultBucket = tokenBucket(local.default);
  if (!defaultBucket) return undefined;

  const descriptors: JsonObject[] = [];
  const rateLimits: JsonObject[] = [];
  list(local.rules).forEach((rule, r) => {
    if (!isRecord(rule)) return;
    const bucket = tokenBucket(rule.limit);
    if (!bucket) return;
    const option = xRateLimitOption(rule.xRateLimitOption);
    for (const { actions, entries } of ruleActions(rule, r, { masked: `rule-${r}-masked-remote-address`, distinct: `rule-${r}-remote-address` })) {
      const descriptor: JsonObject = { entries, tokenBucket: bucket };
      if (rule.shadowMode === true) descriptor.shadowMode = true;
      descriptors.push(descriptor);
      const rateLimit: JsonObject = { actions };
      if (option) rateLimit.xRatelimitOption = option;
      rateLimits.push(rateLimit);
    }
  });

  const headersOff = local.defaultXRateLimitOption === 'Off' || routeSettings(ctx).disableRateLimitHeaders === true;
  const config: JsonObject = {
    statPrefix: STAT_PREFIX,
    tokenBucket: defaultBucket,
    filterEnabled: always(),
    filterEnforced: always(),
    // The default bucket must not be drained by requests that a rule's descriptor already limits.
    alwaysConsumeDefaultTokenBucket: false,
  };
  if (!headersOff) config.enableXRatelimitHeaders = 'DRAFT_VERSION_03';
  if (descriptors.length > 0) config.descriptors = descriptors;
  if (rateLimits.length > 0) config.rateLimits = rateLimits;
  return config;
}

export const localRateLimitRoute: RouteEmission = {
  apply(route, value, ctx) {
    if (!isRecord(value)) return;
    const config = localRateLimitConfig(value.local, ctx);
    if (config) setPerFilterConfig(route, LOCAL_RATE_LIMIT_FILTER, LOCAL_RATE_LIMIT_TYPE, config);
  },
  httpFilters(value) {
    if (!isRecord(value) || !isRecord(value.local)) return [];
    return [httpFilter(LOCAL_RATE_LIMIT_FILTER, LOCAL_RATE_LIMIT_TYPE, { statPrefix: STAT_PREFIX, maxDynamicDescriptors: MAX_DYNAMIC_DESCRIPTORS })];
  },
};
