/**
 * The entries of one route on one listener, computed from the slots that reach them, in the
 * order of Envoy Gateway's passes: the rule's slot (1), the route's (2), then the listener's
 * slots, most specific first (3 to 6). In each slot the holder applies and every other contender
 * is conflicted there. An entry depends on nothing else, so a change recomputes only the entries
 * of the slots it moved.
 */
import type { ListenerContext } from '../match/resource-index.js';
import { applyPolicy } from './apply-policy.js';
import { CONFLICT_SUFFIX } from './policy-conditions.js';
import { listenerSlots, parentFor, type PolicyRecord, type ResolveContext, type TargetedRoute } from './resolve-context.js';
import { resetRouteState, type RouteState } from './route-state.js';
import { conflictOn, routeSlot, type Slot } from './slots.js';

/** Recomputes `entries`: those of `route` on `listener`, in rule order. */
export function foldEntries(ctx: ResolveContext, route: TargetedRoute, listener: ListenerContext, entries: readonly RouteState[]): void {
  for (const s of entries) resetRouteState(s);
  // Pass 1: each rule's slot, over the entries of that rule (a rule name may repeat).
  let named: Set<string> | undefined;
  for (const s of entries) if (s.ruleName !== undefined) (named ??= new Set()).add(s.ruleName);
  for (const name of named ?? []) {
    const slot = ctx.slots.get(routeSlot(route.key, name));
    if (slot) applyRouteSlot(ctx, slot, route, listener, entries.filter((s) => s.ruleName === name));
  }
  // Pass 2: the route's slot.
  const slot = ctx.slots.get(route.slotKey);
  if (slot) applyRouteSlot(ctx, slot, route, listener, entries);
  // Passes 3 to 6: the listener's slots.
  for (const { key } of listenerSlots(listener)) {
    const s = ctx.slots.get(key);
    if (s) applyParentSlot(ctx, s, entries);
  }
}

/** The `Conflicted` condition's message of a slot (the same for every contender). */
export function conflictMessage(slot: Slot, routeName?: string, routeKind?: string): string {
  switch (slot.kind) {
    case 'RouteRule':
      return `Unable to target RouteRule ${routeName}/${slot.section}, ${CONFLICT_SUFFIX}`;
    case 'Route':
      return `Unable to target ${routeKind} ${routeName}, ${CONFLICT_SUFFIX}`;
    default: {
      // A Gateway listener is named `ns/name/section`, a ListenerSet listener `name/section`, a whole Gateway or ListenerSet `name`.
      const name = slot.owner.slice(slot.owner.indexOf('/') + 1);
      if (!slot.section) return `Unable to target ${slot.kind} ${name}, ${CONFLICT_SUFFIX}`;
      return `Unable to target Listener ${slot.kind === 'Gateway' ? slot.owner : name}/${slot.section}, ${CONFLICT_SUFFIX}`;
    }
  }
}

/**
 * A route or rule slot on the entries of one listener. Without `mergeType` the holder applies as
 * translated; with it, it is merged into the listener's parent policy (once per parentRef that
 * reaches the listener), or applies alone where the listener has none.
 */
function applyRouteSlot(ctx: ResolveContext, slot: Slot<PolicyRecord>, route: TargetedRoute, listener: ListenerContext, entries: readonly RouteState[]): void {
  if (entries.length === 0) return;
  const [holder, ...others] = slot.contenders as [(typeof slot.contenders)[number], ...typeof slot.contenders];
  const policy = holder.source.canonical;
  const via = ctx.refs.attachedVia(policy.input, holder.target);
  const own = ctx.translations.ownOf(policy.input);
  const mergeType = (policy.input.spec as { mergeType?: unknown }).mergeType;
  if (typeof mergeType !== 'string' || mergeType === '') {
    applyPolicy(entries, { via, built: own, own, level: 'route' }, ctx.outcomes);
  } else {
    for (const c of route.contexts) {
      for (const l of c.listeners) {
        if (l.irName !== listener.irName) continue;
        const parent = parentFor(ctx, l);
        if (!parent) {
          applyPolicy(entries, { via, built: own, own, level: 'route' }, ctx.outcomes);
          continue;
        }
        const built = ctx.translations.mergedOf(policy.input, parent.source.input, mergeType);
        applyPolicy(entries, { via, built, own, level: 'route', mergedInto: ctx.refs.attachedVia(parent.source.input, parent.target) }, ctx.outcomes);
      }
    }
  }
  if (others.length === 0) return;
  const message = conflictMessage(slot, route.route.name, route.route.kind);
  for (const c of others) {
    const p = c.source.canonical;
    conflictOn(entries, ctx.refs.attachedVia(p.input, c.target), ctx.translations.ownOf(p.input), 'route', via, message, ctx.outcomes);
  }
}

/** A Gateway or ListenerSet slot (whole, or one listener) on entries of one of its listeners. */
function applyParentSlot(ctx: ResolveContext, slot: Slot<PolicyRecord>, entries: readonly RouteState[]): void {
  if (entries.length === 0) return;
  const [holder, ...others] = slot.contenders as [(typeof slot.contenders)[number], ...typeof slot.contenders];
  const policy = holder.source.canonical;
  const via = ctx.refs.attachedVia(policy.input, holder.target);
  const own = ctx.translations.ownOf(policy.input);
  applyPolicy(entries, { via, built: own, own, level: 'gateway' }, ctx.outcomes);
  if (others.length === 0) return;
  const message = conflictMessage(slot);
  for (const c of others) {
    const p = c.source.canonical;
    conflictOn(entries, ctx.refs.attachedVia(p.input, c.target), ctx.translations.ownOf(p.input), 'gateway', via, message, ctx.outcomes);
  }
}
