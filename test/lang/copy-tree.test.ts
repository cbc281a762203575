/**
 * `copyTree`, the emitter's copy of what it hands out (deltas, `config()`): the same data as
 * `structuredClone` gives, sharing nothing with the original, whatever the keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyTree, jsonEqual } from '../../src/lang/json.js';

/** Whether `a` and `b` share an object anywhere. */
function shares(a: unknown, b: unknown): boolean {
  const seen = new Set<unknown>();
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    seen.add(v);
    for (const x of Object.values(v)) walk(x);
  };
  walk(a);
  let found = false;
  const look = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    if (seen.has(v)) found = true;
    for (const x of Object.values(v)) look(x);
  };
  look(b);
  return found;
}

describe('copyTree', () => {
  it('gives what structuredClone gives, sharing nothing with the original', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const copy = copyTree(value);
        expect(copy).toStrictEqual(structuredClone(value));
        expect(jsonEqual(copy, value)).toBe(true);
        expect(shares(copy, value)).toBe(false);
      }),
      { numRuns: 500, seed: 20261207 },
    );
  });

  it('keeps keys named after Object.prototype members as own data, and copies frozen input', () => {
    const value = Object.freeze(JSON.parse('{"__proto__": {"polluted": true}, "constructor": [1], "toString": "x", "list": [{"__proto__": null}]}'));
    const copy = copyTree(value);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect((copy as Record<string, unknown>)['__proto__']).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // (toStrictEqual reads an own `constructor` key as the objects' type; jsonEqual reads it as data.)
    expect(jsonEqual(copy, structuredClone(value))).toBe(true);
    expect(jsonEqual(copy, { ...structuredClone(value), toString: 'y' })).toBe(false);
    expect(Object.isFrozen(copy)).toBe(false);
  });

  it('copies a Date as a Date, as structuredClone does', () => {
    const when = new Date('2026-12-07T00:00:00Z');
    const copy = copyTree({ at: [when] });
    expect(copy.at[0]).toBeInstanceOf(Date);
    expect(copy.at[0]).not.toBe(when);
    expect(copy).toStrictEqual(structuredClone({ at: [when] }));
  });
});
