/**
 * Envoy Gateway's IR `StringMatch`, the resolved form of a header, method, path or query matcher in
 * several features (rate-limit client selectors, response-override header matches): the name
 * matched, one of `exact`, `prefix`, `suffix`, `safeRegex`, and whether each distinct value counts
 * on its own (`distinct`) or the match is inverted (`invert`).
 */
import * as z from 'zod';

export const StringMatchTrafficSchema = z.object({
  name: z.string(),
  exact: z.string().optional(),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
  safeRegex: z.string().optional(),
  distinct: z.boolean(),
  invert: z.boolean().optional(),
});
export type StringMatchTraffic = z.infer<typeof StringMatchTrafficSchema>;
