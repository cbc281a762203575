/**
 * Provenance of merged lists: each item of a merged list is matched with the route's and the
 * parent's own item (keyed items by `type`, others by value), in one hash lookup per item. The
 * answer is the one a scan with deep equality gives, item by item (the reference below).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, jsonEqual } from '../../src/lang/json.js';
import { attributeMerged } from '../../src/resolve/merge-provenance.js';

const ROUTE = { namespace: 'app', name: 'route' };
const PARENT = { namespace: 'infra', name: 'parent' };

/** The attribution as a scan: `find` with the merge key or deep equality, per merged item. */
function reference(merged: unknown, fromRoute: unknown, fromParent: unknown, path = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (Array.isArray(merged) && merged.length > 0) {
    merged.forEach((item, i) => {
      const keyOf = (x: unknown): unknown => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as { type?: unknown }).type : undefined);
      const same = (x: unknown): boolean => (typeof keyOf(item) === 'string' ? keyOf(x) === keyOf(item) : jsonEqual(x, item));
      const r = Array.isArray(fromRoute) ? fromRoute.find(same) : undefined;
      const p = Array.isArray(fromParent) ? fromParent.find(same) : undefined;
      if (r !== undefined || p !== undefined) reference(item, r, p, `${path}[${i}]`, out);
      else reference(item, Array.isArray(fromRoute) ? fromRoute[i] : undefined, Array.isArray(fromParent) ? fromParent[i] : undefined, `${path}[${i}]`, out);
    });
    return out;
  }
  if (merged !== null && typeof merged === 'object' && !Array.isArray(merged) && Object.keys(merged).length > 0) {
    const child = (v: unknown, k: string) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined);
    for (const k of Object.keys(merged)) reference((merged as Record<string, unknown>)[k], child(fromRoute, k), child(fromParent, k), path ? `${path}.${k}` : k, out);
    return out;
  }
  if (path) out[path] = jsonEqual(merged, fromRoute) ? ROUTE : jsonEqual(merged, fromParent) ? PARENT : ROUTE;
  return out;
}

describe('attributeMerged', () => {
  it('keyed items follow their type wherever the merge put them; other items are found by value', () => {
    const route = { httpUpgrade: [{ type: 'websocket', connect: { terminate: true } }], codes: [503, { a: 1, b: 2 }] };
    const parent = { httpUpgrade: [{ type: 'spdy/3.1' }, { type: 'websocket' }], codes: [{ b: 2, a: 1 }, 429] };
    const merged = { httpUpgrade: [{ type: 'spdy/3.1' }, { type: 'websocket', connect: { terminate: true } }], codes: [429, { a: 1, b: 2 }, 503] };
    expect(attributeMerged(merged, route, parent, ROUTE, PARENT)).toEqual({
      'httpUpgrade[0].type': PARENT,
      'httpUpgrade[1].type': ROUTE,
      'httpUpgrade[1].connect.terminate': ROUTE,
      'codes[0]': PARENT,
      'codes[1].a': ROUTE,
      'codes[1].b': ROUTE,
      'codes[2]': ROUTE,
    });
  });

  it('agrees with a scan on random lists of keyed items, plain values and objects', () => {
    const scalar = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('a', 'b'), fc.boolean(), fc.constant(null));
    const item = fc.oneof(
      scalar,
      fc.record({ type: fc.constantFrom('websocket', 'CONNECT', 'spdy/3.1'), connect: fc.option(fc.record({ terminate: fc.boolean() }), { nil: undefined }) }, { requiredKeys: ['type'] }),
      fc.dictionary(fc.constantFrom('x', 'y', 'type'), scalar, { maxKeys: 2, noNullPrototype: true }),
    );
    // Up to 20 items: short lists are scanned, longer ones indexed.
    const list = fc.array(item, { maxLength: 20 });
    fc.assert(
      fc.property(fc.record({ l: list }), fc.record({ l: list }), fc.record({ l: list }), (merged, route, parent) => {
        expect(attributeMerged(merged, route, parent, ROUTE, PARENT)).toEqual(reference(merged, route, parent));
      }),
      { numRuns: 500 },
    );
  });
});

describe('canonicalJson', () => {
  it('is equal exactly for deeply equal values, whatever the key order', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(canonicalJson(a) === canonicalJson(b)).toBe(jsonEqual(a, b));
      }),
    );
    expect(canonicalJson({ a: 1, b: [1, '1'] })).toBe(canonicalJson({ b: [1, '1'], a: 1 }));
    expect(canonicalJson({ a: undefined })).not.toBe(canonicalJson({}));
    expect(canonicalJson(1)).not.toBe(canonicalJson('1'));
  });
});
