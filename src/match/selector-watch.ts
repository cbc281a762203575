/**
 * Which watchers' label selectors may match an object, found by the object's kind, namespace and
 * labels instead of by testing every selector: each selector is filed under one requirement an
 * object must meet (a `matchLabels` pair, an `In` expression's values, an `Exists` key), or under
 * "anything" when it has none. Answers may include selectors that do not match; never miss one that
 * does.
 */
import type { LabelSelector } from '../model/label-selector.js';
import { isValidLabelSelector } from './label-selector.js';

/** What a watcher watches: objects of `kind` (in `namespace` only, when set) whose labels may match `selector`. */
export interface WatchedSelector {
  kind: string;
  namespace?: string;
  selector: LabelSelector;
}

const ANY_NAMESPACE = '\u0000*';
const key = (kind: string, namespace: string, requirement: string) => `${kind}\u0000${namespace}\u0000${requirement}`;

/** The requirements a selector is filed under: an object that matches meets one of them. */
function requirements(selector: LabelSelector): string[] {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (typeof v === 'string') return [`${k}=${v}`];
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === 'In' && e.values && e.values.length > 0) return e.values.map((v) => `${e.key}=${v}`);
  }
  for (const e of selector.matchExpressions ?? []) if (e.operator === 'Exists') return [`${e.key}?`];
  return [''];
}

export class SelectorWatch<W> {
  private readonly watchers = new Map<string, Set<W>>();
  private readonly keysOf = new Map<W, string[]>();

  /** Replaces what `watcher` watches. */
  watch(watcher: W, selectors: readonly WatchedSelector[]): void {
    this.unwatch(watcher);
    const keys: string[] = [];
    for (const { kind, namespace, selector } of selectors) {
      // A selector that cannot match anything (a value that is not a string, an unknown operator) needs no watch.
      if (!isValidLabelSelector(selector) || Object.values(selector.matchLabels ?? {}).some((v) => typeof v !== 'string')) continue;
      for (const r of requirements(selector)) keys.push(key(kind, namespace ?? ANY_NAMESPACE, r));
    }
    if (keys.length === 0) return;
    this.keysOf.set(watcher, keys);
    for (const k of keys) {
      let set = this.watchers.get(k);
      if (!set) this.watchers.set(k, (set = new Set()));
      set.add(watcher);
    }
  }

  unwatch(watcher: W): void {
    const keys = this.keysOf.get(watcher);
    if (!keys) return;
    this.keysOf.delete(watcher);
    for (const k of keys) {
      const set = this.watchers.get(k);
      set?.delete(watcher);
      if (set?.size === 0) this.watchers.delete(k);
    }
  }

  /** Adds to `out` every watcher whose selectors may match an object of `kind` in `namespace` with one of the `labelSets`. */
  collect(kind: string, namespace: string, labelSets: ReadonlyArray<Readonly<Record<string, string>> | undefined>, out: Set<W>): void {
    for (const ns of [namespace, ANY_NAMESPACE]) {
      this.add(key(kind, ns, ''), out);
      for (const labels of labelSets) {
        for (const [k, v] of Object.entries(labels ?? {})) {
          this.add(key(kind, ns, `${k}=${v}`), out);
          this.add(key(kind, ns, `${k}?`), out);
        }
      }
    }
  }

  private add(k: string, out: Set<W>): void {
    for (const w of this.watchers.get(k) ?? []) out.add(w);
  }
}
