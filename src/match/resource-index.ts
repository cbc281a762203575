/**
 * Indexes built once per resolution, so that every later lookup (a policy's target, a route's
 * parent, a namespace's labels) is a map access instead of a scan.
 */
import type { ConfigMap, Gateway, Listener, ListenerSet, ReferenceGrant } from '../model/gateway-api.js';
import type { Resources, RouteInput } from '../admit/resources.js';
import { listenerNotReady, listenerOwner, readinessLookups, type ListenerCondition } from './listener-readiness.js';

export const nsName = (namespace: string, name: string): string => `${namespace}/${name}`;

/** One listener of a Gateway, or of a ListenerSet attached to it, as Envoy Gateway names it. */
export interface ListenerContext {
  gateway: Gateway;
  gatewayKey: string;
  listenerSet?: ListenerSet;
  listener: Listener;
  /** `gwns/gw/listener` or `gwns/gw/lsns/ls/listener`. */
  irName: string;
  /** Namespace that `allowedRoutes.namespaces.from: Same` compares with. */
  ownerNamespace: string;
}

export interface ResourceIndex {
  resources: Resources;
  gateways: Map<string, Gateway>;
  /** Every listener of each Gateway: its own, then those of attached ListenerSets. */
  gatewayListeners: Map<string, ListenerContext[]>;
  /** Each Gateway's own listeners that are ready (what a parentRef to the Gateway reaches). */
  ownListeners: Map<string, ListenerContext[]>;
  listenerSets: Map<string, ListenerSet>;
  /** ListenerSets attached to an accepted Gateway, with their listeners that are ready. */
  listenerSetListeners: Map<string, ListenerContext[]>;
  /** Listeners Envoy Gateway does not program (`listener-readiness.ts`), with why: no route attaches to them. */
  unreadyListeners: Array<{ context: ListenerContext; condition: ListenerCondition }>;
  /** Parent Gateway key of each ListenerSet (attached or not). */
  listenerSetParent: Map<string, string>;
  routes: Map<string, RouteInput>;
  namespaceLabels: Map<string, Record<string, string> | undefined>;
  /** Only namespaces given as Namespace objects exist (`namespaces: 'declared'`). */
  declaredNamespacesOnly: boolean;
  /** ReferenceGrants by the namespace they live in. */
  referenceGrants: Map<string, ReferenceGrant[]>;
  configMaps: Map<string, ConfigMap>;
}

export const routeKey = (kind: string, namespace: string, name: string): string => `${kind}/${namespace}/${name}`;

/** Gateway API `allowedListeners`: which namespaces may attach ListenerSets (default: none). */
function allowsListenerSet(gateway: Gateway, ls: ListenerSet, namespaceLabels: Map<string, Record<string, string> | undefined>, matches: (sel: unknown, labels: Record<string, string> | undefined) => boolean): boolean {
  const allowed = (gateway.spec as { allowedListeners?: { namespaces?: { from?: string; selector?: unknown } } }).allowedListeners;
  const from = allowed?.namespaces?.from ?? 'None';
  const lsNs = ls.metadata.namespace!;
  switch (from) {
    case 'All':
      return true;
    case 'Same':
      return lsNs === gateway.metadata.namespace;
    case 'Selector': {
      const labels = namespaceLabels.get(lsNs);
      return labels !== undefined && matches(allowed?.namespaces?.selector, labels);
    }
    default:
      return false;
  }
}

export function buildIndex(
  resources: Resources,
  matches: (sel: unknown, labels: Record<string, string> | undefined) => boolean,
  declaredNamespacesOnly = false,
): ResourceIndex {
  const gateways = new Map<string, Gateway>();
  const gatewayListeners = new Map<string, ListenerContext[]>();
  const ownListeners = new Map<string, ListenerContext[]>();
  const referenceGrants = new Map<string, ReferenceGrant[]>();
  for (const g of resources.referenceGrants) {
    const ns = g.metadata.namespace!;
    const list = referenceGrants.get(ns) ?? [];
    list.push(g);
    referenceGrants.set(ns, list);
  }
  const lookups = readinessLookups(resources.secrets, referenceGrants);
  const unreadyListeners: ResourceIndex['unreadyListeners'] = [];
  /** The listeners routes can attach to: those Envoy Gateway programs. */
  const ready = (contexts: ListenerContext[]): ListenerContext[] =>
    contexts.filter((context) => {
      const condition = listenerNotReady(context.listener, listenerOwner(context), lookups);
      if (condition) unreadyListeners.push({ context, condition });
      return condition === undefined;
    });
  for (const gw of resources.gateways) {
    const key = nsName(gw.metadata.namespace!, gw.metadata.name ?? '');
    if (gateways.has(key)) continue;
    gateways.set(key, gw);
    const own = gw.spec.listeners.map((listener) => ({
      gateway: gw,
      gatewayKey: key,
      listener,
      irName: `${key}/${listener.name}`,
      ownerNamespace: gw.metadata.namespace!,
    }));
    ownListeners.set(key, ready(own));
    gatewayListeners.set(key, [...own]);
  }
  const namespaceLabels = new Map<string, Record<string, string> | undefined>();
  for (const ns of resources.namespaces) namespaceLabels.set(ns.metadata.name ?? '', ns.metadata.labels);

  const listenerSets = new Map<string, ListenerSet>();
  const listenerSetListeners = new Map<string, ListenerContext[]>();
  const listenerSetParent = new Map<string, string>();
  for (const ls of resources.listenerSets) {
    const key = nsName(ls.metadata.namespace!, ls.metadata.name ?? '');
    if (listenerSets.has(key)) continue;
    listenerSets.set(key, ls);
    const parentRef = ls.spec.parentRef;
    const gwKey = nsName(parentRef.namespace ?? ls.metadata.namespace!, parentRef.name);
    listenerSetParent.set(key, gwKey);
    const gw = gateways.get(gwKey);
    if (!gw || !allowsListenerSet(gw, ls, namespaceLabels, matches)) continue;
    const contexts = ls.spec.listeners.map((listener) => ({
      gateway: gw,
      gatewayKey: gwKey,
      listenerSet: ls,
      listener,
      irName: `${gwKey}/${key}/${listener.name}`,
      ownerNamespace: ls.metadata.namespace!,
    }));
    listenerSetListeners.set(key, ready(contexts));
    gatewayListeners.get(gwKey)!.push(...contexts);
  }

  const routes = new Map<string, RouteInput>();
  for (const r of resources.routes) {
    const key = routeKey(r.kind, r.namespace, r.name);
    if (!routes.has(key)) routes.set(key, r);
  }
  const configMaps = new Map<string, ConfigMap>();
  for (const c of resources.configMaps) configMaps.set(nsName(c.metadata.namespace!, c.metadata.name ?? ''), c);
  return { resources, gateways, gatewayListeners, ownListeners, listenerSets, listenerSetListeners, unreadyListeners, listenerSetParent, routes, namespaceLabels, declaredNamespacesOnly, referenceGrants, configMaps };
}

/** One of a Gateway's own listeners by name (a `sectionName` on a Gateway never names a ListenerSet's). */
export function directListener(index: ResourceIndex, gatewayKey: string, name: string): ListenerContext | undefined {
  return index.ownListeners.get(gatewayKey)?.find((l) => l.listener.name === name);
}
