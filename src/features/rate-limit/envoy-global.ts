/**
 * `traffic.rateLimit.global` → Envoy's global rate-limit filter, which asks the rate limit service
 * (envoyproxy/ratelimit) whether a request is over its limit.
 *
 * The HCM gets one `envoy.filters.http.ratelimit` filter for the listener's domain (always) and
 * one `envoy.filters.http.ratelimit/<domain>` per shared domain; the route enables each with a
 * `RateLimitPerRoute{domain, rate_limits}` under the same name. Each rule gives one `RateLimit`
 * per method match, with the actions `global-descriptors.ts` decides (domains and descriptor
 * keys are explained there). Costs become `hits_addend`; a response cost repeats the rate limit
 * with `apply_on_stream_done`.
 *
 * The rate limit service's own configuration (the limits of those descriptors) is not xDS for
 * Envoy: `service-config.ts` builds it.
 */
import type { EmitContext } from '../../emit/emit-context.js';
import type { HitsAddend, HttpFilter, RateLimit, RateLimitFilterConfig, RateLimitPerRoute, Route } from '../../emit/envoy-types/index.js';
import type { RouteEmission } from '../feature.js';
import { durationFromMs, finiteNumber, int64 } from '../../emit/protojson.js';
import { xRateLimitOption } from './envoy-actions.js';
import { globalRuleDescriptors, sharedDomain, type GlobalRuleDescriptors } from './global-descriptors.js';
import { httpFilter, routeSettings, setPerFilterConfig, uint } from '../../emit/route-parts.js';
import type { GlobalRateLimitTraffic, RateLimitCostTraffic, RateLimitRuleTraffic, RateLimitTraffic } from './traffic.js';

export const GLOBAL_RATE_LIMIT_FILTER = 'envoy.filters.http.ratelimit';
const RATE_LIMIT_TYPE = 'envoy.extensions.filters.http.ratelimit.v3.RateLimit';
const RATE_LIMIT_PER_ROUTE_TYPE = 'envoy.extensions.filters.http.ratelimit.v3.RateLimitPerRoute';
/** The cluster Envoy Gateway points at its rate-limit service. */
export const RATE_LIMIT_CLUSTER = 'ratelimit_cluster';

export { sharedDomain };

/** HCM filter name of a domain: the plain name for the listener's own domain. */
function filterName(domain: string, ctx: EmitContext): string {
  return domain === ctx.listenerName ? GLOBAL_RATE_LIMIT_FILTER : `${GLOBAL_RATE_LIMIT_FILTER}/${domain}`;
}

/** `HitsAddend` of an IR cost `{number | format}`. */
function hitsAddend(cost: RateLimitCostTraffic | undefined): HitsAddend | undefined {
  if (!cost) return undefined;
  const n = uint(cost.number);
  if (n !== undefined) return { number: int64(n) };
  return cost.format === undefined ? undefined : { format: cost.format };
}

/** `RateLimit.limit` reading the limit from dynamic metadata (`limit.fromMetadata`). */
function metadataLimit(limit: RateLimitRuleTraffic['limit']): RateLimit['limit'] {
  if (!limit.fromMetadata) return undefined;
  const { namespace, key } = limit.fromMetadata;
  return { dynamicMetadata: { metadataKey: { key: namespace, path: [{ key }] } } };
}

/** The `RateLimit`s of one rule: one per action list, plus its response-cost twin. */
function rateLimitsOfRule({ rule, variants }: GlobalRuleDescriptors): RateLimit[] {
  const limit = metadataLimit(rule.limit);
  const option = xRateLimitOption(rule.xRateLimitOption);
  const requestCost = hitsAddend(rule.requestCost);
  const responseCost = hitsAddend(rule.responseCost);
  const out: RateLimit[] = [];
  for (const { actions } of variants) {
    const base = (): RateLimit => {
      const rl: RateLimit = { actions: structuredClone(actions) };
      if (limit) rl.limit = structuredClone(limit);
      if (option) rl.xRatelimitOption = option;
      return rl;
    };
    const request = base();
    if (requestCost) request.hitsAddend = requestCost;
    out.push(request);
    if (responseCost) {
      // Charged when the response is complete (e.g. a cost read from the backend's metadata).
      const response = base();
      response.applyOnStreamDone = true;
      response.hitsAddend = responseCost;
      out.push(response);
    }
  }
  return out;
}

/** Per domain (in first-use order), the `RateLimit`s this route sends to it. */
export function globalRateLimitsByDomain(global: GlobalRateLimitTraffic | undefined, route: Route, ctx: EmitContext): Map<string, RateLimit[]> {
  const byDomain = new Map<string, RateLimit[]>();
  for (const descriptors of globalRuleDescriptors(global, route.name, ctx.listenerName)) {
    byDomain.set(descriptors.domain, [...(byDomain.get(descriptors.domain) ?? []), ...rateLimitsOfRule(descriptors)]);
  }
  return byDomain;
}

/** The HCM `RateLimit` filter config of a domain. */
export function globalRateLimitFilter(domain: string, ctx: EmitContext): HttpFilter {
  const settings = routeSettings(ctx);
  const config: RateLimitFilterConfig = {
    domain,
    rateLimitService: { grpcService: { envoyGrpc: { clusterName: RATE_LIMIT_CLUSTER } }, transportApiVersion: 'V3' },
  };
  // Envoy Gateway's own x-ratelimit headers replace Envoy's `x-envoy-ratelimited` unless the listener keeps Envoy headers.
  if (settings.enableEnvoyHeaders !== true) config.disableXEnvoyRatelimitedHeader = true;
  if (settings.disableRateLimitHeaders !== true) config.enableXRatelimitHeaders = 'DRAFT_VERSION_03';
  const timeout = finiteNumber(settings.rateLimitTimeout);
  if (timeout !== undefined) config.timeout = durationFromMs(timeout);
  if (settings.rateLimitFailClosed === true) config.failureModeDeny = true;
  return httpFilter(filterName(domain, ctx), RATE_LIMIT_TYPE, config);
}

export const globalRateLimitRoute: RouteEmission<RateLimitTraffic> = {
  apply(route, value, ctx) {
    if (!value) return;
    for (const [domain, rateLimits] of globalRateLimitsByDomain(value.global, route, ctx)) {
      const config: RateLimitPerRoute = { domain, rateLimits };
      setPerFilterConfig(route, filterName(domain, ctx), RATE_LIMIT_PER_ROUTE_TYPE, config);
    }
  },
  httpFilters(value, ctx) {
    if (!value?.global) return [];
    const domains = new Set<string>([ctx.listenerName]);
    for (const rule of value.global.rules ?? []) {
      if (rule.shared === true) domains.add(sharedDomain(rule.name));
    }
    return [...domains].map((domain) => globalRateLimitFilter(domain, ctx));
  },
};
