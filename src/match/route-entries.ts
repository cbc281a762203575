/**
 * The route entries policies shape: one per (listener × route × rule) a route attaches to, as
 * Envoy Gateway's translator creates its IR routes. HTTP and GRPC routes give one entry per rule;
 * TCP, TLS and UDP routes one entry per listener, for their first rule (Envoy Gateway treats them
 * as one unit).
 */
import type { RouteInput } from '../admit/resources.js';
import { LIMITS } from '../model/limits.js';
import { ROUTE_KINDS, routeProtocol, type RouteProtocol } from '../model/kinds.js';
import { routeKey, type ListenerContext, type ResourceIndex } from './resource-index.js';
import { computeHosts, parentContexts, type ParentContext } from './route-attachment.js';

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

export interface RouteAttachment<E extends RouteEntry> {
  /** Attached routes by `routeKey`, in route-kind order (HTTP, GRPC, TLS, TCP, UDP), then input order. */
  routes: Map<string, AttachedRoute<E>>;
  /** Every entry, in the order of `routes`. */
  entries: E[];
  /** Entries by the listener's `irName`. */
  byListener: Map<string, E[]>;
  /** Routes left out because of the entry limit, with why (for a diagnostic). */
  ignored: Array<{ route: RouteInput; message: string }>;
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
 * Attach every route to its listeners and create its entries (with `newEntry`). A route whose
 * entries would take the total past `LIMITS.maxRouteResults` is left out (listed in `ignored`):
 * listeners × rules multiply, and a few thousand of each would make millions of entries.
 */
export function attachRoutes<E extends RouteEntry>(index: ResourceIndex, newEntry: NewEntry<E>): RouteAttachment<E> {
  const out: RouteAttachment<E> = { routes: new Map(), entries: [], byListener: new Map(), ignored: [] };
  const byKind = new Map<string, RouteInput[]>();
  for (const r of index.routes.values()) {
    const list = byKind.get(r.kind) ?? [];
    list.push(r);
    byKind.set(r.kind, list);
  }
  for (const kind of ROUTE_KINDS) {
    for (const route of byKind.get(kind) ?? []) {
      const contexts = parentContexts(route, index);
      if (contexts.length === 0) continue;
      const planned = plannedEntries(route, contexts);
      if (out.entries.length + planned > LIMITS.maxRouteResults) {
        const message = `${route.kind} ${route.namespace}/${route.name} ignored: its ${planned} route results (listeners × rules) would take the resolution past ${LIMITS.maxRouteResults}`;
        out.ignored.push({ route, message });
        continue;
      }
      const attached: AttachedRoute<E> = { route, contexts, entries: [] };
      out.routes.set(routeKey(route.kind, route.namespace, route.name), attached);
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
          const hostnames = computeHosts(listener.listener.hostname, route.object.spec.hostnames);
          const onListener = out.byListener.get(listener.irName) ?? [];
          if (onListener.length === 0) out.byListener.set(listener.irName, onListener);
          for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex++) {
            const rule = rules[ruleIndex];
            // The rules on one listener share their hostnames (entries are read-only data).
            const entry = newEntry(listener, route, ruleIndex, rule?.name || undefined, protocol, hostnames);
            out.entries.push(entry);
            attached.entries.push(entry);
            onListener.push(entry);
          }
        }
      }
    }
  }
  return out;
}

function plannedEntries(route: RouteInput, contexts: readonly ParentContext[]): number {
  const rules = routeProtocol(route.kind) === 'http' ? route.object.spec.rules.length : 1;
  return contexts.reduce((n, c) => n + c.listenersWithHosts.length, 0) * rules;
}
