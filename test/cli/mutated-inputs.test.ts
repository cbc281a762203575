/**
 * btp on mutated realistic inputs (the hardening suite's cheap mutations of the examples and the
 * golden inputs: wrong types, nulls, prototype names, duplicates, …), through every command and
 * output format: it answers (exit 0 or 1), or refuses the input in a line or two (exit 2); it never
 * reports an internal error or a stack. `npm test` runs 200 cases; BTP_FUZZ_RUNS and BTP_FUZZ_SEED
 * run more, or others. (The expensive mutations, 10k-deep nesting and 100k-item lists, make
 * multi-megabyte files that the YAML reader takes seconds each to read.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputs, mutatedCaseArb } from '../hardening/properties.js';
import { applyMutations } from '../hardening/support.js';
import { scratchFolder } from './manifests.js';
import { btp } from './run-cli.js';

const RUNS = Number(process.env.BTP_FUZZ_RUNS ?? 200);
const SEED = Number(process.env.BTP_FUZZ_SEED ?? 20261207);

const COMMANDS = [
  ['resolve'],
  ['status'],
  ['validate'],
  ['envoy'],
  ['resolve', '-o', 'json'],
  ['validate', '-o', 'sarif'],
  ['validate', '-o', 'junit'],
  ['status', '-o', 'yaml'],
  ['envoy', '-o', 'config-dump'],
];

const { write } = scratchFolder('btp-mutated-');

function asJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

describe('btp on mutated inputs', () => {
  it('answers or refuses in a line or two, never with an internal error', () => {
    let n = 0;
    fc.assert(
      fc.property(mutatedCaseArb(true), fc.nat(), ({ base, mutations }, command) => {
        const all = inputs();
        // A file holds data: mutations that only live objects carry (getters, proxies, cycles) are left to the library's own tests.
        const text = asJson(applyMutations(all[base % all.length]!.input, mutations));
        fc.pre(text !== undefined);
        const argv = [...COMMANDS[command % COMMANDS.length]!, write(`case-${n++}.json`, text!)];
        const run = btp(argv);
        expect(run.stderr).not.toMatch(/internal error|\n\s+at |call stack/);
        expect([0, 1, 2]).toContain(run.code);
        if (run.code === 2) expect(run.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 300_000);
});
