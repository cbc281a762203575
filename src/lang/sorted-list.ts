/**
 * Lists kept in an order as items come and go: an item goes after those that compare equal to it,
 * so items added in order keep it, and a removal takes out the very item that was added.
 */

/** The index after every item of `list` that compares before or equal to `item` (binary search). */
export function upperBound<T>(list: readonly T[], item: T, cmp: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cmp(list[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the first item of `list` that does not compare before `item` (binary search). */
export function lowerBound<T>(list: readonly T[], item: T, cmp: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cmp(list[mid]!, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts `item` at its place by `cmp` (after every item that compares equal). */
export function insertSorted<T>(list: T[], item: T, cmp: (a: T, b: T) => number): void {
  list.splice(upperBound(list, item, cmp), 0, item);
}

/** Removes `item` itself (the first occurrence), if it is there. */
export function removeItem<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}
