/**
 * Target slots and who holds them. A slot is one thing a policy can target: a Gateway, a Gateway
 * listener, a ListenerSet, a ListenerSet listener, a route, or a route rule. The first policy to
 * reach a slot (passes run most specific first, policies in order) holds it; any later policy
 * targeting the same slot is `Conflicted`. A Gateway and one of its listeners are different slots,
 * as are a route and one of its rules: those do not conflict, the more specific one overrides.
 *
 * Each slot keeps its contenders — every (policy, target) that reaches it, in policy order — so
 * the holder is the first one, and a change to one policy moves only its own contenders.
 */
import { targetObjectKey, type PolicyTarget } from '../match/policy-targets.js';
import type { PolicyInput } from '../admit/resources.js';
import { flatKey } from '../lang/flat-key.js';
import { insertSorted, removeItem } from '../lang/sorted-list.js';

export type SlotKind = 'RouteRule' | 'Route' | 'Gateway' | 'ListenerSet';

/** A policy object as slots see it: the policy it acts as, and its place in policy order. */
export interface SlotPolicy {
  input: PolicyInput;
  /** The policy it acts as: itself, or (a name repeated in the harness profile) the first one handled. */
  canonical: SlotPolicy;
}

/** One (policy, target) reaching a slot. */
export interface Contender<P extends SlotPolicy = SlotPolicy> {
  /** The policy object whose target this is. */
  source: P;
  target: PolicyTarget;
  /** Its position in the source's list of targets of the slot's pass. */
  position: number;
}

export interface Slot<P extends SlotPolicy = SlotPolicy> {
  key: string;
  kind: SlotKind;
  /** The route key, or the Gateway's or ListenerSet's `namespace/name`. */
  owner: string;
  section?: string;
  /** In policy order; the first one holds the slot. */
  contenders: Array<Contender<P>>;
  /**
   * A resolver's record of the contender that held the slot when its statuses were last marked
   * (`flushSlots`): a contender's status reads of the slot only whether it holds it, so of the
   * contenders that stay, only the one that held it and the one that holds it now can change.
   */
  heldBy?: Contender<P>;
  /**
   * Its `Conflicted` message (`conflictMessage`), made when first asked: it names only the slot,
   * and a slot of 500 contenders is asked once per contender each time their statuses fold.
   */
  conflictMessage?: string;
}

export const gatewaySlot = (kind: 'Gateway' | 'ListenerSet', key: string, section: string | undefined): string => flatKey(kind, '|', key, '|', section ?? '');
/** The slot a target of passes 3 to 6 contends for (a target of those passes is of its slot's kind), made once per target. */
export const targetSlotKey = (t: PolicyTarget): string => (t.slotKey ??= gatewaySlot(t.kind as 'Gateway' | 'ListenerSet', targetObjectKey(t), t.sectionName));
export const routeSlot = (routeKey: string, rule: string | undefined): string => (rule === undefined ? flatKey('Route|', routeKey) : flatKey('RouteRule|', routeKey, '|', rule));

/** Of a route's slots, its route slot (`rule` undefined) or the slot of one of its rules. */
export function ownSlot<P extends SlotPolicy>(owned: ReadonlySet<Slot<P>> | undefined, rule: string | undefined): Slot<P> | undefined {
  for (const slot of owned ?? []) if (rule === undefined ? slot.kind === 'Route' : slot.kind === 'RouteRule' && slot.section === rule) return slot;
  return undefined;
}

/** Contenders' order in a slot: policy order (`before`), then position. A total order (policies never tie). */
export const contenderOrder =
  <P extends SlotPolicy>(before: (a: P, b: P) => number) =>
  (o: Contender<P>, n: Contender<P>): number =>
    o.source === n.source ? o.position - n.position : before(o.source, n.source);

/** Inserts a contender at its place (`contenderOrder`). */
export function addContender<P extends SlotPolicy>(slot: Slot<P>, c: Contender<P>, before: (a: P, b: P) => number): void {
  insertSorted(slot.contenders, c, contenderOrder(before));
}

export function removeContender<P extends SlotPolicy>(slot: Slot<P>, c: Contender<P>): void {
  removeItem(slot.contenders, c);
}

