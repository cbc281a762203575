/**
 * A number as Go prints a `float32` (`strconv.FormatFloat(f, 'g', -1, 32)`, which protojson uses
 * for `float` and `FloatValue` too): rounded to the nearest float32, then written with the fewest
 * digits that read back to it (`float32(0.1)` prints `0.1`, not `0.10000000149011612`;
 * `33.3333333` prints `33.333332`).
 */
export function float32(value: number): number {
  const f = Math.fround(value);
  if (!Number.isFinite(f) || f === 0) return f;
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Number(f.toPrecision(precision));
    if (Math.fround(candidate) === f) return candidate;
  }
  return f;
}
