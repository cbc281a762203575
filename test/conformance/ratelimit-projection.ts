/**
 * Envoy Gateway's ratelimit-config goldens and our output, in one comparable form (protojson).
 *
 * - `out/<case>.yaml`: one `RateLimitConfig` per YAML document, printed from Go with proto field
 *   names and every zero value (`value: ""`, `rate_limit: null`, `shadow_mode: false`, …) →
 *   protojson: lowerCamelCase names, zero values left out.
 * - `out/<case>.routes.yaml`: per route, `rateLimitsByDomain: {<domain>: [RateLimit…]}`, printed
 *   from Go's structs: a oneof appears as its Go field (`ActionSpecifier: {GenericKey: {…}}`,
 *   `MatchPattern: {Exact: one}`, `EngineType: null` when unset), a wrapper as `{value: x}` (`{}`
 *   when zero), a 64-bit integer as a number, an enum as its number → protojson: the oneof member
 *   in place of its Go wrapper, wrappers as bare values, 64-bit integers as strings, enums by name.
 * - Ours: `emitRateLimitConfigs`, and per Envoy route the `RateLimitPerRoute` configs the global
 *   rate limit route feature writes, with the adapter's renames applied (our synthetic listener and
 *   route names → Envoy Gateway's). Envoy Gateway's golden holds the actions of every IR route
 *   with global rules, whether or not the route has a destination (several of these inputs have
 *   none), so the feature is run on each route rather than read from a whole `emitEnvoy` result,
 *   which answers a rule without backends itself; the xds suite covers the rest of the route.
 */
import type { AdaptedCase } from './xds-adapter.js';
import { clusterNameOf, listenerNameOf, type EmitContext, type JsonObject } from '../../src/emit/index.js';
import { ruleRoutes } from '../../src/emit/route-configuration.js';
import { globalRateLimitRoute } from '../../src/features/rate-limit/envoy-global.js';
import { routeProtocol } from '../../src/model/kinds.js';
import type { RateLimitConfig } from '../../src/features/rate-limit/service-config-schema.js';

type Json = Record<string, any>;

const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isZero = (v: unknown): boolean => v === null || v === undefined || v === false || v === '' || v === 0 || (Array.isArray(v) && v.length === 0);

/** Wrapper-typed fields (`google.protobuf.*Value`) of the rate limit actions: value when zero. */
const WRAPPER_ZERO: Record<string, unknown> = { expect_match: false, prefix_len: 0 };
/** 64-bit integer fields (protojson strings). */
const INT64_FIELDS = new Set(['number']);
/** Enum fields, by number. */
const ENUMS: Record<string, readonly string[]> = { x_ratelimit_option: ['UNSPECIFIED', 'OFF', 'DRAFT_VERSION_03'] };

/** One Go-printed proto value → protojson. */
function fromGo(v: unknown, field = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => fromGo(x));
  if (field in WRAPPER_ZERO) return isObject(v) && 'value' in v ? v.value : WRAPPER_ZERO[field];
  if (field in ENUMS && typeof v === 'number') return ENUMS[field]![v] ?? v;
  if (INT64_FIELDS.has(field) && typeof v === 'number') return String(v);
  if (!isObject(v)) return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) {
    if (/^[A-Z]/.test(k)) {
      // A oneof's Go field: null when unset, else its only key is the member that is set.
      if (!isObject(x)) continue;
      for (const [member, payload] of Object.entries(x)) out[lowerFirst(member)] = fromGo(payload, member);
      continue;
    }
    const converted = fromGo(x, k);
    if (isZero(converted) && !(k in WRAPPER_ZERO)) continue;
    out[camel(k)] = converted;
  }
  return out;
}

/** A golden `RateLimitConfig` document → protojson. */
export function goldenConfig(doc: unknown): Json {
  return fromGo(doc) as Json;
}

/** One golden routes document → `{routeName, rateLimitsByDomain}` with protojson `RateLimit`s. */
export function goldenRouteActions(doc: Json): Json {
  const byDomain: Json = {};
  for (const [domain, rateLimits] of Object.entries(doc.rateLimitsByDomain ?? {})) byDomain[domain] = fromGo(rateLimits);
  return { routeName: doc.routeName, rateLimitsByDomain: byDomain };
}

/** Every string equal to one of our names replaced by Envoy Gateway's. */
export function renamed<T>(v: T, renames: ReadonlyMap<string, string>): T {
  if (typeof v === 'string') return (renames.get(v) ?? v) as T;
  if (Array.isArray(v)) return v.map((x) => renamed(x, renames)) as T;
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [renames.get(k) ?? k, renamed(x, renames)])) as T;
  return v;
}

/**
 * Our configurations with Envoy Gateway's names. Configurations are sorted by domain; the
 * adapter's synthetic listener names (`xds/xds/<listener>`) sort differently from Envoy Gateway's,
 * so the order is taken again, by the same rule, on the renamed domains.
 */
export function ourConfigs(configs: readonly RateLimitConfig[], adapted: AdaptedCase): Json[] {
  return renamed([...configs] as Json[], adapted.renames).sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
}

/**
 * The configurations with each domain's top-level descriptors in one fixed order. Envoy Gateway
 * lists them in its IR route order, which its gatewayapi layer sorts by route precedence, as the
 * emitter does; a hand-written IR (a case with `unsortedListeners`) is not sorted, so for such a
 * case the order of routes is not compared (the service reads each level as a map anyway). The
 * order inside a route's descriptor, and of the domains, still is.
 */
export function withRouteOrderIgnored(configs: readonly Json[], adapted: AdaptedCase): Json[] {
  if (adapted.unsortedListeners.size === 0) return [...configs];
  const id = (d: Json) => `${d.key}\u0000${d.value ?? ''}`;
  return configs.map((c) => (Array.isArray(c.descriptors) ? { ...c, descriptors: [...c.descriptors].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0)) } : c));
}

const RATE_LIMIT_PER_ROUTE = 'type.googleapis.com/envoy.extensions.filters.http.ratelimit.v3.RateLimitPerRoute';

/** Per Envoy route with global rate limits: `{routeName, rateLimitsByDomain}`, Envoy Gateway's names. */
export function ourRouteActions(adapted: AdaptedCase): Json[] {
  const out: Json[] = [];
  for (const result of adapted.resolution.routes) {
    if (routeProtocol(result.route.kind) !== 'http') continue;
    const traffic = result.traffic ?? {};
    const listenerName = listenerNameOf(result);
    const clusterName = clusterNameOf(result);
    const ctx: EmitContext = {
      route: result,
      traffic,
      listenerName,
      clusterName,
      destination: adapted.options.destinations?.[clusterName] ?? [],
      listenerSettings: adapted.options.listeners?.[listenerName],
      options: adapted.options,
    };
    for (const entry of ruleRoutes(result, { cluster: clusterName }, {})) {
      const route: JsonObject = { name: entry.route.name };
      globalRateLimitRoute.apply(route as never, traffic.rateLimit as never, ctx);
      const byDomain: Json = {};
      for (const config of Object.values((route.typedPerFilterConfig as Json | undefined) ?? {})) {
        if (!isObject(config) || config['@type'] !== RATE_LIMIT_PER_ROUTE) continue;
        byDomain[config.domain] = config.rateLimits ?? [];
      }
      if (Object.keys(byDomain).length > 0) out.push(renamed({ routeName: route.name, rateLimitsByDomain: byDomain }, adapted.renames));
    }
  }
  return out;
}
