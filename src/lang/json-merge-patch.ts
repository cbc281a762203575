/**
 * JSON Merge Patch (RFC 7396): objects merge recursively, `null` deletes a key, and every other
 * value — arrays included — replaces the original wholesale.
 *
 * Total on plain data: any depth (the recursion runs on the heap, `deep-call.ts`), `Date`s copied
 * rather than shared with the input, an object of the patch that contains itself cut where the
 * cycle closes (as `cloneJson` does), and the inputs never changed.
 */
import { deepCall, runDeep, type Deep } from './deep-call.js';
import { type JsonObject, cloneJson, isRecord, setOwn } from './json.js';

export function jsonMergePatch(original: unknown, patch: unknown): unknown {
  return runDeep(merge(original, patch, new Set()));
}

/** One level: the original's keys keep their places (merged, deleted by `null`, or copied); new keys follow in patch order. */
function* merge(original: unknown, patch: unknown, onPath: Set<object>): Deep<unknown> {
  if (!isRecord(patch)) return cloneJson(patch);
  if (onPath.has(patch)) return undefined;
  onPath.add(patch);
  const out: JsonObject = {};
  const orig = isRecord(original) ? original : undefined;
  if (orig) {
    for (const key of Object.keys(orig)) {
      if (!Object.hasOwn(patch, key)) setOwn(out, key, cloneJson(orig[key]));
      else if (patch[key] !== null) setOwn(out, key, yield deepCall(() => merge(orig[key], patch[key], onPath)));
    }
  }
  for (const key of Object.keys(patch)) {
    if ((orig && Object.hasOwn(orig, key)) || patch[key] === null) continue;
    setOwn(out, key, yield deepCall(() => merge(undefined, patch[key], onPath)));
  }
  onPath.delete(patch);
  return out;
}
