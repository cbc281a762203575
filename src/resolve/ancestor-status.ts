/**
 * A policy's `status.ancestors`, built the way Envoy Gateway builds it: entries in creation order,
 * conditions in the order their type was first set (updated in place), `Accepted=True` only when no
 * Accepted condition exists yet, a soft cap of 17 entries while building and a final cut to 16
 * with an `Aggregated` condition.
 */
import type { Condition, PolicyAncestorStatus } from '../model/policy-status.js';

export interface AncestorRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  sectionName?: string;
}

export interface NewCondition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
}

export const MAX_ANCESTORS = 16;
const SOFT_CAP = MAX_ANCESTORS + 1;
const MAX_MESSAGE_BYTES = 32768;
const TRUNCATED_SUFFIX = ' (message truncated).';

export const ACCEPTED_MESSAGE = 'Policy has been accepted.';
export const AGGREGATED_MESSAGE = `Ancestors have been truncated because the number of policy ancestors exceeds ${MAX_ANCESTORS}.`;

export interface AncestorStatusBuilder {
  controllerName: string;
  generation?: number;
  entries: PolicyAncestorStatus[];
  /** Each entry's `rank`, in step with `entries`: read at every eviction, changed only by an Accepted or Overridden condition. */
  ranks: number[];
  /**
   * The index of the entry found or made last, or -1: a policy's targets mostly come one route
   * after another under the same Gateway, so most lookups are of the last ancestor (the list holds up to 17).
   */
  last: number;
  /** While `entries` is full, the index of the entry the next new one would evict; -1 when not worked out since `entries` or `ranks` changed. */
  worst: number;
}

export const newStatusBuilder = (controllerName: string, generation?: number): AncestorStatusBuilder => {
  const b: AncestorStatusBuilder = { controllerName, entries: [], ranks: [], last: -1, worst: -1 };
  if (generation !== undefined) b.generation = generation;
  return b;
};

/** Name first: a policy's ancestors differ mostly by name, and a new one is compared with each listed one. */
const sameRef = (a: AncestorRef, b: AncestorRef): boolean =>
  a.name === b.name && a.namespace === b.namespace && a.kind === b.kind && a.group === b.group && (a.sectionName ?? '') === (b.sectionName ?? '');

function truncateMessage(message: string): string {
  if (message.length * 3 <= MAX_MESSAGE_BYTES) return message; // cannot exceed the limit in UTF-8
  const bytes = new TextEncoder().encode(message);
  if (bytes.length <= MAX_MESSAGE_BYTES) return message;
  // Go cuts bytes; a cut inside a multi-byte character becomes U+FFFD here.
  return new TextDecoder().decode(bytes.subarray(0, MAX_MESSAGE_BYTES - TRUNCATED_SUFFIX.length)) + TRUNCATED_SUFFIX;
}

/** Envoy Gateway's ancestor priority rank: `Accepted=False` first, then `Overridden=True`, then the rest. */
function rank(entry: PolicyAncestorStatus): number {
  if (entry.conditions.some((c) => c.type === 'Accepted' && c.status === 'False')) return 0;
  if (entry.conditions.some((c) => c.type === 'Overridden' && c.status === 'True')) return 1;
  return 2;
}

/** The rank of an entry whose only condition is `cond` (a new one). */
const rankOfFirst = (cond: NewCondition): number => (cond.type === 'Accepted' && cond.status === 'False' ? 0 : cond.type === 'Overridden' && cond.status === 'True' ? 1 : 2);

/** Envoy Gateway's ancestor priority: rank, then namespace, then name. */
function compareAncestors(a: PolicyAncestorStatus, b: PolicyAncestorStatus): number {
  return compareRanked(a.ancestorRef as AncestorRef, rank(a), b.ancestorRef as AncestorRef, rank(b));
}

