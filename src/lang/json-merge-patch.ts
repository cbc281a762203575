/**
 * JSON Merge Patch (RFC 7396): objects merge recursively, `null` deletes a key, and every other
 * value — arrays included — replaces the original wholesale.
 */
import { type JsonObject, cloneJson, isRecord, setOwn } from './json.js';

export function jsonMergePatch(original: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return cloneJson(patch);
  const out: JsonObject = isRecord(original) ? (cloneJson(original) as JsonObject) : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) delete out[key];
    else setOwn(out, key, jsonMergePatch(Object.prototype.hasOwnProperty.call(out, key) ? out[key] : undefined, value));
  }
  return out;
}
