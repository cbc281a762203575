/**
 * Kubernetes strategic merge patch, with the patch metadata of the BackendTrafficPolicy Go types:
 * maps merge recursively and `null` deletes; lists are replaced wholesale, except the lists Envoy
 * Gateway tags `patchStrategy=merge, patchMergeKey=type` — `spec.compression`, `spec.compressor`
 * and `spec.httpUpgrade` — whose items merge by `type`.
 */
import { type JsonObject, cloneJson, isRecord, setOwn } from '../../lang/json.js';

/** Paths (from the policy root) of the lists that merge by key, and their key. */
const MERGE_KEYED_LISTS: Record<string, string> = {
  'spec.compression': 'type',
  'spec.compressor': 'type',
  'spec.httpUpgrade': 'type',
};

export function strategicMergePatch(original: unknown, patch: unknown, path = ''): unknown {
  if (!isRecord(patch)) {
    if (Array.isArray(patch) && Array.isArray(original) && Object.hasOwn(MERGE_KEYED_LISTS, path)) {
      return mergeKeyedList(original, patch, MERGE_KEYED_LISTS[path]!, path);
    }
    return cloneJson(patch);
  }
  // The original's keys keep their places (patched, deleted by `null`, or copied); new keys follow
  // in patch order. Each value is copied once, by whichever branch produces it.
  const out: JsonObject = {};
  const childPath = (key: string) => (path === '' ? key : `${path}.${key}`);
  const orig = isRecord(original) ? original : undefined;
  if (orig) {
    for (const key of Object.keys(orig)) {
      if (!hasOwn(patch, key)) setOwn(out, key, cloneJson(orig[key]));
      else if (patch[key] !== null) setOwn(out, key, strategicMergePatch(orig[key], patch[key], childPath(key)));
    }
  }
  for (const key of Object.keys(patch)) {
    if ((orig && hasOwn(orig, key)) || patch[key] === null) continue;
    setOwn(out, key, strategicMergePatch(undefined, patch[key], childPath(key)));
  }
  return out;
}

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/**
 * Items with the same key merge; new patch items come first, then parent-only items; items present
 * in both keep the parent's relative order where that does not contradict the patch order.
 */
function mergeKeyedList(original: unknown[], patch: unknown[], mergeKey: string, path: string): unknown[] {
  const keyOf = (item: unknown): unknown => (isRecord(item) ? item[mergeKey] : undefined);
  const merged: unknown[] = original.map((item) => cloneJson(item));
  for (const item of patch) {
    const k = keyOf(item);
    const i = k === undefined ? -1 : merged.findIndex((m) => keyOf(m) === k);
    if (i >= 0) merged[i] = strategicMergePatch(merged[i], item, `${path}[]`);
    else merged.push(cloneJson(item));
  }
  const patchKeys = patch.map(keyOf);
  const parentKeys = original.map(keyOf);
  const inPatch = merged.filter((m) => patchKeys.includes(keyOf(m)));
  inPatch.sort((a, b) => patchKeys.indexOf(keyOf(a)) - patchKeys.indexOf(keyOf(b)));
  const parentOnly = merged.filter((m) => !patchKeys.includes(keyOf(m)));
  const out: unknown[] = [];
  let p = 0;
  let s = 0;
  while (p < inPatch.length && s < parentOnly.length) {
    const pi = parentKeys.indexOf(keyOf(inPatch[p]));
    const si = parentKeys.indexOf(keyOf(parentOnly[s]));
    if (pi >= 0 && si >= 0 && si < pi) out.push(parentOnly[s++]);
    else out.push(inPatch[p++]);
  }
  while (p < inPatch.length) out.push(inPatch[p++]);
  while (s < parentOnly.length) out.push(parentOnly[s++]);
  return out;
}
