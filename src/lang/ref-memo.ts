/**
 * A memo keyed by objects: a Map where what it holds lives as long as the memo (a snapshot), or a
 * WeakMap where an entry goes with its key (a resolver, which keeps its memos across changes).
 */
export interface RefMemo<K extends object, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

export const refMemo = <K extends object, V>(weak: boolean): RefMemo<K, V> => (weak ? new WeakMap<K, V>() : new Map<K, V>());
