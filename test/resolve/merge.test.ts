/**
 * The two merge algorithms behind `mergeType`: JSON Merge Patch (RFC 7396) and Kubernetes
 * strategic merge patch with the BackendTrafficPolicy's patch metadata (semantics notes §6.3).
 * Both must be safe on hostile JSON (`__proto__` keys) and must not touch their inputs.
 */
import { describe, expect, it } from 'vitest';
import { jsonMergePatch, strategicMergePatch } from '../../src/index.js';

/** Strategic merge of two policy specs, as mergeType merges them (paths start at the policy root). */
const mergeSpecs = (parent: unknown, route: unknown): unknown => (strategicMergePatch({ spec: parent }, { spec: route }) as { spec: unknown }).spec;

const types = (list: unknown): string[] => (list as Array<{ type: string }>).map((x) => x.type);

describe('jsonMergePatch: the examples of RFC 7396, appendix A', () => {
  it.each<[unknown, unknown, unknown]>([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j patched with %j is %j', (original, patch, result) => {
    expect(jsonMergePatch(original, patch)).toEqual(result);
  });

  it('replaces the keyed lists of a policy wholesale too', () => {
    expect(jsonMergePatch({ httpUpgrade: [{ type: 'websocket' }] }, { httpUpgrade: [{ type: 'spdy/3.1' }] })).toEqual({ httpUpgrade: [{ type: 'spdy/3.1' }] });
  });
});

