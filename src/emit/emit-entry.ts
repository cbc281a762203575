/**
 * One route entry's Envoy parts, as they are before they meet the other entries: its Envoy routes
 * and the HTTP filters they ask for, and the clusters it would add. Whether those make it into the
 * output depends on the entries before it (a cluster shared by several listeners is built from the
 * first entry that needs it; a filter's config comes from the first route that asks for it; the
 * output budget is spent in order), which `emit-envoy.ts` decides. Both `emitEnvoy` and the
 * incremental emitter (`envoy-emitter.ts`) build their output from these parts.
 *
 * The parts are computed lazily and once: an entry left out for the budget never builds its routes,
 * and a cluster another entry already built is never built again.
 */
import { describeThrown } from '../model/limits.js';
import type { RouteEntryInput } from '../resolve/types.js';
import { buildCluster, type ClusterProtocol } from './cluster.js';
import type { DestinationSetting, EmitOptions } from './emit-options.js';
import type { EmitContext } from './emit-context.js';
import type { Cluster, ResourceMetadata, Route } from './envoy-types/index.js';
import type { FeatureDefinition } from '../features/feature.js';
import { FEATURES, type FeatureKey } from '../features/registry.js';
import { HttpFilterCollector } from './http-filters.js';
import { isRecord } from '../lang/json.js';
import { type RouteEntry, type RouteTarget, ruleRoutes } from './route-configuration.js';
import { routeProtocol } from '../model/kinds.js';
import { trafficDiagnostics, type RouteInput } from './emit-input.js';
import { routeRuleName, type EmitDiagnostic } from './emit-diagnostics.js';
import { envoyRouteFactors } from './emit-budget.js';

/** `<gwns>/<gw>/<listener>`, or `<gwns>/<gw>/<lsns>/<ls>/<listener>` for a ListenerSet listener. */
export function listenerNameOf(route: RouteEntryInput): string {
  const gw = `${route.gateway.namespace}/${route.gateway.name}`;
  return route.listenerSet ? `${gw}/${route.listenerSet.namespace}/${route.listenerSet.name}/${route.listener}` : `${gw}/${route.listener}`;
}

const protocolOf = (route: RouteEntryInput): ClusterProtocol => routeProtocol(route.route.kind);

/** The rule's cluster: `<kind>/<ns>/<name>/rule/<i>`; routes without rules in Envoy Gateway's IR use `-1`. */
export function clusterNameOf(route: RouteEntryInput): string {
  const { kind, namespace, name } = route.route;
  const rule = protocolOf(route) === 'http' ? route.ruleIndex : -1;
  return `${kind.toLowerCase()}/${namespace}/${name}/rule/${rule}`;
}

const HTTP2_PROTOCOLS = new Set(['HTTP2', 'GRPC']);

/** A feature's value in the route's checked traffic (undefined when the route has none). */
const valueOf = (ctx: EmitContext, feature: FeatureDefinition): unknown => (ctx.traffic as Record<string, unknown>)[feature.key];

/**
 * Whether Envoy Gateway gives each backend its own cluster: zone-aware load balancing from the
 * policy (`preferLocal`, `weightedZones`), per-backendRef filters, or backends that cannot share
 * a cluster (mixed address types or HTTP versions).
 */
