/**
 * The items of a big JSON List are read with JSON.parse when the text is JSON that it and btp's
 * YAML reader read alike (plain-json.ts). That must never change an answer: whenever the fast path
 * gives a value, the YAML reader gives the same value (the same keys, strings and numbers, -0
 * included), and whatever the YAML reader refuses (a duplicate key, nesting past 256) the fast path
 * leaves to it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Composer, Parser } from 'yaml';
import { plainJson } from '../../src/cli/plain-json.js';
import { KUBECTL_YAML_OPTIONS } from '../../src/cli/yaml-1-1.js';
import { documentToJs } from '../../src/cli/yaml-to-js.js';

/** The YAML reader's answer for a text of one document, as read-inputs.ts reads a List item. */
function yamlReading(text: string): { value: unknown } | { error: string } {
  const docs = [...new Composer({ ...KUBECTL_YAML_OPTIONS, uniqueKeys: false }).compose(new Parser().parse(text))];
  if (docs.length !== 1) return { error: `${docs.length} documents` };
  const error = docs[0]!.errors[0];
  if (error) return { error: error.message };
  try {
    return { value: documentToJs(docs[0]!) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** Values compared exactly: -0 is not 0, and key order counts. */
const exact = (v: unknown): string => JSON.stringify(v, (_k, x) => (Object.is(x, -0) ? '-0 (negative zero)' : typeof x === 'number' && !Number.isFinite(x) ? `${x}` : x));

// ---------------------------------------------------------------- generated JSON texts

/** Characters where YAML and JSON might part: YAML 1.1 line breaks, controls, BOM, surrogates, non-characters, quotes. */
const tricky = fc.constantFrom('\u0085', '\u2028', '\u2029', '\ufeff', '\ud800', '\udfff', '\ud83d\ude00', '\t', '\u007f', '\u0080', '\u009f', '\u00a0', '\ufffe', '\uffff', '\ufffd', '"', '\\', '/', '#', ': ', '- ', '&a', '*a', '<<', '---', '\n', '\r', '\u0000', 'é');
const text = fc.array(fc.oneof(fc.string({ maxLength: 4 }), tricky), { maxLength: 4 }).map((parts) => parts.join(''));

/** A JSON string token: as JSON.stringify writes it, or with some characters written as \u escapes. */
const stringToken = fc.tuple(text, fc.boolean()).map(([s, escapeAll]) =>
  escapeAll ? `"${[...s].map((ch) => [...ch].map((_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')).join('')}"` : JSON.stringify(s),
);
const numberToken = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x)),
  fc.constantFrom('-0', '-0.0', '0.0', '1.0', '1e3', '1E+3', '2e-3', '1e400', '12345678901234567890', '999999999999999', '0.1000000000000000055511151231257827', '-1.5'),
);
const space = fc.constantFrom('', ' ', '\n', '\r\n', '    ', '\t', '\r');

const { json } = fc.letrec<{ json: string; object: string; array: string; scalar: string }>((tie) => ({
  scalar: fc.oneof(stringToken, numberToken, fc.constantFrom('true', 'false', 'null')),
  // Keys from a small set, so that duplicates come up.
  object: fc
    .array(fc.tuple(fc.oneof(fc.constantFrom('"a"', '"b"', '"kind"', '"__proto__"', '"<<"'), stringToken), space, tie('json')), { maxLength: 4 })
    .map((pairs) => `{${pairs.map(([k, s, v]) => `${s}${k}${s}:${s}${v}`).join(',')}}`),
  array: fc.array(fc.tuple(space, tie('json')), { maxLength: 4 }).map((items) => `[${items.map(([s, v]) => `${s}${v}`).join(',')}]`),
  json: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('scalar'), tie('object'), tie('array')),
}));

describe('the fast path for JSON List items reads as the YAML reader does', () => {
  it('on generated JSON: every value it gives is the YAML reader\'s', () => {
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(json, space, (body, pad) => {
        runs++;
        const source = `${pad}${body}${pad}`;
        const quick = plainJson(source);
        if (quick === undefined) return;
        fast++;
        const slow = yamlReading(source);
        expect(slow).toHaveProperty('value');
        expect(exact(quick.value)).toBe(exact((slow as { value: unknown }).value));
      }),
      { numRuns: 3000, seed: 20261207 },
    );
    // The generator reaches the fast path often enough to mean something.
    expect(fast / runs).toBeGreaterThan(0.2);
  });

  it('leaves to the YAML reader what it refuses or reads otherwise', () => {
    for (const source of ['{"a": 1, "a": 2}', '{"x": {"a": 1, "b": 2, "a": 3}}', '[-0]', '[1e400]', '[1e3]', '["\u2028"]', '["\\u0085"]', '["\\ud800"]', '{\t"a": 1}', `${'['.repeat(300)}${']'.repeat(300)}`, '{"a": 12345678901234567890}']) {
      expect(plainJson(source), source).toBeUndefined();
    }
    const deep = `${'['.repeat(300)}${']'.repeat(300)}`;
    expect(yamlReading(deep)).toEqual({ error: expect.stringContaining('nested more than 256 levels deep') });
    expect(yamlReading('{"a": 1, "a": 2}')).toEqual({ error: 'Map keys must be unique' });
  });

  it('takes kubectl\'s output of ordinary objects, keys named __proto__ and <<, and \\r\\n line ends', () => {
    const object = {
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'BackendTrafficPolicy',
      metadata: { name: 'p', namespace: 'n', labels: { 'app.kubernetes.io/name': 'shop' }, annotations: { note: 'a: b # c — “quoted” 😀' } },
      spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'r' }], timeout: { http: { requestTimeout: '1.5s' } }, circuitBreaker: { maxConnections: 1024 }, loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'Header', header: { name: 'x' } } } },
      data: JSON.parse('{"__proto__": {"x": 1}, "<<": {"y": 2}, "ratio": 0.25, "negative": -3, "flag": false, "none": null}'),
    };
    for (const source of [JSON.stringify(object, null, 4), JSON.stringify(object), JSON.stringify(object, null, 2).replace(/\n/g, '\r\n')]) {
      const quick = plainJson(source);
      expect(quick).toBeDefined();
      expect(exact(quick!.value)).toBe(exact((yamlReading(source) as { value: unknown }).value));
      expect(Object.hasOwn((quick!.value as { data: object }).data, '__proto__')).toBe(true);
    }
  });
});
