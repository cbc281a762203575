/**
 * The fast path of the object models (`fastParse`) against zod itself: on inputs shaped like each
 * schema, valid and near-valid (wrong types, missing or `undefined` fields, undeclared and
 * `__proto__` keys, Dates, non-plain objects, array holes, NaN and ±Infinity, strings at their
 * length bounds in code points, values just past a pattern or a bound), whatever the fast path
 * vouches for is what zod accepts, with an equal output, and the input is never changed (it is
 * frozen). Valid inputs take the fast path; for BackendTrafficPolicies, whose CEL rules zod's own
 * checks judge on either path, every policy zod accepts does. And where admission takes it, the
 * walk it skips (`findUnknownFields`) would have found nothing.
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
      const checks = checksOf(def);
      const pattern = checks.find((c) => c.check === 'string_format' && c.format === 'regex')?.pattern;
      const min = checks.find((c) => c.check === 'min_length')?.minimum;
      const max = checks.find((c) => c.check === 'max_length')?.maximum;
      // A pattern: strings it matches (some too long, if a length bound is checked too), and a near miss.
      if (pattern) return matching(pattern, o);
      if (min === undefined && max === undefined) return fc.oneof(fc.constantFrom('', 'a', 'gw', '😀'), fc.string({ maxLength: 8 }));
      const lo = min ?? 0;
      const hi = max ?? 64;
      if (!o.odd) return stringOfLength(2 * lo, Math.min(hi, 2 * lo + 8));
      // Around each bound, where zod counts code points.
      return fc.oneof(stringOfLength(Math.max(0, lo - 1), 2 * lo + 2), stringOfLength(Math.max(0, hi - 3), hi + 3));
    }
    case 'number': {
      // Within the bounds, and for near-valid values just past them.
      const checks = checksOf(def);
      const lo = checks.find((c) => c.check === 'greater_than')?.value ?? -5;
      const hi = checks.find((c) => c.check === 'less_than')?.value ?? 70000;
      return o.odd ? fc.integer({ min: lo - 1, max: hi + 1 }) : fc.integer({ min: lo, max: hi });
    }
    case 'enum':
    case 'literal':
      return fc.constantFrom(...(schema._zod as unknown as { values: Set<unknown> }).values);
    case 'date':
      return fc.constant(new Date(Date.UTC(2025, 0, 1)));
    case 'boolean':
      return fc.boolean();
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
      const checks = checksOf(def);
      const minLength = checks.find((c) => c.check === 'min_length')?.minimum ?? 0;
      const items = fc.array(shapedLike(def.element as z.ZodType, o), { minLength: o.odd ? 0 : minLength, maxLength: Math.max(minLength, 3) });
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

type CheckDef = { check: string; format?: string; pattern?: RegExp; minimum?: number; maximum?: number; value?: number };
const checksOf = (def: Def): CheckDef[] => ((def.checks as Array<{ _zod: { def: CheckDef } }> | undefined) ?? []).map((c) => c._zod.def);

/** Strings a pattern matches (fast-check reads the pattern), with a near miss among near-valid values. */
function matching(pattern: RegExp, o: Options): fc.Arbitrary<string> {
  const valid = fc.stringMatching(pattern, { size: 'xsmall' });
  return o.odd ? fc.oneof(valid, valid.map((v) => `${v}%`), fc.constantFrom('', ' ')) : valid;
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

/**
 * Whatever the fast path vouches for (of `numRuns` inputs), zod accepts with an equal output, and
 * the input (frozen) is unchanged. The generator must make valid inputs often enough (`minimum`
 * vouched for) for the comparison to mean something.
 */
function expectSound(schema: z.ZodType, inputs: fc.Arbitrary<unknown>, numRuns: number, minimum: number): void {
  let vouched = 0;
  fc.assert(
    fc.property(inputs, (input) => {
      deepFreeze(input);
      const fast = fastParse(schema, input);
      const zod = schema.safeParse(input);
      if (!fast) return;
      vouched++;
      expect(zod.success).toBe(true);
      expect(jsonEqual(fast.data, zod.data)).toBe(true);
    }),
    { numRuns, seed: 20261206 },
  );
  expect(vouched).toBeGreaterThan(minimum);
}

describe('fastParse agrees with zod', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`${name}: what the fast path vouches for, zod accepts with an equal output, and the input is unchanged`, () => {
      expectSound(schema, mixed(schema), 600, 150);
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

/**
 * BackendTrafficPolicies: a valid targeting (a ref, refs, or a selector; the spec's CEL rules
 * judge these) and up to three features, each shaped like its own schema, valid or near-valid.
 * A shape-driven whole spec would hold every feature and break some rule almost always.
 */
const specShape = defOf((defOf(BackendTrafficPolicySchema).shape as Record<string, z.ZodType>).spec).shape as Record<string, z.ZodType>;
const TARGETING = new Set(['targetRef', 'targetRefs', 'targetSelectors', 'mergeType', 'routingType']);
const FEATURES = Object.keys(specShape).filter((k) => !TARGETING.has(k));
const route = { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'r' };
const targetings: Array<Record<string, unknown>> = [
  { targetRefs: [route] },
  { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'g', sectionName: 'http' }] },
  { targetRef: route },
  { targetSelectors: [{ kind: 'HTTPRoute', matchLabels: { app: 'web' } }] },
  { targetRefs: [route], mergeType: 'StrategicMerge' },
  { targetRefs: [route], routingType: 'Service' },
];
function policyShaped(o: Options): fc.Arbitrary<unknown> {
  const features = fc.subarray(FEATURES, { maxLength: 3 }).chain((keys) => fc.tuple(...keys.map((k) => shapedLike(specShape[k]!, o).map((v) => [k, v] as const))));
  return fc.tuple(fc.constantFrom(...targetings), features).map(([targeting, entries]) => {
    const spec: Record<string, unknown> = { ...structuredClone(targeting) };
    for (const [k, v] of entries) if (v !== undefined) spec[k] = v;
    return { apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'BackendTrafficPolicy', metadata: { name: 'p', namespace: 'apps' }, spec };
  });
}

describe('fastParse agrees with zod on BackendTrafficPolicies: CEL rules, patterns, bounds and enums by zod\'s own checks', () => {
  const schema = BackendTrafficPolicySchema;
  const policies = fc.oneof(policyShaped({ odd: false }), policyShaped({ odd: true, rarity: 40 }), policyShaped({ odd: true, rarity: 8 }));

  it('what the fast path vouches for, zod accepts with an equal output, and the input is unchanged', () => {
    expectSound(schema, policies, 400, 100);
  });

  it('a policy zod accepts, with no null or unknown field (admission drops those first), takes the fast path', () => {
    let valid = 0;
    fc.assert(
      fc.property(policyShaped({ odd: false }), (input) => {
        deepFreeze(input);
        const protoEntries: ProtoEntry[] = [];
        if (!schema.safeParse(input).success || hasNullProperty(input) || findUnknownFields(schema, input, [], protoEntries).length > 0 || protoEntries.length > 0) return;
        valid++;
        const fast = fastParse(schema, input);
        expect(fast).toBeDefined();
        expect(jsonEqual(fast!.data, schema.parse(input))).toBe(true);
      }),
      { numRuns: 200, seed: 20261207 },
    );
    // Valid generated shapes still break a CEL rule now and then; most must be valid for this to mean something.
    expect(valid).toBeGreaterThan(100);
  });

  it('where admission takes the fast path, the unknown-field walk would find nothing', () => {
    fc.assert(
      fc.property(policies, (input) => {
        if (!fastParse(schema, input) || hasNullProperty(input)) return;
        const protoEntries: ProtoEntry[] = [];
        expect(findUnknownFields(schema, input, [], protoEntries)).toEqual([]);
        expect(protoEntries).toEqual([]);
      }),
      { numRuns: 200, seed: 20261208 },
    );
  });
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

  it('counts string lengths in code points only where zod must: a string between the bounds is judged by zod\'s own check', () => {
    const at = (controllerName: string) => ({ metadata: { name: 'eg' }, spec: { controllerName } });
    expect(fastParse(GatewayClassSchema, at('gateway.envoyproxy.io/gatewayclass-controller'))).toBeDefined();
    expect(fastParse(GatewayClassSchema, at(''))).toBeUndefined();
    expect(fastParse(GatewayClassSchema, at('a'.repeat(254)))).toBeUndefined();
    // 254 UTF-16 units but 253 code points: valid, as zod counts.
    expect(GatewayClassSchema.safeParse(at(`😀${'a'.repeat(252)}`)).success).toBe(true);
    agrees(GatewayClassSchema, at(`😀${'a'.repeat(252)}`));
    // A name of one character is shorter than twice the minimum of 1, and still one code point.
    agrees(ObjectMetaSchema, { name: 'a' });
  });

  it("follows zod's object rules for absent keys: required, optional, defaulted", () => {
    expect(fastParse(z.object({ a: z.unknown() }), {})).toBeUndefined();
    expect(z.object({ a: z.unknown() }).safeParse({}).success).toBe(false);
    expect(fastParse(z.object({ a: z.unknown().optional() }), {})?.data).toEqual({});
    const defaultedOptional = z.object({ a: z.string().default('x').optional() });
    expect(fastParse(defaultedOptional, {})?.data).toEqual(defaultedOptional.parse({}));
  });

  it('runs zod\'s own judging checks on the output: refinements, CEL rules, patterns, bounds, literals', () => {
    const judged: Array<[z.ZodType, unknown, unknown]> = [
      [z.object({ a: z.string() }).refine((o) => o.a === 'a'), { a: 'a' }, { a: 'b' }],
      [z.object({ a: z.string().regex(/^a+$/) }), { a: 'aa' }, { a: 'ab' }],
      [z.object({ a: z.number().min(1).max(3) }), { a: 3 }, { a: 4 }],
      [z.object({ a: z.array(z.string()).min(1) }), { a: ['x'] }, { a: [] }],
      [z.object({ a: z.literal('a') }), { a: 'a' }, { a: 'b' }],
      [z.object({ a: z.enum(['a', 'b']) }), { a: 'b' }, { a: 'c' }],
      // A rule runs on the defaulted value, as in zod (and the API server).
      [z.object({ a: z.number().default(1) }).refine((o) => o.a === 1), {}, { a: 2 }],
    ];
    for (const [schema, good, bad] of judged) {
      agrees(schema, good);
      expect(fastParse(schema, deepFreeze(bad))).toBeUndefined();
      expect(schema.safeParse(bad).success).toBe(false);
    }
    // A BackendTrafficPolicy that breaks a CEL rule is left to zod, which reports the rule.
    const policy = { metadata: { name: 'p', namespace: 'a' }, spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'r' }] } };
    agrees(BackendTrafficPolicySchema, policy);
    expect(fastParse(BackendTrafficPolicySchema, { metadata: { name: 'p' }, spec: {} })).toBeUndefined();
    const both = { ...policy, spec: { ...policy.spec, targetRef: policy.spec.targetRefs[0] } };
    expect(fastParse(BackendTrafficPolicySchema, both)).toBeUndefined();
    expect(BackendTrafficPolicySchema.safeParse(both).error?.issues.map((i) => i.message)).toContain('either targetRef or targetRefs must be used');
  });

  it('leaves a check that cannot judge at once to zod: one that throws, or answers with a promise', () => {
    const throws = z.object({ a: z.string() }).refine(() => {
      throw new Error('no');
    });
    expect(fastParse(throws, { a: 'a' })).toBeUndefined();
    const later = z.object({ a: z.string() }).refine(async () => true);
    expect(fastParse(later, { a: 'a' })).toBeUndefined();
  });

  it('does not compile schemas with parts it does not know: transforms, rewriting checks, formats, exclusive unions', () => {
    const unknownNodes: z.ZodType[] = [
      z.object({ a: z.string().transform((s) => s.length) }),
      z.object({ a: z.string().trim() }),
      z.object({ a: z.string().toLowerCase() }),
      z.object({ a: z.xor([z.string(), z.number()]) }),
      z.object({ a: z.union([z.object({}), z.string()]) }),
      z.object({ a: z.email() }),
      z.object({ a: z.string().email() }),
      z.object({ a: z.literal(undefined) }),
      z.object({ constructor: z.string() }),
      z.object({}).catchall(z.string()),
      z.record(z.enum(['a']), z.string()),
    ];
    for (const schema of unknownNodes) expect(fastParse(schema, { a: 'a' })).toBeUndefined();
  });
});
