/**
 * JSON Merge Patch (RFC 7396): objects merge recursively, `null` deletes a key, and every other
 * value — arrays included — replaces the original wholesale.
 *
 * Total on plain data: any depth (the recursion runs on an explicit stack), `Date`s copied
 * rather than shared with the input, an object of the patch that contains itself cut where the
 * cycle closes (as `cloneJson` does), and the inputs never changed.
 */
import { type JsonObject, cloneJson, isRecord, setOwn } from './json.js';

/** One object of the patch being merged: its keys (the original's, then the patch's) and where the next one is. */
interface Frame {
  original: JsonObject | undefined;
  patch: JsonObject;
  out: JsonObject;
  keys: string[];
  /** How many of `keys` are the original's. */
  originalKeys: number;
  next: number;
  /**
   * The patches of ancestors that left the stack early (their last key led here): they are on the
   * path until this frame is done too. One list along a chain of last keys.
   */
  done: JsonObject[] | undefined;
}

/**
 * The original's keys keep their places (merged, deleted by `null`, or copied); new keys follow in
 * patch order. Each nested object of the patch is a frame on an explicit stack, and its result
 * object is placed in its parent before it is filled, so the keys keep that order at any depth.
 */
export function jsonMergePatch(original: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return cloneJson(patch);
  const onPath = new Set<object>();
  const open = (orig: unknown, p: JsonObject): Frame => {
    onPath.add(p);
    const o = isRecord(orig) ? orig : undefined;
    // One list of keys per level, made once (a patch may nest as deep as it is long).
    const keys = Object.keys(p);
    if (!o) return { original: o, patch: p, out: {}, keys, originalKeys: 0, next: 0, done: undefined };
    const originalKeys = Object.keys(o);
    return { original: o, patch: p, out: {}, keys: originalKeys.concat(keys), originalKeys: originalKeys.length, next: 0, done: undefined };
  };
  const root = open(original, patch);
  const stack: Frame[] = [root];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next === frame.keys.length) {
      onPath.delete(frame.patch);
      if (frame.done) for (const p of frame.done) onPath.delete(p);
      stack.pop();
      continue;
    }
    const i = frame.next++;
    const key = frame.keys[i]!;
    const { original: orig, patch: p, out } = frame;
    if (i < frame.originalKeys) {
      if (!Object.hasOwn(p, key)) {
        setOwn(out, key, cloneJson(orig![key]));
        continue;
      }
    } else if (orig && Object.hasOwn(orig, key)) continue; // merged with the original's keys
    const value = p[key];
    if (value === null) continue; // deletes
    if (!isRecord(value)) setOwn(out, key, cloneJson(value));
    else if (onPath.has(value)) setOwn(out, key, undefined); // a patch object inside itself: cut where the cycle closes
    else {
      const child = open(i < frame.originalKeys ? orig![key] : undefined, value);
      setOwn(out, key, child.out);
      if (frame.next === frame.keys.length) {
        // The frame's last key: it has nothing left to do, so the child takes its place. A patch
        // nested n deep then holds one frame, not n: at 160,000 levels the frames were most of
        // what was alive, and the engine's collections grew faster than linear with them.
        stack.pop();
        (child.done = frame.done ?? []).push(frame.patch);
      }
      stack.push(child);
    }
  }
  return root.out;
}
