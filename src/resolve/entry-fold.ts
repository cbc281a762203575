/**
 * The entries of one route on one listener, computed from the slots that reach them, in the
 * order of Envoy Gateway's passes: the rule's slot (1), the route's (2), then the listener's
 * slots, most specific first (3 to 6). In each slot the holder applies and every other contender
 * is conflicted there. An entry depends on nothing else, so a change recomputes only the entries
 * of the slots it moved.
 */
import type { ListenerContext } from '../match/resource-index.js';
import { applyPolicy, type Application } from './apply-policy.js';
import { entryKind, type EntryKind } from './entry-fields.js';
import type { OutcomeRecorder } from './outcome-recorder.js';
import type { AttachedPolicy, PolicyOutcome } from './policy-outcomes.js';
import type { Built } from './translation-cache.js';
import { CONFLICT_SUFFIX } from './policy-conditions.js';
import { listenerSlots, parentFor, type PolicyRecord, type ResolveContext, type TargetedRoute } from './resolve-context.js';
import { resetRouteState, type RouteState } from './route-state.js';
import { ownSlot, type Slot } from './slots.js';

/**
 * Folds entries during one flush. The slots of a listener (passes 3 to 6) reach every route on it,
 * so what each of them applies — its holder through its target, its conflicted contenders, the
 * message — is worked out once per listener and flush, not once per route (slots do not change
 * while entries fold).
 */
export class EntryFolder {
  private readonly listenerPlans = new Map<ListenerContext, readonly SlotPlan[]>();

  constructor(private readonly ctx: ResolveContext) {}

  /** Recomputes `entries`: those of `route` on `listener`, in rule order. */
  fold(route: TargetedRoute, listener: ListenerContext, entries: readonly RouteState[]): void {
    const ctx = this.ctx;
    for (const s of entries) resetRouteState(s);
    // A route's rule and route slots are filed under its route slot's key; most routes have none.
    const owned = ctx.slotsByOwner.get(route.slotKey);
    if (owned) {
      // Pass 1: each rule's slot, over the entries of that rule (a rule name may repeat).
      let named: Set<string> | undefined;
      for (const s of entries) if (s.ruleName !== undefined) (named ??= new Set()).add(s.ruleName);
      for (const name of named ?? []) {
        const slot = ownSlot(owned, name);
        if (slot) applyRouteSlot(ctx, slot, route, listener, entries.filter((s) => s.ruleName === name));
      }
      // Pass 2: the route's slot.
      const slot = ownSlot(owned, undefined);
      if (slot) applyRouteSlot(ctx, slot, route, listener, entries);
    }
    // Passes 3 to 6: the listener's slots.
    for (const plan of this.plansOf(listener)) applySlotPlan(plan, entries, ctx.outcomes);
  }

  private plansOf(listener: ListenerContext): readonly SlotPlan[] {
    let plans = this.listenerPlans.get(listener);
    if (plans) return plans;
    const out: SlotPlan[] = [];
    for (const { key } of listenerSlots(listener)) {
      const slot = this.ctx.slots.get(key);
      if (slot && slot.contenders.length > 0) out.push(parentSlotPlan(this.ctx, slot));
    }
    this.listenerPlans.set(listener, (plans = out));
    return plans;
  }
}

/** The `Conflicted` condition's message of a slot (the same for every contender), made once per slot. */
export function conflictMessage(slot: Slot, routeName?: string, routeKind?: string): string {
  return (slot.conflictMessage ??= slotConflictMessage(slot, routeName, routeKind));
}