function needsClusterPerBackend(ctx: EmitContext, settings: readonly DestinationSetting[]): boolean {
  const route = ctx.route;
  if (FEATURES.some((f) => valueOf(ctx, f) !== undefined && f.cluster?.perBackend?.(valueOf(ctx, f)) === true)) return true;
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

/** A feature part that threw while building this entry's routes or clusters (a bug, not data). */
export interface PartFailure {
  feature: FeatureKey;
  part: string;
  err: unknown;
}

/**
 * Applies the route features to one Envoy route. Every feature runs, even when its `traffic` key
 * is absent: some route fields have non-BTP inputs too (the HTTPRoute's own request timeout, the
 * default upgrade), and features write nothing for an absent value otherwise. Values are checked
 * before they get here, so a feature that throws has a bug: the route is rebuilt and the others
 * replayed without it, and the failure reported.
 */
function applyRouteFeatures(entry: RouteEntry, rebuild: () => Route, ctx: EmitContext, filters: HttpFilterCollector, failures: PartFailure[]): void {
  const skipped = new Set<FeatureDefinition>();
  for (;;) {
    const failed = ROUTE_PARTS.find((feature) => {
      if (skipped.has(feature)) return false;
      try {
        feature.route!.apply(entry.route, valueOf(ctx, feature), ctx);
        return false;
      } catch (err) {
        failures.push({ feature: feature.key as FeatureKey, part: 'route part', err });
        return true;
      }
    });
    if (failed === undefined) break;
    skipped.add(failed);
    entry.route = rebuild();
  }
  for (const feature of ROUTE_PARTS) {
    const httpFilters = feature.route!.httpFilters;
    if (skipped.has(feature) || !httpFilters) continue;
    try {
      filters.add(httpFilters(valueOf(ctx, feature), ctx));
    } catch (err) {
      failures.push({ feature: feature.key as FeatureKey, part: 'HTTP filters', err });
    }
  }
}

/** A cluster the entry would add, built on first use. */
export interface ClusterPart {
  name: string;
  built(): { cluster: Cluster; bytes: number; failures: PartFailure[] };
}

/** What the entry adds to its listener and to the clusters, if it is emitted. */
export interface EntryBody {
  /** The clusters it needs, in the order Envoy Gateway adds them. */
  clusters: ClusterPart[];
  /** Its Envoy routes (none for TCP/TLS/UDP routes, which have no route configuration). */
  routes: RouteEntry[];
  /** The HTTP filters its routes ask for. */
  filters: HttpFilterCollector;
  /** The protojson length of its routes, for the byte budget. */
  routeBytes: number;
  failures: PartFailure[];
}

/** One readable route entry, with what it may become. */
export interface EntryParts {
  input: RouteInput;
  listenerName: string;
  clusterName: string;
  protocol: ClusterProtocol;
  /** The Envoy routes it becomes (0 for TCP/TLS/UDP routes). */
  routeCount: number;
  /** Its route configuration's `Gateway` metadata, should it be the listener's first entry. */
  gatewayResource: ResourceMetadata;
  listenerSettings: EmitContext['listenerSettings'];
  /** The diagnostics of its `traffic` (reported whether or not the entry is emitted). */
  trafficDiagnostics: EmitDiagnostic[];
  /** Its routes and clusters; throws only on a bug (then the entry is left out, reported). */
  body(): EntryBody;
}

/** The parts of one read route entry, under the (already read) emit options. */
export function entryParts(input: RouteInput, opts: EmitOptions): EntryParts {
  const { route } = input;
  const listenerName = listenerNameOf(route);
  const clusterName = clusterNameOf(route);
  const protocol = protocolOf(route);
  const { matches, hostnames } = envoyRouteFactors(route);
  const ctx: EmitContext = {
    route,
    traffic: input.traffic.traffic,
    listenerName,
    clusterName,
    destination: opts.destinations?.[clusterName] ?? [],
    listenerSettings: opts.listeners?.[listenerName],
    options: opts,
  };
  let body: EntryBody | undefined;
  return {
    input,
    listenerName,
    clusterName,
    protocol,
    routeCount: protocol === 'http' ? matches * hostnames : 0,
    gatewayResource: { kind: 'Gateway', name: route.gateway.name, namespace: route.gateway.namespace, sectionName: route.listener },
    listenerSettings: ctx.listenerSettings,
    trafficDiagnostics: trafficDiagnostics(input, { listener: listenerName, cluster: clusterName }),
    body: () => (body ??= entryBody(ctx, protocol)),
  };
}

function clusterPart(name: string, ctx: EmitContext, protocol: ClusterProtocol): ClusterPart {
  let built: ReturnType<ClusterPart['built']> | undefined;
  return {
    name,
    built: () => {
      if (built) return built;
      const failures: PartFailure[] = [];
      const cluster = buildCluster(name, ctx, protocol, (feature, part, err) => failures.push({ feature, part, err }));
      return (built = { cluster, bytes: JSON.stringify(cluster).length, failures });
    },
  };
}

function entryBody(ctx: EmitContext, protocol: ClusterProtocol): EntryBody {
  const { route, clusterName } = ctx;
  const settings = ctx.destination ?? [];
  const failures: PartFailure[] = [];
  const filters = new HttpFilterCollector();
  const done = (clusters: ClusterPart[], routes: RouteEntry[]): EntryBody => {
    let routeBytes = 0;
    for (const e of routes) routeBytes += JSON.stringify(e.route).length;
    return { clusters, routes, filters, routeBytes, failures };
  };
  if (protocol !== 'http') return done([clusterPart(clusterName, ctx, protocol)], []);

  // Envoy Gateway fails the route on some values (a retry trigger it does not know): no Envoy
  // route and no cluster, but the virtual host it opened for the hostname stays (empty if
  // nothing else uses it).
  if (!route.directResponse && ROUTE_PARTS.some((f) => f.route!.dropsRoute?.(valueOf(ctx, f)) === true)) {
    return done([], ruleRoutes(route, { cluster: clusterName }, ctx.traffic).map((entry) => ({ ...entry, dropped: true })));
  }

  // A rule without backends has no destination: no cluster, and Envoy Gateway answers 500 itself
  // (unless a failed policy already set the answer). A rule that only redirects has no backends
  // either; HTTPRoute filters are not part of a Resolution.
  const refs = Array.isArray(route.backendRefs) ? route.backendRefs : [];
  if (refs.length === 0 && settings.length === 0) {
    const answered: RouteEntryInput = route.directResponse ? route : { ...route, directResponse: { statusCode: 500 } };
    return done([], ruleRoutes(answered, { cluster: clusterName }, ctx.traffic));
  }

  let target: RouteTarget;
  const clusters: ClusterPart[] = [];
  if (needsClusterPerBackend(ctx, settings)) {
    const count = Math.max(refs.length, settings.length, 1);
    const weighted: Array<{ name: string; weight: number }> = [];
    for (let k = 0; k < count; k++) {
      const name = `${clusterName}/backend/${k}`;
      const setting = settings[k];
      clusters.push(clusterPart(name, { ...ctx, clusterName: name, destination: setting ? [setting] : [] }, protocol));
      weighted.push({ name, weight: backendWeight(refs[k]) });
    }
    target = { weighted };
  } else {
    clusters.push(clusterPart(clusterName, ctx, protocol));
    target = { cluster: clusterName };
  }

  const routes = ruleRoutes(route, target, ctx.traffic);
  routes.forEach((entry, i) => {
    if (!route.directResponse) applyRouteFeatures(entry, () => ruleRoutes(route, target, ctx.traffic)[i]!.route, ctx, filters, failures);
  });
  return done(clusters, routes);
}

/**
 * Reports the failures of the parts the entry used, each feature part once: first those of the
 * clusters it built (`built`, in order), then those of its routes.
 */
export function failureDiagnostics(parts: EntryParts, body: EntryBody, built: readonly ClusterPart[]): EmitDiagnostic[] {
  const { input, listenerName, clusterName } = parts;
  const seen = new Set<string>();
  const out: EmitDiagnostic[] = [];
  const report = ({ feature, part, err }: PartFailure) => {
    if (seen.has(`${feature}/${part}`)) return;
    seen.add(`${feature}/${part}`);
    out.push({
      severity: 'error',
      path: `${input.path}.traffic.${feature}`,
      message: `internal error in the ${part} of ${feature} (${describeThrown(err)}); ${feature} is left out of this route`,
      route: routeRuleName(input.route),
      listener: listenerName,
      cluster: clusterName,
      feature,
    });
  };
  for (const c of built) c.built().failures.forEach(report);
  body.failures.forEach(report);
  return out;
}

/** The diagnostic of an entry whose parts threw (a bug): it is left out. */
export function unemittedDiagnostic(parts: EntryParts, err: unknown): EmitDiagnostic {
  const { input, listenerName, clusterName } = parts;
  return {
    severity: 'error',
    path: input.path,
    message: `route could not be emitted (${describeThrown(err)}); left out`,
    route: routeRuleName(input.route),
    listener: listenerName,
    cluster: clusterName,
  };
}
