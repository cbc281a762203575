/**
 * Gateways and ListenerSets as the state follows them: their listeners (and what those were read
 * from: Secrets, ReferenceGrants, Namespaces), the routes attached through them, and their part as
 * selector candidates. A change that leaves an owner's listeners as they were marks nothing.
 */
import type { Gateway } from '../model/gateway-api.js';
import type { LabelSelector } from '../model/label-selector.js';
import { matchesLabelSelector } from '../match/label-selector.js';
import { readinessLookups } from '../match/listener-readiness.js';
import { allowsListenerSet, gatewayListeners, listenerSetListeners, listenerSetParentKey, routeNamespaceSelectors, type ListenerContext, type OwnerListeners } from '../match/resource-index.js';
import { selectable, type TargetFamily } from '../match/target-families.js';
import { type Candidate, type PolicyState, type OwnerState, addTo, removeFrom, timestamp, ownerSignature, gatewayId, listenerSetId, isGatewayId, isListenerSetId, ownerKeyOf } from './state-records.js';
import type { ResolutionState } from './resolution-state.js';
import * as policy_tracking from './policy-tracking.js';
import * as route_tracking from './route-tracking.js';
import { ROUTE_KINDS } from '../model/kinds.js';
import { jsonEqual } from '../lang/json.js';

export function lookups(rs: ResolutionState, deps?: OwnerState) {
  return readinessLookups(rs.index, deps && { secret: (k) => deps.secrets.add(k), grants: (ns) => deps.grants.add(ns) }, rs.keyPairs);
}

export function flushOwners(rs: ResolutionState): void {
  // Gateways first: a ListenerSet reads its Gateway.
  for (const owner of [...rs.dirtyOwners].filter(isGatewayId)) updateGateway(rs, ownerKeyOf(owner));
  for (const owner of [...rs.dirtyOwners].filter(isListenerSetId)) updateListenerSet(rs, ownerKeyOf(owner));
  rs.dirtyOwners.clear();
}

export function setOwner(rs: ResolutionState, id: string, state: OwnerState | undefined): boolean {
  const before = rs.owners.get(id);
  for (const k of before?.secrets ?? []) removeFrom(rs.ownersBySecret, k, id);
  for (const ns of before?.grants ?? []) removeFrom(rs.ownersByGrants, ns, id);
  if (state) {
    for (const k of state.secrets) addTo(rs.ownersBySecret, k, id);
    for (const ns of state.grants) addTo(rs.ownersByGrants, ns, id);
  }
  if (before && state && before.signature === state.signature) {
    // Same listeners: keep the contexts routes hold, with what they were read from now.
    rs.owners.set(id, { ...state, listeners: before.listeners });
    return false;
  }
  if (state) rs.owners.set(id, before ? { ...state, listeners: keepUnchangedListeners(before.listeners, state.listeners, rs.listenerSuccessors) } : state);
  else rs.owners.delete(id);
  return true;
}

/**
 * The owner's listeners after a change of some of them, with the context of each listener that
 * reads as it did (same name, spec and owner) kept as the object routes hold. A route's entries on
 * a listener depend on that listener alone (its hostname, its name), so routes attached again keep
 * their entries on it (`keptEntries` compares contexts by identity): adding a listener to a shared
 * Gateway of 5,000 routes made and folded anew their entries on every other listener too.
 * Readiness is the new one (a sibling can make a listener conflict), only the objects are kept.
 *
 * A listener whose `port` or `allowedRoutes` alone changed gets a new context (routes are matched
 * and accepted against it), filed in `successors`: what a route's entries read of a listener is the
 * rest (its name, hostname, protocol, TLS, owner), so a route that still reaches it as often keeps
 * its entries there, unfolded (`keptEntries`). A port edit on a Gateway of 5,000 routes made,
 * folded and compared all their entries on the listener, for no change.
 */
