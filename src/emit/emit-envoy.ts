/**
 * `emitEnvoy`: a `Resolution` → the Envoy v3 xDS resources Envoy Gateway would produce for the
 * settings BTPs control, in protojson form (lowerCamelCase fields, `@type` on every `Any`, 64-bit
 * integers as strings, durations as `"1.500s"`), named and ordered as Envoy Gateway does.
 *
 * - `clusters`: one per route rule (`httproute/<ns>/<name>/rule/<i>`; TCP/TLS/UDP routes:
 *   `<kind>/<ns>/<name>/rule/-1`), or one per backend (`…/backend/<k>`) when Envoy Gateway has to
 *   split it (zone-aware load balancing, per-backend filters, mixed backends). A cluster shared by
 *   several listeners is built once, from the first route that needs it, as Envoy Gateway does.
 * - `routeConfigurations`: one per gateway listener with HTTP routes (see `route-configuration.ts`).
 * - `httpFilters`: per such listener, the HCM filters its routes need, in Envoy Gateway's order.
 *
 * Never throws: a malformed `traffic` value leaves its feature out, a malformed route is skipped.
 */
import { readPlainData } from '../model/limits.js';
import type { Resolution, RouteResult } from '../resolve/types.js';
import { buildCluster, type ClusterProtocol } from './cluster.js';
import type { DestinationSetting, EmitOptions } from './emit-options.js';
import type { EmitContext, JsonObject } from './emit-context.js';
import type { FeatureDefinition } from '../features/feature.js';
import { FEATURES } from '../features/registry.js';
import { HttpFilterCollector } from './http-filters.js';
import { isRecord } from '../lang/json.js';
import { type RouteEntry, type RouteTarget, routeConfiguration, ruleRoutes } from './route-configuration.js';
import { routeProtocol } from '../model/kinds.js';

export type { DestinationSetting, EmitOptions, ListenerSettings } from './emit-options.js';

/** `envoy.config.cluster.v3.Cluster` in protojson form. */
export type Cluster = JsonObject;
/** `envoy.config.route.v3.RouteConfiguration` in protojson form. */
export type RouteConfiguration = JsonObject;
/** `envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter` in protojson form. */
export type HttpFilter = JsonObject;

/** What {@link emitEnvoy} returns: the xDS resources the BTP settings control, named and ordered as Envoy Gateway does. */
export interface EnvoyConfig {
  clusters: Cluster[];
  routeConfigurations: RouteConfiguration[];
  httpFilters: Array<{ listener: string; filters: HttpFilter[] }>;
}

/** `<gwns>/<gw>/<listener>`, or `<gwns>/<gw>/<lsns>/<ls>/<listener>` for a ListenerSet listener. */
export function listenerNameOf(route: RouteResult): string {
  const gw = `${route.gateway.namespace}/${route.gateway.name}`;
  return route.listenerSet ? `${gw}/${route.listenerSet.namespace}/${route.listenerSet.name}/${route.listener}` : `${gw}/${route.listener}`;
}

const protocolOf = (route: RouteResult): ClusterProtocol => routeProtocol(route.route.kind);

/** The rule's cluster: `<kind>/<ns>/<name>/rule/<i>`; routes without rules in Envoy Gateway's IR use `-1`. */
export function clusterNameOf(route: RouteResult): string {
  const { kind, namespace, name } = route.route;
  const rule = protocolOf(route) === 'http' ? route.ruleIndex : -1;
  return `${kind.toLowerCase()}/${namespace}/${name}/rule/${rule}`;
}

const HTTP2_PROTOCOLS = new Set(['HTTP2', 'GRPC']);

/**
 * Whether Envoy Gateway gives each backend its own cluster: zone-aware load balancing from the
 * policy (`preferLocal`, `weightedZones`), per-backendRef filters, or backends that cannot share
 * a cluster (mixed address types or HTTP versions).
 */
