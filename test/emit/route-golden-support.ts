/**
 * Test-only: the route side of Envoy Gateway's xds goldens, per IR HTTP route, for checking the
 * route features in isolation.
 *
 * For every IR HTTP route that has an Envoy route of the same name in the golden
 * `<case>.routes.yaml`, it gives the golden route, a "baseline" copy with every field a route
 * feature writes removed (what the emitter builds before the features run, including its
 * websocket default), and the `EmitContext` of the route (its traffic mapped to our convention by
 * `irTrafficToOurs`; the IR route's Gateway API `timeout`/`retry` and the listener's
 * ClientTrafficPolicy settings passed where the emitter would). It also gives each listener's
 * golden HCM filters.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { EmitContext, JsonObject } from '../../src/emit/emit-context.js';
import type { ResolvedTraffic, RouteResult } from '../../src/resolve/types.js';
import type { Route } from '../../src/emit/envoy-types/index.js';
import { FEATURES } from '../../src/features/registry.js';
import { conformanceDir, hasConformance } from '../support/conformance-dir.js';
import { goDurationToMs } from '../support/ir-values.js';
import { retryIrToOurs } from '../features/retry/ir.js';
import { irTrafficToOurs, withGoZeroValues } from '../support/ir-traffic.js';

type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const xdsDir = () => path.join(conformanceDir(), 'xds');
export const hasXds = () => hasConformance();

function readYaml(file: string): any {
  return existsSync(file) ? parse(readFileSync(file, 'utf8')) : undefined;
}

/** Filter-name prefixes of the HCM filters (and per-route entries) BTP route features add. */
export const BTP_FILTER_PREFIXES = [
  'envoy.filters.http.custom_response',
  'envoy.filters.http.fault',
  'envoy.filters.http.buffer',
  'envoy.filters.http.local_ratelimit',
  'envoy.filters.http.ratelimit',
  'envoy.filters.http.bandwidth_limit',
  'envoy.filters.http.compressor',
];
export const isBtpFilterName = (name: unknown) => typeof name === 'string' && BTP_FILTER_PREFIXES.some((p) => name.startsWith(p));

export interface GoldenRoute {
  /** The route configuration (and HCM) the golden route was found in. */
  routeConfig: string | undefined;
  caseName: string;
  listener: string;
  irRoute: Obj;
  /** The golden Envoy route, or undefined when Envoy Gateway dropped it. */
  golden: JsonObject | undefined;
  /** The golden route without the fields route features write. */
  baseline: JsonObject | undefined;
  ctx: EmitContext;
}

/** Route-feature-owned fields removed from a golden route to get the emitter's baseline. */
export function baselineOf(golden: JsonObject, ctx: EmitContext): JsonObject {
  const base = structuredClone(golden) as Obj;
  if (isObj(base.typedPerFilterConfig)) {
    for (const name of Object.keys(base.typedPerFilterConfig)) if (isBtpFilterName(name)) delete base.typedPerFilterConfig[name];
    if (Object.keys(base.typedPerFilterConfig).length === 0) delete base.typedPerFilterConfig;
  }
  delete base.tracing;
  delete base.statPrefix;
  if (Array.isArray(base.requestHeadersToRemove)) {
    base.requestHeadersToRemove = base.requestHeadersToRemove.filter((h: unknown) => h !== 'accept-encoding');
    if (base.requestHeadersToRemove.length === 0) delete base.requestHeadersToRemove;
  }
  if (isObj(base.match) && 'connectMatcher' in base.match) {
    delete base.match.connectMatcher;
    base.match.prefix = '/';
  }
  if (isObj(base.route)) {
    for (const k of ['retryPolicy', 'timeout', 'idleTimeout', 'maxStreamDuration', 'hashPolicy', 'upgradeConfigs']) delete base.route[k];
    if (isObj(base.route.weightedClusters)) delete base.route.weightedClusters.useHashPolicy;
    // The emitter's own baseline: websocket upgrades except on HTTP/2 routes and buffered routes.
    if (ctx.route.route.kind !== 'GRPCRoute' && ctx.traffic.requestBuffer === undefined) base.route.upgradeConfigs = [{ upgradeType: 'websocket' }];
  }
  return base;
}

/** Envoy route configurations → `listener name → route name → route`. */
function goldenRoutesByListener(caseName: string): Map<string, Map<string, JsonObject>> {
  const out = new Map<string, Map<string, JsonObject>>();
  for (const rc of (readYaml(path.join(xdsDir(), 'out', `${caseName}.routes.yaml`)) ?? []) as Obj[]) {
    const routes = new Map<string, JsonObject>();
    for (const vh of rc.virtualHosts ?? []) for (const r of vh.routes ?? []) routes.set(r.name, r);
    out.set(rc.name, routes);
  }
  return out;
}

function listenerSettings(l: Obj): EmitContext['listenerSettings'] {
  const s: NonNullable<EmitContext['listenerSettings']> = {};
  const idle = goDurationToMs(l.timeout?.http?.streamIdleTimeout);
  if (typeof idle === 'number') s.streamIdleTimeout = idle;
  if (l.headers?.disableRateLimitHeaders === true) s.disableRateLimitHeaders = true;
  if (l.headers?.enableEnvoyHeaders === true) s.enableEnvoyHeaders = true;
  return s;
}

/**
 * Traffic as the emitter's boundary hands it to the features: each feature's value parsed with its
 * `traffic` schema (a golden value that does not parse fails the test).
 */
export function checkedTraffic(traffic: unknown): ResolvedTraffic {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(isObj(traffic) ? traffic : {})) {
    const feature = FEATURES.find((f) => f.key === key);
    out[key] = feature ? feature.traffic.parse(value) : value;
  }
  return out as ResolvedTraffic;
}

