/**
 * Why a route that is in the input attaches to no listener, in words a user can act on. A policy
 * that targets such a route attaches to nothing, and "the route does not attach" alone leaves the
 * user to redo Gateway API attachment by hand; this names the first obstacle on each parentRef:
 * a parent that is not in the input, a ListenerSet its Gateway does not take, a `sectionName` or
 * `port` that names no listener, a listener that is not programmed, that does not take the
 * route's kind or namespace, or whose hostname the route's hostnames do not intersect.
 *
 * It follows the same rules as `parentContexts` (route-attachment.ts), in the same order, so the
 * reason given is the one that decided.
 */
import type { Listener, ParentReference } from '../model/gateway-api.js';
import type { RouteInput } from '../admit/resources.js';
import { GATEWAY_API_GROUP } from '../model/kinds.js';
import { missingGatewayReason, nsName, type ListenerContext, type ResourceIndex } from './resource-index.js';
import { allowsKind, allowsNamespace, hostnamesIntersect, matchesRef } from './route-attachment.js';

/** Kinds whose hostnames must intersect a listener's for the route to produce anything on it. */
const HOSTNAME_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute']);

/**
 * `HTTPRoute shop/web attaches to no listener in the input: its parent Gateway infra/eg is not in
 * the input`; one reason per parentRef, joined with `; `.
 */
export function notAttachedMessage(route: RouteInput, index: ResourceIndex): string {
  const refs = route.object.spec.parentRefs;
  const reasons = refs.map((ref) => parentRefObstacle(route, ref, index));
  const what = `${route.kind} ${route.namespace}/${route.name} attaches to no listener in the input`;
  if (reasons.length === 0) return `${what}: it has no parentRefs`;
  return `${what}: ${[...new Set(reasons)].join('; ')}`;
}

function parentRefObstacle(route: RouteInput, ref: ParentReference, index: ResourceIndex): string {
  const namespace = ref.namespace || route.namespace;
  const key = nsName(namespace, ref.name);
  const groupOk = ref.group === undefined || ref.group === GATEWAY_API_GROUP;
  if (groupOk && (ref.kind === undefined || ref.kind === 'Gateway')) {
    const gateway = index.gateways.get(key);
    if (!gateway) return `its parent Gateway ${key} ${missingGatewayReason(index, key)}`;
    const owner = `Gateway ${key}`;
    const contexts = gateway.spec.listeners.map((listener) => context(listener, namespace));
    return listenerObstacle(route, ref, owner, contexts, index.ownListeners.get(key) ?? [], index);
  }
  if (ref.kind === 'ListenerSet' && ref.group === GATEWAY_API_GROUP) {
    const listenerSet = index.listenerSets.get(key);
    if (!listenerSet) return `its parent ListenerSet ${key} is not in the input`;
    const gatewayKey = index.listenerSetParent.get(key)!;
    if (!index.gateways.has(gatewayKey)) return `the Gateway of its parent ListenerSet ${key}, ${gatewayKey}, ${missingGatewayReason(index, gatewayKey)}`;
    const ready = index.listenerSetListeners.get(key);
    if (!ready) return `ListenerSet ${key} is not attached to Gateway ${gatewayKey} (the Gateway's allowedListeners does not take its namespace)`;
    const contexts = listenerSet.spec.listeners.map((listener) => context(listener, namespace));
    return listenerObstacle(route, ref, `ListenerSet ${key}`, contexts, ready, index);
  }
  return `its parentRef to ${ref.group ? `${ref.group}/` : ''}${ref.kind} ${key} is not a Gateway or ListenerSet`;
}

/** A listener with just what the attachment checks read (its name, port, protocol, hostname, allowedRoutes, owner namespace). */
const context = (listener: Listener, ownerNamespace: string): ListenerContext => ({ listener, ownerNamespace }) as ListenerContext;

function listenerObstacle(route: RouteInput, ref: ParentReference, owner: string, all: ListenerContext[], ready: readonly ListenerContext[], index: ResourceIndex): string {
  const named = all.filter((c) => matchesRef(c, ref));
  if (named.length === 0) {
    const section = ref.sectionName ? ` named ${ref.sectionName}` : '';
    const port = ref.port ? ` on port ${ref.port}` : '';
    return `${owner} has no listener${section}${port}`;
  }
  const readyNames = new Set(ready.map((c) => c.listener.name));
  const programmed = named.filter((c) => readyNames.has(c.listener.name));
  if (programmed.length === 0) return `${listenerNames(named, owner)} ${named.length > 1 ? 'are' : 'is'} not programmed (its warning says why)`;
  const kinds = programmed.filter((c) => allowsKind(c.listener, route.kind));
  if (kinds.length === 0) return `${listenerNames(programmed, owner)} ${doOrDoes(programmed)} not take ${route.kind}s`;
  const namespaces = kinds.filter((c) => allowsNamespace(c, route.namespace, index));
  if (namespaces.length === 0) return `${listenerNames(kinds, owner)} ${doOrDoes(kinds)} not take routes from namespace ${route.namespace} (${namespacePolicy(kinds[0]!, route.namespace, index)})`;
  if (HOSTNAME_KINDS.has(route.kind) && !namespaces.some((c) => hostnamesIntersect(c.listener.hostname, route.object.spec.hostnames))) {
    return `the route's hostnames (${(route.object.spec.hostnames ?? []).join(', ')}) do not intersect the hostname of ${listenerNames(namespaces, owner)}`;
  }
  // Every check passed on some listener: attachment failed for a reason outside these (an entry limit).
  return `it attaches to ${owner} but gives no route entry there`;
}

const listenerNames = (contexts: readonly ListenerContext[], owner: string): string =>
  `${contexts.length > 1 ? 'listeners' : 'listener'} ${contexts.map((c) => c.listener.name).join(', ')} of ${owner}`;

const doOrDoes = (contexts: readonly ListenerContext[]): string => (contexts.length > 1 ? 'do' : 'does');

function namespacePolicy(c: ListenerContext, routeNamespace: string, index: ResourceIndex): string {
  if (index.declaredNamespacesOnly && !index.namespaceLabels.has(routeNamespace)) return `Namespace ${routeNamespace} is not in the input`;
  const from = c.listener.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'Same') return `allowedRoutes.namespaces.from: Same, the listener's namespace is ${c.ownerNamespace}`;
  if (from === 'Selector') return index.namespaceLabels.has(routeNamespace) ? `the labels of Namespace ${routeNamespace} do not match allowedRoutes.namespaces.selector` : `allowedRoutes.namespaces.from: Selector, and Namespace ${routeNamespace} is not in the input`;
  return `allowedRoutes.namespaces.from: ${from}`;
}
