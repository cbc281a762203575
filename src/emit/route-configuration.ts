/**
 * Route configurations: one `RouteConfiguration` per gateway listener (named like the listener,
 * `<gwns>/<gw>/<listener>`), one virtual host per hostname (`<listener>/<hostname, . → _>`), one
 * Envoy route per (rule match × hostname), named as Envoy Gateway names its IR routes:
 * `<kind>/<ns>/<route>/rule/<i>/match/<j>/<hostname, . → _>` (`match/-1` when the rule has no
 * matches).
 *
 * This module owns the parts of a route that do not come from a BTP: the match (from the rule's
 * Gateway API `matches`), the action pointing at the rule's cluster (or one cluster per backend,
 * weighted, when the cluster had to be split), the default WebSocket upgrade, the direct response
 * of a route whose policy failed, and the `envoy-gateway` metadata naming the route and the
 * policies that shaped it. Route features then write their fields into the result.
 */
import type { ResolvedTraffic, RouteEntryInput } from '../resolve/types.js';
import type { Metadata, ResourceMetadata, Route, RouteAction, RouteConfiguration, RouteMatch, StringMatcher, VirtualHost } from './envoy-types/index.js';
import { copyTree, isRecord } from '../lang/json.js';

/** One Envoy route before it is placed in a virtual host, with what Envoy Gateway sorts on. */
export interface RouteEntry {
  hostname: string;
  route: Route;
  sortKey: RouteSortKey;
  /**
   * Envoy Gateway could not build this route: it keeps the virtual host it had already opened for
   * the hostname, without the route.
   */
  dropped?: boolean;
}

export interface RouteSortKey {
  pathType: 'exact' | 'regex' | 'prefix' | undefined;
  pathLength: number;
  headers: number;
  queryParams: number;
}

/** The Envoy Gateway IR-route / Envoy route name for one (match × hostname). */
export function routeName(route: RouteEntryInput, matchIndex: number, hostname: string): string {
  const { kind, namespace, name } = route.route;
  return `${kind.toLowerCase()}/${namespace}/${name}/rule/${route.ruleIndex}/match/${matchIndex}/${hostname.replace(/\./g, '_')}`;
}

