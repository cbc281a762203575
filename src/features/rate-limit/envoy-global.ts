/**
 * `traffic.rateLimit.global` → Envoy's global rate-limit filter talking to EG's rate-limit
 * service (envoy-mapping §1.15).
 *
 * Domains: a policy's ordinary rules live in the listener's domain (the listener name); `shared`
 * rules live in a domain of their own named after the defining policy (the rule name without
 * `/rule/<i>`), so every route using them draws from the same counters. The HCM gets one
 * `envoy.filters.http.ratelimit` filter for the listener domain (always) and one
 * `envoy.filters.http.ratelimit/<domain>` per shared domain; the route enables each with a
 * `RateLimitPerRoute{domain, rate_limits}` under the same name.
 *
 * Each `RateLimit` starts with a `generic_key` naming the route (shared rules: the rule), so a
 * rule's counters are per route, then the rule's selectors (`rule-<d>-…`, `d` counting rules of
 * the same shared/non-shared kind; CIDR keys `masked_remote_address` / `remote_address`). A rule
 * without selectors gets `generic_key rule-<d>-match--1`. Costs become `hits_addend`; a response
 * cost repeats the rate limit with `apply_on_stream_done`.
 *
 * The rate-limit service's own descriptor configuration is not xDS and is not emitted here.
 */
import type { EmitContext, JsonObject } from '../../emit/emit-context.js';
import type { RouteEmission } from '../feature.js';
import { durationFromMs, finiteNumber, int64 } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';
import { ruleActions, ruleHasMatch, xRateLimitOption } from './envoy-actions.js';
import { httpFilter, list, routeSettings, setPerFilterConfig, str, uint } from '../../emit/route-parts.js';

export const GLOBAL_RATE_LIMIT_FILTER = 'envoy.filters.http.ratelimit';
const RATE_LIMIT_TYPE = 'envoy.extensions.filters.http.ratelimit.v3.RateLimit';
const RATE_LIMIT_PER_ROUTE_TYPE = 'envoy.extensions.filters.http.ratelimit.v3.RateLimitPerRoute';
/** The cluster Envoy Gateway points at its rate-limit service. */
export const RATE_LIMIT_CLUSTER = 'ratelimit_cluster';

/** The domain of a shared rule: its name without `/rule/<i>` (`ns/policy/rule/0` → `ns/policy`). */
export function sharedDomain(ruleName: string): string {
  const i = ruleName.lastIndexOf('/rule/');
  return i < 0 ? ruleName : ruleName.slice(0, i);
}

/** HCM filter name of a domain: the plain name for the listener's own domain. */
function filterName(domain: string, ctx: EmitContext): string {
  return domain === ctx.listenerName ? GLOBAL_RATE_LIMIT_FILTER : `${GLOBAL_RATE_LIMIT_FILTER}/${domain}`;
}

function genericKey(key: string): JsonObject {
  return { genericKey: { descriptorKey: key, descriptorValue: key } };
}

/** `HitsAddend` of an IR cost `{number | format}`. */
function hitsAddend(cost: unknown): JsonObject | undefined {
  if (!isRecord(cost)) return undefined;
  const n = uint(cost.number);
  if (n !== undefined) return { number: int64(n) };
  const format = str(cost.format);
  return format === undefined ? undefined : { format };
}

/** `RateLimit.limit` reading the limit from dynamic metadata (`limit.fromMetadata`). */
function metadataLimit(limit: unknown): JsonObject | undefined {
  if (!isRecord(limit) || !isRecord(limit.fromMetadata)) return undefined;
  const { namespace, key } = limit.fromMetadata;
  return { dynamicMetadata: { metadataKey: { key: str(namespace) ?? '', path: [{ key: str(key) ?? '' }] } } };
}

/** The `RateLimit`s of one rule (`d` = its index among rules of its kind). */
function rateLimitsOfRule(rule: JsonObject, d: number, descriptorOwner: string): JsonObject[] {
  const variants = ruleActions(rule, d, { masked: 'masked_remote_address', distinct: 'remote_address' });
  const limit = metadataLimit(rule.limit);
  const option = xRateLimitOption(rule.xRateLimitOption);
  const requestCost = hitsAddend(rule.requestCost);
  const responseCost = hitsAddend(rule.responseCost);
  const out: JsonObject[] = [];
  for (const variant of variants) {
    const actions = [genericKey(descriptorOwner), ...variant.actions];
    if (!ruleHasMatch(rule)) actions.push(genericKey(`rule-${d}-match--1`));
    const base = (): JsonObject => {
      const rl: JsonObject = { actions: structuredClone(actions) };
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
export function globalRateLimitsByDomain(global: unknown, route: JsonObject, ctx: EmitContext): Map<string, JsonObject[]> {
  const byDomain = new Map<string, JsonObject[]>();
  if (!isRecord(global)) return byDomain;
  const routeName = str(route.name) ?? '';
  let shared = 0;
  let own = 0;
  for (const rule of list(global.rules)) {
    if (!isRecord(rule)) continue;
    const isShared = rule.shared === true;
    const ruleName = str(rule.name) ?? '';
    const domain = isShared ? sharedDomain(ruleName) : ctx.listenerName;
    const d = isShared ? shared++ : own++;
    const limits = rateLimitsOfRule(rule, d, isShared ? ruleName : routeName);
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), ...limits]);
  }
  return byDomain;
}

/** The HCM `RateLimit` filter config of a domain. */
export function globalRateLimitFilter(domain: string, ctx: EmitContext): JsonObject {
  const settings = routeSettings(ctx);
  const config: JsonObject = {
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

export const globalRateLimitRoute: RouteEmission = {
  apply(route, value, ctx) {
    if (!isRecord(value)) return;
    for (const [domain, rateLimits] of globalRateLimitsByDomain(value.global, route, ctx)) {
      setPerFilterConfig(route, filterName(domain, ctx), RATE_LIMIT_PER_ROUTE_TYPE, { domain, rateLimits });
    }
  },
  httpFilters(value, ctx) {
    if (!isRecord(value) || !isRecord(value.global)) return [];
    const domains = new Set<string>([ctx.listenerName]);
    for (const rule of list(value.global.rules)) {
      if (isRecord(rule) && rule.shared === true) domains.add(sharedDomain(str(rule.name) ?? ''));
    }
    return [...domains].map((domain) => globalRateLimitFilter(domain, ctx));
  },
};
