/**
 * A list kept in an order given by a comparison, cheap both ways it is used: items added one at a
 * time while many are read (a change), and many added before any is read (a whole input). Items
 * are appended and the list is sorted when it is next read; JavaScript's sort is stable and
 * adaptive, so sorting a sorted list with a few items appended costs little more than a pass.
 */
export class OrderedList<T> {
  private readonly items: T[] = [];
  private sorted = true;

  constructor(private readonly compare: (a: T, b: T) => number) {}

  add(item: T): void {
    if (this.sorted && this.items.length > 0 && this.compare(this.items[this.items.length - 1]!, item) > 0) this.sorted = false;
    this.items.push(item);
  }

  remove(item: T): void {
    const i = this.items.lastIndexOf(item);
    if (i >= 0) this.items.splice(i, 1);
  }

  /** The items in order (the list itself: do not change it). */
  get list(): readonly T[] {
    if (!this.sorted) {
      this.items.sort(this.compare);
      this.sorted = true;
    }
    return this.items;
  }

  /** The first item in order. */
  get first(): T | undefined {
    return this.list[0];
  }

  get size(): number {
    return this.items.length;
  }
}
