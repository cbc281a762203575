/**
 * Slots and their contenders: each target of a policy contends for the slot it resolves to (a
 * rule, a route, a ListenerSet or Gateway, or one of their listeners). A slot whose contenders
 * moved marks the entries it reaches, the statuses of its contenders and the scopes it records.
 */
import { targetObjectKey, targetRouteKey, type PolicyTarget } from '../match/policy-targets.js';
import { directListener } from '../match/resource-index.js';
import type { TargetedRoute } from './resolve-context.js';
import { addContender, contenderOrder, removeContender, routeSlot, targetSlotKey, type Contender, type Slot, type SlotKind } from './slots.js';
import { type PolicyState, type RouteRecord, addTo, removeFrom, targetSignature, isMerging, withListener } from './state-records.js';
import type { ResolutionState } from './resolution-state.js';
import * as policy_tracking from './policy-tracking.js';

/** What a slot a target reaches is, to make it when no other target reached it yet. */
export interface SlotSpec {
  key: string;
  kind: SlotKind;
  owner: string;
  section?: string;
}

/** The slot a target of pass `pass` (3 to 6: a ListenerSet or Gateway, or a listener) contends for, if it resolves to one. */
function parentSlotOf(rs: ResolutionState, pass: number, t: PolicyTarget): SlotSpec | undefined {
  const section = t.sectionName;
  const key = targetObjectKey(t);
  if (pass <= 4) {
    const ls = rs.index.listenerSets.get(key);
    if (!ls || (section && !ls.spec.listeners.some((l) => l.name === section))) return undefined;
    return parentSlotSpec(targetSlotKey(t), 'ListenerSet', key, section);
  }
  if (!rs.index.gateways.has(key) || (section && !directListener(rs.index, key, section))) return undefined;
  return parentSlotSpec(targetSlotKey(t), 'Gateway', key, section);
}

/** Without a spread: a policy of 500 Gateway targets makes one per target each time its contenders move. */
const parentSlotSpec = (key: string, kind: 'Gateway' | 'ListenerSet', owner: string, section: string | undefined): SlotSpec => (section ? { key, kind, owner, section } : { key, kind, owner });

/** The slot a target of pass 1 (a rule) or 2 (the route) contends for on its attached route. */
function routeSlotOf(route: TargetedRoute, pass: number, t: PolicyTarget): SlotSpec | undefined {
  if (pass === 2) return { key: route.slotKey, kind: 'Route', owner: route.key };
  const section = t.sectionName;
  if (!route.route.object.spec.rules.some((r) => r.name !== undefined && r.name === section)) return undefined;
  return { key: routeSlot(route.key, section), kind: 'RouteRule', owner: route.key, section };
}

/** The slot of `spec`, made (and filed by owner) when it has no contender yet. */
function slotFor(rs: ResolutionState, spec: SlotSpec): Slot<PolicyState> {
  let slot = rs.slots.get(spec.key);
  if (!slot) {
    slot = { key: spec.key, kind: spec.kind, owner: spec.owner, contenders: [], heldBy: undefined, conflictMessage: undefined, ...(spec.section !== undefined ? { section: spec.section } : {}) };
    rs.slots.set(spec.key, slot);
    addTo(rs.slotsByOwner, `${slot.kind === 'RouteRule' ? 'Route' : slot.kind}|${slot.owner}`, slot);
  }
  return slot;
}

/**
 * Each target of the policy that resolves to a slot, in pass and list order, with its slot. A
 * snapshot also marks here the scopes of the routes its route and rule targets name: it counts no
 * route targets (`setPasses`), and this is where their routes are looked up anyway.
 */
function eachSlotTarget(rs: ResolutionState, p: PolicyState, visit: (spec: SlotSpec, t: PolicyTarget, position: number) => boolean | void): void {
  const lsPasses = rs.listenerSetCount > 0;
  for (let i = 0; i < 6; i++) {
    if ((i === 2 || i === 3) && !lsPasses) continue;
    const list = p.passes[i]!;
    for (let position = 0; position < list.length; position++) {
      const t = list[position]!;
      let spec: SlotSpec | undefined;
      if (i <= 1) {
        const route = rs.attached.get(targetRouteKey(t));
        if (!route) continue;
        if (!rs.live) rs.dirtyScoping.add(route.key);
        spec = routeSlotOf(route, i + 1, t);
      } else spec = parentSlotOf(rs, i + 1, t);
      // `false` from `visit`: no more targets are wanted.
      if (spec && visit(spec, t, position) === false) return;
    }
  }
}

