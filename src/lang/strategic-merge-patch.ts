/**
 * Kubernetes strategic merge patch over plain JSON: maps merge recursively and `null` deletes a
 * key; lists are replaced wholesale, except the lists the Go types tag `patchStrategy=merge` with
 * a `patchMergeKey`, whose items merge by that key. Which lists those are is the caller's
 * (`keyedLists`: the path from the root, e.g. `spec.httpUpgrade`, → the merge key).
 *
 * Total on plain data, as `jsonMergePatch` is: any depth, `Date`s copied, cycles of the patch cut.
 */
import { deepCall, runDeep, type Deep } from './deep-call.js';
import { type JsonObject, cloneJson, isRecord, setOwn } from './json.js';

export function strategicMerge(original: unknown, patch: unknown, keyedLists: Readonly<Record<string, string>>): unknown {
  return runDeep(merge(original, patch, keyedLists, '', new Set()));
}

/**
 * The path of a child, or `undefined` once no keyed list can be at or below it: a patch nested
 * 20,000 deep would otherwise build (and compare) a path of its depth at every level.
 */
function childPathOf(keyedLists: Readonly<Record<string, string>>, path: string | undefined, step: string): string | undefined {
  if (path === undefined) return undefined;
  const child = path === '' ? step : step === '[]' ? `${path}[]` : `${path}.${step}`;
  for (const keyed of Object.keys(keyedLists)) {
    if (keyed === child || keyed.startsWith(`${child}.`) || keyed.startsWith(`${child}[]`)) return child;
  }
  return undefined;
}

function* merge(original: unknown, patch: unknown, keyedLists: Readonly<Record<string, string>>, path: string | undefined, onPath: Set<object>): Deep<unknown> {
  if (!isRecord(patch)) {
    if (Array.isArray(patch) && Array.isArray(original) && path !== undefined && Object.hasOwn(keyedLists, path)) {
      if (onPath.has(patch)) return undefined;
      onPath.add(patch);
      const list = yield* mergeKeyedList(original, patch, keyedLists[path]!, (o, p) => merge(o, p, keyedLists, childPathOf(keyedLists, path, '[]'), onPath));
      onPath.delete(patch);
      return list;
    }
    return cloneJson(patch);
  }
  if (onPath.has(patch)) return undefined;
  onPath.add(patch);
  // The original's keys keep their places (patched, deleted by `null`, or copied); new keys follow
  // in patch order. Each value is copied once, by whichever branch produces it.
  const out: JsonObject = {};
  const childPath = (key: string) => childPathOf(keyedLists, path, key);
  const orig = isRecord(original) ? original : undefined;
  if (orig) {
    for (const key of Object.keys(orig)) {
      if (!Object.hasOwn(patch, key)) setOwn(out, key, cloneJson(orig[key]));
      else if (patch[key] !== null) setOwn(out, key, yield deepCall(() => merge(orig[key], patch[key], keyedLists, childPath(key), onPath)));
    }
  }
  for (const key of Object.keys(patch)) {
    if ((orig && Object.hasOwn(orig, key)) || patch[key] === null) continue;
    setOwn(out, key, yield deepCall(() => merge(undefined, patch[key], keyedLists, childPath(key), onPath)));
  }
  onPath.delete(patch);
  return out;
}

/**
 * A keyed list: items with the same key merge (`mergeItem`); new patch items come first, then
 * parent-only items; items present in both keep the parent's relative order where that does not
 * contradict the patch order. Items are found by key through maps, so the work is linear in the
 * lists' lengths (plus one sort of the patched items).
 */
function* mergeKeyedList(original: unknown[], patch: unknown[], mergeKey: string, mergeItem: (original: unknown, patch: unknown) => Deep<unknown>): Deep<unknown[]> {
  const keyOf = (item: unknown): unknown => (isRecord(item) ? item[mergeKey] : undefined);
  const firstIndex = (items: readonly unknown[]): Map<unknown, number> => {
    const index = new Map<unknown, number>();
    items.forEach((item, i) => {
      const k = keyOf(item);
      if (!index.has(k)) index.set(k, i);
    });
    return index;
  };
  const merged: unknown[] = original.map((item) => cloneJson(item));
  // Where each key first stands in `merged` (items without a key never match).
  const inMerged = firstIndex(merged);
  inMerged.delete(undefined);
  for (const item of patch) {
    const k = keyOf(item);
    const i = k === undefined ? undefined : inMerged.get(k);
    if (i !== undefined) {
      const into = merged[i];
      merged[i] = yield deepCall(() => mergeItem(into, item));
    }
    else {
      if (k !== undefined) inMerged.set(k, merged.length);
      merged.push(cloneJson(item));
    }
  }
  const inPatchOrder = firstIndex(patch);
  const inParentOrder = firstIndex(original);
  const fromPatch = merged.filter((m) => inPatchOrder.has(keyOf(m)));
  fromPatch.sort((a, b) => inPatchOrder.get(keyOf(a))! - inPatchOrder.get(keyOf(b))!);
  const parentOnly = merged.filter((m) => !inPatchOrder.has(keyOf(m)));
  const out: unknown[] = [];
  let p = 0;
  let s = 0;
  while (p < fromPatch.length && s < parentOnly.length) {
    const pi = inParentOrder.get(keyOf(fromPatch[p]));
    const si = inParentOrder.get(keyOf(parentOnly[s]));
    if (pi !== undefined && si !== undefined && si < pi) out.push(parentOnly[s++]);
    else out.push(fromPatch[p++]);
  }
  while (p < fromPatch.length) out.push(fromPatch[p++]);
  while (s < parentOnly.length) out.push(parentOnly[s++]);
  return out;
}
