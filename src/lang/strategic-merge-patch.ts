/**
 * Kubernetes strategic merge patch over plain JSON: maps merge recursively and `null` deletes a
 * key; lists are replaced wholesale, except the lists the Go types tag `patchStrategy=merge` with
 * a `patchMergeKey`, whose items merge by that key. Which lists those are is the caller's
 * (`keyedLists`: the path from the root, e.g. `spec.httpUpgrade`, → the merge key).
 *
 * Total on plain data, as `jsonMergePatch` is: any depth, `Date`s copied, cycles of the patch cut.
 */
import { type JsonObject, cloneJson, isRecord, setOwn } from './json.js';

/** A merge a frame needs done before it can go on: its result comes back to that frame. */
interface Task {
  original: unknown;
  patch: unknown;
  path: string | undefined;
}

/**
 * A merge in progress. `next` takes the result of the task it last asked for, and returns the
 * next task, or `undefined` once its `result` is set. A patch nests as deep as it likes, so the
 * pending merges are frames on an array, not calls on the stack (a 20,000-deep patch overflowed
 * it); generators did that too, but V8's cost for hundreds of thousands of suspended generators
 * grows faster than their number.
 */
interface Frame {
  /** The patch object (map or keyed list) it merges: on the path until the frame is done. */
  readonly patch: object;
  next(received: unknown): Task | undefined;
  result: unknown;
}

export function strategicMerge(original: unknown, patch: unknown, keyedLists: Readonly<Record<string, string>>): unknown {
  // The patch objects being merged, to cut cycles.
  const onPath = new Set<object>();
  /** The frame of a merge, or its value when it needs none. */
  const open = (o: unknown, p: unknown, path: string | undefined): Frame | { value: unknown } => {
    if (!isRecord(p)) {
      if (Array.isArray(p) && Array.isArray(o) && path !== undefined && Object.hasOwn(keyedLists, path)) {
        if (onPath.has(p)) return { value: undefined };
        onPath.add(p);
        return new KeyedListMerge(o, p, keyedLists[path]!, childPathOf(keyedLists, path, '[]'));
      }
      return { value: cloneJson(p) };
    }
    if (onPath.has(p)) return { value: undefined };
    onPath.add(p);
    return new ObjectMerge(o, p, path, keyedLists);
  };
  const root = open(original, patch, '');
  if ('value' in root) return root.value;
  const stack: Frame[] = [root];
  let received: unknown;
  for (;;) {
    const top = stack[stack.length - 1]!;
    const task = top.next(received);
    received = undefined;
    if (task) {
      const child = open(task.original, task.patch, task.path);
      if ('value' in child) received = child.value;
      else {
        if (top instanceof ObjectMerge && child instanceof ObjectMerge && top.askedLast()) {
          // A map's last key is a map: the parent takes the child's result object now (the child
          // fills it) and has nothing left to do, so the child takes its place on the stack and
          // answers for it. A patch nested n deep then holds one frame, not n: at 160,000 levels
          // the frames were most of what was alive, and the engine's collections grew faster
          // than linear with them.
          top.place(child.out);
          stack.pop();
          child.standIn(top);
        }
        stack.push(child);
      }
      continue;
    }
    stack.pop();
    onPath.delete(top.patch);
    let result = top.result;
    if (top instanceof ObjectMerge && top.answersFor) {
      for (const p of top.answersFor.patches) onPath.delete(p);
      result = top.answersFor.result;
    }
    if (stack.length === 0) return result;
    received = result;
  }
}

/**
 * Two maps. The original's keys keep their places (patched, deleted by `null`, or copied); new
 * keys follow in patch order. Each value is copied once, by whichever branch produces it.
 */
class ObjectMerge implements Frame {
  result: unknown;
  readonly out: JsonObject = {};
  /**
   * Set when it stands in for ancestors that left the stack early (each one's last key led
   * here): their patches, on the path until it is done, and the result to answer with (the
   * outermost one's).
   */
  answersFor: { patches: object[]; result: unknown } | undefined = undefined;
  private readonly orig: JsonObject | undefined;
  /** The original's keys, then the patch's. */
  private readonly keys: string[];
  private readonly originalKeys: number;
  private i = 0;
  /** The key whose merged value the last task computes. */
  private pending: string | undefined;