/** A policy's first contenders (a new policy: nothing to compare or take back), in target order. */
function addContenders(rs: ResolutionState, p: PolicyState): void {
  const next: PolicyState['contenders'] = [];
  eachSlotTarget(rs, p, (spec, t, position) => {
    const slot = slotFor(rs, spec);
    const contender: Contender<PolicyState> = { source: p, target: t, position };
    // A snapshot's slots are sorted once, in `flushSlots`: inserting each of n policies on one
    // Gateway at its place moved the list n times (quadratic; policies come in input order).
    if (rs.live) addContender(slot, contender, rs.policyBefore);
    else slot.contenders.push(contender);
    next.push({ slot, contender });
    rs.dirtySlots.add(slot.key);
  });
  p.contenders = next;
}

/** A target of the policy that resolves to a slot, at its position in its pass list. */
interface Wanted {
  spec: SlotSpec;
  target: PolicyTarget;
  position: number;
}

type Held = PolicyState['contenders'][number];

/**
 * Moves the policy's contenders to the slots its targets resolve to now. A slot where its
 * contenders are what they were (same targets in the same order) is left as it is: a position
 * orders only a policy's own contenders within one slot (all from one pass list), so positions
 * that shifted together — a selector that stopped picking an earlier object — are renumbered in
 * place, and the entries on the policy's other slots are not folded again.
 *
 * Most changes leave a policy's targets as they were but for a few in one place (a Gateway that
 * left a fleet of 500), so the contenders that still line up with the targets at either end are
 * renumbered as they are, and only the few between are grouped by slot. That is exact when no slot
 * of those few is also a slot of the ends (`apartFromEnds`); otherwise every contender is grouped.
 */
export function updateContenders(rs: ResolutionState, p: PolicyState, orderChanged: boolean): void {
  if (p.contenders.length === 0) {
    addContenders(rs, p);
    return;
  }
  const wanted: Wanted[] = [];
  eachSlotTarget(rs, p, (spec, target, position) => {
    wanted.push({ spec, target, position });
  });
  const held = p.contenders;
  let head = 0;
  let tail = 0;
  let between: Between | undefined;
  // With its order changed, no contender of the policy stays as it is.
  if (!orderChanged) {
    const most = Math.min(held.length, wanted.length);
    while (head < most && linesUp(held[head]!, wanted[head]!)) head++;
    while (tail < most - head && linesUp(held[held.length - 1 - tail]!, wanted[wanted.length - 1 - tail]!)) tail++;
    between = fewBetween(rs, p, held, wanted, head, tail);
  }
  if (!between) {
    head = tail = 0;
    between = { held, wanted };
  }
  const next: Held[] = [];
  for (let i = 0; i < head; i++) renumber(held[i]!, wanted[i]!, next);
  regroup(rs, p, between.held, between.wanted, orderChanged, next);
  for (let i = tail; i > 0; i--) renumber(held[held.length - i]!, wanted[wanted.length - i]!, next);
  p.contenders = next;
}

const linesUp = (c: Held, w: Wanted): boolean => c.slot.key === w.spec.key && sameTarget(w.target, c.contender.target);

function renumber(c: Held, w: Wanted, next: Held[]): void {
  c.contender.target = w.target;
  c.contender.position = w.position;
  next.push(c);
}

/** Past this many contenders or targets between the ends, telling their slots apart from the ends' costs more than grouping them all. */
const FEW_BETWEEN = 16;

interface Between {
  held: readonly Held[];
  wanted: readonly Wanted[];
}

/** The contenders and targets between the first `head` and the last `tail`, when they are few and apart from the ends (`apartFromEnds`). */
function fewBetween(rs: ResolutionState, p: PolicyState, held: readonly Held[], wanted: readonly Wanted[], head: number, tail: number): Between | undefined {
  if (held.length - head - tail > FEW_BETWEEN || wanted.length - head - tail > FEW_BETWEEN) return undefined;
  const between = { held: held.slice(head, held.length - tail), wanted: wanted.slice(head, wanted.length - tail) };
  return apartFromEnds(rs, p, between.held, between.wanted) ? between : undefined;
}

