/**
 * `traffic.rateLimit.local` → Envoy's local rate limiter (`envoy.filters.http.local_ratelimit`).
 *
 * The HCM gets one enabled `envoy.filters.http.local_ratelimit` without a token bucket, so it
 * limits nothing by itself; each limited route carries the whole configuration in
 * `typed_per_filter_config` under the same name: the default bucket (`local.default`), and per
 * rule (per method match) a `RateLimit` whose actions produce a descriptor plus the
 * `LocalRateLimitDescriptor` with the rule's bucket. `RouteAction.rate_limits` is not used.
 */
import type { EmitContext } from '../../emit/emit-context.js';
import type { LocalRateLimit, LocalRateLimitDescriptor, RateLimit, RuntimeFractionalPercent, TokenBucket } from '../../emit/envoy-types/index.js';
import type { RouteEmission } from '../feature.js';
import { durationFromMs } from '../../emit/protojson.js';
import { EnvoyRules, UINT32_MAX } from '../../emit/envoy-rules.js';
import { actionRejections, ruleActions, unitSeconds, xRateLimitOption } from './envoy-actions.js';
import { httpFilter, routeSettings, setPerFilterConfig, uint } from '../../emit/route-parts.js';
import type { LocalRateLimitTraffic, RateLimitTraffic, RateLimitValueTraffic } from './traffic.js';

export const LOCAL_RATE_LIMIT_FILTER = 'envoy.filters.http.local_ratelimit';
const LOCAL_RATE_LIMIT_TYPE = 'envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit';
const STAT_PREFIX = 'http_local_rate_limiter';
/** Envoy Gateway's cap on descriptors created for distinct values. */
const MAX_DYNAMIC_DESCRIPTORS = 10000;
/** `RuntimeFractionalPercent` of 100 % (EG never sets a runtime key). */
const always = (): RuntimeFractionalPercent => ({ defaultValue: { numerator: 100 } });

/** A limit: `requests` per `unit` (of a rule, or the default). */
type Limit = Pick<RateLimitValueTraffic, 'requests' | 'unit'>;

/** The local rule keys of the source-CIDR actions. */
const cidrKeys = (r: number) => ({ masked: `rule-${r}-masked-remote-address`, distinct: `rule-${r}-remote-address` });

/** `TokenBucket` of `requests` per `unit` (an unknown unit gives a `0s` interval, as in EG). */
function tokenBucket(limit: Limit): TokenBucket | undefined {
  const requests = uint(limit.requests);
  if (requests === undefined) return undefined;
  const bucket: TokenBucket = { maxTokens: requests, tokensPerFill: requests, fillInterval: durationFromMs(unitSeconds(limit.unit) * 1000) };
  // `max_tokens` is a plain uint32 (omitted at 0 by protojson); `tokens_per_fill` is a wrapper.
  if (requests === 0) delete bucket.maxTokens;
  return bucket;
}

/** The per-route `LocalRateLimit` for an IR `local` value; undefined when it has no valid default. */
function localRateLimitConfig(local: LocalRateLimitTraffic, ctx: EmitContext): LocalRateLimit | undefined {
  const defaultBucket = tokenBucket(local.default);
  if (!defaultBucket) return undefined;

  const descriptors: LocalRateLimitDescriptor[] = [];
  const rateLimits: RateLimit[] = [];
  (local.rules ?? []).forEach((rule, r) => {
    const bucket = tokenBucket(rule.limit);
    if (!bucket) return;
    const option = xRateLimitOption(rule.xRateLimitOption);
    for (const { actions, entries } of ruleActions(rule, r, cidrKeys(r))) {
      const descriptor: LocalRateLimitDescriptor = { entries, tokenBucket: bucket };
      if (rule.shadowMode === true) descriptor.shadowMode = true;
      descriptors.push(descriptor);
      const rateLimit: RateLimit = { actions };
      if (option) rateLimit.xRatelimitOption = option;
      rateLimits.push(rateLimit);
    }
  });

  const headersOff = local.defaultXRateLimitOption === 'Off' || routeSettings(ctx).disableRateLimitHeaders === true;
  const config: LocalRateLimit = {
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

/**
 * What Envoy rejects in a `TokenBucket` (`at` is the limit): `max_tokens` (`uint32 {gt: 0}`) and
 * `tokens_per_fill` (`UInt32Value {gt: 0}`) are the request count, so it is a whole number from 1
 * to 2^32-1; `fill_interval` (`duration {required: true, gt: {}}`) is longer than 0s, which only a
 * unit Envoy Gateway knows gives (Envoy Gateway writes `0s` for any other, e.g. `second`).
 */
function tokenBucketRejections(limit: Limit, at: string, rules: EnvoyRules): void {
  rules.integer(`${at}.requests`, limit.requests, 1, UINT32_MAX, 'TokenBucket.max_tokens and tokens_per_fill');
  rules.check(
    `${at}.unit`,
    unitSeconds(limit.unit) > 0,
    `TokenBucket.fill_interval must be longer than 0s, got 0s (${JSON.stringify(limit.unit)} is not a unit from Second to Year)`,
  );
}

/**
 * What Envoy rejects in the `LocalRateLimit` of a route: the token buckets of the default and of
 * every rule; a rule's actions (`envoy-actions.ts`); and a rule whose actions produce no descriptor
 * entry, as `RateLimit.actions` and `LocalRateLimitDescriptor.entries` have `min_items: 1` (a rule
 * with no client selector Envoy can match on).
 */
function localRateLimitRejections(value: RateLimitTraffic): EnvoyRules['found'] {
  const rules = new EnvoyRules();
  const { local } = value;
  if (!local) return rules.found;
  tokenBucketRejections(local.default, 'local.default', rules);
  local.rules?.forEach((rule, r) => {
    const at = `local.rules[${r}]`;
    tokenBucketRejections(rule.limit, `${at}.limit`, rules);
    const empty = ruleActions(rule, r, cidrKeys(r)).some((v) => v.actions.length === 0);
    rules.check(at, !empty, 'RateLimit.actions and LocalRateLimitDescriptor.entries must have at least 1 item, got none (the rule has no client selector)');
    actionRejections(rule, at, rules);
  });
  return rules.found;
}

export const localRateLimitRoute: RouteEmission<RateLimitTraffic> = {
  apply(route, value, ctx) {
    const config = value?.local && localRateLimitConfig(value.local, ctx);
    if (config) setPerFilterConfig(route, LOCAL_RATE_LIMIT_FILTER, LOCAL_RATE_LIMIT_TYPE, config);
  },
  httpFilters(value) {
    if (!value?.local) return [];
    const config: LocalRateLimit = { statPrefix: STAT_PREFIX, maxDynamicDescriptors: MAX_DYNAMIC_DESCRIPTORS };
    return [httpFilter(LOCAL_RATE_LIMIT_FILTER, LOCAL_RATE_LIMIT_TYPE, config)];
  },
  rejections: localRateLimitRejections,
};
