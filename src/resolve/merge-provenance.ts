/**
 * Provenance of a merged policy: for every leaf of the merged settings, whether the route policy
 * or the parent policy supplied it. A leaf comes from the route policy when the route alone yields
 * the same value, else from the parent when the parent alone does; values only the merge produces
 * are the route's. List items are matched by content, since a merge reorders keyed lists.
 */
import { canonicalJson, isRecord, jsonEqual } from '../lang/json.js';
import type { ObjectRef } from './types.js';

/** Leaf path → the policy that supplied it. */
export function attributeMerged(merged: unknown, fromRoute: unknown, fromParent: unknown, route: ObjectRef, parent: ObjectRef): Record<string, ObjectRef> {
  const out: Record<string, ObjectRef> = {};
  attribute(merged, fromRoute, fromParent, '', route, parent, out);
  return out;
}

function attribute(merged: unknown, fromRoute: unknown, fromParent: unknown, path: string, route: ObjectRef, parent: ObjectRef, out: Record<string, ObjectRef>): void {
  if (Array.isArray(merged) && merged.length > 0) {
    const inRoute = Array.isArray(fromRoute) ? new ListItems(fromRoute) : undefined;
    const inParent = Array.isArray(fromParent) ? new ListItems(fromParent) : undefined;
    for (let i = 0; i < merged.length; i++) {
      const item: unknown = merged[i];
      const r = inRoute?.find(item);
      const p = inParent?.find(item);
      if (r !== undefined || p !== undefined) attribute(item, r, p, `${path}[${i}]`, route, parent, out);
      else attribute(item, inRoute?.at(i), inParent?.at(i), `${path}[${i}]`, route, parent, out);
    }
    return;
  }
  if (merged !== null && typeof merged === 'object' && !Array.isArray(merged)) {
    const keys = Object.keys(merged);
    if (keys.length > 0) {
      // Each side's counterpart object, if it has one (a merged translation is walked once per
      // route policy and parent: no closure or second key list per level).
      const inRoute = isRecord(fromRoute) ? fromRoute : undefined;
      const inParent = isRecord(fromParent) ? fromParent : undefined;
      for (const k of keys) {
        attribute((merged as Record<string, unknown>)[k], inRoute?.[k], inParent?.[k], path ? `${path}.${k}` : k, route, parent, out);
      }
      return;
    }
  }
  if (!path) return;
  out[path] = jsonEqual(merged, fromRoute) ? route : jsonEqual(merged, fromParent) ? parent : route;
}

const SCAN_BELOW = 8;

/** The merge key of a keyed-list item (compression, httpUpgrade): its `type`. */
const mergeKey = (x: unknown): string | undefined => (isRecord(x) && typeof x.type === 'string' ? x.type : undefined);

/**
 * One policy's own list, to find the counterpart of a merged item: keyed items (compression,
 * httpUpgrade) by `type`, the merge key — their other fields (chooseFirst) depend on the position
 * the merge gave them — and other items by value. Each lookup is a hash access, so a merged list
 * is attributed in linear time; the first of equal items wins.
 */
class ListItems {
  private byKey?: Map<string, unknown>;
  private byValue?: Map<string, unknown>;

  constructor(private readonly items: readonly unknown[]) {}

  at(i: number): unknown {
    return this.items[i];
  }

  find(item: unknown): unknown {
    const key = mergeKey(item);
    // A short list is scanned: building its index would cost more than it saves.
    if (this.items.length <= SCAN_BELOW) return key !== undefined ? this.items.find((x) => mergeKey(x) === key) : this.items.find((x) => jsonEqual(x, item));
    if (key !== undefined) {
      if (!this.byKey) this.byKey = firstBy(this.items, mergeKey);
      return this.byKey.get(key);
    }
    if (!this.byValue) this.byValue = firstBy(this.items, canonicalJson);
    return this.byValue.get(canonicalJson(item));
  }
}

function firstBy(items: readonly unknown[], keyOf: (x: unknown) => string | undefined): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const x of items) {
    const k = keyOf(x);
    if (k !== undefined && !out.has(k)) out.set(k, x);
  }
  return out;
}