/**
 * Whether no slot of the contenders and targets between the ends is a slot of the ends too:
 * each such slot holds, of the policy's contenders, only those between. (The ends line up one for
 * one, so a slot is among the ends' targets exactly when it is among their contenders.)
 */
function apartFromEnds(rs: ResolutionState, p: PolicyState, held: readonly Held[], wanted: readonly Wanted[]): boolean {
  const slots = new Set<Slot<PolicyState>>();
  for (const c of held) slots.add(c.slot);
  for (const w of wanted) {
    const slot = rs.slots.get(w.spec.key);
    if (slot) slots.add(slot);
  }
  for (const slot of slots) {
    let between = 0;
    for (const c of held) if (c.slot === slot) between++;
    let all = 0;
    for (const c of slot.contenders) if (c.source === p) all++;
    if (all !== between) return false;
  }
  return true;
}

/** The contenders and targets grouped by slot: a slot whose list is the same keeps its contenders (renumbered); the others lose theirs and take the targets'. */
function regroup(rs: ResolutionState, p: PolicyState, held: readonly Held[], wanted: readonly Wanted[], orderChanged: boolean, next: Held[]): void {
  const bySlot = new Map<string, { slot: SlotSpec; list: Wanted[] }>();
  for (const w of wanted) {
    const group = bySlot.get(w.spec.key);
    if (group) group.list.push(w);
    else bySlot.set(w.spec.key, { slot: w.spec, list: [w] });
  }
  const had = new Map<string, Held[]>();
  for (const c of held) {
    const list = had.get(c.slot.key);
    if (list) list.push(c);
    else had.set(c.slot.key, [c]);
  }
  for (const [key, old] of had) {
    const w = bySlot.get(key);
    const same =
      !orderChanged &&
      w !== undefined &&
      w.list.length === old.length &&
      // A target picked again is most often the very object it was (`pickedTarget`): no signature to make.
      w.list.every((x, i) => sameTarget(x.target, old[i]!.contender.target));
    if (same) {
      w.list.forEach((x, i) => renumber(old[i]!, x, next));
      bySlot.delete(key);
      continue;
    }
    for (const c of old) removeContender(c.slot, c.contender);
    slotChanged(rs, old[0]!.slot);
  }
  for (const w of bySlot.values()) {
    const slot = slotFor(rs, w.slot);
    for (const x of w.list) {
      const contender: Contender<PolicyState> = { source: p, target: x.target, position: x.position };
      addContender(slot, contender, rs.policyBefore);
      next.push({ slot, contender });
    }
    slotChanged(rs, slot);
  }
}

function sameTarget(a: PolicyTarget, b: PolicyTarget): boolean {
  return a === b || targetSignature(a) === targetSignature(b);
}

export function slotChanged(rs: ResolutionState, slot: Slot<PolicyState>): void {
  rs.dirtySlots.add(slot.key);
  // Contenders that leave are marked by their own policy's change; those that stay are marked when the slot is processed.
}