  constructor(
    original: unknown,
    readonly patch: JsonObject,
    private readonly path: string | undefined,
    private readonly keyedLists: Readonly<Record<string, string>>,
  ) {
    this.orig = isRecord(original) ? original : undefined;
    const patchKeys = Object.keys(patch);
    const origKeys = this.orig ? Object.keys(this.orig) : [];
    this.keys = origKeys.length === 0 ? patchKeys : origKeys.concat(patchKeys);
    this.originalKeys = origKeys.length;
  }

  next(received: unknown): Task | undefined {
    const { out, orig, patch } = this;
    if (this.pending !== undefined) {
      setOwn(out, this.pending, received);
      this.pending = undefined;
    }
    while (this.i < this.keys.length) {
      const fromOriginal = this.i < this.originalKeys;
      const key = this.keys[this.i++]!;
      if (fromOriginal) {
        if (!Object.hasOwn(patch, key)) setOwn(out, key, cloneJson(orig![key]));
        else if (patch[key] !== null) return this.ask(key, orig![key]);
      } else if (!(orig && Object.hasOwn(orig, key)) && patch[key] !== null) return this.ask(key, undefined);
    }
    this.result = out;
    return undefined;
  }

  /** Whether the task it last asked for was for its last key. */
  askedLast(): boolean {
    return this.pending !== undefined && this.i === this.keys.length;
  }

  /** The result of the task it last asked for, placed before it is filled; its own result is then complete. */
  place(value: unknown): void {
    setOwn(this.out, this.pending!, value);
    this.pending = undefined;
    this.result = this.out;
  }

  /** Takes the place of `parent`, which placed this merge's result as its last key. */
  standIn(parent: ObjectMerge): void {
    const outer = parent.answersFor ?? { patches: [], result: parent.result };
    outer.patches.push(parent.patch);
    this.answersFor = outer;
  }

  private ask(key: string, original: unknown): Task {
    this.pending = key;
    return { original, patch: this.patch[key], path: childPathOf(this.keyedLists, this.path, key) };
  }
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

/**
 * A keyed list: items with the same key merge; new patch items come first, then parent-only
 * items; items present in both keep the parent's relative order where that does not contradict
 * the patch order. Items are found by key through maps, so the work is linear in the lists'
 * lengths (plus one sort of the patched items).
 */
class KeyedListMerge implements Frame {
  result: unknown;
  private readonly merged: unknown[];
  /** Where each key first stands in `merged` (items without a key never match). */
  private readonly inMerged: Map<unknown, number>;
  private i = 0;
  /** The index in `merged` whose merged item the last task computes. */
  private pending: number | undefined;

  constructor(
    private readonly original: unknown[],
    readonly patch: unknown[],
    private readonly mergeKey: string,
    private readonly itemPath: string | undefined,
  ) {
    this.merged = original.map((item) => cloneJson(item));
    this.inMerged = this.firstIndex(this.merged);
    this.inMerged.delete(undefined);
  }

  next(received: unknown): Task | undefined {
    const { merged, inMerged } = this;
    if (this.pending !== undefined) {
      merged[this.pending] = received;
      this.pending = undefined;
    }
    while (this.i < this.patch.length) {
      const item = this.patch[this.i++];
      const k = this.keyOf(item);
      const at = k === undefined ? undefined : inMerged.get(k);
      if (at !== undefined) {
        this.pending = at;
        return { original: merged[at], patch: item, path: this.itemPath };
      }
      if (k !== undefined) inMerged.set(k, merged.length);
      merged.push(cloneJson(item));
    }
    this.result = this.ordered();
    return undefined;
  }

  private keyOf(item: unknown): unknown {
    return isRecord(item) ? item[this.mergeKey] : undefined;
  }

  private firstIndex(items: readonly unknown[]): Map<unknown, number> {
    const index = new Map<unknown, number>();
    items.forEach((item, i) => {
      const k = this.keyOf(item);
      if (!index.has(k)) index.set(k, i);
    });
    return index;
  }

  private ordered(): unknown[] {
    const keyOf = (item: unknown) => this.keyOf(item);
    const inPatchOrder = this.firstIndex(this.patch);
    const inParentOrder = this.firstIndex(this.original);
    const fromPatch = this.merged.filter((m) => inPatchOrder.has(keyOf(m)));
    fromPatch.sort((a, b) => inPatchOrder.get(keyOf(a))! - inPatchOrder.get(keyOf(b))!);
    const parentOnly = this.merged.filter((m) => !inPatchOrder.has(keyOf(m)));
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
}
