/**
 * The last steps of a flush: the route entries of the marked routes and listeners folded again,
 * the scopes recorded for the Merged and Overridden lists, the statuses of the marked policies;
 * and, for a resolver, what changed (each result before and after, and where it is listed).
 */
import { ROUTE_KINDS } from '../model/kinds.js';
import { deepFreeze } from '../lang/json.js';
import { EntryFolder } from './entry-fold.js';
import { foldPolicy } from './policy-status.js';
import { parentFor, type ResolveContext } from './resolve-context.js';
import { freezeRouteResult, groupRefs, newResultComparison, sameRouteResult, toRouteResult } from './route-result.js';
import type { RouteState } from './route-state.js';
import { listenerSetEdge, scopeEdges, type Scope, type ScopeEdge } from './scope-graph.js';
import type { RouteResult } from './types.js';
import { type RouteRecord, type EntryNote, type EntryPlace, type PolicyPlace, type StateChange, dirtyOn } from './state-records.js';
import type { ResolutionState } from './resolution-state.js';
import * as policy_tracking from './policy-tracking.js';
import * as contender_tracking from './contender-tracking.js';

export function context(rs: ResolutionState): ResolveContext {
  return {
    index: rs.index,
    routes: rs.attached,
    slots: rs.slots,
    slotsByOwner: rs.slotsByOwner,
    translations: rs.translations,
    refs: rs.refs,
    outcomes: rs.outcomes,
    scopes: rs.scopes,
    listenerSetPasses: rs.listenerSetCount > 0,
    limits: rs.limits,
  };
}

export function flushEntries(rs: ResolutionState): void {
  const folder = new EntryFolder(context(rs));
  const comparison = rs.change ? newResultComparison() : undefined;
  for (const [record, which] of rs.dirtyEntries) {
    const t = record.targeted!;
    for (const [irName, entries] of t.groups) {
      if (!dirtyOn(which, irName)) continue;
      const listener = entries[0]!.listener;
      folder.fold(t, listener, entries);
      const at = groupRefs(rs.shared, listener, t.route);
      for (const s of entries) {
        const after = toRouteResult(s, at, rs.outcomes, rs.live);
        const before = s.result;
        // An entry folded again to what it was keeps its result: nothing to report, and nothing
        // new to freeze and keep (a slot reaches every entry on a listener; few of them change).
        if (rs.change && before !== undefined && sameRouteResult(before, after, comparison)) continue;
        if (rs.live) freezeRouteResult(after);
        if (rs.change) {
          const place = (s.changePlace ??= placeOf(record, s.index));
          noteEntry(rs, record.key, s, before, place, after, place, before !== undefined);
        }
        s.result = after;
      }
    }
  }
  rs.dirtyEntries.clear();
}

export function placeOf(record: RouteRecord, index: number): EntryPlace {
  return { kind: ROUTE_KINDS.indexOf(record.input.kind as (typeof ROUTE_KINDS)[number]), order: record.order, index };
}

/**
 * Notes an entry (of the route of `routeKey`) with its result before (the first time it is noted
 * in a change) and after (the last). `released`: the entry is let go; the route's entry in its
 * place (listener, rule), if the route is attached again in this change, continues its note.
 */
export function noteEntry(rs: ResolutionState, routeKey: string, s: RouteState, before: RouteResult | undefined, beforeAt: EntryPlace, after: RouteResult | undefined, afterAt: EntryPlace | undefined, differs = false, released = false): void {
  const change = rs.change!;
  // Only a new entry (no result yet) can have a let-go one in its place.
  let known = s.note ?? (s.result === undefined && change.released.size > 0 ? change.released.get(routeKey)?.get(s.listener.irName)?.[s.ruleIndex] : undefined);
  if (known) {
    known.after = after;
    known.afterAt = afterAt;
    known.differs = false;
  } else {
    known = before ? { before, beforeAt, after, afterAt, differs } : { after, afterAt };
    change.entries.push(known);
  }
  if (s.note !== known) {
    s.note = known;
    change.noted.push(s);
  }
  if (released) releasedOn(change, routeKey, s.listener.irName)[s.ruleIndex] = known;
}

/** The let-go notes of a route's entries on one listener, by rule index. */
function releasedOn(change: StateChange, routeKey: string, irName: string): EntryNote[] {
  let byListener = change.released.get(routeKey);
  if (!byListener) change.released.set(routeKey, (byListener = new Map()));
  let notes = byListener.get(irName);
  if (!notes) byListener.set(irName, (notes = []));
  return notes;
}

/** The change is done: its entries let go of their notes. */
export function dropNotes(change: StateChange): void {
  for (const s of change.noted) s.note = undefined;
  change.noted.length = 0;
  change.released.clear();
}

/** Entries in Resolution order. */
export function compareEntryPlaces(rs: ResolutionState, a: EntryPlace, b: EntryPlace): number {
  return a.kind - b.kind || rs.compare(a.order, b.order) || a.index - b.index;
}

/** Policies in Resolution order. */
export function comparePolicyPlaces(rs: ResolutionState, a: PolicyPlace, b: PolicyPlace): number {
  return a.firstPass - b.firstPass || rs.compare(a.order, b.order);
}