function compareRanked(a: AncestorRef, ra: number, b: AncestorRef, rb: number): number {
  if (ra !== rb) return ra - rb;
  const na = a.namespace ?? '';
  const nb = b.namespace ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The index of `ref`'s entry, or -1. */
function indexOf(b: AncestorStatusBuilder, ref: AncestorRef): number {
  const last = b.last;
  if (last >= 0 && sameRef(b.entries[last]!.ancestorRef as AncestorRef, ref)) return last;
  const i = b.entries.findIndex((e) => sameRef(e.ancestorRef as AncestorRef, ref));
  if (i >= 0) b.last = i;
  return i;
}

/** The entry a new one evicts from a full list: the first of the lowest priority. */
function worstIndex(b: AncestorStatusBuilder): number {
  if (b.worst >= 0) return b.worst;
  const { entries, ranks } = b;
  let worst = 0;
  for (let i = 1; i < entries.length; i++) {
    if (compareRanked(entries[i]!.ancestorRef as AncestorRef, ranks[i]!, entries[worst]!.ancestorRef as AncestorRef, ranks[worst]!) > 0) worst = i;
  }
  return (b.worst = worst);
}

/**
 * A new entry for `ref`, whose first condition ranks it `firstRank`: its index, or -1 when the
 * list keeps at most 17 and it is evicted at once. Envoy Gateway appends the entry, sets its
 * condition, and then, past 17 entries, evicts the first of the lowest priority. When the new
 * entry is strictly the lowest it goes at once and nothing else changes, so that case makes no
 * entry at all: on a policy with 500 Gateway targets most of them come and go so.
 */
function create(b: AncestorStatusBuilder, ref: AncestorRef, firstRank: number): number {
  const { entries, ranks } = b;
  if (entries.length >= SOFT_CAP) {
    const w = worstIndex(b);
    if (compareRanked(ref, firstRank, entries[w]!.ancestorRef as AncestorRef, ranks[w]!) > 0) {
      b.last = -1;
      return -1;
    }
    entries.splice(w, 1);
    ranks.splice(w, 1);
  }
  const ancestorRef: PolicyAncestorStatus['ancestorRef'] = { group: ref.group, kind: ref.kind, namespace: ref.namespace, name: ref.name };
  if (ref.sectionName) ancestorRef.sectionName = ref.sectionName;
  entries.push({ ancestorRef, controllerName: b.controllerName, conditions: [] });
  ranks.push(firstRank);
  b.worst = -1;
  return (b.last = entries.length - 1);
}

/** The entry of `ref`, made if needed with `first` as its first condition: its index, or -1 when it was evicted at once. */
function entryFor(b: AncestorStatusBuilder, ref: AncestorRef, first: NewCondition): number {
  const i = indexOf(b, ref);
  return i >= 0 ? i : create(b, ref, rankOfFirst(first));
}

function putCondition(entry: PolicyAncestorStatus, cond: NewCondition, generation: number | undefined): void {
  const next: Condition = { type: cond.type, status: cond.status, reason: cond.reason, message: truncateMessage(cond.message) };
  if (generation !== undefined) next.observedGeneration = generation;
  const i = entry.conditions.findIndex((c) => c.type === cond.type);
  if (i < 0) entry.conditions.push(next);
  else entry.conditions[i] = next;
}

/** Sets a condition on the entry at `i`, and its rank with it. */
function mergeCondition(b: AncestorStatusBuilder, i: number, cond: NewCondition): void {
  const entry = b.entries[i]!;
  putCondition(entry, cond, b.generation);
  if (cond.type === 'Accepted' || cond.type === 'Overridden') {
    const r = rank(entry);
    if (r !== b.ranks[i]) {
      b.ranks[i] = r;
      b.worst = -1;
    }
  }
}

const ACCEPTED: NewCondition = { type: 'Accepted', status: 'True', reason: 'Accepted', message: ACCEPTED_MESSAGE };

/** Set (or update in place) a condition on an ancestor, creating the ancestor entry if needed. */
export function setCondition(b: AncestorStatusBuilder, ref: AncestorRef, cond: NewCondition): void {
  const i = entryFor(b, ref, cond);
  if (i >= 0) mergeCondition(b, i, cond);
}

/** `Accepted=True`, written only when the ancestor has no Accepted condition yet. */
export function setAccepted(b: AncestorStatusBuilder, ref: AncestorRef): void {
  const i = entryFor(b, ref, ACCEPTED);
  if (i >= 0 && !b.entries[i]!.conditions.some((c) => c.type === 'Accepted')) mergeCondition(b, i, ACCEPTED);
}

/** A `Warning` condition; repeated warnings are combined rather than replaced. */
export function setWarning(b: AncestorStatusBuilder, ref: AncestorRef, reason: string, message: string): void {
  const fresh: NewCondition = { type: 'Warning', status: 'True', reason, message };
  const i = entryFor(b, ref, fresh);
  if (i < 0) return;
  const existing = b.entries[i]!.conditions.find((c) => c.type === 'Warning');
  if (existing) {
    if (existing.message === message || existing.message.includes(message)) return;
    const combined = message.includes(existing.message) ? message : `${existing.message}; ${message}`;
    mergeCondition(b, i, { type: 'Warning', status: 'True', reason: existing.reason === reason ? reason : 'Warnings', message: combined });
  } else {
    mergeCondition(b, i, fresh);
  }
}

/** The final cut: at most 16 ancestors, in priority order, the last one marked `Aggregated`. */
export function finishAncestors(b: AncestorStatusBuilder, now: string | undefined): PolicyAncestorStatus[] | null {
  let entries = b.entries;
  if (entries.length === 0) return null;
  if (entries.length > MAX_ANCESTORS) {
    entries = [...entries].sort(compareAncestors).slice(0, MAX_ANCESTORS);
    putCondition(entries[MAX_ANCESTORS - 1]!, { type: 'Aggregated', status: 'True', reason: 'Aggregated', message: AGGREGATED_MESSAGE }, b.generation);
  }
  if (now !== undefined) {
    for (const e of entries) for (const c of e.conditions) c.lastTransitionTime = now;
  }
  return entries;
}