function slotConflictMessage(slot: Slot, routeName?: string, routeKind?: string): string {
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
 * reaches the listener), or applies alone where the listener has none. Every other contender is
 * conflicted there, naming the holder; the entries (one route's, so of one protocol) list them as
 * one run.
 */
function applyRouteSlot(ctx: ResolveContext, slot: Slot<PolicyRecord>, route: TargetedRoute, listener: ListenerContext, entries: readonly RouteState[]): void {
  if (entries.length === 0) return;
  const [holder, ...others] = slot.contenders as [(typeof slot.contenders)[number], ...typeof slot.contenders];
  const policy = holder.source.canonical;
  const via = ctx.refs.attachedVia(policy.input, holder.target);
  const own = ctx.translations.ownOf(policy.input);
  const alone = ctx.refs.alone(via.policy);
  const mergeType = (policy.input.spec as { mergeType?: unknown }).mergeType;
  if (typeof mergeType !== 'string' || mergeType === '') {
    applyPolicy(entries, { via, built: own, own, level: 'route', alone }, ctx.outcomes);
  } else {
    for (const c of route.contexts) {
      for (const l of c.listeners) {
        if (l.irName !== listener.irName) continue;
        const parent = parentFor(ctx, l);
        if (!parent) {
          applyPolicy(entries, { via, built: own, own, level: 'route', alone }, ctx.outcomes);
          continue;
        }
        const built = ctx.translations.mergedOf(policy.input, parent.source.input, mergeType);
        applyPolicy(entries, { via, built, own, level: 'route', mergedInto: ctx.refs.attachedVia(parent.source.input, parent.target), alone }, ctx.outcomes);
      }
    }
  }
  if (others.length === 0) return;
  const message = conflictMessage(slot, route.route.name, route.route.kind);
  const kind = entryKind(entries[0]!.protocol, 'route');
  const run = listedConflicts(others, ctx.limits.maxConflictedOutcomes).map((c) => {
    const p = c.source.canonical.input;
    return ctx.outcomes.conflicted(ctx.refs.attachedVia(p, c.target), ctx.translations.ownOf(p), kind, via, message);
  });
  for (const s of entries) s.outcomes = ctx.outcomes.appendRun(s.outcomes, run);
}

/**
 * The contenders after the holder that an entry lists as conflicted: the oldest `max`
 * (`LIMITS.maxConflictedOutcomes`; contenders are in policy order). The rest leave the entry as it
 * is, so the cap changes no setting, only how long its list of outcomes grows; the diagnostics
 * name each slot past it (`cappedConflicts`).
 */
function listedConflicts<C>(others: readonly C[], max: number): readonly C[] {
  return others.length <= max ? others : others.slice(0, max);
}

/** What a slot applies to the entries it reaches: its holder, and each other contender conflicted there. */
interface SlotPlan {
  holder: Application;
  conflicts: ReadonlyArray<{ via: AttachedPolicy; own: Built }>;
  message: string;
  /**
   * The conflicted outcomes an entry of each kind lists: the same run on every entry the slot
   * reaches, appended in one step (`appendRun`), so n policies conflicting on a Gateway cost n
   * once per listener, not once per entry (n routes on it made the fold n²).
   */
  conflictRuns: { [K in EntryKind]?: readonly PolicyOutcome[] };
}

/** A Gateway or ListenerSet slot (whole, or one listener), as it applies on any of its listeners. */
function parentSlotPlan(ctx: ResolveContext, slot: Slot<PolicyRecord>): SlotPlan {
  const [holder, ...others] = slot.contenders as [(typeof slot.contenders)[number], ...typeof slot.contenders];
  const policy = holder.source.canonical;
  const own = ctx.translations.ownOf(policy.input);
  const via = ctx.refs.attachedVia(policy.input, holder.target);
  return {
    holder: { via, built: own, own, level: 'gateway', alone: ctx.refs.alone(via.policy) },
    conflicts: listedConflicts(others, ctx.limits.maxConflictedOutcomes).map((c) => ({ via: ctx.refs.attachedVia(c.source.canonical.input, c.target), own: ctx.translations.ownOf(c.source.canonical.input) })),
    message: others.length > 0 ? conflictMessage(slot) : '',
    conflictRuns: {},
  };
}

function applySlotPlan(plan: SlotPlan, entries: readonly RouteState[], outcomes: OutcomeRecorder): void {
  if (entries.length === 0) return;
  const { holder } = plan;
  applyPolicy(entries, holder, outcomes);
  if (plan.conflicts.length === 0) return;
  const run = conflictRun(plan, entryKind(entries[0]!.protocol, holder.level), outcomes);
  for (const s of entries) s.outcomes = outcomes.appendRun(s.outcomes, run);
}

/** The conflicted outcome of each of the plan's other contenders, for an entry of `kind`: one array per plan and kind. */
function conflictRun(plan: SlotPlan, kind: EntryKind, outcomes: OutcomeRecorder): readonly PolicyOutcome[] {
  let run = plan.conflictRuns[kind];
  if (!run) plan.conflictRuns[kind] = run = plan.conflicts.map((c) => outcomes.conflicted(c.via, c.own, kind, plan.holder.via, plan.message));
  return run;
}
