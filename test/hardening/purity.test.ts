/**
 * Resolution is a pure function of the manifests: it never changes its input (frozen inputs work,
 * unfrozen ones are left as they were), never touches shared prototypes, and answers the same for
 * the same manifests — including a shuffled copy, when creationTimestamps order them.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emitEnvoy, jsonMergePatch, parseBackendTrafficPolicy, resolvePolicies, strategicMergePatch, type ResolveInput } from '../../src/index.js';
import { inputs, SEED, shuffleInvariant } from './properties.js';
import { deepFreeze, fingerprint, objectsOf, plainDataProblem, pollutionSnapshot } from './support.js';

describe('purity', () => {
  it('every realistic input resolves the same deep-frozen, unfrozen, and twice; the input is left unchanged', () => {
    for (const { name, input } of inputs()) {
      const before = fingerprint(input);
      const first = resolvePolicies(input as ResolveInput, { order: 'input' });
      expect(fingerprint(input), name).toBe(before);
      const again = resolvePolicies(input as ResolveInput, { order: 'input' });
      const frozen = resolvePolicies(deepFreeze(structuredClone(input)) as ResolveInput, { order: 'input' });
      expect(isDeepStrictEqual(first, again), `${name}: resolved twice`).toBe(true);
      expect(isDeepStrictEqual(first, frozen), `${name}: deep-frozen`).toBe(true);
      expect(plainDataProblem(first), name).toBeUndefined();
      const emitted = emitEnvoy(deepFreeze(first));
      expect(isDeepStrictEqual(emitted, emitEnvoy(first)), `${name}: emitted twice`).toBe(true);
      expect(plainDataProblem(emitted), name).toBeUndefined();
    }
  });

  it('a shuffled input with distinct creationTimestamps resolves the same under order: creationTimestamp', () => {
    fc.assert(shuffleInvariant(), { seed: SEED, numRuns: 120 });
  });

  it('__proto__, constructor and prototype keys at every depth pollute nothing', () => {
    const before = pollutionSnapshot();
    const hostile = (depth: number): unknown => {
      let v: unknown = JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}}');
      for (let i = 0; i < depth; i++) v = JSON.parse(`{"__proto__":${JSON.stringify(v)},"constructor":${JSON.stringify(v)},"a":${JSON.stringify(v)}}`);
      return v;
    };
    for (const { input } of inputs().slice(0, 20)) {
      for (const o of objectsOf(input)) {
        const spec = o.spec !== null && typeof o.spec === 'object' ? (o.spec as Record<string, unknown>) : {};
        const tainted = JSON.parse(JSON.stringify({ ...o, spec: { ...spec, x: 1 } }).replace('"x":1', `"__proto__":${JSON.stringify(hostile(2))},"x":1`));
        resolvePolicies([tainted, ...objectsOf(input)]);
        parseBackendTrafficPolicy(tainted);
        jsonMergePatch(spec, tainted.spec);
        strategicMergePatch({ spec }, { spec: tainted.spec });
      }
    }
    expect(pollutionSnapshot()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
