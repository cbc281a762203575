/**
 * Routes as the state follows them: the route of each key attached to the listeners its parents
 * offer, its entries made, and what policies see of it (a signature) compared, so that only a
 * change policies can see marks them. Past the entry limit, attachment follows route order.
 */
import { GATEWAY_API_GROUP, ROUTE_KINDS } from '../model/kinds.js';
import { LIMITS } from '../model/limits.js';
import { groupOf } from '../match/policy-targets.js';
import { nsName } from '../match/resource-index.js';
import { parentContexts } from '../match/route-attachment.js';
import { attachRoute, plannedEntries, type AttachedRoute, type NewEntry } from '../match/route-entries.js';
import type { ListenerContext } from '../match/resource-index.js';
import type { ParentContext } from '../match/route-attachment.js';
import type { AncestorRef } from './ancestor-status.js';
import type { TargetedRoute } from './resolve-context.js';
import { routeSlot } from './slots.js';
import { newRouteState, type RouteState } from './route-state.js';
import { type Candidate, type DirtyListeners, type RouteRecord, addTo, isMerging, removeFrom, routeListeners, routeSignature, withListener } from './state-records.js';
import type { ResolutionState } from './resolution-state.js';
import * as policy_tracking from './policy-tracking.js';
import * as owner_tracking from './owner-tracking.js';
import * as change_flush from './change-flush.js';
import { keptList } from '../lang/kept-list.js';

export function flushRoutes(rs: ResolutionState): void {
  if (rs.dirtyRoutes.size === 0) return;
  const keys = [...rs.dirtyRoutes];
  rs.dirtyRoutes.clear();
  for (const key of keys) reattach(rs, key);
  if (rs.overLimitCount > 0) attachInOrder(rs);
}

/**
 * Only the listeners an attached route reaches changed (a Namespace label a listener selects by):
 * a policy on it that merges merges into other parents now; the others read nothing of it that
 * changed, and a Namespace's 250 routes marked every policy on them, hundreds of targets each.
 */
function routeListenersChanged(rs: ResolutionState, record: RouteRecord): void {
  for (const p of rs.policiesByObject.get(record.id) ?? []) if (isMerging(p.canonical.input)) policy_tracking.markPolicy(rs, p, 'contenders');
  rs.dirtyMerges.add(record.key);
}

function routeFactsChanged(rs: ResolutionState, record: RouteRecord): void {
  // (A snapshot files no policy by object: its policies are all new, their targets composed anyway.)
  if (rs.live) for (const p of rs.policiesByObject.get(record.id) ?? []) policy_tracking.markPolicy(rs, p, 'contenders');
  rs.dirtyScoping.add(record.key);
  rs.dirtyMerges.add(record.key);
}

/**
 * Lets go of a record's entries and listeners (its results are noted as gone, but for the entries
 * in `kept`, which the record attached again keeps as they are).
 */
export function release(rs: ResolutionState, record: RouteRecord, kept?: ReadonlySet<RouteState>): void {
  const t = record.targeted;
  if (t) {
    rs.attached.delete(record.key);
    for (const [irName] of t.groups) removeFrom(rs.routesOnListener, irName, record);
    for (const c of t.contexts) for (const l of c.listeners) removeFrom(rs.routesAcceptedOn, l.irName, record);
    if (rs.change) {
      for (const s of t.entries) {
        if (kept?.has(s)) continue;
        change_flush.noteEntry(rs, record.key, s, s.result, (s.changePlace ??= change_flush.placeOf(record, s.index)), undefined, undefined, false, true);
      }
    }
    rs.totalEntries -= t.entries.length;
    record.targeted = undefined;
    rs.dirtyEntries.delete(record);
  }
  if (record.overLimit !== undefined) {
    rs.overLimitCount--;
    record.overLimit = undefined;
  }
  // A snapshot files no route by owner or namespace (`reattach`).
  if (!rs.live) return;
  for (const o of record.parents) removeFrom(rs.routesByOwner, o, record);
  removeFrom(rs.routesByNamespace, record.input.namespace, record);
}

