/**
 * Recording each policy's outcome on the route entries it reaches, at the cost of a pointer per
 * entry: outcome objects are made once per (policy, target, kind of outcome, other policy,
 * protocol) and frozen, and an entry's outcomes are interned as a trail — appending outcome `o` (or
 * a run of them) to trail `T` always yields the same trail, in constant time — and each trail an
 * entry ends with is made a frozen list once, so entries with the same story share one array.
 * (Copying the list on each append made n policies conflicting on one Gateway cost n² on its
 * entries; appending a slot's n conflicts one by one after each route's own story cost n per entry.)
 */
import { refMemo, type RefMemo } from '../lang/ref-memo.js';
import { fieldsFor, type EntryKind } from './entry-fields.js';
import type { AppliedOutcome, AttachedPolicy, ConflictedOutcome, InvalidOutcome, MergedOutcome, OverriddenOutcome, PolicyOutcome } from './policy-outcomes.js';
import { SCOPE_NAMES } from './policy-outcomes.js';
import { conditionMessage } from './translate.js';
import type { Built } from './translation-cache.js';
import type { ObjectRef, ResolvedTraffic, ResolveOptions } from './types.js';

/** An entry's outcomes before any policy reaches it. */
export const NO_OUTCOMES: readonly PolicyOutcome[] = Object.freeze([]);

/**
 * An entry's outcomes so far: those before the last step (none: `undefined`), and the last step,
 * one outcome or a run of them (`appendRun`: a slot's conflicted contenders, which every entry
 * the slot reaches lists alike).
 */
export interface OutcomeTrail {
  readonly before: OutcomeTrail | undefined;
  readonly outcome: PolicyOutcome | undefined;
  readonly run: readonly PolicyOutcome[] | undefined;
  readonly length: number;
}

const name = (r: ObjectRef) => `${r.namespace}/${r.name}`;

const keysFor = (outcome: string): Record<EntryKind, string> => ({ http: `${outcome}|http`, 'tcp-route': `${outcome}|tcp-route`, 'tcp-gateway': `${outcome}|tcp-gateway`, udp: `${outcome}|udp` });
/** The memo keys of outcomes, made once. */
const KEYS = Object.freeze({ applied: keysFor('applied'), merged: keysFor('merged'), overridden: keysFor('overridden'), conflicted: keysFor('conflicted') });

/**
 * The outcomes of one kind (`key`) for one policy through one target: alone, or by the other
 * policy they name. Most slots meet one other policy (the one that claimed or won the target), so
 * the first is held in the slot and a memo is made only for a second. (A resolver's slot holds
 * its first other policy as long as the slot lives, one outcome at most, even when that policy is
 * gone; the others are held weakly.)
 */
interface OutcomeSlot {
  readonly key: string;
  alone: PolicyOutcome | undefined;
  firstOther: AttachedPolicy | undefined;
  byFirstOther: PolicyOutcome | undefined;
  byOther: RefMemo<AttachedPolicy, PolicyOutcome> | undefined;
}

/**
 * What one translation gives: what it would set by entry kind, and its outcomes by the policy and
 * target they came through, each a short list of slots searched in order. A selector policy that
 * loses most of its targets has one slot per (policy, target) pair; a Map of kinds and a Map of
 * other policies for each were most of what recording such a conflict allocated.
 */
interface TranslationOutcomes {
  wouldSet: Map<EntryKind, ResolvedTraffic | undefined>;
  outcomes: RefMemo<AttachedPolicy, OutcomeSlot[]>;
}

/**
 * Outcomes and what they would set, kept by translation, so that a caller that keeps resolving (a
 * resolver) shares them across changes: an outcome depends only on its translation, the policy
 * and target it came through, its kind and the other policy it names (a conflict's message is the
 * target's slot's), so an unchanged outcome is the same object from one change to the next, and
 * comparing results stops at identity. A translation that changes is a new one (its outcomes go
 * with the old), and `weak` lets those of targets and policies that are gone go too.
 */
export class KeptOutcomes {
  readonly byTranslation = new WeakMap<Built, TranslationOutcomes>();
  constructor(readonly weak: boolean) {}

  of(own: Built): TranslationOutcomes {
    let t = this.byTranslation.get(own);
    if (!t) this.byTranslation.set(own, (t = { wouldSet: new Map(), outcomes: refMemo(this.weak) }));
    return t;
  }
}

