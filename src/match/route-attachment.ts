/**
 * Which gateway listeners a route attaches to (Gateway API route attachment, as far as it decides
 * which Gateway- and listener-level policies reach the route): parentRefs to Gateways and
 * ListenerSets, `sectionName` and `port`, the listener's allowed kinds and namespaces, and
 * hostname intersection.
 */
import type { Listener, ParentReference } from '../model/gateway-api.js';
import type { LabelSelector } from '../model/label-selector.js';
import type { RouteInput } from '../admit/resources.js';
import { matchesLabelSelector } from './label-selector.js';
import { nsName, type ListenerContext, type ResourceIndex } from './resource-index.js';
import { GATEWAY_API_GROUP } from '../model/kinds.js';
import { keptFilter, keptList } from '../lang/kept-list.js';

/** A parentRef of a route that names a Gateway or ListenerSet we know ("managed" in Envoy Gateway). */
export interface ParentContext {
  parentRef: ParentReference;
  /** The ancestor a route-level policy reports on for this parentRef. */
  ancestorRef: { group: string; kind: 'Gateway' | 'ListenerSet'; namespace: string; name: string; sectionName?: string };
  gatewayKey: string;
  listenerSetKey?: string;
  /** Listeners that accepted the route on this parentRef (hostnames not considered). */
  listeners: ListenerContext[];
  /** The subset of `listeners` that produce routes (hostnames intersect). */
  listenersWithHosts: ListenerContext[];
}

