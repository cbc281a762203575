/**
 * Lists kept in an order as items come and go: an item goes after those that compare equal to it,
 * so items added in order keep it, and a removal takes out the very item that was added.
 */

/** Inserts `item` at its place by `cmp` (after every item that compares equal), by binary search. */
export function insertSorted<T>(list: T[], item: T, cmp: (a: T, b: T) => number): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cmp(list[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, item);
}

/** Removes `item` itself (the first occurrence), if it is there. */
export function removeItem<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}