export class OutcomeRecorder {
  private readonly trails = new Map<OutcomeTrail | undefined, Map<PolicyOutcome | readonly PolicyOutcome[], OutcomeTrail>>();
  private readonly lists = new Map<OutcomeTrail, readonly PolicyOutcome[]>();
  /** Reasons repeat across policies (the same winner, the same conflict): one string each, found by what it depends on. */
  private readonly reasons = new Map<unknown, Map<unknown, string>>();
  private readonly orderNote: string;
  /** The last append: a policy reaching many entries with the same outcomes appends the same way. */
  private lastTrail?: OutcomeTrail;
  private lastOutcome?: PolicyOutcome;
  private lastOut?: OutcomeTrail;

  constructor(
    order: ResolveOptions['order'],
    private readonly kept: KeptOutcomes = new KeptOutcomes(false),
  ) {
    this.orderNote = order === 'input' ? 'earlier in the input' : 'older: policies are ordered by creationTimestamp, then namespace and name';
  }

  /** `trail` with `outcome` appended: the same trail for the same trail and outcome. */
  append(trail: OutcomeTrail | undefined, outcome: PolicyOutcome): OutcomeTrail {
    if (trail === this.lastTrail && outcome === this.lastOutcome && this.lastOut) return this.lastOut;
    let next = this.trails.get(trail);
    if (!next) this.trails.set(trail, (next = new Map()));
    let out = next.get(outcome);
    if (!out) next.set(outcome, (out = { before: trail, outcome, run: undefined, length: (trail?.length ?? 0) + 1 }));
    this.lastTrail = trail;
    this.lastOutcome = outcome;
    this.lastOut = out;
    return out;
  }

  /**
   * `trail` with every outcome of `run` appended, as one step: the same trail for the same trail
   * and run (the same array). A slot's conflicts after a route's own story, which differs from
   * route to route, cost one step per entry, not one per conflict.
   */
  appendRun(trail: OutcomeTrail | undefined, run: readonly PolicyOutcome[]): OutcomeTrail | undefined {
    if (run.length === 0) return trail;
    let next = this.trails.get(trail);
    if (!next) this.trails.set(trail, (next = new Map()));
    let out = next.get(run);
    if (!out) next.set(run, (out = { before: trail, outcome: undefined, run, length: (trail?.length ?? 0) + run.length }));
    return out;
  }

  /** The outcomes of a trail, in the order they were appended: one frozen array per trail. */
  list(trail: OutcomeTrail | undefined): readonly PolicyOutcome[] {
    if (!trail) return NO_OUTCOMES;
    let out = this.lists.get(trail);
    if (!out) {
      const items = new Array<PolicyOutcome>(trail.length);
      for (let t: OutcomeTrail | undefined = trail; t; t = t.before) {
        if (t.run === undefined) items[t.length - 1] = t.outcome!;
        else for (let i = 0, at = t.length - t.run.length; i < t.run.length; i++) items[at + i] = t.run[i]!;
      }
      this.lists.set(trail, (out = Object.freeze(items)));
    }
    return out;
  }

  applied(via: AttachedPolicy, own: Built, kind: EntryKind, mergedInto: AttachedPolicy | undefined): AppliedOutcome {
    return this.memo(own, via, KEYS.applied[kind], mergedInto, () => {
      const reason = this.reason(`applied|${kind === 'http'}|${via.scope}`, mergedInto?.policy, () => {
        let r = kind === 'http' ? 'the most specific policy that reaches this rule' : 'fills in the settings that more specific policies left unset';
        r += ` (scope: ${SCOPE_NAMES[via.scope]})`;
        if (mergedInto) r += `; its mergeType merges it into ${name(mergedInto.policy)}`;
        return r;
      });
      const o: AppliedOutcome = { outcome: 'applied', ...via, reason };
      if (mergedInto) o.mergedInto = mergedInto;
      return this.withTraffic(o, own, kind);
    });
  }

  merged(via: AttachedPolicy, own: Built, kind: EntryKind, mergedBy: AttachedPolicy): MergedOutcome {
    return this.memo(own, via, KEYS.merged[kind], mergedBy, () => {
      const reason = this.reason('merged', mergedBy.policy, () => `${name(mergedBy.policy)} sets mergeType, so it is merged on top of this policy; settings it does not set come from here`);
      return this.withTraffic<MergedOutcome>({ outcome: 'merged', ...via, reason, mergedBy }, own, kind);
    });
  }

