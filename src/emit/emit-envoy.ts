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
 * Never throws. Each route entry is read and its `traffic` checked once, at the boundary
 * (`emit-input.ts`); a value that fails leaves its feature out of that route, a route that cannot be
 * read is left out, and each such omission is reported in `diagnostics`. The output stays within
 * `options.budget` (`emit-budget.ts`): a route entry that would take it past is left out, reported.
 */
import { describeThrown, readPlainData } from '../model/limits.js';
import type { RouteEntryInput, RoutesInput } from '../resolve/types.js';
import { buildCluster, type ClusterProtocol } from './cluster.js';
import type { DestinationSetting, EmitOptions } from './emit-options.js';
import type { EmitContext } from './emit-context.js';
import type { Cluster, HttpFilter, ResourceMetadata, Route, RouteConfiguration } from './envoy-types/index.js';
import type { FeatureDefinition } from '../features/feature.js';
import { FEATURES, type FeatureKey } from '../features/registry.js';
import { HttpFilterCollector } from './http-filters.js';
import { isRecord } from '../lang/json.js';
import { type RouteEntry, type RouteTarget, routeConfiguration, ruleRoutes } from './route-configuration.js';
import { routeProtocol } from '../model/kinds.js';
import { RouteReader, trafficDiagnostics, type RouteInput } from './emit-input.js';
import { routeRuleName, type EmitDiagnostic, type FailureReport } from './emit-diagnostics.js';
import { budgetOf, envoyRouteFactors, OutputBudget, overBudgetMessage } from './emit-budget.js';

export type { DestinationSetting, EmitOptions, ListenerSettings } from './emit-options.js';
export type { Cluster, HttpFilter, RouteConfiguration } from './envoy-types/index.js';
export type { EmitDiagnostic } from './emit-diagnostics.js';

/** What {@link emitEnvoy} returns: the xDS resources the BTP settings control, named and ordered as Envoy Gateway does. */
export interface EnvoyConfig {
  clusters: Cluster[];
  routeConfigurations: RouteConfiguration[];
  httpFilters: Array<{ listener: string; filters: HttpFilter[] }>;
  /**
   * Every route, listener, cluster part or feature left out of the resources above, and why: a
   * route entry that cannot be read, a `traffic` value that is not its feature's shape, a value
   * Envoy would reject (a CRD-invalid policy's, which the translator lets through), a malformed
   * field ignored. Empty for a `Resolution` of valid policies.
   */
  diagnostics: EmitDiagnostic[];
}

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

/**
 * Applies the route features to one Envoy route. Every feature runs, even when its `traffic` key
 * is absent: some route fields have non-BTP inputs too (the HTTPRoute's own request timeout, the
 * default upgrade), and features write nothing for an absent value otherwise. Values are checked
 * before they get here, so a feature that throws has a bug: the route is rebuilt and the others
 * replayed without it, and the failure reported.
 */