function keepUnchangedListeners(before: OwnerListeners, after: OwnerListeners, successors: WeakMap<ListenerContext, ListenerContext>): OwnerListeners {
  const old = new Map<string, ListenerContext | undefined>();
  for (const c of before.all) old.set(c.irName, old.has(c.irName) ? undefined : c);
  const names = new Set<string>();
  for (const c of after.all) {
    // Two listeners of one name (only a lenient profile lets them in) keep nothing of that name.
    if (names.has(c.irName)) old.set(c.irName, undefined);
    names.add(c.irName);
  }
  let kept = false;
  const same = (c: ListenerContext): ListenerContext => {
    const o = old.get(c.irName);
    if (o === undefined || o.gatewayKey !== c.gatewayKey || o.ownerNamespace !== c.ownerNamespace || (o.listenerSet === undefined) !== (c.listenerSet === undefined)) return c;
    if (!jsonEqual(o.listener, c.listener)) {
      if (jsonEqual(entryFields(o.listener), entryFields(c.listener))) successors.set(o, c);
      return c;
    }
    kept = true;
    return o;
  };
  const all = after.all.map(same);
  if (!kept) return after;
  return { all, ready: after.ready.map(same), unready: after.unready.map((u) => ({ ...u, context: same(u.context) })) };
}

/** What a route's entries on a listener read of it: all but how routes reach it. */
function entryFields(listener: ListenerContext['listener']): Omit<ListenerContext['listener'], 'port' | 'allowedRoutes'> {
  const { port: _port, allowedRoutes: _allowedRoutes, ...rest } = listener;
  return rest;
}

/**
 * The class of a Gateway another controller programs: its GatewayClass is in the input with a
 * `controllerName` other than ours. A class that is not in the input is assumed to be ours, as
 * resolving without GatewayClasses has always meant (the CLI says so once).
 */
function foreignClass(rs: ResolutionState, gateway: Gateway): { className: string; controllerName: string } | undefined {
  const className = gateway.spec.gatewayClassName;
  if (typeof className !== 'string') return undefined;
  const gatewayClass = rs.index.gatewayClasses.get(className);
  if (!gatewayClass || gatewayClass.spec.controllerName === rs.controllerName) return undefined;
  return { className, controllerName: gatewayClass.spec.controllerName };
}

export function updateGateway(rs: ResolutionState, key: string): void {
  const id = gatewayId(key);
  const record = rs.gatewayRecords.get(key)?.[0];
  const before = rs.index.gateways.get(key);
  const foreign = record && foreignClass(rs, record.gateway);
  // Whose Gateway it is shows in the messages of everything that looks for it, as its existence does.
  const foreignChanged = !jsonEqual(rs.index.foreignGateways.get(key), foreign);
  if (foreign) rs.index.foreignGateways.set(key, foreign);
  else rs.index.foreignGateways.delete(key);
  const gw = foreign ? undefined : record?.gateway;
  let listenersChanged: boolean;
  if (record && gw) {
    rs.index.gateways.set(key, gw);
    const state: OwnerState = { listeners: { all: [], ready: [], unready: [] }, signature: '', secrets: new Set(), grants: new Set(), routeNamespaceSelectors: routeNamespaceSelectors(gw.spec.listeners) };
    state.listeners = gatewayListeners(gw, key, lookups(rs, state));
    state.signature = ownerSignature(gw, state.listeners);
    listenersChanged = setOwner(rs, id, state);
    rs.index.ownListeners.set(key, rs.owners.get(id)!.listeners.ready);
    if (before !== gw) candidateChanged(rs, 'gateways', id, { ...selectable(gw, 'Gateway'), order: { ts: timestamp(gw.metadata), ns: gw.metadata.namespace ?? '', name: gw.metadata.name ?? '', seq: record.stored.seq } });
  } else {
    rs.index.gateways.delete(key);
    rs.index.ownListeners.delete(key);
    listenersChanged = setOwner(rs, id, undefined);
    candidateChanged(rs, 'gateways', id, undefined);
  }
  const existence = (before === undefined) !== (gw === undefined) || foreignChanged;
  if (listenersChanged || existence) {
    for (const route of rs.routesByOwner.get(id) ?? []) rs.dirtyRoutes.add(route.key);
    for (const p of rs.policiesByObject.get(id) ?? []) policy_tracking.markPolicy(rs, p, 'contenders');
  }
  const allowed = (g: Gateway | undefined) => JSON.stringify((g?.spec as { allowedListeners?: unknown } | undefined)?.allowedListeners);
  if (existence || allowed(before) !== allowed(gw)) {
    for (const ls of rs.listenerSetsByParent.get(key) ?? []) {
      const lsId = listenerSetId(ls);
      rs.dirtyOwners.add(lsId);
      // A ListenerSet target is found only while its Gateway exists (attached or not).
      if (existence) for (const p of rs.policiesByObject.get(lsId) ?? []) policy_tracking.markGroupStatus(rs, p);
      // Routes on it that attach nowhere say why, naming its Gateway's state.
      if (existence) for (const route of rs.routesByOwner.get(lsId) ?? []) rs.dirtyRoutes.add(route.key);
      // A held ListenerSet slot records its scopes only while the ListenerSet's Gateway exists.
      for (const slot of rs.slotsByOwner.get(`ListenerSet|${ls}`) ?? []) rs.dirtyHolders.add(slot.key);
    }
  }
}

