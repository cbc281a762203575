/**
 * `target.push(...items)` passes each item as an argument, and a call takes only about 100,000 of
 * them before the stack runs out: a list the input can make that long (diagnostics, issues, lines
 * of output) is appended one item at a time instead.
 */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
