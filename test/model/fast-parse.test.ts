/**
 * The fast path of the lenient object models (`fastParse`) against zod itself: on inputs shaped
 * like each schema, valid and near-valid (wrong types, missing or `undefined` fields, undeclared
 * and `__proto__` keys, Dates, non-plain objects, array holes, NaN and ±Infinity, strings at their
 * length bounds in code points), whatever the fast path vouches for is what zod accepts, with an
 * equal output, and the input is never changed (it is frozen). Valid inputs take the fast path.
 * And where admission takes it, the walk it skips (`findUnknownFields`) would have found nothing.
 */
import fc from 'fast-check';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { BackendTrafficPolicySchema } from '../../src/model/backend-traffic-policy.js';
import { fastParse } from '../../src/model/fast-parse.js';
import {
  ConfigMapSchema,
  GatewayClassSchema,
  GatewaySchema,
  ListenerSetSchema,
  NamespaceSchema,
  ReferenceGrantSchema,
  RouteSchema,
  SecretSchema,
  ServiceSchema,
} from '../../src/model/gateway-api.js';
import { LabelSelectorSchema } from '../../src/model/label-selector.js';
import { ObjectMetaSchema } from '../../src/model/object-meta.js';
import { checkPlainData } from '../../src/model/parse.js';
import { findUnknownFields, hasNullProperty, type ProtoEntry } from '../../src/model/unknown-fields.js';
import { deepFreeze, jsonEqual } from '../../src/lang/json.js';

const SCHEMAS: Record<string, z.ZodType> = {
  Gateway: GatewaySchema,
  ListenerSet: ListenerSetSchema,
  Route: RouteSchema,
  ReferenceGrant: ReferenceGrantSchema,
  Namespace: NamespaceSchema,
  Service: ServiceSchema,
  Secret: SecretSchema,
  ConfigMap: ConfigMapSchema,
  GatewayClass: GatewayClassSchema,
  ObjectMeta: ObjectMetaSchema,
  LabelSelector: LabelSelectorSchema,
};

type Def = { type: string } & Record<string, unknown>;
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

/** An own property, also for `__proto__`. */
function define(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

class NotPlain {
  name = 'x';
}

/** Values of no declared shape: what an undeclared key or a `z.unknown()` holds. */
const unknownValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY, new Date(0), new Date(Number.NaN)),
  fc.jsonValue({ maxDepth: 1 }).map((v) => {
    const o = { a: 1 };
    define(o, '__proto__', v);
    return o;
  }),
  fc.constant([1, , 3]),
);

/** Values that are not plain data of any declared kind. */
const NOT_PLAIN = [Object.assign(Object.create(null) as object, { name: 'x' }), new NotPlain(), new Map([['a', 'b']]), new Date(0)];

/** Near-valid values in place of a node of each type: the wrong JSON type, or the right one just out of bounds. */
function twisted(def: Def): fc.Arbitrary<unknown> {
  const any = fc.constantFrom<unknown>(undefined, null, 'x', 0, true, [], {}, ...NOT_PLAIN);
  switch (def.type) {
    case 'number':
      return fc.oneof(any, fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5, 2 ** 53, -(2 ** 53), -0, '80'), fc.double());
    case 'union':
    case 'date':
      return fc.oneof(any, fc.constantFrom(new Date(Number.NaN), 1735689600000));
    case 'array':
      return fc.oneof(any, fc.constantFrom({ 0: 'a', length: 1 }, [, 'a'], ['a', ,], new Array(2)));
    default:
      return any;
  }
}

/** Strings by UTF-16 units, `min` to `max` of them: ASCII, a surrogate pair (one code point), lone surrogates. */
const UNITS = ['a', 'b', '😀', '\ud800', '\udc00'];
const stringOfLength = (min: number, max: number): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min, max }), fc.array(fc.constantFrom(...UNITS), { maxLength: 6 })).map(([length, parts]) => {
    let s = '';
    for (const p of parts) if (s.length + p.length <= length) s += p;
    return s.padEnd(length, 'a');
  });

interface Options {
  /** Whether to make near-valid values too, or valid ones only. */
  odd: boolean;
  /** With `odd`: one node in `rarity` is twisted. */
  rarity?: number;
}

/** An arbitrary of inputs shaped like `schema`, read from its zod definition. */
function shapedLike(schema: z.ZodType, o: Options): fc.Arbitrary<unknown> {
  const valid = validShaped(schema, o);
  return o.odd ? fc.oneof({ arbitrary: valid, weight: (o.rarity ?? 12) - 1 }, { arbitrary: twisted(defOf(schema)), weight: 1 }) : valid;
}

