/** Gateway API `Fraction` values, without zod (the CRD's `FractionSchema` is in `model/fraction.ts`). */

/** A fraction as a percentage (`{numerator: 1, denominator: 4}` → 25). */
export function fractionToPercent(f: { numerator: number; denominator?: number }): number {
  return (f.numerator / (f.denominator ?? 100)) * 100;
}
