/**
 * Kubernetes strategic merge patch, with the patch metadata of the BackendTrafficPolicy Go types:
 * maps merge recursively and `null` deletes; lists are replaced wholesale, except the lists Envoy
 * Gateway tags `patchStrategy=merge, patchMergeKey=type` — `spec.compression`, `spec.compressor`
 * and `spec.httpUpgrade` — whose items merge by `type`.
 */
import { type JsonObject, cloneJson, isObject, setOwn } from './json-value.js';

/** Paths (from the policy root) of the lists that merge by key, and their key. */
const MERGE_KEYED_LISTS: Record<string, string> = {
  'spec.compression': 'type',
  'spec.compressor': 'type',
  'spec.httpUpgrade': 'type',
};

export function strategicMergePatch(original: unknown, patch: unknown, path = ''): unknown {
  if (!isObject(patch)) {
    if (Array.isArray(patch) && Array.isArray(original) && MERGE_KEYED_LISTS[path] !== undefined) {
      return mergeKeyedList(original, patch, MERGE_KEYED_LISTS[path]!, path);
    }
    return cloneJson(patch);
  }
  const out: JsonObject = isObject(original) ? (cloneJson(original) as JsonObject) : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    const childPath = path === '' ? key : `${path}.${key}`;
    if (value === null) delete out[key];
    else setOwn(out, key, strategicMergePatch(Object.prototype.hasOwnProperty.call(out, key) ? out[key] : undefined, value, childPath));
  }
  return out;
}

/**
 * Items with the same key merge; new patch items come first, then parent-only items; items present
 * in both keep the parent's relative order where that does not contradict the patch order.
 */
function mergeKeyedList(original: unknown[], patch: unknown[], mergeKey: string, path: string): unknown[] {
  const keyOf = (item: unknown): unknown => (isObject(item) ? item[mergeKey] : undefined);
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