export function updateListenerSet(rs: ResolutionState, key: string): void {
  const id = listenerSetId(key);
  const record = rs.listenerSetRecords.get(key)?.[0];
  const before = rs.index.listenerSets.get(key);
  const parentBefore = rs.index.listenerSetParent.get(key);
  let changed: boolean;
  if (record) {
    const ls = record.listenerSet;
    const parent = listenerSetParentKey(ls);
    rs.index.listenerSets.set(key, ls);
    rs.index.listenerSetParent.set(key, parent);
    if (parentBefore !== parent) {
      if (parentBefore !== undefined) removeFrom(rs.listenerSetsByParent, parentBefore, key);
      addTo(rs.listenerSetsByParent, parent, key);
    }
    if (before?.metadata.namespace !== ls.metadata.namespace) {
      if (before) removeFrom(rs.listenerSetsByNamespace, before.metadata.namespace!, key);
      addTo(rs.listenerSetsByNamespace, ls.metadata.namespace!, key);
    }
    const gw = rs.index.gateways.get(parent);
    const attached = gw !== undefined && allowsListenerSet(gw, ls, rs.index.namespaceLabels, (sel, labels) => matchesLabelSelector(sel as LabelSelector | undefined, labels));
    const state: OwnerState = { listeners: { all: [], ready: [], unready: [] }, signature: '', secrets: new Set(), grants: new Set(), routeNamespaceSelectors: routeNamespaceSelectors(ls.spec.listeners) };
    if (attached) state.listeners = listenerSetListeners(ls, key, gw, parent, lookups(rs, state));
    // Routes attach to a ListenerSet (with no listeners) while its Gateway exists, attached or not.
    state.signature = `${attached}|${gw !== undefined}|${parent}|${ownerSignature(ls, state.listeners)}`;
    changed = setOwner(rs, id, state);
    if (attached) rs.index.listenerSetListeners.set(key, rs.owners.get(id)!.listeners.ready);
    else rs.index.listenerSetListeners.delete(key);
    if (before !== ls) candidateChanged(rs, 'listenerSets', id, { ...selectable(ls, 'ListenerSet'), order: { ts: timestamp(ls.metadata), ns: ls.metadata.namespace ?? '', name: ls.metadata.name ?? '', seq: record.stored.seq } });
  } else {
    rs.index.listenerSets.delete(key);
    rs.index.listenerSetParent.delete(key);
    rs.index.listenerSetListeners.delete(key);
    if (parentBefore !== undefined) removeFrom(rs.listenerSetsByParent, parentBefore, key);
    if (before) removeFrom(rs.listenerSetsByNamespace, before.metadata.namespace!, key);
    changed = setOwner(rs, id, undefined);
    candidateChanged(rs, 'listenerSets', id, undefined);
  }
  if (!changed && (before === undefined) === (record === undefined) && parentBefore === rs.index.listenerSetParent.get(key)) return;
  for (const route of rs.routesByOwner.get(id) ?? []) rs.dirtyRoutes.add(route.key);
  for (const p of rs.policiesByObject.get(id) ?? []) policy_tracking.markPolicy(rs, p, 'contenders');
  for (const slot of rs.slotsByOwner.get(`ListenerSet|${key}`) ?? []) rs.dirtyHolders.add(slot.key);
}

/** A selector candidate came, went or changed (labels, order). */
export function candidateChanged(rs: ResolutionState, family: TargetFamily, id: string, after: Candidate | undefined): void {
  const current = rs.candidates[family].get(id);
  if (current && after && jsonEqual(current, after)) return;
  if (!rs.pendingCandidates.has(id)) rs.pendingCandidates.set(id, { family, before: current });
  if (after) rs.candidates[family].set(id, after);
  else rs.candidates[family].delete(id);
}

