/**
 * The indexes every lookup of resolution goes through (a policy's target, a route's parent, a
 * namespace's labels), so that each is a map access instead of a scan. Resolution keeps them up to
 * date as objects come and go (`resolve/live-index.ts`); this module says what they hold and how
 * a Gateway's or ListenerSet's listeners are read.
 */
import type { ConfigMap, Gateway, GatewayClass, Listener, ListenerSet, ReferenceGrant, Secret } from '../model/gateway-api.js';
import type { RouteInput } from '../admit/resources.js';
import { listenerNotReady, listenerOwner, type ListenerCondition, type ReadinessLookups } from './listener-readiness.js';
import { flatKey } from '../lang/flat-key.js';

export const nsName = (namespace: string, name: string): string => flatKey(namespace, '/', name);

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
  gateways: Map<string, Gateway>;
  /** Each Gateway's own listeners that are ready (what a parentRef to the Gateway reaches). */
  ownListeners: Map<string, ListenerContext[]>;
  listenerSets: Map<string, ListenerSet>;
  /** ListenerSets attached to an accepted Gateway, with their listeners that are ready. */
  listenerSetListeners: Map<string, ListenerContext[]>;
  /** Parent Gateway key of each ListenerSet (attached or not). */
  listenerSetParent: Map<string, string>;
  routes: Map<string, RouteInput>;
  namespaceLabels: Map<string, Record<string, string> | undefined>;
  /** Only namespaces given as Namespace objects exist (`namespaces: 'declared'`). */
  declaredNamespacesOnly: boolean;
  /** ReferenceGrants by the namespace they live in. */
  referenceGrants: Map<string, ReferenceGrant[]>;
  configMaps: Map<string, ConfigMap>;
  /** Secrets by `namespace/name` (a listener's certificates). */
  secrets: Map<string, Secret>;
  /** GatewayClasses by name. */
  gatewayClasses: Map<string, GatewayClass>;
  /**
   * Gateways in the input that another controller programs: their GatewayClass is in the input
   * and names another `controllerName`. They are not in `gateways`: to this controller they do
   * not exist, as Envoy Gateway skips a Gateway whose class is not its own.
   */
  foreignGateways: Map<string, { className: string; controllerName: string }>;
}

export const emptyIndex = (declaredNamespacesOnly: boolean): ResourceIndex => ({
  gateways: new Map(),
  ownListeners: new Map(),
  listenerSets: new Map(),
  listenerSetListeners: new Map(),
  listenerSetParent: new Map(),
  routes: new Map(),
  namespaceLabels: new Map(),
  declaredNamespacesOnly,
  referenceGrants: new Map(),
  configMaps: new Map(),
  secrets: new Map(),
  gatewayClasses: new Map(),
  foreignGateways: new Map(),
});

/** Why a Gateway key names no Gateway of ours: another controller's class, or not in the input. */
export function missingGatewayReason(index: ResourceIndex, key: string): string {
  const foreign = index.foreignGateways.get(key);
  if (!foreign) return 'is not in the input';
  return `is of GatewayClass ${foreign.className}, which ${foreign.controllerName} programs, not this controller`;
}

export const routeKey = (kind: string, namespace: string, name: string): string => flatKey(kind, '/', namespace, '/', name);

/** A listener Envoy Gateway does not program, with why and where it is in its owner's spec. */
export interface UnreadyListener {
  context: ListenerContext;
  condition: ListenerCondition;
  position: number;
}

/** The listeners of one Gateway or ListenerSet: all of them, those that are ready, and why the others are not. */
export interface OwnerListeners {
  all: ListenerContext[];
  ready: ListenerContext[];
  unready: UnreadyListener[];
}

/** Splits an owner's contexts (one per `spec.listeners` item, in order) into ready ones and the others. */
function readiness(all: ListenerContext[], lookups: ReadinessLookups): OwnerListeners {
  const ready: ListenerContext[] = [];
  const unready: UnreadyListener[] = [];
  all.forEach((context, position) => {
    const condition = listenerNotReady(context.listener, listenerOwner(context), lookups);
    if (condition) unready.push({ context, condition, position });
    else ready.push(context);
  });
  return { all, ready, unready };
}

/** A Gateway's own listeners. */
export function gatewayListeners(gateway: Gateway, key: string, lookups: ReadinessLookups): OwnerListeners {
  const all = gateway.spec.listeners.map((listener) => ({ gateway, gatewayKey: key, listener, irName: `${key}/${listener.name}`, ownerNamespace: gateway.metadata.namespace! }));
  return readiness(all, lookups);
}

/** The listeners of a ListenerSet attached to `gateway`. */
export function listenerSetListeners(listenerSet: ListenerSet, key: string, gateway: Gateway, gatewayKey: string, lookups: ReadinessLookups): OwnerListeners {
  const all = listenerSet.spec.listeners.map((listener) => ({
    gateway,
    gatewayKey,
    listenerSet,
    listener,
    irName: `${gatewayKey}/${key}/${listener.name}`,
    ownerNamespace: listenerSet.metadata.namespace!,
  }));
  return readiness(all, lookups);
}

/** The Gateway a ListenerSet names as its parent. */
export function listenerSetParentKey(ls: ListenerSet): string {
  return nsName(ls.spec.parentRef.namespace ?? ls.metadata.namespace!, ls.spec.parentRef.name);
}

/** Gateway API `allowedListeners`: which namespaces may attach ListenerSets (default: none). */
export function allowsListenerSet(gateway: Gateway, ls: ListenerSet, namespaceLabels: ReadonlyMap<string, Record<string, string> | undefined>, matches: (sel: unknown, labels: Record<string, string> | undefined) => boolean): boolean {
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

/** Whether a Gateway reads the labels of a ListenerSet's namespace (`allowedListeners` by selector). */
export function readsListenerSetNamespaces(gateway: Gateway): boolean {
  return (gateway.spec as { allowedListeners?: { namespaces?: { from?: string } } }).allowedListeners?.namespaces?.from === 'Selector';
}

/** The selectors by which listeners read the labels of a route's namespace (`allowedRoutes.namespaces.from: Selector`). */
export function routeNamespaceSelectors(listeners: readonly Listener[]): unknown[] {
  const out: unknown[] = [];
  for (const l of listeners) if (l.allowedRoutes?.namespaces?.from === 'Selector') out.push(l.allowedRoutes.namespaces.selector);
  return out;
}

/** One of a Gateway's own listeners by name (a `sectionName` on a Gateway never names a ListenerSet's). */
export function directListener(index: ResourceIndex, gatewayKey: string, name: string): ListenerContext | undefined {
  return index.ownListeners.get(gatewayKey)?.find((l) => l.listener.name === name);
}