  overridden(via: AttachedPolicy, own: Built, kind: EntryKind, by: AttachedPolicy): OverriddenOutcome {
    return this.memo(own, via, KEYS.overridden[kind], by, () => {
      const o = this.withTraffic<OverriddenOutcome>({ outcome: 'overridden', ...via, reason: '', by }, own, kind);
      const setsSomething = o.traffic !== undefined && Object.keys(o.traffic).length > 0;
      o.reason = this.reason(setsSomething ? 'overridden' : 'overridden|empty', by.policy, () => {
        const what = setsSomething ? 'none of its settings apply here' : 'it sets nothing here anyway';
        return `${name(by.policy)} is more specific and replaces it whole on this rule: ${what}`;
      });
      return o;
    });
  }

  /** `message`: the `Conflicted` condition's. */
  conflicted(via: AttachedPolicy, own: Built, kind: EntryKind, by: AttachedPolicy, message: string): ConflictedOutcome {
    return this.memo(own, via, KEYS.conflicted[kind], by, () => {
      const self = by.policy === via.policy;
      const reason = this.reason(message, self ? undefined : by.policy, () => `${message}. ${self ? 'An earlier target of this policy' : name(by.policy)} got there first (${this.orderNote})`);
      return this.withTraffic<ConflictedOutcome>({ outcome: 'conflicted', ...via, reason, by }, own, kind);
    });
  }

  /** `errors`: the translation's (own or merged); `by`: the policy that had claimed the entry already. */
  invalid(via: AttachedPolicy, own: Built, kind: EntryKind, errors: readonly string[], by: AttachedPolicy | undefined): InvalidOutcome {
    return this.memo(own, via, `invalid|${kind}|${errors.join('\n')}`, by, () => {
      const message = conditionMessage(errors);
      const effect = by ? `; ${name(by.policy)} had already claimed this rule` : kind === 'http' ? '; Envoy answers every request on this rule with HTTP 500' : '';
      const o: InvalidOutcome = { outcome: 'invalid', ...via, reason: `Envoy Gateway could not translate it: ${message}${effect}`, message };
      if (by) o.by = by;
      return this.withTraffic(o, own, kind);
    });
  }

  private memo<O extends PolicyOutcome>(own: Built, via: AttachedPolicy, key: string, other: AttachedPolicy | undefined, make: () => O): O {
    const { outcomes } = this.kept.of(own);
    let slots = outcomes.get(via);
    if (!slots) outcomes.set(via, (slots = []));
    let slot: OutcomeSlot | undefined;
    for (const s of slots) {
      if (s.key === key) {
        slot = s;
        break;
      }
    }
    if (!slot) slots.push((slot = { key, alone: undefined, firstOther: undefined, byFirstOther: undefined, byOther: undefined }));
    if (other === undefined) return (slot.alone ??= Object.freeze(make()) as PolicyOutcome) as O;
    if (slot.firstOther === undefined) {
      slot.firstOther = other;
      return (slot.byFirstOther = Object.freeze(make()) as PolicyOutcome) as O;
    }
    if (slot.firstOther === other) return slot.byFirstOther as O;
    const byOther = (slot.byOther ??= refMemo(this.kept.weak));
    let o = byOther.get(other);
    if (!o) byOther.set(other, (o = Object.freeze(make()) as PolicyOutcome));
    return o as O;
  }

  private reason(a: unknown, b: unknown, make: () => string): string {
    let byB = this.reasons.get(a);
    if (!byB) this.reasons.set(a, (byB = new Map()));
    let r = byB.get(b);
    if (r === undefined) byB.set(b, (r = make()));
    return r;
  }

  /** Sets what the policy would set on such an entry on its own (computed once per translation and entry kind). */
  private withTraffic<O extends PolicyOutcome>(o: O, own: Built, kind: EntryKind): O {
    const byKind = this.kept.of(own).wouldSet;
    let traffic: ResolvedTraffic | undefined;
    if (byKind.has(kind)) traffic = byKind.get(kind);
    else byKind.set(kind, (traffic = wouldSet(own, kind)));
    if (traffic !== undefined) o.traffic = traffic;
    return o;
  }
}

/**
 * What a policy alone sets on an entry: on HTTP, its whole translation (nothing when it failed:
 * the entry gets a 500 instead); on TCP/TLS and UDP, the fields that protocol takes (a failed
 * translation still fills them, as Envoy Gateway does).
 */
function wouldSet(built: Built, kind: EntryKind): ResolvedTraffic | undefined {
  if (kind === 'http') return built.errors.length > 0 ? undefined : built.traffic;
  const all = built.traffic as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fieldsFor(kind)) if (all[f] !== undefined) out[f] = all[f];
  return Object.freeze(out) as ResolvedTraffic;
}