/** Attaches the route of a key again: its object, its parents or what it reads changed. */
export function reattach(rs: ResolutionState, key: string): void {
  const record = rs.routeRecords.get(key)?.[0];
  const previous = rs.routeOfKey.get(key);
  // What policies saw of the route before: the replaced record's, when an edit brought a new one.
  // Compared with the new record's below, an edit that changes nothing they read (a path, a
  // backend) marks none of them: a route that twenty selector policies pick marked all twenty,
  // each composing its targets and status again, hundreds of targets each.
  const signatureBefore = previous?.signature;
  const listenersBefore = previous?.listeners;
  if (previous && previous !== record) {
    release(rs, previous);
    // A route replaced by a followed state is a candidate again below, compared with what it was:
    // the same labels and order change no selector's picks (an edit of its rules, say), and taking
    // it out here first made every policy that selects by its labels compose all its targets again.
    if (!record || !rs.live) owner_tracking.candidateChanged(rs, 'routes', previous.id, undefined);
    previous.signature = undefined;
    previous.listeners = undefined;
    rs.routeOfKey.delete(key);
    if (!record) routeFactsChanged(rs, previous);
  }
  // (The same record is in the index already: the last attachment of its key put it there.)
  if (record) {
    if (previous !== record) rs.index.routes.set(key, record.input);
  } else rs.index.routes.delete(key);
  if (!record) return;
  const contexts = parentContexts(record.input, rs.index);
  const before = record.targeted;
  if (rs.live && before && before.entries.length > 0 && previous === record && rs.totalEntries <= LIMITS.maxRouteResults && sameEntryListeners(rs, before.contexts, contexts)) {
    keepAttached(rs, record, before, contexts);
    return;
  }
  const planned = contexts.length > 0 ? plannedEntries(record.input, contexts) : 0;
  const fits = contexts.length > 0 && rs.totalEntries - (before?.entries.length ?? 0) + planned <= LIMITS.maxRouteResults;
  // The same route (only what it attaches through changed: a Namespace's labels, a listener)
  // keeps its entries on each listener it still reaches the same way; only the others are made,
  // noted and folded. A Namespace label an HTTPS listener selects by attached all 250 routes of
  // a Namespace again, and their entries on every other listener were made and folded anew.
  const keep = fits && before && previous === record ? keptEntries(rs, before, contexts) : undefined;
  // Listeners marked to fold before the route attached again still fold (`release` drops the mark).
  const pending = previous === record ? rs.dirtyEntries.get(record) : undefined;
  let attached: AttachedRoute<RouteState> | undefined;
  let kept: Set<RouteState> | undefined;
  if (fits) {
    const newEntry: NewEntry<RouteState> = keep
      ? (listener, route, ruleIndex, ...rest) => {
          const s = keep.get(listener)?.[ruleIndex];
          if (!s) return newRouteState(listener, route, ruleIndex, ...rest);
          // Kept from the context this one replaced (`keptEntries`): it is the entry's listener now.
          s.listener = listener;
          (kept ??= new Set()).add(s);
          return s;
        }
      : newRouteState;
    attached = attachRoute(record.input, contexts, newEntry);
  }
  release(rs, record, kept);
  rs.routeOfKey.set(key, record);
  // What lets a later change find this route; a snapshot has no later change.
  if (rs.live) {
    for (const o of record.parents) addTo(rs.routesByOwner, o, record);
    addTo(rs.routesByNamespace, record.input.namespace, record);
  }
  if (contexts.length > 0 && !attached) {
    record.overLimit = planned;
    rs.overLimitCount++;
  } else if (attached) {
    rs.totalEntries += planned;
    attached.entries.forEach((s, i) => {
      // A kept entry's place among the route's entries may move (a listener before it came or went).
      if (s.index !== i) s.changePlace = undefined;
      s.index = i;
    });
    const groups = listenerGroups(attached.entries);
    const r = record.input;
    const targeted: TargetedRoute = { route: attached.route, contexts: attached.contexts, entries: attached.entries, key, slotKey: routeSlot(key, undefined), ancestors: attached.contexts.map((c) => c.ancestorRef as AncestorRef), scope: { kind: 'Route', key: nsName(r.namespace, r.name), routeKind: r.kind }, groups };
    record.targeted = targeted;
    rs.attached.set(key, targeted);
    if (rs.live) {
      for (const [irName] of groups) addTo(rs.routesOnListener, irName, record);
      for (const c of attached.contexts) for (const l of c.listeners) addTo(rs.routesAcceptedOn, l.irName, record);
    }
    const dirty = kept === undefined ? true : newListeners(groups, kept, pending);
    if (dirty !== undefined) rs.dirtyEntries.set(record, dirty);
  }
  // A snapshot's routes are all new, and so are its policies: its route candidates are indexed
  // once, in order (`flushCandidates`), the scopes of a route with targets are marked when its
  // targets are counted, its merges when its slots are made.
  if (!rs.live) return;
  owner_tracking.candidateChanged(rs, 'routes', record.id, record.targeted && routeCandidate(record));
  record.signature = routeSignature(record, rs.index);
  record.listeners = routeListeners(record);
  if (record.signature !== signatureBefore) routeFactsChanged(rs, record);
  else if (record.listeners !== listenersBefore) routeListenersChanged(rs, record);
}