interface Match {
  envoy: RouteMatch;
  sortKey: RouteSortKey;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function stringMatch(type: unknown, value: string): StringMatcher {
  return type === 'RegularExpression' ? { safeRegex: { regex: value } } : { exact: value };
}

/** HTTPRoute match → Envoy `RouteMatch` (path, headers, query parameters, method). */
function httpMatch(match: unknown): Match {
  const m = isRecord(match) ? match : {};
  const envoy: RouteMatch = {};
  const sortKey: RouteSortKey = { pathType: undefined, pathLength: 0, headers: 0, queryParams: 0 };
  const path = isRecord(m.path) ? m.path : undefined;
  const type = str(path?.type) ?? 'PathPrefix';
  const value = str(path?.value) ?? '/';
  if (type === 'Exact') {
    envoy.path = value;
    sortKey.pathType = 'exact';
  } else if (type === 'RegularExpression') {
    envoy.safeRegex = { regex: value };
    sortKey.pathType = 'regex';
  } else {
    // Envoy Gateway: `/` stays a plain prefix; any other prefix drops one trailing slash and
    // matches whole path segments only.
    if (value === '/') envoy.prefix = '/';
    else envoy.pathSeparatedPrefix = value.endsWith('/') ? value.slice(0, -1) : value;
    sortKey.pathType = 'prefix';
  }
  sortKey.pathLength = value.length;
  const headers: NonNullable<RouteMatch['headers']> = [];
  for (const h of Array.isArray(m.headers) ? m.headers : []) {
    if (!isRecord(h) || typeof h.name !== 'string') continue;
    headers.push({ name: h.name, stringMatch: stringMatch(h.type, str(h.value) ?? '') });
  }
  const method = str(m.method);
  if (method !== undefined) headers.push({ name: ':method', stringMatch: { exact: method } });
  if (headers.length > 0) envoy.headers = headers;
  sortKey.headers = headers.length;
  const query: NonNullable<RouteMatch['queryParameters']> = [];
  for (const q of Array.isArray(m.queryParams) ? m.queryParams : []) {
    if (!isRecord(q) || typeof q.name !== 'string') continue;
    query.push({ name: q.name, stringMatch: stringMatch(q.type, str(q.value) ?? '') });
  }
  if (query.length > 0) envoy.queryParameters = query;
  sortKey.queryParams = query.length;
  return { envoy, sortKey };
}

/** What Envoy Gateway matches a gRPC service or method name with when the match leaves it open. */
const GRPC_SERVICE_NAME = '(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*';
const GRPC_METHOD_NAME = '[A-Za-z_][A-Za-z_0-9]*';

/**
 * GRPCRoute match → Envoy `RouteMatch`: the method becomes a path on `/<service>/<method>` —
 * exact for service and method, a prefix for a service alone, a regular expression for a method
 * alone or for `RegularExpression` matches — then headers.
 */
function grpcMatch(match: unknown): Match {
  const m = isRecord(match) ? match : {};
  const envoy: RouteMatch = {};
  const sortKey: RouteSortKey = { pathType: undefined, pathLength: 0, headers: 0, queryParams: 0 };
  const method = isRecord(m.method) ? m.method : undefined;
  const service = str(method?.service);
  const name = str(method?.method);
  let path: { type: 'exact' | 'prefix' | 'regex'; value: string } | undefined;
  if (method && method.type === 'RegularExpression') {
    if (service !== undefined || name !== undefined) path = { type: 'regex', value: `/${service ?? GRPC_SERVICE_NAME}/${name ?? GRPC_METHOD_NAME}` };
  } else if (service !== undefined && name !== undefined) path = { type: 'exact', value: `/${service}/${name}` };
  else if (name !== undefined) path = { type: 'regex', value: `/${GRPC_SERVICE_NAME}/${name}` };
  else if (service !== undefined) path = { type: 'prefix', value: `/${service}` };
  if (path?.type === 'exact') envoy.path = path.value;
  else if (path?.type === 'regex') envoy.safeRegex = { regex: path.value };
  else if (path?.type === 'prefix') envoy.pathSeparatedPrefix = path.value;
  else envoy.prefix = '/';
  if (path) {
    sortKey.pathType = path.type;
    sortKey.pathLength = path.value.length;
  }
  const headers: NonNullable<RouteMatch['headers']> = [];
  for (const h of Array.isArray(m.headers) ? m.headers : []) {
    if (!isRecord(h) || typeof h.name !== 'string') continue;
    headers.push({ name: h.name, stringMatch: stringMatch(h.type, str(h.value) ?? '') });
  }
  if (headers.length > 0) envoy.headers = headers;
  sortKey.headers = headers.length;
  return { envoy, sortKey };
}

/** The rule's matches, each with its Envoy Gateway index; `[-1 → match all]` when there are none. */
function ruleMatches(route: RouteEntryInput): Array<{ index: number; match: Match }> {
  const list = Array.isArray(route.matches) ? route.matches : [];
  const convert = route.route.kind === 'GRPCRoute' ? grpcMatch : httpMatch;
  if (list.length === 0) {
    return [{ index: -1, match: { envoy: { prefix: '/' }, sortKey: { pathType: undefined, pathLength: 0, headers: 0, queryParams: 0 } } }];
  }
  return list.map((m, index) => ({ index, match: convert(m) }));
}

/** `envoy-gateway` metadata: the route (rule) and, when any, the BTPs that shaped it. */
function routeMetadata(route: RouteEntryInput): Metadata {
  const { kind, namespace, name } = route.route;
  const resource: ResourceMetadata = { kind, name, namespace };
  if (route.ruleName !== undefined && route.ruleName !== '') resource.sectionName = route.ruleName;
  const eg: Metadata['filterMetadata']['envoy-gateway'] = { resources: [resource] };
  if (route.policies.length > 0) {
    eg.policies = route.policies.map((p) => ({ kind: 'BackendTrafficPolicy', name: p.name, namespace: p.namespace }));
  }
  return { filterMetadata: { 'envoy-gateway': eg } };
}

/** What the route action targets: the rule's cluster, or its per-backend clusters with weights. */
export type RouteTarget = { cluster: string } | { weighted: Array<{ name: string; weight: number }> };

/**
 * The Envoy routes of one rule on one listener, before route features: one per (match ×
 * hostname), matches first, hostnames within. `traffic` is the rule's checked traffic.
 */
export function ruleRoutes(route: RouteEntryInput, target: RouteTarget, traffic: ResolvedTraffic): RouteEntry[] {
  const hostnames = route.hostnames.length > 0 ? route.hostnames : ['*'];
  const entries: RouteEntry[] = [];
  for (const { index, match } of ruleMatches(route)) {
    for (const hostname of hostnames) {
      const envoyRoute: Route = { name: routeName(route, index, hostname), match: copyTree(match.envoy) };
      if (route.directResponse) {
        envoyRoute.directResponse = { status: route.directResponse.statusCode };
      } else {
        envoyRoute.route = routeAction(route, target, traffic);
      }
      if (route.removeResponseHeaders && route.removeResponseHeaders.length > 0) {
        envoyRoute.responseHeadersToRemove = [...route.removeResponseHeaders];
      }
      envoyRoute.metadata = routeMetadata(route);
      entries.push({ hostname, route: envoyRoute, sortKey: match.sortKey });
    }
  }
  return entries;
}

/**
 * The route action before features: the target, and the default WebSocket upgrade Envoy Gateway
 * gives every HTTP/1 route — except gRPC (HTTP/2) routes and routes that buffer requests, which
 * cannot be upgraded. A policy's `httpUpgrade` (a route feature) replaces the default.
 */
function routeAction(route: RouteEntryInput, target: RouteTarget, traffic: ResolvedTraffic): RouteAction {
  const action: RouteAction = {};
  if ('cluster' in target) action.cluster = target.cluster;
  else {
    action.weightedClusters = { clusters: target.weighted.map((c) => ({ name: c.name, weight: c.weight })) };
    action.clusterNotFoundResponseCode = 'INTERNAL_SERVER_ERROR';
  }
  const http2 = route.route.kind === 'GRPCRoute';
  if (!http2 && traffic.requestBuffer === undefined) action.upgradeConfigs = [{ upgradeType: 'websocket' }];
  return action;
}

/**
 * Envoy Gateway's route precedence within a listener (most specific first): Exact paths, then
 * regular expressions, then prefixes; then longer paths; then more header matches; then more
 * query-parameter matches. Ties keep their order (Envoy Gateway sorts in place; for the small
 * lists it handles that order is stable).
 */
export function compareRouteEntries(a: RouteSortKey, b: RouteSortKey): number {
  // `less(x, y)`: x has lower precedence than y (Envoy Gateway's `XdsIRRoutes.Less`).
  const less = (x: RouteSortKey, y: RouteSortKey): boolean => {
    if (x.pathType !== undefined && y.pathType !== undefined && x.pathType !== y.pathType) {
      const rank = { exact: 3, regex: 2, prefix: 1 } as const;
      return rank[x.pathType] < rank[y.pathType];
    }
    if (x.pathLength !== y.pathLength) return x.pathLength < y.pathLength;
    if (x.headers !== y.headers) return x.headers < y.headers;
    return x.queryParams < y.queryParams;
  };
  if (less(b, a)) return -1;
  if (less(a, b)) return 1;
  return 0;
}

/** The `VirtualHost`s of one listener: one per hostname, in order of first appearance. */
export function virtualHosts(listenerName: string, entries: readonly RouteEntry[], gatewayResource: ResourceMetadata): VirtualHost[] {
  const hosts = new Map<string, VirtualHost>();
  for (const entry of entries) {
    let vhost = hosts.get(entry.hostname);
    if (!vhost) {
      vhost = {
        name: `${listenerName}/${entry.hostname.replace(/\./g, '_')}`,
        domains: [entry.hostname],
        metadata: { filterMetadata: { 'envoy-gateway': { resources: [copyTree(gatewayResource)] } } },
        routes: [],
      };
      hosts.set(entry.hostname, vhost);
    }
    if (!entry.dropped) vhost.routes.push(entry.route);
  }
  return [...hosts.values()];
}

/** The listener's `RouteConfiguration`, routes sorted by Envoy Gateway's precedence. */
export function routeConfiguration(listenerName: string, entries: readonly RouteEntry[], gatewayResource: ResourceMetadata): RouteConfiguration {
  const sorted = entries
    .map((entry, i) => ({ entry, i }))
    .sort((x, y) => compareRouteEntries(x.entry.sortKey, y.entry.sortKey) || x.i - y.i)
    .map((x) => x.entry);
  return { name: listenerName, ignorePortInHostMatching: true, virtualHosts: virtualHosts(listenerName, sorted, gatewayResource) };
}
