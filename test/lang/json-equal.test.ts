/**
 * `jsonEqual`, the library's deep equality of plain data: what the resolver and the emitter use to
 * tell a changed result from an equal one, so it must hold for any key Kubernetes data can have.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, jsonEqual } from '../../src/lang/json.js';

describe('jsonEqual', () => {
  it('agrees with canonicalJson on any JSON values, whatever the key order', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    fc.assert(fc.property(value, value, (a, b) => jsonEqual(a, b) === (canonicalJson(a) === canonicalJson(b))));
    fc.assert(fc.property(value, (a) => jsonEqual(a, structuredClone(a))));
  });

  it('treats keys that name Object.prototype members as data', () => {
    expect(jsonEqual({ toString: null }, {})).toBe(false);
    expect(jsonEqual({ valueOf: 'x' }, { valueOf: 'x' })).toBe(true);
    expect(jsonEqual({ valueOf: 'x' }, { valueOf: 'y' })).toBe(false);
    expect(jsonEqual({ constructor: { a: 1 } }, { constructor: { a: 1 } })).toBe(true);
    const proto = (v: unknown) => Object.defineProperty({}, '__proto__', { value: v, enumerable: true, writable: true, configurable: true });
    expect(jsonEqual(proto({ a: 1 }), proto({ a: 1 }))).toBe(true);
    expect(jsonEqual(proto({ a: 1 }), proto({ a: 2 }))).toBe(false);
  });

  it('tells arrays from objects, counts an undefined member, and compares NaN and Dates by value', () => {
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual({ 0: 'a', length: 1 }, ['a'])).toBe(false);
    expect(jsonEqual({ a: undefined }, {})).toBe(false);
    expect(jsonEqual({ a: undefined }, { b: undefined })).toBe(false);
    expect(jsonEqual(Number.NaN, Number.NaN)).toBe(true);
    expect(jsonEqual(new Date(5), new Date(5))).toBe(true);
    expect(jsonEqual(new Date(5), new Date(6))).toBe(false);
    expect(jsonEqual(new Date(5), {})).toBe(false);
    expect(jsonEqual(1, '1')).toBe(false);
  });
});