const SUPPORTED_KINDS: Record<string, readonly string[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute', 'TCPRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

/** Whether a listener takes routes of this kind: its protocol's kinds, narrowed by `allowedRoutes.kinds`. */
export function allowsKind(listener: Listener, kind: string): boolean {
  const supported = Object.hasOwn(SUPPORTED_KINDS, listener.protocol) ? SUPPORTED_KINDS[listener.protocol]! : [];
  if (!supported.includes(kind)) return false;
  const kinds = listener.allowedRoutes?.kinds;
  if (!kinds || kinds.length === 0) return true;
  return kinds.some((k) => k.kind === kind && (k.group === undefined || k.group === '' || k.group === GATEWAY_API_GROUP));
}

/** Whether a listener takes routes from this namespace (`allowedRoutes.namespaces`, default `Same`). */
export function allowsNamespace(ctx: ListenerContext, routeNamespace: string, index: ResourceIndex): boolean {
  // Envoy Gateway looks the route's Namespace up first; with declared namespaces an unknown one allows nothing.
  if (index.declaredNamespacesOnly && !index.namespaceLabels.has(routeNamespace)) return false;
  const ns = ctx.listener.allowedRoutes?.namespaces;
  switch (ns?.from ?? 'Same') {
    case 'All':
      return true;
    case 'Same':
      return routeNamespace === ctx.ownerNamespace;
    case 'Selector':
      return selectsNamespace(ns?.selector, index.namespaceLabels.get(routeNamespace));
    default:
      return false;
  }
}

/** Whether a listener's `allowedRoutes.namespaces.selector` takes a Namespace of these labels (`undefined`: none, or none known). */
export function selectsNamespace(selector: unknown, labels: Readonly<Record<string, string>> | undefined): boolean {
  return labels !== undefined && matchesLabelSelector(selector as LabelSelector | undefined, labels);
}

/**
 * Gateway API hostname intersection (`computeHosts`): the hostnames a route serves on a listener.
 * Empty when they do not intersect — the route then produces no Envoy routes on that listener.
 */
export function computeHosts(listenerHostname: string | undefined, routeHostnames: readonly string[] | undefined): string[] {
  if (!routeHostnames || routeHostnames.length === 0) return [listenerHostname || '*'];
  if (!listenerHostname) return [...routeHostnames];
  const out: string[] = [];
  for (const h of routeHostnames) {
    if (h === listenerHostname) out.push(h);
    else if (listenerHostname.startsWith('*.') && !h.startsWith('*.') && wildcardCovers(listenerHostname, h)) out.push(h);
    else if (h.startsWith('*.') && !listenerHostname.startsWith('*.') && wildcardCovers(h, listenerHostname)) out.push(listenerHostname);
    else if (h.startsWith('*.') && listenerHostname.startsWith('*.')) {
      if (wildcardCovers(listenerHostname, h.slice(2))) out.push(h);
      else if (wildcardCovers(h, listenerHostname.slice(2))) out.push(listenerHostname);
    }
  }
  return out.length > 1 ? [...new Set(out)] : keptList(out);
}

/** `*.example.com` covers `a.example.com` and `a.b.example.com`, not `example.com`. */
function wildcardCovers(wildcard: string, host: string): boolean {
  const suffix = wildcard.slice(1);
  return host.endsWith(suffix) && host.length > suffix.length;
}

/** Whether the route produces any Envoy route on the listener (`computeHosts` is not empty). */
export function hostnamesIntersect(listenerHostname: string | undefined, routeHostnames: readonly string[] | undefined): boolean {
  if (!routeHostnames || routeHostnames.length === 0 || !listenerHostname) return true;
  return routeHostnames.some((h) => hostIntersects(listenerHostname, h));
}

/** One route hostname against a listener hostname: the cases of `computeHosts` that yield a name. */
function hostIntersects(listenerHostname: string, h: string): boolean {
  if (h === listenerHostname) return true;
  const lw = listenerHostname.startsWith('*.');
  const hw = h.startsWith('*.');
  if (lw && !hw) return wildcardCovers(listenerHostname, h);
  if (hw && !lw) return wildcardCovers(h, listenerHostname);
  if (hw && lw) return wildcardCovers(listenerHostname, h.slice(2)) || wildcardCovers(h, listenerHostname.slice(2));
  return false;
}

/** Whether a parentRef's `sectionName` and `port` (when set) name this listener. */
export function matchesRef(ctx: ListenerContext, ref: ParentReference): boolean {
  if (ref.sectionName !== undefined && ref.sectionName !== '' && ctx.listener.name !== ref.sectionName) return false;
  if (ref.port !== undefined && ref.port !== 0 && ctx.listener.port !== ref.port) return false;
  return true;
}

/** The managed parentRefs of a route with the listeners each one reaches, in `parentRefs` order. */
export function parentContexts(route: RouteInput, index: ResourceIndex): ParentContext[] {
  const refs = route.object.spec.parentRefs;
  // Most routes have one parentRef: their list is made at its size.
  if (refs.length === 1) {
    const ctx = parentContext(route, refs[0]!, index);
    return ctx ? [ctx] : [];
  }
  const out: ParentContext[] = [];
  for (const ref of refs) {
    const ctx = parentContext(route, ref, index);
    if (ctx) out.push(ctx);
  }
  return keptList(out);
}

/** A parentRef of a route with the listeners it reaches, if it names a Gateway or ListenerSet we know. */
function parentContext(route: RouteInput, ref: ParentReference, index: ResourceIndex): ParentContext | undefined {
  const namespace = ref.namespace || route.namespace;
  const key = nsName(namespace, ref.name);
  const isGateway = (ref.group === undefined || ref.group === GATEWAY_API_GROUP) && (ref.kind === undefined || ref.kind === 'Gateway');
  const isListenerSet = ref.kind === 'ListenerSet' && ref.group === GATEWAY_API_GROUP;
  // Only programmed listeners are indexed (listener-readiness.ts), so readiness needs no check here.
  let candidates: ListenerContext[];
  let gatewayKey: string;
  let listenerSetKey: string | undefined;
  if (isGateway) {
    const own = index.ownListeners.get(key);
    if (!own) return undefined; // not a Gateway we know
    candidates = own;
    gatewayKey = key;
  } else if (isListenerSet) {
    if (!index.listenerSets.has(key)) return undefined;
    const parent = index.listenerSetParent.get(key)!;
    if (!index.gateways.has(parent)) return undefined;
    candidates = index.listenerSetListeners.get(key) ?? [];
    gatewayKey = parent;
    listenerSetKey = key;
  } else {
    return undefined;
  }
  // Made whole, each in one shape (a field added later would cost the object a second store).
  const kind = isGateway ? 'Gateway' : 'ListenerSet';
  const ancestorRef: ParentContext['ancestorRef'] = ref.sectionName ? { group: GATEWAY_API_GROUP, kind, namespace, name: ref.name, sectionName: ref.sectionName } : { group: GATEWAY_API_GROUP, kind, namespace, name: ref.name };
  // Routes on the same listeners share these lists (read-only data).
  const listeners = keptFilter(candidates, (l) => matchesRef(l, ref) && allowsKind(l.listener, route.kind) && allowsNamespace(l, route.namespace, index));
  const hostnames = route.object.spec.hostnames;
  const listenersWithHosts = route.kind === 'HTTPRoute' || route.kind === 'GRPCRoute' || route.kind === 'TLSRoute' ? keptFilter(listeners, (l) => hostnamesIntersect(l.listener.hostname, hostnames)) : listeners;
  return listenerSetKey === undefined ? { parentRef: ref, ancestorRef, gatewayKey, listeners, listenersWithHosts } : { parentRef: ref, ancestorRef, gatewayKey, listeners, listenersWithHosts, listenerSetKey };
}