export function flushSlots(rs: ResolutionState): void {
  for (const key of rs.dirtySlots) {
    const slot = rs.slots.get(key);
    if (!slot) continue;
    // Every slot of a snapshot is new and marked here, its contenders in the order they came (`addContenders`).
    if (!rs.live && slot.contenders.length > 1) slot.contenders.sort(contenderOrder(rs.policyBefore));
    // A snapshot's statuses and entries are all marked already (every policy and route is new).
    // A resolver marks the statuses the slot can change. A contender that came or went belongs to
    // a policy its own change marked (`flushPolicies`, `removePolicy`), and one whose policy's
    // translation changed is marked by that change; a contender's status reads of the slot only
    // whether it holds it (and the slot's own message). So of those that stayed, only the one that
    // held the slot and the one that holds it now can change: editing the spec of one of twenty
    // policies conflicting on a hundred routes recomputed all twenty statuses, now one.
    const holder = slot.contenders[0];
    const heldBefore = slot.heldBy;
    if (rs.live && holder !== heldBefore) {
      if (heldBefore) policy_tracking.markGroupStatus(rs, heldBefore.source);
      if (holder) policy_tracking.markGroupStatus(rs, holder.source);
      slot.heldBy = holder;
    }
    if (slot.kind === 'Route' || slot.kind === 'RouteRule') {
      // A snapshot records no merge edges to take back: only a merging holder has some to add.
      if (rs.live || (holder !== undefined && isMerging(holder.source.canonical.input))) rs.dirtyMerges.add(slot.owner);
      if (rs.live) {
        const route = rs.routeOfKey.get(slot.owner);
        if (route?.targeted) rs.dirtyEntries.set(route, true);
        // The route policy's Overridden list names the rules that are held: it changes when a rule
        // slot comes to be held or stops being held.
        if (slot.kind === 'RouteRule' && (holder === undefined) !== (heldBefore === undefined)) {
          for (const c of rs.slots.get(routeSlot(slot.owner, undefined))?.contenders ?? []) policy_tracking.markGroupStatus(rs, c.source);
        }
      }
    } else {
      rs.dirtyHolders.add(key);
      // A snapshot's entries are all marked already, and its merges are marked with the route slots.
      if (rs.live) for (const irName of slotListeners(rs, slot)) {
        for (const route of rs.routesOnListener.get(irName) ?? []) {
          const d = rs.dirtyEntries.get(route);
          const marked = withListener(d, irName);
          if (marked !== d) rs.dirtyEntries.set(route, marked);
        }
        // Route and rule policies merged into this slot's holder there.
        for (const route of mergeTargetsOn(rs, irName)) {
          for (const holder of route.targeted ? mergingHolders(rs, route.targeted) : []) {
            rs.dirtyMerges.add(route.key);
            policy_tracking.markGroupStatus(rs, holder.source);
          }
        }
      }
    }
    if (slot.contenders.length === 0) {
      rs.slots.delete(key);
      removeFrom(rs.slotsByOwner, `${slot.kind === 'RouteRule' ? 'Route' : slot.kind}|${slot.owner}`, slot);
    }
  }
  rs.dirtySlots.clear();
}

/**
 * The routes accepted on listener `irName` that a merging policy targets, those that can have a
 * merging holder, found from the shorter of the two lists: on a Gateway of 5,000 routes, looking
 * on each of its routes was a sixth of a Gateway policy's change.
 */
function mergeTargetsOn(rs: ResolutionState, irName: string): RouteRecord[] {
  const accepted = rs.routesAcceptedOn.get(irName);
  const merging = rs.mergingTargetCount;
  const out: RouteRecord[] = [];
  if (!accepted || merging.size === 0) return out;
  if (accepted.size <= merging.size) {
    for (const route of accepted) if (merging.has(route.key)) out.push(route);
    return out;
  }
  for (const rk of merging.keys()) {
    const route = rs.routeOfKey.get(rk);
    if (route && accepted.has(route)) out.push(route);
  }
  return out;
}

/** The holders of a route's rule and route slots that merge (`mergeType`) into their listener's parent. */
export function mergingHolders(rs: ResolutionState, t: TargetedRoute): Array<Contender<PolicyState>> {
  const out: Array<Contender<PolicyState>> = [];
  // A route's slots are filed under its route slot's key (`Route|<route key>`).
  for (const slot of rs.slotsByOwner.get(t.slotKey) ?? []) {
    const holder = slot.contenders[0];
    if (holder && isMerging(holder.source.canonical.input)) out.push(holder);
  }
  return out;
}

/** The `irName`s of the listeners a Gateway or ListenerSet slot reaches. */
export function slotListeners(rs: ResolutionState, slot: Slot<PolicyState>): string[] {
  if (slot.kind === 'Gateway') {
    if (slot.section) return [`${slot.owner}/${slot.section}`];
    const out = (rs.index.ownListeners.get(slot.owner) ?? []).map((l) => l.irName);
    for (const ls of rs.listenerSetsByParent.get(slot.owner) ?? []) for (const l of rs.index.listenerSetListeners.get(ls) ?? []) out.push(l.irName);
    return out;
  }
  const all = rs.index.listenerSetListeners.get(slot.owner) ?? [];
  return all.filter((l) => !slot.section || l.listener.name === slot.section).map((l) => l.irName);
}