function applyRouteFeatures(entry: RouteEntry, rebuild: () => Route, ctx: EmitContext, filters: HttpFilterCollector, report: FailureReport): void {
  const skipped = new Set<FeatureDefinition>();
  for (;;) {
    const failed = ROUTE_PARTS.find((feature) => {
      if (skipped.has(feature)) return false;
      try {
        feature.route!.apply(entry.route, valueOf(ctx, feature), ctx);
        return false;
      } catch (err) {
        report(feature.key as FeatureKey, 'route part', err);
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
      report(feature.key as FeatureKey, 'HTTP filters', err);
    }
  }
}

interface ListenerRoutes {
  name: string;
  gatewayResource: ResourceMetadata;
  entries: RouteEntry[];
  filters: HttpFilterCollector;
  settings: EmitContext['listenerSettings'];
  /** The first route entry on it, for diagnostics. */
  path: string;
}

/** The Envoy resources for a Resolution. */
export function emitEnvoy(resolution: RoutesInput, options: EmitOptions = {}): EnvoyConfig {
  const diagnostics: EmitDiagnostic[] = [];
  try {
    return emit(resolution, options, diagnostics);
  } catch (err) {
    // Not reachable by data: every input is read at the boundary, each route in its own guard.
    diagnostics.push({ severity: 'error', path: '', message: `internal error (${describeThrown(err)}); nothing was emitted` });
    return { clusters: [], routeConfigurations: [], httpFilters: [], diagnostics };
  }
}

/** The route entries of the Resolution, unread (an unreadable `routes` is reported and gives none). */
function routesOf(resolution: unknown, diagnostics: EmitDiagnostic[]): readonly unknown[] {
  try {
    const routes = isRecord(resolution) ? resolution.routes : undefined;
    if (Array.isArray(routes)) return routes;
    diagnostics.push({ severity: 'error', path: 'routes', message: 'the resolution has no list of routes; nothing to emit' });
  } catch (err) {
    diagnostics.push({ severity: 'error', path: 'routes', message: `the resolution's routes could not be read (${describeThrown(err)}); nothing to emit` });
  }
  return [];
}

function emit(resolution: RoutesInput, options: EmitOptions, diagnostics: EmitDiagnostic[]): EnvoyConfig {
  // The boundary: plain-data copies within the input limits, so no getter, proxy or cycle reaches
  // the features and nothing of the caller's objects is shared with (or reachable from) the output.
  const readOptions = readPlainData(options);
  let opts: EmitOptions = {};
  if (readOptions.ok && isRecord(readOptions.value)) opts = readOptions.value as EmitOptions;
  else if (options !== undefined) {
    const why = readOptions.ok ? 'they are not an object' : readOptions.violation.message;
    diagnostics.push({ severity: 'warning', path: 'options', message: `the emit options could not be read (${why}); the defaults are used` });
  }
  const routes = routesOf(resolution, diagnostics);
  const reader = new RouteReader(diagnostics);
  const budget = new OutputBudget(budgetOf(opts, (message) => diagnostics.push({ severity: 'warning', path: 'options.budget', message })));
  /** Route rules left out for the budget: their diagnostic, and on how many listeners. */
  const overBudget = new Map<string, { diagnostic: EmitDiagnostic; listeners: number }>();
  const leaveOut = (input: RouteInput, listener: string, why: string): void => {
    const rule = routeRuleName(input.route);
    const seen = overBudget.get(rule);
    if (seen) {
      seen.listeners++;
      return;
    }
    const diagnostic: EmitDiagnostic = { severity: 'error', path: input.path, message: overBudgetMessage(input.route, why), route: rule, listener };
    if (input.route.policies.length > 0) diagnostic.policy = input.route.policies[0]!;
    diagnostics.push(diagnostic);
    overBudget.set(rule, { diagnostic, listeners: 1 });
  };
  const clusters = new Map<string, Cluster>();
  const listeners = new Map<string, ListenerRoutes>();

  const listenerFor = (input: RouteInput, ctx: EmitContext): ListenerRoutes => {
    let listener = listeners.get(ctx.listenerName);
    if (!listener) {
      const { route } = input;
      listener = {
        name: ctx.listenerName,
        gatewayResource: { kind: 'Gateway', name: route.gateway.name, namespace: route.gateway.namespace, sectionName: route.listener },
        entries: [],
        filters: new HttpFilterCollector(),
        settings: ctx.listenerSettings,
        path: input.path,
      };
      listeners.set(ctx.listenerName, listener);
    }
    return listener;
  };

  const emitRoute = (input: RouteInput, ctx: EmitContext, report: FailureReport): void => {
    const { route } = input;
    const { clusterName } = ctx;
    const protocol = protocolOf(route);
    const settings = ctx.destination ?? [];
    const { matches, hostnames } = envoyRouteFactors(route);
    const routeCount = protocol === 'http' ? matches * hostnames : 0;
    // The listener's route configuration exists even when none of its routes fit.
    const listener = protocol === 'http' ? listenerFor(input, ctx) : undefined;
    const countOver = budget.routesOver(routeCount);
    if (countOver) return leaveOut(input, ctx.listenerName, countOver);
    /** Clusters this entry adds, and their bytes: taken back if its routes do not fit. */
    const added: string[] = [];
    let bytes = 0;
    const addCluster = (name: string, clusterCtx: EmitContext) => {
      if (clusters.has(name)) return;
      const cluster = buildCluster(name, clusterCtx, protocol, report);
      clusters.set(name, cluster);
      added.push(name);
      bytes += JSON.stringify(cluster).length;
    };
    /** Spends the budget on the entry's routes and clusters, or takes them back and reports it. */
    const fits = (entries: readonly RouteEntry[]): boolean => {
      for (const e of entries) bytes += JSON.stringify(e.route).length;
      const over = budget.spend(routeCount, bytes);
      if (!over) return true;
      for (const name of added) clusters.delete(name);
      leaveOut(input, ctx.listenerName, over);
      return false;
    };
    if (!listener) {
      addCluster(clusterName, ctx);
      fits([]);
      return;
    }

    // Envoy Gateway fails the route on some values (a retry trigger it does not know): no Envoy
    // route and no cluster, but the virtual host it opened for the hostname stays (empty if
    // nothing else uses it).
    if (!route.directResponse && ROUTE_PARTS.some((f) => f.route!.dropsRoute?.(valueOf(ctx, f)) === true)) {
      const dropped = ruleRoutes(route, { cluster: clusterName }, ctx.traffic).map((entry) => ({ ...entry, dropped: true }));
      if (fits(dropped)) listener.entries.push(...dropped);
      return;
    }

    // A rule without backends has no destination: no cluster, and Envoy Gateway answers 500 itself
    // (unless a failed policy already set the answer). A rule that only redirects has no backends
    // either; HTTPRoute filters are not part of a Resolution.
    const refs = Array.isArray(route.backendRefs) ? route.backendRefs : [];
    if (refs.length === 0 && settings.length === 0) {
      const answered: RouteEntryInput = route.directResponse ? route : { ...route, directResponse: { statusCode: 500 } };
      const entries = ruleRoutes(answered, { cluster: clusterName }, ctx.traffic);
      if (fits(entries)) listener.entries.push(...entries);
      return;
    }

    let target: RouteTarget;
    if (needsClusterPerBackend(ctx, settings)) {
      const count = Math.max(refs.length, settings.length, 1);
      const weighted: Array<{ name: string; weight: number }> = [];
      for (let k = 0; k < count; k++) {
        const name = `${clusterName}/backend/${k}`;
        const setting = settings[k];
        addCluster(name, { ...ctx, clusterName: name, destination: setting ? [setting] : [] });
        weighted.push({ name, weight: backendWeight(refs[k]) });
      }
      target = { weighted };
    } else {
      addCluster(clusterName, ctx);
      target = { cluster: clusterName };
    }

    const filters = new HttpFilterCollector();
    const entries = ruleRoutes(route, target, ctx.traffic);
    entries.forEach((entry, i) => {
      if (!route.directResponse) applyRouteFeatures(entry, () => ruleRoutes(route, target, ctx.traffic)[i]!.route, ctx, filters, report);
    });
    if (!fits(entries)) return;
    listener.entries.push(...entries);
    listener.filters.addAll(filters);
  };

  routes.forEach((candidate, index) => {
    const input = reader.read(candidate, index);
    if (!input) return;
    const { route } = input;
    const listenerName = listenerNameOf(route);
    const clusterName = clusterNameOf(route);
    const where = { listener: listenerName, cluster: clusterName };
    for (const d of trafficDiagnostics(input, where)) diagnostics.push(d);
    const failed = new Set<string>();
    const report: FailureReport = (feature, part, err) => {
      if (failed.has(`${feature}/${part}`)) return;
      failed.add(`${feature}/${part}`);
      diagnostics.push({
        severity: 'error',
        path: `${input.path}.traffic.${feature}`,
        message: `internal error in the ${part} of ${feature} (${describeThrown(err)}); ${feature} is left out of this route`,
        route: routeRuleName(route),
        ...where,
        feature,
      });
    };
    try {
      const ctx: EmitContext = {
        route,
        traffic: input.traffic.traffic,
        listenerName,
        clusterName,
        destination: opts.destinations?.[clusterName] ?? [],
        listenerSettings: opts.listeners?.[listenerName],
        options: opts,
      };
      emitRoute(input, ctx, report);
    } catch (err) {
      diagnostics.push({ severity: 'error', path: input.path, message: `route could not be emitted (${describeThrown(err)}); left out`, route: routeRuleName(route), ...where });
    }
  });

  for (const { diagnostic, listeners } of overBudget.values()) if (listeners > 1) diagnostic.message += `; left out on ${listeners} listeners`;

  const routeConfigurations: RouteConfiguration[] = [];
  const httpFilters: EnvoyConfig['httpFilters'] = [];
  for (const listener of listeners.values()) {
    try {
      const rc = routeConfiguration(listener.name, listener.entries, listener.gatewayResource);
      const filters = listener.filters.filters(listener.settings);
      routeConfigurations.push(rc);
      httpFilters.push({ listener: listener.name, filters });
    } catch (err) {
      diagnostics.push({
        severity: 'error',
        path: listener.path,
        message: `listener could not be emitted (${describeThrown(err)}); its route configuration and HTTP filters are left out`,
        listener: listener.name,
      });
    }
  }
  return { clusters: [...clusters.values()], routeConfigurations, httpFilters, diagnostics };
}