/** Valid inputs, inputs with a rare twist, and inputs with many. */
const mixed = (schema: z.ZodType): fc.Arbitrary<unknown> =>
  fc.oneof(shapedLike(schema, { odd: false }), shapedLike(schema, { odd: true, rarity: 40 }), shapedLike(schema, { odd: true, rarity: 8 }));

function validShaped(schema: z.ZodType, o: Options): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string': {
      const checks = ((def.checks as Array<{ _zod: { def: { check: string; minimum?: number; maximum?: number } } }>) ?? []).map((c) => c._zod.def);
      const min = checks.find((c) => c.check === 'min_length')?.minimum;
      const max = checks.find((c) => c.check === 'max_length')?.maximum;
      if (min === undefined && max === undefined) return fc.oneof(fc.constantFrom('', 'a', 'gw', '😀'), fc.string({ maxLength: 8 }));
      const lo = min ?? 0;
      const hi = max ?? 64;
      if (!o.odd) return stringOfLength(2 * lo, Math.min(hi, 2 * lo + 8));
      // Around each bound, where zod counts code points.
      return fc.oneof(stringOfLength(Math.max(0, lo - 1), 2 * lo + 2), stringOfLength(Math.max(0, hi - 3), hi + 3));
    }
    case 'number':
      return fc.integer({ min: -5, max: 70000 });
    case 'date':
      return fc.constant(new Date(Date.UTC(2025, 0, 1)));
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((option) => shapedLike(option, o)));
    case 'optional':
    case 'default':
      return fc.oneof({ arbitrary: shapedLike(def.innerType as z.ZodType, o), weight: 4 }, { arbitrary: fc.constant(undefined), weight: 1 });
    case 'nullable':
      return fc.oneof({ arbitrary: shapedLike(def.innerType as z.ZodType, o), weight: 4 }, { arbitrary: fc.constant(null), weight: 1 });
    case 'unknown':
      return unknownValue;
    case 'array': {
      const items = fc.array(shapedLike(def.element as z.ZodType, o), { maxLength: 3 });
      if (!o.odd) return items;
      return fc.tuple(items, fc.nat(9)).map(([arr, n]) => {
        if (n === 0) return [...arr, ...new Array<unknown>(1)]; // a trailing hole
        return arr;
      });
    }
    case 'record': {
      const entries = fc.array(fc.tuple(fc.constantFrom('a', 'b.io/c', 'constructor', 'toString', '0'), shapedLike(def.valueType as z.ZodType, o)), { maxLength: 3 });
      return fc.tuple(entries, fc.nat(9), shapedLike(def.valueType as z.ZodType, o)).map(([list, n, proto]) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of list) define(out, k, v);
        if (o.odd && n === 0) define(out, '__proto__', proto);
        return out;
      });
    }
    case 'object':
      return objectShaped(def, o);
    default:
      throw new Error(`no generator for ${def.type}`);
  }
}

/** Each declared key absent, `undefined`, or a value (in a random order), then undeclared keys. */
function objectShaped(def: Def, o: Options): fc.Arbitrary<unknown> {
  const shape = def.shape as Record<string, z.ZodType>;
  const keys = Object.keys(shape);
  const loose = def.catchall !== undefined;
  const slot = (key: string): fc.Arbitrary<[string, 'absent' | 'undefined' | 'value', unknown]> => {
    const required = shape[key]!._zod.optin === undefined;
    const states: Array<'absent' | 'undefined' | 'value'> = required && !o.odd ? ['value'] : ['absent', 'undefined', 'value', 'value', 'value'];
    return fc.tuple(fc.constant(key), fc.constantFrom(...states), shapedLike(shape[key]!, o));
  };
  const extraKeys = ['extra', 'x-y', 'constructor', ...(o.odd ? ['__proto__'] : [])];
  const extras = o.odd || loose ? fc.array(fc.tuple(fc.constantFrom(...extraKeys), unknownValue), { maxLength: 2 }) : fc.constant([]);
  return fc.tuple(fc.shuffledSubarray(keys, { minLength: keys.length }).chain((order) => fc.tuple(...order.map(slot))), extras).map(([slots, more]) => {
    const out: Record<string, unknown> = {};
    for (const [key, state, value] of slots) {
      if (state === 'absent') continue;
      out[key] = state === 'undefined' ? undefined : value;
    }
    for (const [key, value] of more) if (!Object.hasOwn(out, key)) define(out, key, value);
    return out;
  });
}