/**
 * Tells the families of the changed candidates; the policies whose selectors may pick one,
 * before or after, compose that family again. Many changes at once (a whole input) index the
 * family anew instead, and every policy selecting in it composes again.
 */
export function flushCandidates(rs: ResolutionState): void {
  if (!rs.live) {
    snapshotCandidates(rs);
    return;
  }
  const byFamily: Record<TargetFamily, Array<{ id: string; before: Candidate | undefined }>> = { routes: [], gateways: [], listenerSets: [] };
  for (const [id, { family, before }] of rs.pendingCandidates) byFamily[family].push({ id, before });
  rs.pendingCandidates.clear();
  for (const family of ['routes', 'gateways', 'listenerSets'] as const) {
    const changes = byFamily[family];
    if (changes.length === 0) continue;
    const current = rs.candidates[family];
    if (changes.length > 32 && changes.length * 4 > current.size) {
      rs.families.reset(family, [...current.values()].sort((a, b) => rs.compare(a.order, b.order)));
      for (const p of rs.selecting[family]) {
        rs.families.forget(p.input, family);
        policy_tracking.markPolicy(rs, p, 'contenders');
      }
      continue;
    }
    const policies = new Set<PolicyState>();
    const removed: Candidate[] = [];
    const added: Candidate[] = [];
    for (const { id, before } of changes) {
      const after = current.get(id);
      if (before) removed.push(before);
      if (after) added.push(after);
      if (before && after && sameButLabels(before, after)) {
        // Only its labels changed: the policies whose selectors may match it keep their picks
        // unless one of those selectors flips on the new labels (a label no selector reads
        // marked every policy that picks the object, each composing all its targets again).
        const maybe = new Set<PolicyState>();
        rs.selectorWatch.collect(after.kind, after.namespace, [before.labels, after.labels], maybe);
        for (const p of maybe) if (policy_tracking.labelSelectionFlips(p, after.kind, before.labels, after.labels)) policies.add(p);
        continue;
      }
      // It came or went: only a selector that matches its labels picks it, or finds it and cannot
      // take it (`selectorTargets`), so only those policies' picks change. The watch finds policies
      // by the label keys they read: a Gateway deleted took 250 routes out, and each marked every
      // policy with a NotIn or DoesNotExist on a key the route has, to compose all its targets again.
      for (const c of [before, after]) {
        if (!c) continue;
        const maybe = new Set<PolicyState>();
        rs.selectorWatch.collect(c.kind, c.namespace, [c.labels], maybe);
        for (const p of maybe) if (!policies.has(p) && policy_tracking.labelSelectionPicks(p, c.kind, c.labels)) policies.add(p);
      }
    }
    rs.families.update(family, removed, added);
    for (const p of policies) {
      rs.families.forget(p.input, family);
      policy_tracking.markPolicy(rs, p, 'contenders');
    }
  }
}

/** The same candidate but for its labels (its place in candidate order included). */
function sameButLabels(a: Candidate, b: Candidate): boolean {
  return a.group === b.group && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name && a.creationTimestamp === b.creationTimestamp && jsonEqual(a.order, b.order);
}

/**
 * A snapshot flushes once, and its policies are all new (marked, none composed yet): each family
 * is indexed at most once, when a selector first reads it. Its routes are not filed one by one
 * (`reattach`): the attached ones are taken from the route lists of each kind, already in
 * candidate order (the index keeps each kind apart).
 */
function snapshotCandidates(rs: ResolutionState): void {
  // Listed when a selector first reads the family, if one does: a snapshot flushes once, so the
  // routes' attachment and the Gateways and ListenerSets held do not change before that.
  rs.families.reset('routes', () => {
    const routes: Candidate[] = [];
    for (const kind of ROUTE_KINDS) for (const record of rs.routesByKind.get(kind)!.list) if (record.targeted) routes.push(route_tracking.routeCandidate(record));
    return routes;
  });
  for (const family of ['gateways', 'listenerSets'] as const) rs.families.reset(family, () => [...rs.candidates[family].values()].sort((a, b) => rs.compare(a.order, b.order)));
  rs.pendingCandidates.clear();
}
