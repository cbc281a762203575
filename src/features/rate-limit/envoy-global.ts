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
import { EnvoyRules } from '../../emit/envoy-rules.js';
import { actionRejections, xRateLimitOption } from './envoy-actions.js';
import { globalRuleDescriptors, sharedDomain, type GlobalRuleDescriptors } from './global-descriptors.js';
import { httpFilter, routeSettings, setPerFilterConfig, uint } from '../../emit/route-parts.js';
import type { GlobalRateLimitTraffic, RateLimitCostTraffic, RateLimitRuleTraffic, RateLimitTraffic } from './traffic.js';

export const GLOBAL_RATE_LIMIT_FILTER = 'envoy.filters.http.ratelimit';
const RATE_LIMIT_TYPE = 'envoy.extensions.filters.http.ratelimit.v3.RateLimit';
const RATE_LIMIT_PER_ROUTE_TYPE = 'envoy.extensions.filters.http.ratelimit.v3.RateLimitPerRoute';
/** The cluster Envoy Gateway points at its rate-limit service. */
export const RATE_LIMIT_CLUSTER = 'ratelimit_cluster';
/** `RateLimit.HitsAddend.number`'s bound (`uint64 {lte: 1000000000}`). */
const MAX_HITS_ADDEND = 1000000000;

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
function globalRateLimitsByDomain(global: GlobalRateLimitTraffic | undefined, route: Route, ctx: EmitContext): Map<string, RateLimit[]> {
  const byDomain = new Map<string, RateLimit[]>();
  for (const descriptors of globalRuleDescriptors(global, route.name, ctx.listenerName)) {
    byDomain.set(descriptors.domain, [...(byDomain.get(descriptors.domain) ?? []), ...rateLimitsOfRule(descriptors)]);
  }
  return byDomain;
}

/** The HCM `RateLimit` filter config of a domain. */
function globalRateLimitFilter(domain: string, ctx: EmitContext): HttpFilter {
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

/**
 * What Envoy rejects in a cost (`at` is the cost), in `RateLimit.HitsAddend` (Envoy 1.3x, newer
 * than the proto snapshot the tests check against): `number` is a `uint64` of at most 1000000000
 * (`uint64 {lte: 1000000000}`), so a whole number from 0 to 10^9 (the translator lets a negative or
 * fractional one through, which a `uint64` cannot hold); `format` (written when there is no number)
 * starts and ends with `%` (`string {prefix: "%", suffix: "%", ignore_empty: true}`).
 */
function costRejections(cost: RateLimitCostTraffic | undefined, at: string, rules: EnvoyRules): void {
  if (!cost) return;
  rules.integer(`${at}.number`, cost.number, 0, MAX_HITS_ADDEND, 'RateLimit.HitsAddend.number');
  const { format } = cost;
  if (cost.number === undefined && format !== undefined && format !== '') {
    rules.check(`${at}.format`, format.startsWith('%') && format.endsWith('%'), `RateLimit.HitsAddend.format must start and end with "%", got ${JSON.stringify(format)}`);
  }
}

/**
 * What Envoy rejects in the global limiter's config of a route, rule by rule (`global.rules[i]`):
 * - a shared rule's name is the value of its owner's `GenericKey` (`descriptor_value`,
 *   `min_len: 1`), and names its domain, the HCM `RateLimit.domain` (`min_len: 1`);
 * - a limit read from metadata: `MetadataKey.key` (the namespace) and its path segment's `key`
 *   have at least 1 character (`min_len: 1`);
 * - the request and response costs (see {@link costRejections});
 * - the rule's actions (`envoy-actions.ts`).
 */
function globalRateLimitRejections(value: RateLimitTraffic): EnvoyRules['found'] {
  const rules = new EnvoyRules();
  value.global?.rules?.forEach((rule, r) => {
    const at = `global.rules[${r}]`;
    if (rule.shared === true) {
      rules.minLength(`${at}.name`, rule.name, 1, "RateLimit.Action.GenericKey.descriptor_value (a shared rule's name)");
      if (rule.name !== '') rules.check(`${at}.name`, sharedDomain(rule.name) !== '', `RateLimit.domain (a shared rule's name up to /rule/) must have at least 1 character, got ${JSON.stringify(rule.name)}`);
    }
    const metadata = rule.limit.fromMetadata;
    rules.minLength(`${at}.limit.fromMetadata.namespace`, metadata?.namespace, 1, 'MetadataKey.key');
    rules.minLength(`${at}.limit.fromMetadata.key`, metadata?.key, 1, 'MetadataKey.PathSegment.key');
    costRejections(rule.requestCost, `${at}.requestCost`, rules);
    costRejections(rule.responseCost, `${at}.responseCost`, rules);
    actionRejections(rule, at, rules);
  });
  return rules.found;
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
  rejections: globalRateLimitRejections,
};
