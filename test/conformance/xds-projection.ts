/**
 * The part of Envoy's configuration that BTPs control, extracted the same way from Envoy
 * Gateway's golden output and from ours, so that a case passes only when these are equal.
 *
 * Clusters (the route clusters only: IR destinations and their per-backend clusters), every field
 * except:
 * - `loadAssignment` — the endpoints come from Services/Backends, not from the Resolution;
 * - `transportSocketMatches` and TLS transport sockets (`envoy.transport_sockets.tls`) — TLS
 *   contexts come from BackendTLSPolicies (the PROXY-protocol wrapper and the all-TLS placeholder
 *   socket stay in);
 * - `metadata`, unless the IR destination had metadata — Envoy Gateway copies the IR destination's
 *   metadata, which hand-written IR often omits;
 * - `trackClusterStats` — EnvoyProxy telemetry settings.
 * Other clusters (`ratelimit_cluster`, ext-auth, tracing, access-log sinks) are not projected.
 *
 * Route configurations, keyed by the HCM that serves them (plain-HTTP listeners on one port share
 * one, see `hcmOwner`): per virtual host its name, domains and metadata (when the IR listener had
 * metadata), and its routes — in order, except on listeners with hand-written IR routes, which
 * Envoy Gateway's gatewayapi layer never sorted (`unsortedListeners`) — each with: name, match, `directResponse`, metadata (when the IR route
 * had metadata), `typedPerFilterConfig` entries of BTP filters, `requestHeadersToRemove`,
 * `responseHeadersToRemove`, `tracing`, `statPrefix`, and of the route action: the target
 * (`cluster` / `weightedClusters` names, weights, `useHashPolicy`, `clusterNotFoundResponseCode`)
 * and the BTP fields (`retryPolicy`, `timeout`, `idleTimeout`, `maxStreamDuration`, `hashPolicy`,
 * `upgradeConfigs`, `rateLimits`). Left out: URL rewrites and host rewrites, per-backend header
 * filters (`weightedClusters.clusters[].requestHeadersToAdd`), header modifiers — HTTPRoute
 * filters, not BTPs — and non-BTP per-filter configs (ext_authz, …). Cookie `attributes` in hash
 * policies are compared as a set (Envoy Gateway builds them from a Go map).
 *
 * HCM filters, per HCM: the BTP filters (custom_response, fault, buffer, local_ratelimit,
 * ratelimit, bandwidth_limit, compressor) and the router, in order, with their configs. Our
 * filters of listeners that share an HCM are merged as Envoy Gateway merges them: first filter of
 * a name wins, then the usual order.
 *
 * Names: our names are rewritten with the adapter's renames (exact string values anywhere in our
 * projection: listener, route and cluster names, and the same names used as rate-limit domains or
 * descriptor values).
 */
import type { EnvoyConfig } from '../../src/emit/index.js';
import { sortHttpFilters } from '../../src/emit/http-filters.js';
import type { AdaptedCase } from './xds-adapter.js';
import type { HttpFilter } from '../../src/emit/envoy-types/index.js';

type Json = Record<string, any>;

export interface Projection {
  clusters: Record<string, Json>;
  routeConfigurations: Record<string, Json>;
  httpFilters: Record<string, Json[]>;
}

const BTP_FILTER_PREFIXES = [
  'envoy.filters.http.custom_response',
  'envoy.filters.http.fault',
  'envoy.filters.http.buffer',
  'envoy.filters.http.local_ratelimit',
  'envoy.filters.http.ratelimit',
  'envoy.filters.http.bandwidth_limit',
  'envoy.filters.http.compressor',
  'envoy.filters.http.router',
];
const isBtpFilter = (name: string) => BTP_FILTER_PREFIXES.some((p) => name === p || name.startsWith(`${p}/`) || name.startsWith(`${p}.`));

const ROUTE_FIELDS = ['name', 'match', 'directResponse', 'requestHeadersToRemove', 'responseHeadersToRemove', 'tracing', 'statPrefix'];
const ACTION_FIELDS = ['cluster', 'clusterNotFoundResponseCode', 'retryPolicy', 'timeout', 'idleTimeout', 'maxStreamDuration', 'hashPolicy', 'upgradeConfigs', 'rateLimits'];

function pick(obj: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

function projectCluster(c: Json, adapted: AdaptedCase): Json {
  const out: Json = { ...c };
  delete out.loadAssignment;
  delete out.transportSocketMatches;
  if (!adapted.clustersWithMetadata.has(c.name)) delete out.metadata;
  delete out.trackClusterStats;
  if (out.transportSocket?.name === 'envoy.transport_sockets.tls') delete out.transportSocket;
  return out;
}

function sortCookieAttributes(hashPolicy: unknown): unknown {
  if (!Array.isArray(hashPolicy)) return hashPolicy;
  return hashPolicy.map((h: Json) => {
    if (!Array.isArray(h?.cookie?.attributes)) return h;
    const attributes = [...h.cookie.attributes].sort((a: Json, b: Json) => String(a.name).localeCompare(String(b.name)));
    return { ...h, cookie: { ...h.cookie, attributes } };
  });
}

function projectRoute(r: Json, keepMetadata: boolean): Json {
  const out = pick(r, ROUTE_FIELDS);
  if (keepMetadata && r.metadata !== undefined) out.metadata = r.metadata;
  if (r.typedPerFilterConfig) {
    const tpfc = Object.fromEntries(Object.entries(r.typedPerFilterConfig as Json).filter(([k]) => isBtpFilter(k)));
    if (Object.keys(tpfc).length > 0) out.typedPerFilterConfig = tpfc;
  }
  if (r.route) {
    const action = pick(r.route, ACTION_FIELDS);
    if (action.hashPolicy) action.hashPolicy = sortCookieAttributes(action.hashPolicy);
    if (r.route.weightedClusters) {
      const wc: Json = { clusters: (r.route.weightedClusters.clusters ?? []).map((c: Json) => pick(c, ['name', 'weight'])) };
      if (r.route.weightedClusters.useHashPolicy !== undefined) wc.useHashPolicy = r.route.weightedClusters.useHashPolicy;
      action.weightedClusters = wc;
    }
    out.route = action;
  }
  return out;
}

function projectVirtualHost(vh: Json, keepMetadata: boolean, routeHasMetadata: (name: string) => boolean, ordered: boolean): Json {
  const out: Json = { name: vh.name, domains: vh.domains };
  if (keepMetadata && vh.metadata !== undefined) out.metadata = vh.metadata;
  const routes = (vh.routes ?? []).map((r: Json) => projectRoute(r, routeHasMetadata(r.name)));
  // Unordered: sorted by name (then content, for equal names) on both sides.
  out.routes = ordered ? routes : routes.sort((a: Json, b: Json) => (a.name < b.name ? -1 : a.name > b.name ? 1 : JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return out;
}

/** Deep copy with every string equal to a renamed name replaced by Envoy Gateway's. */
function renameDeep(value: unknown, renames: Map<string, string>): unknown {
  if (typeof value === 'string') return renames.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => renameDeep(v, renames));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [renames.get(k) ?? k, renameDeep(v, renames)]));
  }
  return value;
}

