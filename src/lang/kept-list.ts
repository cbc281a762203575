/**
 * Lists a state keeps, at their size. V8 gives a list that grows by `push` (or comes out of
 * `filter`) room for about 16 items, so a one-item list kept per route entry costs 184 bytes, and
 * every kept byte is copied by the young-generation collector and marked by the old one. Trimming
 * the lists the resolution keeps per route and per entry cut its heap by about a tenth.
 */

/** `list` itself when empty (an empty list holds no storage), else a copy at its size. */
export function keptList<T>(list: T[]): T[] {
  return list.length === 0 ? list : list.slice();
}

/**
 * The items of `list` that `keep` keeps, at their size: `list` itself when it keeps them all (the
 * caller shares it, read-only), and no list at a growing size made along the way. `keep` is called
 * twice on some items when several but not all are kept.
 */
export function keptFilter<T>(list: T[], keep: (item: T) => boolean): T[] {
  let count = 0;
  let first: T | undefined;
  for (let i = 0; i < list.length; i++) {
    const item = list[i]!;
    if (keep(item) && count++ === 0) first = item;
  }
  if (count === list.length) return list;
  if (count === 0) return [];
  if (count === 1) return [first!];
  return keptList(list.filter(keep));
}