function needsClusterPerBackend(ctx: EmitContext, settings: readonly DestinationSetting[]): boolean {
  const route = ctx.route;
  if (FEATURES.some((f) => ctx.traffic[f.key] !== undefined && f.cluster?.perBackend?.(ctx.traffic[f.key]) === true)) return true;
  const refs = Array.isArray(route.backendRefs) ? route.backendRefs : [];
  if (refs.some((r) => isRecord(r) && Array.isArray(r.filters) && r.filters.length > 0)) return true;
  if (new Set(settings.map((s) => s.addressType ?? 'IP')).size > 1) return true;
  if (new Set(settings.map((s) => HTTP2_PROTOCOLS.has((s.protocol ?? '').toUpperCase()))).size > 1) return true;
  return false;
}

function backendWeight(ref: unknown): number {
  return isRecord(ref) && typeof ref.weight === 'number' && Number.isFinite(ref.weight) ? ref.weight : 1;
}

/** The features with an Envoy route part, in registry order. */
const ROUTE_PARTS = FEATURES.filter((f) => f.route !== undefined);

/**
 * Applies the route features to one Envoy route. Every feature runs, even when its `traffic` key
 * is absent: some route fields have non-BTP inputs too (the HTTPRoute's own request timeout, the
 * default upgrade), and features write nothing for an absent value otherwise. A feature that
 * throws is undone and skipped.
 */
function applyRouteFeatures(entry: RouteEntry, ctx: EmitContext, filters: HttpFilterCollector): void {
  // One snapshot per route (not per feature): features are not expected to throw, so a throw
  // restores the snapshot and replays the others without the failing one.
  const snapshot = structuredClone(entry.route);
  const skipped = new Set<FeatureDefinition>();
  for (;;) {
    const failed = ROUTE_PARTS.find((feature) => {
      if (skipped.has(feature)) return false;
      try {
        feature.route!.apply(entry.route, ctx.traffic[feature.key], ctx);
        return false;
      } catch {
        return true;
      }
    });
    if (failed === undefined) break;
    skipped.add(failed);
    entry.route = structuredClone(snapshot);
  }
  for (const feature of ROUTE_PARTS) {
    const httpFilters = feature.route!.httpFilters;
    if (skipped.has(feature) || !httpFilters) continue;
    try {
      filters.add(httpFilters(ctx.traffic[feature.key], ctx));
    } catch {
      // A feature that cannot describe its filter adds none.
    }
  }
  // A hash policy over per-backend clusters must pick the cluster too, not only the host.
  const action = isRecord(entry.route.route) ? entry.route.route : undefined;
  if (action && Array.isArray(action.hashPolicy) && action.hashPolicy.length > 0 && isRecord(action.weightedClusters)) {
    action.weightedClusters.useHashPolicy = true;
  }
}

interface ListenerRoutes {
  name: string;
  gatewayResource: JsonObject;
  entries: RouteEntry[];
  filters: HttpFilterCollector;
  settings: EmitContext['listenerSettings'];
}

/** The Envoy resources for a Resolution. */
export function emitEnvoy(resolution: Resolution, options: EmitOptions = {}): EnvoyConfig {
  try {
    return emit(resolution, options);
  } catch {
    // Only reachable through hostile inputs (throwing getters on the Resolution itself).
    return { clusters: [], routeConfigurations: [], httpFilters: [] };
  }
}

