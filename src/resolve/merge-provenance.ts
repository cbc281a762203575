/**
 * Provenance of a merged policy: for every leaf of the merged settings, whether the route policy
 * or the parent policy supplied it. A leaf comes from the route policy when the route alone yields
 * the same value, else from the parent when the parent alone does; values only the merge produces
 * are the route's. List items are matched by content, since a merge reorders keyed lists.
 */
import equal from 'fast-deep-equal';
import type { ObjectRef } from './types.js';

/** Leaf path → the policy that supplied it. */
export function attributeMerged(merged: unknown, fromRoute: unknown, fromParent: unknown, route: ObjectRef, parent: ObjectRef): Record<string, ObjectRef> {
  const out: Record<string, ObjectRef> = {};
  attribute(merged, fromRoute, fromParent, '', route, parent, out);
  return out;
}

function attribute(merged: unknown, fromRoute: unknown, fromParent: unknown, path: string, route: ObjectRef, parent: ObjectRef, out: Record<string, ObjectRef>): void {
  if (Array.isArray(merged) && merged.length > 0) {
    merged.forEach((item, i) => {
      // Keyed-list items (compression, httpUpgrade) are matched by `type`, the merge key: their
      // other fields (chooseFirst) depend on the position the merge gave them.
      const keyOf = (x: unknown): unknown => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as { type?: unknown }).type : undefined);
      const same = (x: unknown): boolean => (typeof keyOf(item) === 'string' ? keyOf(x) === keyOf(item) : equal(x, item));
      const inRoute = Array.isArray(fromRoute) ? fromRoute.find(same) : undefined;
      const inParent = Array.isArray(fromParent) ? fromParent.find(same) : undefined;
      if (inRoute !== undefined || inParent !== undefined) attribute(item, inRoute, inParent, `${path}[${i}]`, route, parent, out);
      else attribute(item, Array.isArray(fromRoute) ? fromRoute[i] : undefined, Array.isArray(fromParent) ? fromParent[i] : undefined, `${path}[${i}]`, route, parent, out);
    });
    return;
  }
  if (merged !== null && typeof merged === 'object' && !Array.isArray(merged) && Object.keys(merged).length > 0) {
    const child = (v: unknown, k: string) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined);
    for (const k of Object.keys(merged)) {
      attribute((merged as Record<string, unknown>)[k], child(fromRoute, k), child(fromParent, k), path ? `${path}.${k}` : k, route, parent, out);
    }
    return;
  }
  if (!path) return;
  out[path] = equal(merged, fromRoute) ? route : equal(merged, fromParent) ? parent : route;
}
