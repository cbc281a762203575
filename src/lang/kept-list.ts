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
