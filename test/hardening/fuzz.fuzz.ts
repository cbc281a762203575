/**
 * The long fuzz run (`npm run fuzz`): every hardening property, with the full mutation set (10k-deep
 * nesting and 100k-item arrays included), for FUZZ_SECONDS seconds (default 300) shared out by
 * weight, from a fixed seed (FUZZ_SEED; printed). Prints the runs per property; fails with
 * fast-check's report (seed, path, counterexample) on the first counterexample of any property.
 * A crash of the worker itself (out of memory) loses that report: FUZZ_TRACE=<file> appends every
 * case to the file before it runs, so the last line names the culprit.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { goRegexpNeverThrows, patternsStayLinear } from './patterns.js';
import {
  emitRobustOnMutatedResolutions,
  generatedSpecArb,
  lessSpecificNeverOverrides,
  mergeLaws,
  neverThrowsOnArbitraryValues,
  parseRobustOnMutatedPolicies,
  resolverApiRobust,
  robustOnMutatedInputs,
  SEED,
  shuffleInvariant,
} from './properties.js';

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 300);
const TRACE = process.env.FUZZ_TRACE;

/** `property`, writing each case to FUZZ_TRACE before running it. */
function traced(name: string, property: fc.IProperty<unknown[]>): fc.IProperty<unknown[]> {
  if (!TRACE) return property;
  const { arb, predicate } = property as unknown as { arb: fc.Arbitrary<unknown[]>; predicate: (v: unknown[]) => boolean | void };
  return fc.property(arb, (value) => {
    appendFileSync(TRACE, `${name}\t${fc.stringify(value).slice(0, 2000)}\n`);
    return predicate(value);
  }) as unknown as fc.IProperty<unknown[]>;
}

const PROPERTIES: Array<{ name: string; weight: number; property: () => fc.IProperty<unknown[]> }> = [
  { name: 'resolvePolicies on mutated realistic inputs', weight: 30, property: () => robustOnMutatedInputs(false) as unknown as fc.IProperty<unknown[]> },
  { name: 'entry points on arbitrary values', weight: 12, property: () => neverThrowsOnArbitraryValues() as unknown as fc.IProperty<unknown[]> },
  { name: 'resolver and emitter API on arbitrary and hostile values', weight: 8, property: () => resolverApiRobust() as unknown as fc.IProperty<unknown[]> },
  { name: 'parseBackendTrafficPolicy on mutated policies', weight: 10, property: () => parseRobustOnMutatedPolicies(false) as unknown as fc.IProperty<unknown[]> },
  { name: 'emitEnvoy on mutated resolutions', weight: 12, property: () => emitRobustOnMutatedResolutions(false) as unknown as fc.IProperty<unknown[]> },
  { name: 'shuffle invariance under creationTimestamp order', weight: 8, property: () => shuffleInvariant() as unknown as fc.IProperty<unknown[]> },
  { name: 'less specific policies never override', weight: 10, property: () => lessSpecificNeverOverrides(generatedSpecArb()) as unknown as fc.IProperty<unknown[]> },
  { name: 'JSONMerge is RFC 7396', weight: 3, property: () => mergeLaws.jsonMergeIsRfc7396() as unknown as fc.IProperty<unknown[]> },
  { name: 'empty patch is the identity', weight: 2, property: () => mergeLaws.emptyPatchIsIdentity() as unknown as fc.IProperty<unknown[]> },
  { name: 'patches are idempotent', weight: 2, property: () => mergeLaws.patchIsIdempotent() as unknown as fc.IProperty<unknown[]> },
  { name: 'StrategicMerge is JSONMerge off keyed lists', weight: 2, property: () => mergeLaws.strategicIsJsonAwayFromKeyedLists() as unknown as fc.IProperty<unknown[]> },
  { name: 'keyed lists keep every key once', weight: 1, property: () => mergeLaws.keyedListsKeepEveryKeyOnce() as unknown as fc.IProperty<unknown[]> },
  { name: 'CRD patterns stay linear', weight: 5, property: () => patternsStayLinear() as unknown as fc.IProperty<unknown[]> },
  { name: 'RE2 syntax checker never throws', weight: 3, property: () => goRegexpNeverThrows() as unknown as fc.IProperty<unknown[]> },
];

it(`hardening properties hold for ${SECONDS} s (seed ${SEED})`, () => {
  console.log(`fuzz: ${SECONDS} s, seed ${SEED} (FUZZ_SECONDS / FUZZ_SEED to change)`);
  if (TRACE) writeFileSync(TRACE, '');
  const totalWeight = PROPERTIES.reduce((n, p) => n + p.weight, 0);
  const failures: string[] = [];
  const rows: string[] = [];
  let total = 0;
  for (const { name, weight, property } of PROPERTIES) {
    const budget = Math.max(1000, Math.round((SECONDS * 1000 * weight) / totalWeight));
    const started = performance.now();
    const details = fc.check(traced(name, property()), {
      seed: SEED,
      numRuns: Number.MAX_SAFE_INTEGER,
      interruptAfterTimeLimit: budget,
      markInterruptAsFailure: false,
    });
    const elapsed = (performance.now() - started) / 1000;
    total += details.numRuns;
    const row = `${String(details.numRuns).padStart(9)} runs  ${elapsed.toFixed(1).padStart(6)} s  ${name}${details.failed ? '  FAILED' : ''}`;
    rows.push(row);
    console.log(row); // progress, as each property finishes
    if (details.failed) failures.push(`${name}:\n${fc.defaultReportMessage(details) ?? ''}\n${String((details.errorInstance as Error)?.stack ?? details.errorInstance)}`);
  }
  console.log(`summary:\n${rows.join('\n')}\n${String(total).padStart(9)} runs in total, seed ${SEED}`);
  expect(failures.join('\n\n')).toBe('');
});