function emit(resolution: Resolution, options: EmitOptions): EnvoyConfig {
  // The boundary: plain-data copies within the input limits, so no getter, proxy or cycle reaches
  // the features and nothing of the caller's objects is shared with (or reachable from) the output.
  const readOptions = readPlainData(options);
  const opts: EmitOptions = readOptions.ok && isRecord(readOptions.value) ? (readOptions.value as EmitOptions) : {};
  const routes: unknown[] = isRecord(resolution) && Array.isArray(resolution.routes) ? resolution.routes : [];
  const clusters = new Map<string, Cluster>();
  const listeners = new Map<string, ListenerRoutes>();

  const addCluster = (name: string, ctx: EmitContext, protocol: ClusterProtocol) => {
    if (clusters.has(name)) return;
    clusters.set(name, buildCluster(name, ctx, protocol));
  };

  const listenerFor = (route: RouteResult, ctx: EmitContext): ListenerRoutes => {
    let listener = listeners.get(ctx.listenerName);
    if (!listener) {
      listener = {
        name: ctx.listenerName,
        gatewayResource: { kind: 'Gateway', name: route.gateway.name, namespace: route.gateway.namespace, sectionName: route.listener },
        entries: [],
        filters: new HttpFilterCollector(),
        settings: ctx.listenerSettings,
      };
      listeners.set(ctx.listenerName, listener);
    }
    return listener;
  };

  for (const candidate of routes) {
    try {
      const read = readPlainData(candidate);
      if (!read.ok || !isRouteResult(read.value)) continue;
      const route = read.value;
      const listenerName = listenerNameOf(route);
      const clusterName = clusterNameOf(route);
      const protocol = protocolOf(route);
      const settings = opts.destinations?.[clusterName] ?? [];
      const ctx: EmitContext = {
        route,
        traffic: isRecord(route.traffic) ? route.traffic : {},
        listenerName,
        clusterName,
        destination: settings,
        listenerSettings: opts.listeners?.[listenerName],
        options: opts,
      };
      if (protocol !== 'http') {
        addCluster(clusterName, ctx, protocol);
        continue;
      }

      const listener = listenerFor(route, ctx);
      // Envoy Gateway fails the route on some values (a retry trigger it does not know): no Envoy
      // route and no cluster, but the virtual host it opened for the hostname stays (empty if
      // nothing else uses it).
      if (!route.directResponse && ROUTE_PARTS.some((f) => f.route!.dropsRoute?.(ctx.traffic[f.key]) === true)) {
        for (const entry of ruleRoutes(route, { cluster: clusterName })) listener.entries.push({ ...entry, dropped: true });
        continue;
      }

      // A rule without backends has no destination: no cluster, and Envoy Gateway answers 500 itself
      // (unless a failed policy already set the answer). A rule that only redirects has no backends
      // either; HTTPRoute filters are not part of a Resolution.
      const refs = Array.isArray(route.backendRefs) ? route.backendRefs : [];
      if (refs.length === 0 && settings.length === 0) {
        const answered = route.directResponse ? route : { ...route, directResponse: { statusCode: 500 } };
        for (const entry of ruleRoutes(answered, { cluster: clusterName })) listener.entries.push(entry);
        continue;
      }

      let target: RouteTarget;
      if (needsClusterPerBackend(ctx, settings)) {
        const count = Math.max(refs.length, settings.length, 1);
        const weighted: Array<{ name: string; weight: number }> = [];
        for (let k = 0; k < count; k++) {
          const name = `${clusterName}/backend/${k}`;
          const setting = settings[k];
          addCluster(name, { ...ctx, clusterName: name, destination: setting ? [setting] : [] }, protocol);
          weighted.push({ name, weight: backendWeight(refs[k]) });
        }
        target = { weighted };
      } else {
        addCluster(clusterName, ctx, protocol);
        target = { cluster: clusterName };
      }

      for (const entry of ruleRoutes(route, target)) {
        if (!route.directResponse) applyRouteFeatures(entry, ctx, listener.filters);
        listener.entries.push(entry);
      }
    } catch {
      // A route we cannot emit is left out; the rest of the configuration still stands.
    }
  }

  const routeConfigurations: RouteConfiguration[] = [];
  const httpFilters: EnvoyConfig['httpFilters'] = [];
  for (const listener of listeners.values()) {
    try {
      const rc = routeConfiguration(listener.name, listener.entries, listener.gatewayResource);
      const filters = listener.filters.filters(listener.settings);
      routeConfigurations.push(rc);
      httpFilters.push({ listener: listener.name, filters });
    } catch {
      // A listener whose settings cannot be read is left out whole.
    }
  }
  return { clusters: [...clusters.values()], routeConfigurations, httpFilters };
}

/** Enough of a `RouteResult` to emit it (a malformed entry is skipped, not thrown on). */
export function isRouteResult(value: unknown): value is RouteResult {
  if (!isRecord(value)) return false;
  const { gateway, route } = value as { gateway?: unknown; route?: unknown };
  return (
    isRecord(gateway) &&
    typeof gateway.namespace === 'string' &&
    typeof gateway.name === 'string' &&
    typeof value.listener === 'string' &&
    isRecord(route) &&
    typeof route.kind === 'string' &&
    typeof route.namespace === 'string' &&
    typeof route.name === 'string' &&
    typeof value.ruleIndex === 'number'
  );
}
