/**
 * The public entry points never throw and never fail as a whole: arbitrary values, and realistic
 * inputs (Envoy Gateway's conformance bundles, the repo's examples) mutated the ways hostile or
 * broken manifests are — wrong types, missing fields, huge and negative numbers, long strings, deep
 * nesting, duplicates, cycles, null-prototype objects, `__proto__`/`constructor`/`prototype` keys,
 * throwing getters and proxies. `npm run fuzz` runs the same properties for minutes.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { emitRobustOnMutatedResolutions, neverThrowsOnArbitraryValues, parseRobustOnMutatedPolicies, resolverApiRobust, robustOnMutatedInputs, SEED } from './properties.js';

const runs = (numRuns: number) => ({ seed: SEED, numRuns });

describe('never throws', () => {
  it('resolvePolicies, parseBackendTrafficPolicy, emitEnvoy and emitRateLimitConfigs return plain data for arbitrary values', () => {
    fc.assert(neverThrowsOnArbitraryValues(), runs(300));
  });

  it('resolvePolicies resolves mutated realistic inputs without throwing, mutating them or answering twice differently', () => {
    fc.assert(robustOnMutatedInputs(true), runs(150));
  });

  it('parseBackendTrafficPolicy handles mutated realistic policies', () => {
    fc.assert(parseRobustOnMutatedPolicies(true), runs(300));
  });

  it('emitEnvoy handles mutated resolutions', () => {
    fc.assert(emitRobustOnMutatedResolutions(true), runs(150));
  });

  it('createResolver and createEnvoyEmitter handle arbitrary and hostile options, changes, keys and events', () => {
    fc.assert(resolverApiRobust(), runs(150));
  });
});
