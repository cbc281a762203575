/**
 * Algebraic laws of the mergers (`src/resolve/merge`), on arbitrary JSON over a small key set so
 * originals and patches overlap — `__proto__`, `constructor` and `prototype` keys included, as
 * JSON.parse produces them. Every call is also checked for pollution and plain-data output.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { mergeLaws, SEED } from './properties.js';

const runs = { seed: SEED, numRuns: 500 };

describe('merge laws', () => {
  it('JSONMerge is RFC 7396 (checked against a transcription of the RFC)', () => fc.assert(mergeLaws.jsonMergeIsRfc7396(), runs));
  it('merging an empty patch changes nothing', () => fc.assert(mergeLaws.emptyPatchIsIdentity(), runs));
  it('applying a patch twice is applying it once', () => fc.assert(mergeLaws.patchIsIdempotent(), runs));
  it('StrategicMerge is JSONMerge away from the merge-keyed lists', () => fc.assert(mergeLaws.strategicIsJsonAwayFromKeyedLists(), runs));
  it('merge-keyed lists keep every key once, and the patch wins for shared keys', () => fc.assert(mergeLaws.keyedListsKeepEveryKeyOnce(), runs));
});