/** Every IR HTTP route of a case with its golden Envoy route and emit context. */
export function goldenRoutes(caseName: string): GoldenRoute[] {
  const ir = readYaml(path.join(xdsDir(), 'in', `${caseName}.yaml`)) as Obj;
  const golden = goldenRoutesByListener(caseName);
  const out: GoldenRoute[] = [];
  for (const l of (ir?.http ?? []) as Obj[]) {
    for (const r of (l.routes ?? []) as Obj[]) {
      const meta = isObj(r.metadata) ? r.metadata : {};
      const traffic = checkedTraffic(isObj(r.traffic) ? withGoZeroValues(irTrafficToOurs(r.traffic)) : {});
      const route: RouteResult & { timeout?: number; retry?: unknown } = {
        gateway: { namespace: '', name: '' },
        listener: l.name,
        route: { kind: meta.kind ?? 'HTTPRoute', namespace: meta.namespace ?? 'default', name: meta.name ?? r.name },
        ruleIndex: 0,
        hostnames: [r.hostname ?? '*'],
        policies: [],
        provenance: {},
        outcomes: [],
        traffic,
      };
      const timeout = goDurationToMs(r.timeout);
      if (typeof timeout === 'number') route.timeout = timeout;
      if (isObj(r.retry)) route.retry = retryIrToOurs(r.retry) as RouteResult['retry'];
      const ctx: EmitContext = {
        route,
        traffic,
        listenerName: l.name,
        clusterName: r.destination?.name ?? '',
        listenerSettings: listenerSettings(l),
      };
      // Listeners on one port share a route configuration named after the first of them.
      let routeConfig: string | undefined = golden.get(l.name)?.has(r.name) ? l.name : undefined;
      routeConfig ??= [...golden].find(([, routes]) => routes.has(r.name))?.[0];
      const g = routeConfig === undefined ? undefined : golden.get(routeConfig)?.get(r.name);
      out.push({ caseName, listener: l.name, routeConfig, irRoute: r, golden: g, baseline: g ? baselineOf(g, ctx) : undefined, ctx });
    }
  }
  return out;
}

/** The golden HCM `httpFilters` per route-configuration name of a case. */
export function goldenHttpFilters(caseName: string): Map<string, JsonObject[]> {
  const out = new Map<string, JsonObject[]>();
  for (const listener of (readYaml(path.join(xdsDir(), 'out', `${caseName}.listeners.yaml`)) ?? []) as Obj[]) {
    const chains = [...(listener.filterChains ?? []), ...(listener.defaultFilterChain ? [listener.defaultFilterChain] : [])];
    for (const chain of chains) {
      for (const f of chain.filters ?? []) {
        const hcm = f.typedConfig;
        const name = hcm?.rds?.routeConfigName;
        if (typeof name === 'string' && Array.isArray(hcm.httpFilters)) out.set(name, hcm.httpFilters);
      }
    }
  }
  return out;
}

/** Every xds case name. */
export function xdsCases(): string[] {
  const dir = path.join(xdsDir(), 'in');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => f.slice(0, -5))
        .sort()
    : [];
}

/** Paths where two JSON values differ (`route.retryPolicy.numRetries: 2 ≠ 3`), for readable failures. */
export function jsonDiff(actual: unknown, expected: unknown, at = ''): string[] {
  if (JSON.stringify(actual) === JSON.stringify(expected)) return [];
  if (isObj(actual) && isObj(expected)) {
    const keys = [...new Set([...Object.keys(actual), ...Object.keys(expected)])];
    return keys.flatMap((k) => jsonDiff(actual[k], expected[k], at ? `${at}.${k}` : k));
  }
  if (Array.isArray(actual) && Array.isArray(expected) && actual.length === expected.length) {
    return actual.flatMap((v, i) => jsonDiff(v, expected[i], `${at}[${i}]`));
  }
  const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v).slice(0, 300));
  return [`${at || '(root)'}: ours ${show(actual)} ≠ golden ${show(expected)}`];
}

// ---------------------------------------------------------------------------------------------
// Hand-written routes for the per-feature tests
// ---------------------------------------------------------------------------------------------

export const ROUTE_NAME = 'httproute/default/web/rule/0/match/0/www_example_com';
export const LISTENER = 'default/eg/http';

/** The emit context of a hand-written HTTPRoute rule with this (checked) traffic. */
export function routeCtx(
  traffic: ResolvedTraffic | Record<string, unknown>,
  extra: { kind?: string; listenerSettings?: EmitContext['listenerSettings']; route?: Record<string, unknown>; options?: unknown } = {},
): EmitContext {
  const route = {
    gateway: { namespace: 'default', name: 'eg' },
    listener: 'http',
    route: { kind: extra.kind ?? 'HTTPRoute', namespace: 'default', name: 'web' },
    ruleIndex: 0,
    hostnames: ['www.example.com'],
    policies: [{ namespace: 'default', name: 'policy' }],
    provenance: {},
    traffic,
    ...extra.route,
  } as RouteResult;
  const ctx: EmitContext = { route, traffic: traffic as ResolvedTraffic, listenerName: LISTENER, clusterName: 'httproute/default/web/rule/0' };
  if (extra.listenerSettings) ctx.listenerSettings = extra.listenerSettings;
  if (extra.options) ctx.options = extra.options as EmitContext['options'];
  return ctx;
}

/** An Envoy route as the emitter builds it before the route features. */
export function baseRoute(): Route {
  return {
    name: ROUTE_NAME,
    match: { prefix: '/' },
    route: { cluster: 'httproute/default/web/rule/0', upgradeConfigs: [{ upgradeType: 'websocket' }] },
  };
}
