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
  /**
   * The entry found or made last: a policy's targets mostly come one route after another under
   * the same Gateway, so most lookups are of the last ancestor (the list holds up to 17).
   */
  last: PolicyAncestorStatus | undefined;
}

export const newStatusBuilder = (controllerName: string, generation?: number): AncestorStatusBuilder => {
  const b: AncestorStatusBuilder = { controllerName, entries: [], last: undefined };
  if (generation !== undefined) b.generation = generation;
  return b;
};

const sameRef = (a: AncestorRef, b: AncestorRef): boolean =>
  a.group === b.group && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name && (a.sectionName ?? '') === (b.sectionName ?? '');

function truncateMessage(message: string): string {
  if (message.length * 3 <= MAX_MESSAGE_BYTES) return message; // cannot exceed the limit in UTF-8
  const bytes = new TextEncoder().encode(message);
  if (bytes.length <= MAX_MESSAGE_BYTES) return message;
  // Go cuts bytes; a cut inside a multi-byte character becomes U+FFFD here.
  return new TextDecoder().decode(bytes.subarray(0, MAX_MESSAGE_BYTES - TRUNCATED_SUFFIX.length)) + TRUNCATED_SUFFIX;
}

function rank(entry: PolicyAncestorStatus): number {
  if (entry.conditions.some((c) => c.type === 'Accepted' && c.status === 'False')) return 0;
  if (entry.conditions.some((c) => c.type === 'Overridden' && c.status === 'True')) return 1;
  return 2;
}

/** Envoy Gateway's ancestor priority: rank, then namespace, then name. */
function compareAncestors(a: PolicyAncestorStatus, b: PolicyAncestorStatus): number {
  return compareRanked(a, rank(a), b, rank(b));
}

function compareRanked(a: PolicyAncestorStatus, ra: number, b: PolicyAncestorStatus, rb: number): number {
  if (ra !== rb) return ra - rb;
  const na = a.ancestorRef.namespace ?? '';
  const nb = b.ancestorRef.namespace ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  return a.ancestorRef.name < b.ancestorRef.name ? -1 : a.ancestorRef.name > b.ancestorRef.name ? 1 : 0;
}

function findOrCreate(b: AncestorStatusBuilder, ref: AncestorRef): PolicyAncestorStatus {
  const last = b.last;
  if (last !== undefined && sameRef(last.ancestorRef as AncestorRef, ref)) return last;
  const existing = b.entries.find((e) => e.controllerName === b.controllerName && sameRef(e.ancestorRef as AncestorRef, ref));
  if (existing) return (b.last = existing);
  const ancestorRef: AncestorRef = { group: ref.group, kind: ref.kind, namespace: ref.namespace, name: ref.name };
  if (ref.sectionName) ancestorRef.sectionName = ref.sectionName;
  const entry: PolicyAncestorStatus = { ancestorRef: { ...ancestorRef }, controllerName: b.controllerName, conditions: [] };
  b.entries.push(entry);
  return (b.last = entry);
}

/** After an entry was appended: keep at most 17 by evicting the lowest-priority one. */
function boundEntries(b: AncestorStatusBuilder): void {
  if (b.entries.length <= SOFT_CAP) return;
  // Each entry's rank read once (a policy with many ancestors evicts one per new ancestor).
  let worst = 0;
  let worstRank = rank(b.entries[0]!);
  for (let i = 1; i < b.entries.length; i++) {
    const r = rank(b.entries[i]!);
    if (compareRanked(b.entries[i]!, r, b.entries[worst]!, worstRank) > 0) {
      worst = i;
      worstRank = r;
    }
  }
  if (b.entries[worst] === b.last) b.last = undefined;
  b.entries.splice(worst, 1);
}

function mergeCondition(entry: PolicyAncestorStatus, cond: NewCondition, generation: number | undefined): void {
  const next: Condition = { type: cond.type, status: cond.status, reason: cond.reason, message: truncateMessage(cond.message) };
  if (generation !== undefined) next.observedGeneration = generation;
  const i = entry.conditions.findIndex((c) => c.type === cond.type);
  if (i < 0) entry.conditions.push(next);
  else entry.conditions[i] = next;
}

/** Set (or update in place) a condition on an ancestor, creating the ancestor entry if needed. */
export function setCondition(b: AncestorStatusBuilder, ref: AncestorRef, cond: NewCondition): void {
  const before = b.entries.length;
  const entry = findOrCreate(b, ref);
  mergeCondition(entry, cond, b.generation);
  if (b.entries.length > before) boundEntries(b);
}

/** `Accepted=True`, written only when the ancestor has no Accepted condition yet. */
export function setAccepted(b: AncestorStatusBuilder, ref: AncestorRef): void {
  const before = b.entries.length;
  const entry = findOrCreate(b, ref);
  if (!entry.conditions.some((c) => c.type === 'Accepted')) {
    mergeCondition(entry, { type: 'Accepted', status: 'True', reason: 'Accepted', message: ACCEPTED_MESSAGE }, b.generation);
  }
  if (b.entries.length > before) boundEntries(b);
}

/** A `Warning` condition; repeated warnings are combined rather than replaced. */
export function setWarning(b: AncestorStatusBuilder, ref: AncestorRef, reason: string, message: string): void {
  const before = b.entries.length;
  const entry = findOrCreate(b, ref);
  const existing = entry.conditions.find((c) => c.type === 'Warning');
  if (existing) {
    if (existing.message === message || existing.message.includes(message)) return;
    const combined = message.includes(existing.message) ? message : `${existing.message}; ${message}`;
    mergeCondition(entry, { type: 'Warning', status: 'True', reason: existing.reason === reason ? reason : 'Warnings', message: combined }, b.generation);
  } else {
    mergeCondition(entry, { type: 'Warning', status: 'True', reason, message }, b.generation);
  }
  if (b.entries.length > before) boundEntries(b);
}

/** The final cut: at most 16 ancestors, in priority order, the last one marked `Aggregated`. */
export function finishAncestors(b: AncestorStatusBuilder, now: string | undefined): PolicyAncestorStatus[] | null {
  let entries = b.entries;
  if (entries.length === 0) return null;
  if (entries.length > MAX_ANCESTORS) {
    entries = [...entries].sort(compareAncestors).slice(0, MAX_ANCESTORS);
    mergeCondition(entries[MAX_ANCESTORS - 1]!, { type: 'Aggregated', status: 'True', reason: 'Aggregated', message: AGGREGATED_MESSAGE }, b.generation);
  }
  if (now !== undefined) {
    for (const e of entries) for (const c of e.conditions) c.lastTransitionTime = now;
  }
  return entries;
}