/** The listener owning the virtual host named `<listener>/<host>` (EG names). */
function vhostListener(vhostName: string, listeners: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const l of listeners) if (vhostName.startsWith(`${l}/`) && (!best || l.length > best.length)) best = l;
  return best;
}

/** Project Envoy Gateway's golden output. */
export function projectGolden(golden: { clusters: Json[]; routes: Json[]; listeners: Json[] }, adapted: AdaptedCase): Projection {
  const clusters: Record<string, Json> = {};
  for (const c of golden.clusters) if (adapted.routeClusters.has(c.name)) clusters[c.name] = projectCluster(c, adapted);

  const routeConfigurations: Record<string, Json> = {};
  const listeners = [...adapted.hcmOwner.keys()];
  for (const rc of golden.routes) {
    routeConfigurations[rc.name] = (rc.virtualHosts ?? []).map((vh: Json) => {
      const owner = vhostListener(vh.name, listeners);
      const keep = owner !== undefined && !adapted.listenersWithoutMetadata.has(owner);
      const ordered = owner === undefined || !adapted.unsortedListeners.has(owner);
      return projectVirtualHost(vh, keep, (name) => !adapted.routesWithoutMetadata.has(name), ordered);
    });
  }

  const httpFilters: Record<string, Json[]> = {};
  for (const l of golden.listeners) {
    const chains = [l.defaultFilterChain, ...(l.filterChains ?? [])].filter(Boolean);
    for (const chain of chains) {
      for (const f of chain.filters ?? []) {
        const hcm = f.typedConfig;
        const rds = hcm?.rds?.routeConfigName;
        if (typeof rds !== 'string' || !Array.isArray(hcm.httpFilters)) continue;
        httpFilters[rds] = hcm.httpFilters.filter((h: Json) => isBtpFilter(h.name));
      }
    }
  }
  return { clusters, routeConfigurations, httpFilters };
}

/** Project our output, with names rewritten to Envoy Gateway's. */
export function projectOurs(ours: EnvoyConfig, adapted: AdaptedCase): Projection {
  const renamed = renameDeep(ours, adapted.renames) as { clusters: Json[]; routeConfigurations: Json[]; httpFilters: Array<{ listener: string; filters: Json[] }> };

  const clusters: Record<string, Json> = {};
  // Clusters renamed onto one Envoy Gateway name: the first one wins, as in Envoy Gateway.
  for (const c of renamed.clusters) if (!(c.name in clusters)) clusters[c.name] = projectCluster(c, adapted);

  // Virtual hosts are named `<listener>/<host>`: rename their listener part.
  const listenerRenames = [...adapted.renames].filter(([ours]) => ours.startsWith('xds/xds/'));
  for (const rc of renamed.routeConfigurations) {
    for (const vh of rc.virtualHosts ?? []) {
      const hit = listenerRenames.filter(([ours]) => String(vh.name).startsWith(`${ours}/`)).sort((a, b) => b[0].length - a[0].length)[0];
      if (hit) vh.name = `${hit[1]}${String(vh.name).slice(hit[0].length)}`;
    }
  }

  const routeConfigurations: Record<string, Json> = {};
  for (const rc of renamed.routeConfigurations) {
    const owner = adapted.hcmOwner.get(rc.name) ?? rc.name;
    const keep = !adapted.listenersWithoutMetadata.has(rc.name);
    const ordered = !adapted.unsortedListeners.has(rc.name);
    const vhosts = (rc.virtualHosts ?? []).map((vh: Json) => projectVirtualHost(vh, keep, (name) => !adapted.routesWithoutMetadata.has(name), ordered));
    (routeConfigurations[owner] ??= []).push(...vhosts);
  }

  const merged = new Map<string, Json[]>();
  for (const { listener, filters } of renamed.httpFilters) {
    const owner = adapted.hcmOwner.get(listener) ?? listener;
    const list = merged.get(owner) ?? [];
    for (const f of filters) if (!list.some((g) => g.name === f.name)) list.push(f);
    merged.set(owner, list);
  }
  const httpFilters: Record<string, Json[]> = {};
  for (const [owner, list] of merged) httpFilters[owner] = sortHttpFilters(list as HttpFilter[]).filter((f) => isBtpFilter(String(f.name)));
  return { clusters, routeConfigurations, httpFilters };
}
