import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emitEnvoy } from '../../src/index.js';
import { FEATURES } from '../../src/features/registry.js';
import { resolution, rule } from './core-support.js';

/** Any JSON, biased towards the shapes the features look for. */
const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(
    fc.constantFrom('local', 'global', 'rules', 'http', 'retryOn', 'consistentHash', 'request', 'response', 'delay', 'abort', 'tracing', 'name', 'limit'),
    fc.jsonValue(),
  ),
  fc.array(fc.dictionary(fc.constantFrom('type', 'connect', 'chooseFirst', 'minContentLength'), fc.jsonValue())),
);

describe('features on malformed values', () => {
  it('never throw: the emitter checks each value against its feature’s schema first, and reports what it leaves out', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FEATURES), anyValue, (feature, value) => {
        const out = emitEnvoy(resolution(rule({ traffic: { [feature.key]: value } as never })));
        expect(JSON.parse(JSON.stringify(out))).toEqual(out);
        expect(out.diagnostics.filter((d) => d.message.includes('internal error'))).toEqual([]);
        const applied = feature.traffic.safeParse(value).success;
        if (!applied) expect(out.diagnostics.some((d) => d.feature === feature.key && d.severity === 'error')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
