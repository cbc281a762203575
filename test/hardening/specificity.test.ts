/**
 * Precedence as a property: whatever the settings (schema-generated specs of every feature, valid
 * or not), adding a less specific policy never changes what a more specific, non-merging one set.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { hasConformance } from '../support/conformance-dir.js';
import { generatedSpecArb, lessSpecificNeverOverrides, SEED } from './properties.js';

describe.runIf(hasConformance())('specificity', () => {
  it('adding a less specific policy never changes a field a more specific non-merging policy sets', () => {
    fc.assert(lessSpecificNeverOverrides(generatedSpecArb()), { seed: SEED, numRuns: 150 });
  });
});
