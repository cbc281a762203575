/** A Kubernetes `resource.Quantity` field as the BTP CRD validates it; its parsers are in `values/quantity.ts`. */
import * as z from 'zod';
import { POSITIVE_QUANTITY_PATTERN, QUANTITY_PATTERN } from '../values/quantity.js';
import { ALL_OF } from './crd.js';

/**
 * What `POSITIVE_QUANTITY_PATTERN` is matched with. JS regexes backtrack, and `[1-9]+[0-9]*` can
 * split a run of digits n ways: 100k digits and a bad suffix took 20 s (Go's RE2 is linear). The
 * equivalent `[1-9][0-9]*` is linear; the `source` stays the CRD's for messages and JSON Schema.
 */
const POSITIVE_QUANTITY_MATCHER: RegExp = Object.defineProperty(/^[1-9][0-9]*([EPTGMK]i|[EPTGMk])?$/, 'source', { value: POSITIVE_QUANTITY_PATTERN.source });

/** An int-or-string quantity field as the BTP CRD declares it. */
export const QuantitySchema = z.union([
  z.number().int(),
  // The CRD states the two patterns as an `allOf`.
  z.string().regex(QUANTITY_PATTERN, { error: () => ALL_OF }).regex(POSITIVE_QUANTITY_MATCHER, { error: () => ALL_OF }),
]);
export type Quantity = z.infer<typeof QuantitySchema>;