describe('fastParse agrees with zod', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`${name}: what the fast path vouches for, zod accepts with an equal output, and the input is unchanged`, () => {
      let vouched = 0;
      fc.assert(
        fc.property(mixed(schema), (input) => {
          deepFreeze(input);
          const fast = fastParse(schema, input);
          const zod = schema.safeParse(input);
          if (!fast) return;
          vouched++;
          expect(zod.success).toBe(true);
          expect(jsonEqual(fast.data, zod.data)).toBe(true);
        }),
        { numRuns: 600, seed: 20261206 },
      );
      // The generator makes valid inputs often enough for the comparison to mean something.
      expect(vouched).toBeGreaterThan(150);
    });

    it(`${name}: a valid input takes the fast path`, () => {
      fc.assert(
        fc.property(shapedLike(schema, { odd: false }), (input) => {
          deepFreeze(input);
          expect(schema.safeParse(input).success).toBe(true);
          const fast = fastParse(schema, input);
          expect(fast).toBeDefined();
          expect(jsonEqual(fast!.data, schema.parse(input))).toBe(true);
        }),
        { numRuns: 100, seed: 20261207 },
      );
    });

    it(`${name}: where admission takes the fast path, the unknown-field walk would find nothing`, () => {
      fc.assert(
        fc.property(mixed(schema), (input) => {
          if (!fastParse(schema, input) || hasNullProperty(input)) return;
          const protoEntries: ProtoEntry[] = [];
          expect(findUnknownFields(schema, input, [], protoEntries)).toEqual([]);
          expect(protoEntries).toEqual([]);
        }),
        { numRuns: 300, seed: 20261208 },
      );
    });
  }
});