describe('strategicMergePatch', () => {
  it('merges maps recursively and deletes keys patched with null', () => {
    expect(mergeSpecs({ timeout: { http: { requestTimeout: '10s', idleTimeout: '1h' }, tcp: { connectTimeout: '5s' } } }, { timeout: { http: { requestTimeout: '2s' }, tcp: null } })).toEqual({
      timeout: { http: { requestTimeout: '2s', idleTimeout: '1h' } },
    });
  });

  it('replaces lists without patch metadata (retryOn, responseOverride, rate-limit rules)', () => {
    expect(
      mergeSpecs(
        { retry: { retryOn: { httpStatusCodes: [502, 503], triggers: ['reset'] } }, responseOverride: [{ match: { statusCodes: [{ value: 500 }] } }] },
        { retry: { retryOn: { httpStatusCodes: [504] } }, responseOverride: [] },
      ),
    ).toEqual({ retry: { retryOn: { httpStatusCodes: [504], triggers: ['reset'] } }, responseOverride: [] });
  });

  it('merges by `type` only at spec.compression, spec.compressor and spec.httpUpgrade', () => {
    expect(strategicMergePatch({ other: { httpUpgrade: [{ type: 'a' }] } }, { other: { httpUpgrade: [{ type: 'b' }] } })).toEqual({ other: { httpUpgrade: [{ type: 'b' }] } });
    expect(strategicMergePatch({ httpUpgrade: [{ type: 'a' }] }, { httpUpgrade: [{ type: 'b' }] })).toEqual({ httpUpgrade: [{ type: 'b' }] });
  });

  describe('keyed lists (the goldens of the semantics notes §6.3)', () => {
    it('httpUpgrade: gateway [websocket] + route [spdy/3.1] gives [spdy/3.1, websocket]', () => {
      expect(mergeSpecs({ httpUpgrade: [{ type: 'websocket' }] }, { httpUpgrade: [{ type: 'spdy/3.1' }] })).toEqual({
        httpUpgrade: [{ type: 'spdy/3.1' }, { type: 'websocket' }],
      });
    });

    it('compression: gateway [Gzip] + route [Brotli, Zstd] gives [Brotli, Zstd, Gzip]', () => {
      const merged = mergeSpecs({ compression: [{ type: 'Gzip' }] }, { compression: [{ type: 'Brotli' }, { type: 'Zstd' }] }) as { compression: unknown };
      expect(types(merged.compression)).toEqual(['Brotli', 'Zstd', 'Gzip']);
    });

    it('compressor: gateway [Gzip] + route [Brotli] gives [Brotli, Gzip], each with its config block', () => {
      expect(mergeSpecs({ compressor: [{ type: 'Gzip', gzip: {} }] }, { compressor: [{ type: 'Brotli', brotli: {} }] })).toEqual({
        compressor: [
          { type: 'Brotli', brotli: {} },
          { type: 'Gzip', gzip: {} },
        ],
      });
    });
  });

  describe('keyed lists: items present in both', () => {
    it('merge field by field, and null deletes inside an item', () => {
      expect(
        mergeSpecs(
          { httpUpgrade: [{ type: 'CONNECT', connect: { terminate: true }, note: 'x' }] },
          { httpUpgrade: [{ type: 'CONNECT', connect: { extra: 1 }, note: null }] },
        ),
      ).toEqual({ httpUpgrade: [{ type: 'CONNECT', connect: { terminate: true, extra: 1 } }] });
    });

    it('a parent-only item earlier in the parent list goes before a shared item', () => {
      // parent [A, B], route [B, X]: P = [B, X], S = [A]; A precedes B in the parent.
      expect(types((mergeSpecs({ httpUpgrade: [{ type: 'A' }, { type: 'B' }] }, { httpUpgrade: [{ type: 'B' }, { type: 'X' }] }) as { httpUpgrade: unknown }).httpUpgrade)).toEqual([
        'A',
        'B',
        'X',
      ]);
    });

    it('shared items follow the route order once the parent-only items are placed', () => {
      // parent [A, B, C], route [C, A]: P = [C, A], S = [B]; B precedes C in the parent.
      expect(
        types((mergeSpecs({ httpUpgrade: [{ type: 'A' }, { type: 'B' }, { type: 'C' }] }, { httpUpgrade: [{ type: 'C' }, { type: 'A' }] }) as { httpUpgrade: unknown }).httpUpgrade),
      ).toEqual(['B', 'C', 'A']);
    });

    it('new route items before a parent-only item come first', () => {
      // parent [A, B], route [X, B]: P = [X, B], S = [A]; X is not in the parent, so X is taken first.
      expect(types((mergeSpecs({ httpUpgrade: [{ type: 'A' }, { type: 'B' }] }, { httpUpgrade: [{ type: 'X' }, { type: 'B' }] }) as { httpUpgrade: unknown }).httpUpgrade)).toEqual([
        'X',
        'A',
        'B',
      ]);
    });

    it('compares keys as exact strings', () => {
      expect(types((mergeSpecs({ httpUpgrade: [{ type: 'websocket' }] }, { httpUpgrade: [{ type: 'WebSocket' }] }) as { httpUpgrade: unknown }).httpUpgrade)).toEqual(['WebSocket', 'websocket']);
    });
  });

  it('takes the route list as is when the parent has none', () => {
    expect(mergeSpecs({ timeout: {} }, { httpUpgrade: [{ type: 'websocket' }] })).toEqual({ timeout: {}, httpUpgrade: [{ type: 'websocket' }] });
  });
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

const merges = [
  ['jsonMergePatch', jsonMergePatch],
  ['strategicMergePatch', strategicMergePatch],
] as const;

describe.each(merges)('%s is safe', (_name, merge) => {
  const hostile = [
    '{"__proto__": {"polluted": "yes"}}',
    '{"a": {"__proto__": {"polluted": "yes"}}}',
    '{"constructor": {"prototype": {"polluted": "yes"}}}',
    '{"prototype": {"polluted": "yes"}}',
    '{"spec": {"httpUpgrade": [{"type": "websocket", "__proto__": {"polluted": "yes"}}]}}',
    '{"spec": {"compressor": [{"type": "Gzip", "gzip": {"__proto__": {"polluted": "yes"}}}]}}',
  ];

  it.each(hostile)('patch %s does not pollute Object.prototype and stays an own data key', (text) => {
    const patch = JSON.parse(text);
    for (const original of [{}, JSON.parse(text), { a: { b: 1 }, spec: { httpUpgrade: [{ type: 'websocket' }], compressor: [{ type: 'Gzip', gzip: {} }] } }]) {
      const result = merge(original, patch);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      // The hostile keys survive as plain data: the result serialises back to what was patched in.
      const out = JSON.parse(JSON.stringify(result));
      const expected = JSON.parse(text);
      expect(out).toMatchObject(expected);
      expect(JSON.stringify(result)).toContain('"polluted":"yes"');
    }
  });

  it('keeps a `__proto__` key of the original as an own key, with a plain prototype on the result', () => {
    const original = JSON.parse('{"__proto__": {"x": 1}, "keep": true}');
    const result = merge(original, { add: 1 }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(result, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(result, '__proto__')?.value).toEqual({ x: 1 });
    expect(result.keep).toBe(true);
  });

  it('deletes a `__proto__` key patched with null, as any other key', () => {
    const result = merge(JSON.parse('{"__proto__": {"x": 1}, "keep": true}'), JSON.parse('{"__proto__": null}')) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(result, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });

  it('never mutates its inputs, and the result shares no objects with them', () => {
    const original = deepFreeze({ spec: { httpUpgrade: [{ type: 'websocket', x: { y: 1 } }], timeout: { http: { requestTimeout: '1s' } }, list: [{ a: 1 }] } });
    const patch = deepFreeze({ spec: { httpUpgrade: [{ type: 'websocket', x: { z: 2 } }, { type: 'spdy/3.1' }], timeout: { tcp: { connectTimeout: '2s' } }, extra: { deep: [1] } } });
    const before = [structuredClone(original), structuredClone(patch)];
    const result = merge(original, patch) as { spec: Record<string, any> };
    expect([original, patch]).toEqual(before);
    // Mutating the result must not reach the (frozen) inputs.
    result.spec.timeout.http.requestTimeout = 'changed';
    result.spec.extra.deep.push(2);
    result.spec.list.push({});
    for (const item of result.spec.httpUpgrade) item.type = 'changed';
    expect([original, patch]).toEqual(before);
  });

  it('merges patches of any depth without throwing (the recursion runs on the heap)', () => {
    let patch: Record<string, unknown> = { leaf: 1, gone: null };
    let original: Record<string, unknown> = { leaf: 0, gone: 1, kept: true };
    for (let i = 0; i < 20_000; i++) {
      patch = { a: patch };
      original = { a: original };
    }
    let node = merge(original, patch) as Record<string, unknown>;
    for (let i = 0; i < 20_000; i++) node = node.a as Record<string, unknown>;
    expect(node).toEqual({ leaf: 1, kept: true });
    let list: unknown = [1];
    for (let i = 0; i < 20_000; i++) list = [list];
    expect(() => merge({}, { spec: { httpUpgrade: list } })).not.toThrow();
  });

  it('copies Dates rather than returning the input\'s', () => {
    const original = { at: new Date(1), nested: { at: new Date(2) } };
    const patch = { patched: new Date(3), nested: { extra: new Date(4) } };
    const result = merge(original, patch) as { at: Date; patched: Date; nested: { at: Date; extra: Date } };
    expect(result).toEqual({ at: new Date(1), patched: new Date(3), nested: { at: new Date(2), extra: new Date(4) } });
    for (const [mine, theirs] of [
      [result.at, original.at],
      [result.patched, patch.patched],
      [result.nested.at, original.nested.at],
      [result.nested.extra, patch.nested.extra],
    ])
      expect(mine).not.toBe(theirs);
    const replacing = new Date(6);
    expect(merge(new Date(5), replacing)).toEqual(replacing);
    expect(merge(new Date(5), replacing)).not.toBe(replacing);
  });

  it('cuts a patch that contains itself where the cycle closes', () => {
    const patch: Record<string, unknown> = { x: 1 };
    patch.self = patch;
    expect(merge({}, patch)).toEqual({ x: 1, self: undefined });
  });

  it('merges a map whose last key is a map as any other: order, deletes, and a cycle closing through a chain of last keys', () => {
    // Each level's last key is a map (the merge then lets the child stand in for its parent), with
    // keys before it that are maps too, and an original to merge into at some levels.
    const patch = { first: { x: 1 }, mid: null, last: { first: { y: 2 }, last: { z: 3, last: { w: 4 } } } };
    const original = { keep: 0, mid: 1, last: { keep: 1, last: { keep: 2 } } };
    const merged = merge(original, patch);
    expect(merged).toEqual({ keep: 0, last: { keep: 1, last: { keep: 2, z: 3, last: { w: 4 } }, first: { y: 2 } }, first: { x: 1 } });
    expect(JSON.stringify(merged)).toBe(JSON.stringify({ keep: 0, last: { keep: 1, last: { keep: 2, z: 3, last: { w: 4 } }, first: { y: 2 } }, first: { x: 1 } }));
    // A cycle closing at the end of a chain of last keys: cut there, and the patch objects on the
    // chain are off the path once it is done (the same object under a later key merges again).
    const inner: Record<string, unknown> = { v: 1 };
    const chain = { a: { b: inner } };
    inner.back = chain;
    const shared = { s: 1 };
    expect(merge({}, { c: chain, d: { shared }, e: { shared } })).toEqual({ c: { a: { b: { v: 1, back: undefined } } }, d: { shared: { s: 1 } }, e: { shared: { s: 1 } } });
    expect(merge({}, { c: chain, again: chain })).toEqual({ c: { a: { b: { v: 1, back: undefined } } }, again: { a: { b: { v: 1, back: undefined } } } });
    // Deep chains of last keys, with and without an original.
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 50_000; i++) deep = { pad: i, a: deep };
    let node = merge({}, deep) as Record<string, unknown>;
    for (let i = 0; i < 50_000; i++) node = node.a as Record<string, unknown>;
    expect(node).toEqual({ leaf: 1 });
  });
});
