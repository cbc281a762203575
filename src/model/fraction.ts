/** Gateway API `Fraction`: numerator / denominator (default 100), e.g. a sampling or budget ratio. */
import * as z from 'zod';
import { int32, withRules } from './crd.js';

export const FractionSchema = withRules(
  z.object({
    numerator: int32({ minimum: 0 }),
    denominator: int32({ minimum: 1 }).default(100),
  }),
  [{ message: 'numerator must be less than or equal to denominator', test: (f) => f.numerator <= f.denominator }],
);
export type Fraction = z.infer<typeof FractionSchema>;
