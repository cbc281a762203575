/**
 * Small pieces the route features share: finding the `RouteAction` to write into, adding a
 * `typed_per_filter_config` entry, building an HCM `HttpFilter`, and reading the route-level
 * settings that do not come from a BackendTrafficPolicy (see {@link RouteEmitSettings}).
 */
import type { EmitContext, JsonObject } from '../../feature.js';
import { anyOf, isObject } from '../../protojson.js';

/**
 * The route's `RouteAction` (`Route.route`), or undefined when the route does something else
 * (direct response, redirect): Envoy Gateway only sets action fields on forwarding routes.
 */
export function routeAction(route: JsonObject): JsonObject | undefined {
  const action = route.route;
  return isObject(action) ? action : undefined;
}

/** Sets `Route.typed_per_filter_config[filterName]` to an `Any` of `typeName`. */
export function setPerFilterConfig(route: JsonObject, filterName: string, typeName: string, fields: JsonObject = {}): void {
  const existing = route.typedPerFilterConfig;
  const map: JsonObject = isObject(existing) ? existing : {};
  map[filterName] = anyOf(typeName, fields);
  route.typedPerFilterConfig = map;
}

/**
 * An HCM `HttpFilter`. `disabled: true` marks filters whose HCM config is shared by the listener
 * and that only run on routes carrying a per-route entry under the same name (envoy-mapping §2.1).
 */
export function httpFilter(name: string, typeName: string, fields: JsonObject = {}, disabled = false): JsonObject {
  const filter: JsonObject = { name, typedConfig: anyOf(typeName, fields) };
  if (disabled) filter.disabled = true;
  return filter;
}

/** Appends `header` to `Route.request_headers_to_remove` once. */
export function removeRequestHeader(route: JsonObject, header: string): void {
  const list = Array.isArray(route.requestHeadersToRemove) ? (route.requestHeadersToRemove as unknown[]) : [];
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

/** `value` as a list (anything else is an empty list). */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Envoy Gateway's IR `StringMatch` (`{exact | prefix | suffix | safeRegex}`) → Envoy's
 * `StringMatcher`, or undefined when it names no value. Rate-limit matchers use a bare
 * `safe_regex{regex}`; custom-response matchers add `google_re2: {}` (`withGoogleRe2`).
 */
export function stringMatcher(m: unknown, withGoogleRe2 = false): JsonObject | undefined {
  if (!isObject(m)) return undefined;
  if (typeof m.exact === 'string') return { exact: m.exact };
  if (typeof m.prefix === 'string') return { prefix: m.prefix };
  if (typeof m.suffix === 'string') return { suffix: m.suffix };
  if (typeof m.safeRegex === 'string') return { safeRegex: withGoogleRe2 ? { googleRe2: {}, regex: m.safeRegex } : { regex: m.safeRegex } };
  return undefined;
}

/**
 * Route-level settings Envoy Gateway reads while emitting a route that do not come from a
 * BackendTrafficPolicy, so a `Resolution` does not carry them: Gateway API rule fields, the
 * listener's ClientTrafficPolicy, and EG's own configuration. The emitter passes them on the
 * context as `ctx.settings` when it knows them; every field is optional and features fall back
 * to what Envoy Gateway does when the setting is absent.
 */
export interface RouteEmitSettings {
  /** The HTTPRoute rule's `timeouts.request` (ms). It wins over BTP `timeout.http.requestTimeout`. */
  gatewayApiRequestTimeout?: number;
  /** The HTTPRoute rule's `retry` in IR form (`{numRetries, retryOn, perRetry}`); it wins over BTP `retry`. */
  gatewayApiRetry?: unknown;
  /** Listener (ClientTrafficPolicy `timeout.http.streamIdleTimeout`, ms): suppresses the route idle-timeout default. */
  listenerStreamIdleTimeout?: number;
  /** Listener `headers.disableRateLimitHeaders`: `x-ratelimit-*` headers off for local and global limits. */
  disableRateLimitHeaders?: boolean;
  /** Listener `headers.enableEnvoyHeaders`: keep `x-envoy-ratelimited`. */
  enableEnvoyHeaders?: boolean;
  /** EG `rateLimit.timeout` (ms) for the global rate-limit filter. Unset in EG's tests. */
  rateLimitTimeout?: number;
  /** EG `rateLimit.failClosed`: `failure_mode_deny`. Unset (fail open) in EG's tests. */
  rateLimitFailClosed?: boolean;
  /** The IR route's `statName` (BTP `telemetry.metrics.routeStatName`, operators substituted). */
  statName?: string;
}

/** The optional non-BTP settings of this route (see {@link RouteEmitSettings}). */
export function routeSettings(ctx: EmitContext): RouteEmitSettings {
  const settings = (ctx as EmitContext & { settings?: unknown }).settings;
  return isObject(settings) ? (settings as RouteEmitSettings) : {};
}

/**
 * Whether Envoy Gateway treats the route as HTTP/2-only (`isHTTP2`): GRPCRoutes. Such routes get
 * no `upgrade_configs`.
 */
export function isHTTP2Route(ctx: EmitContext): boolean {
  return ctx.route.route.kind === 'GRPCRoute';
}