describe('fastParse on the edge cases', () => {
  const route = () => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'r', namespace: 'apps', labels: { app: 'web' }, creationTimestamp: '2025-01-01T00:00:00Z' },
    spec: { parentRefs: [{ name: 'eg', port: 80 }], hostnames: ['a.example.com'], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }] },
  });
  const agrees = (schema: z.ZodType, input: unknown): unknown => {
    deepFreeze(input);
    const fast = fastParse(schema, input);
    expect(fast).toBeDefined();
    expect(jsonEqual(fast!.data, schema.parse(input))).toBe(true);
    return fast!.data;
  };

  it('returns a valid object itself when nothing is defaulted: no second copy', () => {
    const input = route();
    expect(agrees(RouteSchema, input)).toBe(input);
  });

  it('copies only the objects on the path to a default, and never the input', () => {
    const input = { ...route(), spec: { hostnames: ['a.example.com'], extra: { deep: true } } };
    const out = agrees(RouteSchema, input) as typeof input & { spec: { parentRefs: unknown[]; rules: unknown[] } };
    expect(out).not.toBe(input);
    expect(out.metadata).toBe(input.metadata);
    expect(out.spec).not.toBe(input.spec);
    expect(out.spec.extra).toBe(input.spec.extra);
    expect(out.spec.parentRefs).toEqual([]);
    expect(out.spec.rules).toEqual([]);
    expect(input.spec).not.toHaveProperty('parentRefs');
    // Each default is a new value, as zod's `defaultValue` getter gives it.
    expect(out.spec.parentRefs).not.toBe((agrees(RouteSchema, input) as typeof out).spec.parentRefs);
  });

  it('keeps own properties that are undefined, as zod does', () => {
    const input = { ...route(), status: undefined, metadata: { name: 'r', labels: undefined, generation: undefined } };
    const out = agrees(RouteSchema, input) as Record<string, unknown> & { metadata: object };
    expect(Object.hasOwn(out, 'status')).toBe(true);
    expect(Object.hasOwn(out.metadata, 'labels')).toBe(true);
  });

  it('defaults an own property that is undefined', () => {
    const input = { ...route(), spec: { parentRefs: undefined, rules: [] } };
    expect((agrees(RouteSchema, input) as { spec: { parentRefs: unknown } }).spec.parentRefs).toEqual([]);
  });

  it('leaves an own __proto__ key to zod, in an object and in a map', () => {
    const inObject = route();
    Object.defineProperty(inObject.spec, '__proto__', { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
    expect(fastParse(RouteSchema, inObject)).toBeUndefined();
    const inMap = route();
    Object.defineProperty(inMap.metadata.labels, '__proto__', { value: 'x', enumerable: true, writable: true, configurable: true });
    expect(fastParse(RouteSchema, inMap)).toBeUndefined();
    // Admission keeps the label, as the API server stores it (zod's record skips it; `parseProtoKeys` puts it back).
    const { result } = checkPlainData(RouteSchema, inMap, 'warn', true);
    expect(result.success && Object.hasOwn((result.data.metadata as { labels: object }).labels, '__proto__')).toBe(true);
  });

  it('passes an own __proto__ key below an undeclared field through, as zod does', () => {
    const input = route() as ReturnType<typeof route> & { spec: { extra?: object } };
    const extra = {};
    Object.defineProperty(extra, '__proto__', { value: 1, enumerable: true, writable: true, configurable: true });
    input.spec.extra = extra;
    expect((agrees(RouteSchema, input) as typeof input).spec.extra).toBe(extra);
  });

  it('takes a valid Date as a creationTimestamp and leaves an invalid one to zod', () => {
    const at = new Date(Date.UTC(2025, 0, 1));
    expect((agrees(ObjectMetaSchema, { name: 'a', creationTimestamp: at }) as { creationTimestamp: Date }).creationTimestamp).toBe(at);
    expect(fastParse(ObjectMetaSchema, { name: 'a', creationTimestamp: new Date(Number.NaN) })).toBeUndefined();
    expect(ObjectMetaSchema.safeParse({ name: 'a', creationTimestamp: new Date(Number.NaN) }).success).toBe(false);
  });

  it('leaves non-plain objects to zod: a Date, a Map, a class instance, an object without a prototype', () => {
    for (const metadata of [new Date(0), new Map([['name', 'a']]), new NotPlain(), Object.assign(Object.create(null) as object, { name: 'a' })]) {
      expect(fastParse(GatewaySchema, { metadata, spec: {} })).toBeUndefined();
    }
  });

  it('leaves NaN, ±Infinity and unsafe integers to zod, which refuses them', () => {
    for (const port of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53, 1.5]) {
      const input = route();
      input.spec.parentRefs[0]!.port = port;
      expect(fastParse(RouteSchema, input)).toBeUndefined();
      expect(RouteSchema.safeParse(input).success).toBe(false);
    }
  });

  it('leaves an array with a hole to zod', () => {
    const holes = z.object({ items: z.array(z.unknown()) });
    expect(fastParse(holes, { items: [1, , 3] })).toBeUndefined();
    expect(fastParse(holes, { items: [1, undefined, 3] })?.data).toEqual({ items: [1, undefined, 3] });
  });

  it('leaves an undeclared key of a strict object to zod and to the unknown-field report', () => {
    const input = { ...route(), spec: { ...route().spec, parentRefs: [] } };
    const gateway = { metadata: { name: 'g', namespace: 'a' }, spec: { listeners: [{ name: 'l', protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabel: {} } } } }] } };
    expect(fastParse(RouteSchema, input)).toBeDefined();
    expect(fastParse(GatewaySchema, gateway)).toBeUndefined();
    expect(checkPlainData(GatewaySchema, gateway, 'warn', true).result.warnings.map((w) => w.path)).toEqual(['spec.listeners[0].allowedRoutes.namespaces.selector.matchLabel']);
  });

  it('counts string lengths in code points only where zod must: a string between the bounds is left to it', () => {
    const at = (controllerName: string) => ({ metadata: { name: 'eg' }, spec: { controllerName } });
    expect(fastParse(GatewayClassSchema, at('gateway.envoyproxy.io/gatewayclass-controller'))).toBeDefined();
    expect(fastParse(GatewayClassSchema, at(''))).toBeUndefined();
    expect(fastParse(GatewayClassSchema, at('a'.repeat(254)))).toBeUndefined();
    // 254 UTF-16 units but 253 code points: valid, and zod decides it.
    expect(fastParse(GatewayClassSchema, at(`😀${'a'.repeat(252)}`))).toBeUndefined();
    expect(GatewayClassSchema.safeParse(at(`😀${'a'.repeat(252)}`)).success).toBe(true);
  });

  it("follows zod's object rules for absent keys: required, optional, defaulted", () => {
    expect(fastParse(z.object({ a: z.unknown() }), {})).toBeUndefined();
    expect(z.object({ a: z.unknown() }).safeParse({}).success).toBe(false);
    expect(fastParse(z.object({ a: z.unknown().optional() }), {})?.data).toEqual({});
    const defaultedOptional = z.object({ a: z.string().default('x').optional() });
    expect(fastParse(defaultedOptional, {})?.data).toEqual(defaultedOptional.parse({}));
  });

  it('does not compile schemas with parts it does not know: refinements, CEL rules, patterns, transforms, exclusive unions', () => {
    expect(fastParse(BackendTrafficPolicySchema, { metadata: { name: 'p' }, spec: {} })).toBeUndefined();
    const unknownNodes: z.ZodType[] = [
      z.object({ a: z.string() }).refine(() => true),
      z.object({ a: z.string().regex(/a/) }),
      z.object({ a: z.string().transform((s) => s.length) }),
      z.object({ a: z.xor([z.string(), z.number()]) }),
      z.object({ a: z.union([z.object({}), z.string()]) }),
      z.object({ a: z.number().min(1) }),
      z.object({ a: z.email() }),
      z.object({ a: z.literal('a') }),
      z.object({ constructor: z.string() }),
      z.object({}).catchall(z.string()),
      z.record(z.enum(['a']), z.string()),
    ];
    for (const schema of unknownNodes) expect(fastParse(schema, { a: 'a' })).toBeUndefined();
  });
});