/**
 * Whether a route reaches, through each parentRef, the listeners it made its entries on before:
 * the very contexts (kept while a listener reads as it did), or those that replaced them reading
 * the same (`listenerSuccessors`: a port or `allowedRoutes` edited). Then attaching it again would
 * make the same entries, keep each of them, and fold none, so only what lists the listeners that
 * accept it (hostnames aside) can differ. A listener added to a Gateway of 5,000 routes, on a
 * hostname none of them has, attached each of them again: 68 ms, for no change.
 */
function sameEntryListeners(rs: ResolutionState, before: readonly ParentContext[], now: readonly ParentContext[]): boolean {
  if (before.length !== now.length) return false;
  for (let i = 0; i < now.length; i++) {
    const a = before[i]!;
    const b = now[i]!;
    if (a.parentRef !== b.parentRef || a.gatewayKey !== b.gatewayKey || a.listenerSetKey !== b.listenerSetKey) return false;
    const was = a.listenersWithHosts;
    const is = b.listenersWithHosts;
    if (was === is) continue;
    if (was.length !== is.length) return false;
    for (let j = 0; j < is.length; j++) if (was[j] !== is[j] && latest(rs, was[j]!) !== is[j]) return false;
  }
  return true;
}

/** The context that replaced `listener` reading the same, through every replacement since, or itself. */
function latest(rs: ResolutionState, listener: ListenerContext): ListenerContext {
  let l = listener;
  for (let next = rs.listenerSuccessors.get(l); next; next = rs.listenerSuccessors.get(l)) l = next;
  return l;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `reattach` of a route whose entries stay as they are (`sameEntryListeners`, and it has some):
 * its entries, their places and marks, its signature (the same parentRefs to the same owners; a
 * route without entries says why in it, which another listener can change) and its candidate are
 * what they were. An entry on a replaced context moves to the one that replaced it. The listeners
 * that accept the route may differ (one added that its hostnames miss): they are filed anew, and
 * policies that merge through them are marked as `reattach` marks them.
 */
function keepAttached(rs: ResolutionState, record: RouteRecord, before: TargetedRoute, contexts: ParentContext[]): void {
  if (before.contexts.every((c, i) => sameItems(c.listeners, contexts[i]!.listeners))) return;
  for (const s of before.entries) s.listener = latest(rs, s.listener);
  // Made whole, in the shape `reattach` makes (a spread made each a slower object, and was a third of this).
  const ancestors = contexts.map((c) => c.ancestorRef as AncestorRef);
  const targeted: TargetedRoute = { route: before.route, contexts, entries: before.entries, key: before.key, slotKey: before.slotKey, ancestors, scope: before.scope, groups: before.groups };
  record.targeted = targeted;
  rs.attached.set(record.key, targeted);
  const listenersBefore = record.listeners;
  record.listeners = routeListeners(record);
  // The same listeners by name accept it: only contexts were replaced, and it is filed as it was.
  if (record.listeners === listenersBefore) return;
  for (const c of before.contexts) for (const l of c.listeners) removeFrom(rs.routesAcceptedOn, l.irName, record);
  for (const c of contexts) for (const l of c.listeners) addTo(rs.routesAcceptedOn, l.irName, record);
  routeListenersChanged(rs, record);
}

/** An attached route as a selector candidate. */
export function routeCandidate(record: RouteRecord): Candidate {
  const r = record.input;
  return { group: groupOf(r.object.apiVersion, GATEWAY_API_GROUP), kind: r.kind, namespace: r.namespace, name: r.name, labels: r.object.metadata.labels, creationTimestamp: r.creationTimestamp, order: record.order };
}

/**
 * Past `LIMITS.maxRouteResults` entries, which routes are left out depends on their order:
 * routes attach in route-kind order, then in order, until the limit, and one that would pass it
 * is left out. This attaches every route again in that order (only an input that large pays it).
 */
export function attachInOrder(rs: ResolutionState): void {
  const records: RouteRecord[] = [];
  for (const kind of ROUTE_KINDS) for (const r of rs.routesByKind.get(kind)!.list) if (rs.routeOfKey.get(r.key) === r) records.push(r);
  for (const r of records) release(rs, r);
  for (const r of records) reattach(rs, r.key);
}

/**
 * The entries of a route attached before that it keeps on being attached again, by listener: those
 * on a listener it still reaches through as many parentRefs (a `mergeType` policy on the route
 * merges once per parentRef reaching the listener, so a listener reached another number of times
 * folds again). The listener is compared as the object the index holds: a listener of a changed
 * Gateway or ListenerSet that reads otherwise is a new context, and its entries are made anew; one
 * whose port or `allowedRoutes` alone changed hands its entries to the context that replaced it.
 */
function keptEntries(rs: ResolutionState, before: TargetedRoute, contexts: readonly ParentContext[]): Map<ListenerContext, RouteState[]> | undefined {
  let out: Map<ListenerContext, RouteState[]> | undefined;
  for (const [, entries] of before.groups) {
    const was = entries[0]!.listener;
    const listener = latest(rs, was);
    if (reachCount(before.contexts, was) === reachCount(contexts, listener)) (out ??= new Map()).set(listener, entries);
  }
  return out;
}

function reachCount(contexts: readonly ParentContext[], listener: ListenerContext): number {
  let n = 0;
  for (const c of contexts) if (c.listeners.includes(listener)) n++;
  return n;
}

/**
 * Which listeners' entries a route attached again folds: those not kept, and those a mark from
 * before the attachment (`pending`) named. Undefined: none.
 */
function newListeners(groups: ReadonlyArray<[string, RouteState[]]>, kept: ReadonlySet<RouteState>, pending: DirtyListeners | undefined): DirtyListeners | undefined {
  let out = pending;
  for (const [irName, entries] of groups) if (!kept.has(entries[0]!)) out = withListener(out, irName);
  return out;
}

/**
 * A route's entries by listener. `attachRoute` makes them listener by listener, so each listener's
 * entries are one run; a route on one listener (the usual case) shares its entries list.
 */
function listenerGroups(entries: RouteState[]): Array<[string, RouteState[]]> {
  const last = entries[entries.length - 1];
  if (last === undefined) return [];
  // A listener's entries are one run: the same listener first and last is a route on one listener.
  if (last.listener === entries[0]!.listener) return [[last.listener.irName, entries]];
  const groups: Array<[string, RouteState[]]> = [];
  let start = 0;
  for (let i = 1; i <= entries.length; i++) {
    if (i < entries.length && entries[i]!.listener.irName === entries[start]!.listener.irName) continue;
    groups.push([entries[start]!.listener.irName, start === 0 && i === entries.length ? entries : entries.slice(start, i)]);
    start = i;
  }
  return keptList(groups);
}
