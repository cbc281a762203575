/**
 * The route entries policies shape: one per (listener × route × rule) a route attaches to, as
 * Envoy Gateway's translator creates its IR routes. HTTP and GRPC routes give one entry per rule;
 * TCP, TLS and UDP routes one entry per listener, for their first rule (Envoy Gateway treats them
 * as one unit).
 */
import type { RouteInput } from '../admit/resources.js';
import { LIMITS } from '../model/limits.js';
import { routeProtocol, type RouteProtocol } from '../model/kinds.js';
import type { ListenerContext } from './resource-index.js';
import { computeHosts, type ParentContext } from './route-attachment.js';
import { keptList } from '../lang/kept-list.js';

/** One route rule on one listener. */
export interface RouteEntry {
  listener: ListenerContext;
  route: RouteInput;
  ruleIndex: number;
  /** The rule's `name`, if it has one. */
  ruleName: string | undefined;
  protocol: RouteProtocol;
  /** Hostnames the route serves on this listener (Gateway API hostname intersection). */
  hostnames: string[];
}

/** A route with at least one managed parentRef ("managed" in Envoy Gateway: a Gateway or ListenerSet we know). */
export interface AttachedRoute<E extends RouteEntry> {
  route: RouteInput;
  /** Its managed parentRefs, in `parentRefs` order, with the listeners each one reaches. */
  contexts: ParentContext[];
  /** Its entries, listener by listener, rule by rule. */
  entries: E[];
}

/**
 * Makes the caller's record of an entry from its fields. The caller creates the whole object at
 * once, with its own fields, so that every entry has one shape and its fields live in the object.
 */
export type NewEntry<E extends RouteEntry> = (
  listener: ListenerContext,
  route: RouteInput,
  ruleIndex: number,
  ruleName: string | undefined,
  protocol: RouteProtocol,
  hostnames: string[],
) => E;

/**
 * A route attached through its managed parentRefs (`parentContexts`, not empty), with its entries
 * (made by `newEntry`), listener by listener, rule by rule.
 */
export function attachRoute<E extends RouteEntry>(route: RouteInput, contexts: ParentContext[], newEntry: NewEntry<E>): AttachedRoute<E> {
  const attached: AttachedRoute<E> = { route, contexts, entries: [] };
  const protocol = routeProtocol(route.kind);
  const rules = protocol === 'http' ? route.object.spec.rules : [route.object.spec.rules[0]];
  // A listener reached through several parentRefs yields its entries once.
  const seenListeners = contexts.length > 1 ? new Set<string>() : undefined;
  for (const ctx of contexts) {
    for (const listener of ctx.listenersWithHosts) {
      if (seenListeners) {
        if (seenListeners.has(listener.irName)) continue;
        seenListeners.add(listener.irName);
      }
      // The rules on one listener share their hostnames (entries are read-only data).
      const hostnames = computeHosts(listener.listener.hostname, route.object.spec.hostnames);
      for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex++) {
        attached.entries.push(newEntry(listener, route, ruleIndex, rules[ruleIndex]?.name || undefined, protocol, hostnames));
      }
    }
  }
  attached.entries = keptList(attached.entries);
  return attached;
}

/**
 * How many entries a route would make on these contexts. Resolution leaves out a route whose
 * entries would take the total past `LIMITS.maxRouteResults`: listeners × rules multiply, and a
 * few thousand of each would make millions of entries.
 */
export function plannedEntries(route: RouteInput, contexts: readonly ParentContext[]): number {
  const rules = routeProtocol(route.kind) === 'http' ? route.object.spec.rules.length : 1;
  return contexts.reduce((n, c) => n + c.listenersWithHosts.length, 0) * rules;
}

/** The message of a route left out by the entry limit. */
export function overLimitMessage(route: RouteInput, planned: number): string {
  return `${route.kind} ${route.namespace}/${route.name} ignored: its ${planned} route results (listeners × rules) would take the resolution past ${LIMITS.maxRouteResults}`;
}