export function flushScopes(rs: ResolutionState): void {
  for (const rk of rs.dirtyScoping) {
    const t = rs.attached.get(rk);
    const edges: ScopeEdge[] = [];
    // A snapshot marks only routes that have targets, and counts none (`updateContenders`).
    if (t && (!rs.live || (rs.routeTargetCount.get(rk) ?? 0) > 0)) {
      for (const c of t.contexts) {
        const section = c.parentRef.sectionName;
        let parent: Scope;
        if (c.listenerSetKey) {
          edges.push(listenerSetEdge(c.gatewayKey, c.listenerSetKey));
          parent = section ? { kind: 'ListenerSetListener', key: c.listenerSetKey, section } : { kind: 'ListenerSet', key: c.listenerSetKey };
        } else parent = section ? { kind: 'GatewayListener', key: c.gatewayKey, section } : { kind: 'Gateway', key: c.gatewayKey };
        scopeEdges('overrides', parent, t.scope, edges);
      }
    }
    if (rs.live) rs.scopes.set(`scope|${rk}`, edges);
    else rs.scopes.add(edges);
  }
  rs.dirtyScoping.clear();
  for (const rk of rs.dirtyMerges) {
    const t = rs.attached.get(rk);
    const edges: ScopeEdge[] = [];
    for (const holder of t ? contender_tracking.mergingHolders(rs, t) : []) {
      const input = holder.source.canonical.input;
      const mergeType = (input.spec as { mergeType: string }).mergeType;
      for (const c of t!.contexts) {
        for (const l of c.listeners) {
          const parent = parentFor({ slots: rs.slots }, l);
          if (!parent) continue;
          const built = rs.translations.mergedOf(input, parent.source.input, mergeType);
          if (built.errors.length === 0) scopeEdges('merged', parent.scope, t!.scope, edges);
        }
      }
    }
    if (rs.live) rs.scopes.set(`merge|${rk}`, edges);
    else rs.scopes.add(edges);
  }
  rs.dirtyMerges.clear();
  for (const key of rs.dirtyHolders) {
    const slot = rs.slots.get(key);
    const edges: ScopeEdge[] = [];
    if (slot && slot.contenders.length > 0) {
      const section = slot.section;
      if (slot.kind === 'Gateway') {
        if (section) scopeEdges('overrides', { kind: 'Gateway', key: slot.owner }, { kind: 'GatewayListener', key: slot.owner, section }, edges);
      } else {
        const gatewayKey = rs.index.listenerSetParent.get(slot.owner);
        if (gatewayKey !== undefined && rs.index.gateways.has(gatewayKey)) {
          if (section) {
            edges.push(listenerSetEdge(gatewayKey, slot.owner));
            scopeEdges('overrides', { kind: 'ListenerSet', key: slot.owner }, { kind: 'ListenerSetListener', key: slot.owner, section }, edges);
          } else scopeEdges('overrides', { kind: 'Gateway', key: gatewayKey }, { kind: 'ListenerSet', key: slot.owner }, edges);
        }
      }
    }
    if (rs.live) rs.scopes.set(`holder|${key}`, edges);
    else rs.scopes.add(edges);
  }
  rs.dirtyHolders.clear();
  // Policies whose Merged and Overridden lists may have changed: the holders of those owners' slots
  // (a snapshot's are all marked already).
  const changed = rs.scopes.takeChanged();
  if (rs.live) for (const owner of changed) {
    for (const slot of rs.slotsByOwner.get(owner) ?? []) {
      const holder = slot.contenders[0];
      if (holder) policy_tracking.markGroupStatus(rs, holder.source);
    }
  }
}

export function flushStatuses(rs: ResolutionState): void {
  const ctx = context(rs);
  for (const name of rs.dirtyStatus) {
    const group = rs.groups.get(name);
    const before = group?.result;
    const beforeAt = group?.place;
    if (!group || group.sources.length === 0) {
      if (rs.change && before) rs.change.policies.set(name, { before, beforeAt });
      rs.groups.delete(name);
      continue;
    }
    group.fold = foldPolicy(ctx, group, rs.controllerName, rs.now, (p) => rs.families.missesOf(p.input));
    const canonical = group.sources[0]!.canonical;
    group.result =
      group.fold.ancestors === undefined
        ? undefined
        : { ref: { group: 'gateway.envoyproxy.io', kind: 'BackendTrafficPolicy', namespace: canonical.input.namespace, name: canonical.input.name }, status: { ancestors: group.fold.ancestors } };
    group.place = group.result ? { firstPass: canonical.firstPass, order: canonical.order } : undefined;
    if (rs.live && group.result) deepFreeze(group.result);
    if (rs.live) deepFreeze(group.fold.attachments);
    if (rs.change && (before !== undefined || group.result !== undefined)) {
      const known = rs.change.policies.get(name);
      rs.change.policies.set(name, { ...(known ?? { before, beforeAt }), after: group.result, afterAt: group.place });
    }
  }
  rs.dirtyStatus.clear();
}
