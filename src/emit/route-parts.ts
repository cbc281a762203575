/**
 * Small pieces the route features share: finding the `RouteAction` to write into, adding a
 * `typed_per_filter_config` entry, building an HCM `HttpFilter`, and reading the route-level
 * settings that do not come from a BackendTrafficPolicy (see {@link RouteEmitSettings}).
 */
import type { EmitContext } from './emit-context.js';
import type { HttpFilter, Route, RouteAction, StringMatcher } from './envoy-types/index.js';
import { anyOf } from './protojson.js';
import type { RetryTraffic } from '../features/retry/traffic.js';
import { isRecord } from '../lang/json.js';

/**
 * The route's `RouteAction` (`Route.route`), or undefined when the route does something else
 * (direct response, redirect): Envoy Gateway only sets action fields on forwarding routes.
 */
export function routeAction(route: Route): RouteAction | undefined {
  return route.route;
}

/** Sets `Route.typed_per_filter_config[filterName]` to an `Any` of `typeName`. */
export function setPerFilterConfig<T extends object>(route: Route, filterName: string, typeName: string, fields: T): void {
  const map = route.typedPerFilterConfig ?? {};
  map[filterName] = anyOf(typeName, fields);
  route.typedPerFilterConfig = map;
}

/**
 * An HCM `HttpFilter`. `disabled: true` marks filters whose HCM config is shared by the listener
 * and that only run on routes carrying a per-route config under the same name (Envoy Gateway
 * disables such filters in the HCM and enables them per route with `typed_per_filter_config`).
 */
export function httpFilter<T extends object>(name: string, typeName: string, fields: T, disabled = false): HttpFilter {
  const filter: HttpFilter = { name, typedConfig: anyOf(typeName, fields) };
  if (disabled) filter.disabled = true;
  return filter;
}

/** Appends `header` to `Route.request_headers_to_remove` once. */
export function removeRequestHeader(route: Route, header: string): void {
  const list = route.requestHeadersToRemove ?? [];
  if (!list.includes(header)) list.push(header);
  route.requestHeadersToRemove = list;
}

/** A non-negative integer (counts, status codes, sizes), or undefined. */
export function uint(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A string, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Envoy Gateway's IR `StringMatch` (`{exact | prefix | suffix | safeRegex}`) → Envoy's
 * `StringMatcher`, or undefined when it names no value. Rate-limit matchers use a bare
 * `safe_regex{regex}`; custom-response matchers add `google_re2: {}` (`withGoogleRe2`).
 */
export function stringMatcher(m: unknown, withGoogleRe2 = false): StringMatcher | undefined {
  if (!isRecord(m)) return undefined;
  if (typeof m.exact === 'string') return { exact: m.exact };
  if (typeof m.prefix === 'string') return { prefix: m.prefix };
  if (typeof m.suffix === 'string') return { suffix: m.suffix };
  if (typeof m.safeRegex === 'string') return { safeRegex: withGoogleRe2 ? { googleRe2: {}, regex: m.safeRegex } : { regex: m.safeRegex } };
  return undefined;
}

/**
 * Settings Envoy Gateway reads while emitting a route that do not come from a
 * BackendTrafficPolicy. Every field is optional; features fall back to what Envoy Gateway does
 * when a setting is absent.
 *
 * - Listener (ClientTrafficPolicy) settings come from `ctx.listenerSettings`.
 * - The route's `statName` is on the route result. The HTTPRoute rule's own `timeout` / `retry` are
 *   IR route fields (`ir.HTTPRoute.timeout`, `.retry`) that a `RouteEntryInput` does not carry yet;
 *   they are read from the route result under those names (ms / IR retry shape) when present.
 * - Envoy Gateway's global rate-limit configuration (`rateLimit.timeout`, `failClosed`) is read
 *   from `ctx.options.rateLimit` when present; Envoy Gateway's tests leave both unset.
 */
export interface RouteEmitSettings {
  /** HTTPRoute rule `timeouts.request` (ms): wins over BTP `timeout.http.requestTimeout`. */
  gatewayApiRequestTimeout?: number;
  /** HTTPRoute rule `retry` in the shape of `traffic.retry`: wins over BTP `retry`. */
  gatewayApiRetry?: RetryTraffic;
  /** Listener `timeout.http.streamIdleTimeout` (ms): suppresses the route idle-timeout default. */
  listenerStreamIdleTimeout?: number;
  /** Listener `headers.disableRateLimitHeaders`: no `x-ratelimit-*` headers (local and global). */
  disableRateLimitHeaders?: boolean;
  /** Listener `headers.enableEnvoyHeaders`: keep `x-envoy-ratelimited`. */
  enableEnvoyHeaders?: boolean;
  /** Envoy Gateway `rateLimit.timeout` (ms) for the global rate-limit filter. */
  rateLimitTimeout?: number;
  /** Envoy Gateway `rateLimit.failClosed`: `failure_mode_deny`. */
  rateLimitFailClosed?: boolean;
  /** The route's stat name (BTP `telemetry.metrics.routeStatName`, operators substituted). */
  statName?: string;
}

/** The non-BTP settings of this route that the emitter knows (see {@link RouteEmitSettings}). */
export function routeSettings(ctx: EmitContext): RouteEmitSettings {
  const { route } = ctx;
  // The route's own fields were checked at the emitter's boundary; the options are the caller's.
  const listener = isRecord(ctx.listenerSettings) ? ctx.listenerSettings : {};
  const options = ctx.options as { rateLimit?: unknown } | undefined;
  const rateLimit = isRecord(options?.rateLimit) ? options.rateLimit : {};
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const out: RouteEmitSettings = {};
  const set = <K extends keyof RouteEmitSettings>(key: K, v: RouteEmitSettings[K] | undefined) => {
    if (v !== undefined) out[key] = v;
  };
  set('gatewayApiRequestTimeout', route.timeout);
  set('gatewayApiRetry', route.retry);
  set('listenerStreamIdleTimeout', num(listener.streamIdleTimeout));
  set('disableRateLimitHeaders', listener.disableRateLimitHeaders === true ? true : undefined);
  set('enableEnvoyHeaders', listener.enableEnvoyHeaders === true ? true : undefined);
  set('rateLimitTimeout', num(rateLimit.timeout));
  set('rateLimitFailClosed', rateLimit.failClosed === true ? true : undefined);
  set('statName', route.statName);
  return out;
}

/**
 * Whether Envoy Gateway treats the route as HTTP/2-only (`isHTTP2`): GRPCRoutes. Such routes get
 * no `upgrade_configs`.
 */
export function isHTTP2Route(ctx: EmitContext): boolean {
  return ctx.route.route.kind === 'GRPCRoute';
}
