/**
 * The status a controller writes to a BackendTrafficPolicy: it owns the `status.ancestors`
 * entries with its `controllerName` and keeps every other controller's.
 */
import { isDeepStrictEqual } from 'node:util';
import type { PolicyAncestorStatus, PolicyResult } from 'backend-traffic-policy';

type Entry = Record<string, unknown>;

const isEntry = (v: unknown): v is Entry => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The stored `status.ancestors` entries, split into ours and everyone else's (kept as stored). */
export function storedAncestors(object: unknown, controllerName: string): { ours: Entry[]; others: unknown[] } {
  const status = isEntry(object) ? object.status : undefined;
  const ancestors = isEntry(status) && Array.isArray(status.ancestors) ? status.ancestors : [];
  const ours = ancestors.filter((a): a is Entry => isEntry(a) && a.controllerName === controllerName);
  return { ours, others: ancestors.filter((a) => !(isEntry(a) && a.controllerName === controllerName)) };
}

/**
 * The API server fills a ParentReference's defaulted fields (`group`, `kind`) and drops
 * `undefined`s: compare what it would store.
 */
function canonicalRef(ref: unknown): unknown {
  const r = isEntry(ref) ? ref : {};
  return JSON.parse(JSON.stringify({ group: 'gateway.networking.k8s.io', kind: 'Gateway', ...r }));
}

const sameRef = (a: unknown, b: unknown): boolean => isDeepStrictEqual(canonicalRef(a), canonicalRef(b));

/**
 * Our entries as they should be stored: the resolution's, each condition keeping its stored
 * `lastTransitionTime` while its `status` is unchanged (Kubernetes condition semantics), `now`
 * otherwise.
 */
export function ourAncestors(computed: PolicyResult['status'], stored: readonly Entry[], now: string): PolicyAncestorStatus[] {
  return (computed.ancestors ?? []).map((ancestor) => {
    const before = stored.find((s) => sameRef(s.ancestorRef, ancestor.ancestorRef));
    const storedConditions = before && Array.isArray(before.conditions) ? before.conditions.filter(isEntry) : [];
    const conditions = ancestor.conditions.map((c) => {
      const old = storedConditions.find((o) => o.type === c.type);
      const kept = old && old.status === c.status && typeof old.lastTransitionTime === 'string' ? old.lastTransitionTime : now;
      return { ...c, lastTransitionTime: kept };
    });
    return { ...ancestor, conditions };
  });
}

/** Whether the stored entries already say what ours say (ancestor refs compared as the server stores them). */
export function sameAncestors(stored: readonly Entry[], ours: readonly PolicyAncestorStatus[]): boolean {
  const canonical = (a: Entry | PolicyAncestorStatus) => JSON.parse(JSON.stringify({ ...a, ancestorRef: canonicalRef(a.ancestorRef) }));
  return stored.length === ours.length && stored.every((s, i) => isDeepStrictEqual(canonical(s), canonical(ours[i]!)));
}
