/**
 * The hardening properties, as fast-check properties shared by the fast suite (`*.test.ts`, a few
 * hundred runs in `npm test`) and the long fuzz run (`fuzz.fuzz.ts`, `npm run fuzz`).
 *
 * Every call of a public entry point is checked the same way (`checkedCall`): it returns (never
 * throws), it leaves Object.prototype and friends alone, and what it returns is plain data.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { createEnvoyEmitter, createResolver, emitEnvoy, emitRateLimitConfigs, jsonMergePatch, parseBackendTrafficPolicy, resolvePolicies, strategicMergePatch, type Resolution, type ResolveInput, type ResolveOptions, type ResolverChange } from '../../src/index.js';
import { SpecGenerator } from '../support/btp-generator.js';
import { crdOpenApiSchema } from '../support/crd.js';
import {
  applyMutations,
  cheapMutationArb,
  deepFreeze,
  fingerprint,
  isTame,
  mutationArb,
  objectsOf,
  plainDataProblem,
  policiesOf,
  pollutionSnapshot,
  realisticInputs,
  shuffled,
  type Mutation,
  type NamedInput,
} from './support.js';

/** The seed of every property run: fixed, printed by the fuzz run, overridable with FUZZ_SEED. */
export const SEED = Number(process.env.FUZZ_SEED ?? 20260822);

export class PropertyError extends Error {}

function fail(message: string): never {
  throw new PropertyError(message);
}

const show = (v: unknown, max = 400): string => {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > max ? `${s.slice(0, max)}…` : s;
};

/** `fn()`, which must not throw or pollute, and must return plain data (`plain`: a creator returns methods). */
export function checkedCall<T>(what: string, fn: () => T, plain = true): T {
  const before = pollutionSnapshot();
  let out: T;
  try {
    out = fn();
  } catch (err) {
    fail(`${what} threw: ${(err as Error)?.stack ?? String(err)}`);
  }
  const after = pollutionSnapshot();
  if (after !== before) fail(`${what} polluted a prototype:\nbefore ${before}\nafter  ${after}`);
  // Plain data (no cycles, accessors, functions, symbols, bigints, odd prototypes) is what
  // JSON.stringify accepts.
  const problem = plain ? plainDataProblem(out) : undefined;
  if (problem !== undefined) fail(`${what} returned something that is not plain data: ${problem}`);
  return out;
}

/** The catch-all of an entry point fired: the whole result was lost to one bad object. */
function checkNoInternalError(what: string, resolution: Resolution): void {
  const internal = resolution.diagnostics.find((d) => d.message.startsWith('internal error'));
  if (internal) fail(`${what}: the catch-all fired, so nothing resolved: ${internal.message}`);
}

function checkedResolve(input: unknown, options?: ResolveOptions): Resolution {
  const r = checkedCall('resolvePolicies', () => resolvePolicies(input as ResolveInput, options));
  checkNoInternalError('resolvePolicies', r);
  return r;
}

function checkedParse(input: unknown, options?: Parameters<typeof parseBackendTrafficPolicy>[1]) {
  const r = checkedCall('parseBackendTrafficPolicy', () => parseBackendTrafficPolicy(input, options));
  const all = r.success ? r.warnings : [...r.issues, ...r.warnings];
  const internal = all.find((i) => i.message.startsWith('input could not be read'));
  if (internal) fail(`parseBackendTrafficPolicy: the catch-all fired: ${internal.message}`);
  return r;
}

function checkedEmit(resolution: unknown, options?: unknown) {
  return checkedCall('emitEnvoy', () => emitEnvoy(resolution as Resolution, options as Parameters<typeof emitEnvoy>[1]));
}

function checkUnchanged(what: string, before: string | undefined, value: unknown): void {
  if (before === undefined) return;
  const after = fingerprint(value);
  if (after !== before) fail(`${what} mutated its input:\nbefore ${show(before, 2000)}\nafter  ${show(after, 2000)}`);
}

function checkEqual(what: string, a: unknown, b: unknown): void {
  if (!isDeepStrictEqual(a, b)) fail(`${what}:\n  first  ${show(a, 3000)}\n  second ${show(b, 3000)}`);
}

// ------------------------------------------------------------------------------------ arbitraries

const weirdKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'kind', 'spec', 'metadata', 'toString', 'hasOwnProperty', 'valueOf', 'items', 'List');

/** Arbitrary JSON-ish values, with prototype-ish keys and null-prototype objects mixed in. */
export const anyValue: fc.Arbitrary<unknown> = fc.anything({
  key: fc.oneof(fc.string(), weirdKey),
  maxDepth: 4,
  withNullPrototype: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withBigInt: true,
});

const BUNDLE_KEYS = ['gateways', 'httpRoutes', 'HTTPRoutes', 'tcpRoutes', 'udpRoutes', 'grpcRoutes', 'tlsRoutes', 'listenerSets', 'backendTrafficPolicies', 'referenceGrants', 'namespaces', 'configMaps', 'services', '__proto__', 'constructor'];
const KINDS = ['Gateway', 'HTTPRoute', 'GRPCRoute', 'TCPRoute', 'UDPRoute', 'TLSRoute', 'ListenerSet', 'XListenerSet', 'BackendTrafficPolicy', 'ReferenceGrant', 'Namespace', 'ConfigMap', 'Service', 'List', 'HTTPRouteList', '__proto__', 'constructor'];

/** Objects that look like Kubernetes objects of every kind resolution reads, with arbitrary insides. */
const k8sLike = fc.record(
  {
    apiVersion: fc.oneof(fc.constantFrom('gateway.networking.k8s.io/v1', 'gateway.envoyproxy.io/v1alpha1', 'v1'), anyValue),
    kind: fc.oneof(fc.constantFrom(...KINDS), anyValue),
    metadata: fc.oneof(fc.record({ name: fc.oneof(fc.constantFrom('eg', 'r', 'p'), fc.string()), namespace: fc.oneof(fc.constantFrom('default', ''), fc.string()) }, { requiredKeys: [] }), anyValue),
    spec: anyValue,
    items: fc.array(anyValue, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

/** Inputs of every shape `resolvePolicies` accepts, filled with arbitrary values. */
export const arbitraryInput: fc.Arbitrary<unknown> = fc.oneof(
  anyValue,
  fc.jsonValue(),
  fc.array(fc.oneof(k8sLike, anyValue), { maxLength: 6 }),
  fc.dictionary(fc.constantFrom(...BUNDLE_KEYS), fc.array(fc.oneof(k8sLike, anyValue), { maxLength: 4 })),
  k8sLike,
);

let cachedInputs: NamedInput[] | undefined;
/** The realistic inputs, read once per process. */
export function inputs(): NamedInput[] {
  return (cachedInputs ??= realisticInputs());
}

/** Every BackendTrafficPolicy of the realistic inputs. */
let cachedPolicies: unknown[] | undefined;
export function realisticPolicies(): unknown[] {
  return (cachedPolicies ??= inputs().flatMap(({ input }) => policiesOf(input)));
}

export interface MutatedCase {
  base: number;
  mutations: Mutation[];
  options: ResolveOptions;
}

const optionsArb: fc.Arbitrary<ResolveOptions> = fc.record(
  {
    order: fc.constantFrom('creationTimestamp' as const, 'input' as const),
    fieldNameMatching: fc.constantFrom('exact' as const, 'caseInsensitive' as const),
    now: fc.constantFrom('2026-01-01T00:00:00Z'),
  },
  { requiredKeys: [] },
);

export const mutatedCaseArb = (cheap: boolean): fc.Arbitrary<MutatedCase> =>
  fc.record({ base: fc.nat(), mutations: fc.array(cheap ? cheapMutationArb : mutationArb, { minLength: 1, maxLength: 4 }), options: optionsArb });

// ------------------------------------------------------------------------------------ properties

/** resolvePolicies, parseBackendTrafficPolicy, emitEnvoy and emitRateLimitConfigs never throw on arbitrary values. */
export const neverThrowsOnArbitraryValues = () =>
  fc.property(arbitraryInput, anyValue, (input, options) => {
    const before = fingerprint(input);
    const resolution = checkedResolve(input);
    checkedCall('resolvePolicies with arbitrary options', () => resolvePolicies(input as ResolveInput, options as ResolveOptions));
    checkedParse(input);
    checkedParse(input, options as never);
    checkedEmit(input, options);
    checkedEmit(resolution, options);
    for (const r of [input, resolution]) {
      const configs = checkedCall('emitRateLimitConfigs', () => emitRateLimitConfigs(r as Resolution, options as never));
      const internal = configs.diagnostics.find((d) => d.message.startsWith('internal error'));
      if (internal) fail(`emitRateLimitConfigs: the catch-all fired: ${internal.message}`);
    }
    checkUnchanged('an entry point', before, input);
  });

/** A call of the resolver's change methods, its argument as data (made hostile by `mutations` when it is called). */
interface ResolverCall {
  method: 'upsert' | 'delete' | 'apply';
  arg: unknown;
  mutations: Mutation[];
}

const objectKeyLike = fc.record(
  { kind: fc.oneof(fc.constantFrom(...KINDS), anyValue), name: fc.oneof(fc.constantFrom('eg', 'r', 'p'), anyValue), namespace: fc.oneof(fc.constantFrom('default'), anyValue) },
  { requiredKeys: [] },
);
const watchEventLike = fc.record({ type: fc.oneof(fc.constantFrom('ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK'), anyValue), object: fc.oneof(k8sLike, anyValue) }, { requiredKeys: [] });

const resolverCallArb: fc.Arbitrary<ResolverCall> = fc
  .oneof(
    fc.record({ method: fc.constant('upsert' as const), arg: arbitraryInput }),
    fc.record({ method: fc.constant('delete' as const), arg: fc.oneof(anyValue, fc.array(fc.oneof(objectKeyLike, anyValue), { maxLength: 4 })) }),
    fc.record({ method: fc.constant('apply' as const), arg: fc.oneof(anyValue, fc.array(fc.oneof(watchEventLike, anyValue), { maxLength: 4 })) }),
  )
  .chain((call) => fc.array(cheapMutationArb, { maxLength: 2 }).map((mutations) => ({ ...call, mutations })));

/** Options as data: plain ones, arbitrary values, or plain ones made hostile to read. */
const resolverOptionsArb = fc.record({ base: fc.oneof(optionsArb, anyValue), mutations: fc.array(cheapMutationArb, { maxLength: 2 }) });

/**
 * The resolver and the incremental emitter, fed arbitrary and hostile values (wrong types, throwing
 * getters, proxies, as options, changes, keys and events): no call throws, pollutes or hands out
 * anything but plain data, and no change or resolution falls back on the catch-all; a realistic
 * input upserted first gives the calls after it something to change.
 */
export const resolverApiRobust = () =>
  fc.property(fc.nat(), resolverOptionsArb, fc.array(resolverCallArb, { maxLength: 5 }), anyValue, (base, options, calls, emitterOptions) => {
    const all = inputs();
    const resolver = checkedCall('createResolver', () => createResolver(applyMutations(options.base, options.mutations) as ResolveOptions), false);
    const emitter = checkedCall('createEnvoyEmitter', () => createEnvoyEmitter(emitterOptions as never), false);
    const feed = (what: string, change: ResolverChange) => {
      const internal = change.diagnostics.find((d) => d.message.startsWith('internal error'));
      if (internal) fail(`${what}: the catch-all fired: ${internal.message}`);
      const routes = checkedCall('resolver.resolution()', () => resolver.resolution()).routes;
      checkedCall('emitter.update', () => emitter.update(change, routes));
    };
    feed('resolver.upsert', checkedCall('resolver.upsert', () => resolver.upsert(structuredClone(objectsOf(all[base % all.length]!.input)))));
    for (const call of calls) {
      const arg = applyMutations(call.arg, call.mutations);
      feed(`resolver.${call.method}`, checkedCall(`resolver.${call.method}`, () => (resolver[call.method] as (a: unknown) => ResolverChange)(arg)));
    }
    checkNoInternalError('resolver.resolution()', checkedCall('resolver.resolution()', () => resolver.resolution()));
    // The objects held, as read: whatever values the caller gave (a bigint, a function) come back as given.
    checkedCall('resolver.objects()', () => resolver.objects(), false);
    checkedCall('emitter.config()', () => emitter.config());
    checkedCall('emitter.update of arbitrary values', () => emitter.update(calls[0]?.arg as never, emitterOptions as never));
  });

/**
 * On a mutated realistic input: resolution never throws nor fails as a whole, leaves the input
 * unchanged, gives the same answer twice and for a deep-frozen copy; emitting the result and
 * parsing each policy never throw either.
 */
export const robustOnMutatedInputs = (cheap: boolean) =>
  fc.property(mutatedCaseArb(cheap), ({ base, mutations, options }) => {
    const all = inputs();
    const { input: original } = all[base % all.length]!;
    const input = applyMutations(original, mutations);
    const tame = isTame(mutations);
    const before = tame ? fingerprint(input) : undefined;
    const first = checkedResolve(input, options);
    checkUnchanged('resolvePolicies', before, input);
    checkedEmit(first);
    if (tame) {
      checkEqual('the same input resolved twice differs', first, checkedResolve(input, options));
      const frozen = deepFreeze(applyMutations(original, mutations));
      checkEqual('a deep-frozen copy resolves differently', first, checkedResolve(frozen, options));
    }
    for (const policy of policiesOf(input).slice(0, 20)) {
      const pBefore = tame ? fingerprint(policy) : undefined;
      checkedParse(policy, { unknownFields: 'error' });
      checkUnchanged('parseBackendTrafficPolicy', pBefore, policy);
    }
  });

/** A mutated realistic policy, alone: parse never throws, is deterministic, leaves the input alone. */
export const parseRobustOnMutatedPolicies = (cheap: boolean) =>
  fc.property(fc.nat(), fc.array(cheap ? cheapMutationArb : mutationArb, { minLength: 1, maxLength: 4 }), fc.constantFrom('warn', 'error', 'strip'), (base, mutations, mode) => {
    const policies = realisticPolicies();
    if (policies.length === 0) return;
    const original = policies[base % policies.length];
    const policy = applyMutations(original, mutations);
    const tame = isTame(mutations);
    const before = tame ? fingerprint(policy) : undefined;
    const first = checkedParse(policy, { unknownFields: mode as 'warn' });
    checkUnchanged('parseBackendTrafficPolicy', before, policy);
    if (tame) {
      checkEqual('the same policy parsed twice differs', first, checkedParse(policy, { unknownFields: mode as 'warn' }));
      checkEqual('a deep-frozen policy parses differently', first, checkedParse(deepFreeze(applyMutations(original, mutations)), { unknownFields: mode as 'warn' }));
    }
  });

/** emitEnvoy on a mutated Resolution (of a realistic input): never throws, input unchanged, deterministic. */
export const emitRobustOnMutatedResolutions = (cheap: boolean) =>
  fc.property(fc.nat(), fc.array(cheap ? cheapMutationArb : mutationArb, { minLength: 1, maxLength: 4 }), (base, mutations) => {
    const all = inputs();
    const resolution = resolvePolicies(all[base % all.length]!.input as ResolveInput, { order: 'input' });
    const mutated = applyMutations(resolution, mutations);
    const tame = isTame(mutations);
    const before = tame ? fingerprint(mutated) : undefined;
    const first = checkedEmit(mutated);
    checkUnchanged('emitEnvoy', before, mutated);
    const configs = checkedCall('emitRateLimitConfigs', () => emitRateLimitConfigs(mutated as Resolution));
    checkUnchanged('emitRateLimitConfigs', before, mutated);
    const internal = configs.diagnostics.find((d) => d.message.startsWith('internal error'));
    if (internal) fail(`emitRateLimitConfigs: the catch-all fired: ${internal.message}`);
    if (tame) {
      checkEqual('the same resolution emitted twice differs', first, checkedEmit(mutated));
      checkEqual('a deep-frozen resolution emits differently', first, checkedEmit(deepFreeze(applyMutations(resolution, mutations))));
    }
  });

/** Diagnostics without the input position (which a shuffle changes), as a sorted list. */
function positionFree(diagnostics: Resolution['diagnostics']): string[] {
  return diagnostics.map((d) => JSON.stringify({ ...d, path: d.path.replace(/^\[\d+\]/, '[*]') })).sort();
}

/**
 * With distinct objects and distinct creationTimestamps, the order of the input does not matter
 * under `order: 'creationTimestamp'`: a shuffled input resolves to the same policies, routes and
 * (position aside) diagnostics. Objects must be distinct: an input that holds one name twice is
 * two applies of it, and the last one applied is the one a cluster keeps, so there the order does
 * matter, and such cases are skipped.
 */
export const shuffleInvariant = () =>
  fc.property(fc.nat(), fc.array(fc.nat(), { minLength: 1, maxLength: 64 }), fc.array(cheapMutationArb.filter((m) => isTame([m]) && m.op !== 'cycle'), { maxLength: 2 }), (base, swaps, mutations) => {
    const all = inputs();
    const start = Date.UTC(2024, 0, 1);
    const objects = objectsOf(applyMutations(all[base % all.length]!.input, mutations)).map((o, i) => {
      const meta = o.metadata !== null && typeof o.metadata === 'object' && !Array.isArray(o.metadata) ? o.metadata : {};
      return { ...o, metadata: { ...meta, creationTimestamp: new Date(start + i * 1000).toISOString() } };
    });
    const ordered = checkedResolve(objects, { order: 'creationTimestamp' });
    // Inputs that repeat a name are outside the claim (resolution says so in a warning).
    if (ordered.diagnostics.some((d) => d.message.includes('appears more than once'))) return;
    const mixed = checkedResolve(shuffled(objects, swaps), { order: 'creationTimestamp' });
    checkEqual('policies differ after a shuffle', ordered.policies, mixed.policies);
    checkEqual('routes differ after a shuffle', ordered.routes, mixed.routes);
    checkEqual('diagnostics differ after a shuffle', positionFree(ordered.diagnostics), positionFree(mixed.diagnostics));
  });

// ------------------------------------------------------------------------------------ merge laws

/** RFC 7396 §2, transcribed: the reference the JSONMerge implementation is compared with. */
export function rfc7396(target: unknown, patch: unknown): unknown {
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObj(patch)) return patch;
  const result: Record<string, unknown> = {};
  if (isObj(target)) for (const k of Object.keys(target)) Object.defineProperty(result, k, { value: target[k], enumerable: true, writable: true, configurable: true });
  for (const name of Object.keys(patch)) {
    const value = patch[name];
    if (value === null) delete result[name];
    else Object.defineProperty(result, name, { value: rfc7396(Object.hasOwn(result, name) ? result[name] : undefined, value), enumerable: true, writable: true, configurable: true });
  }
  return result;
}

const jsonKey = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('a', 'b', 'c', 'type', 'spec', 'compression', 'compressor', 'httpUpgrade', 'timeout', 'retry') }, { weight: 1, arbitrary: weirdKey }, { weight: 1, arbitrary: fc.string({ maxLength: 4 }) });
/** JSON values over a small key set (so patch and original overlap), nulls included. */
export const mergeJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, 1, -1, 'x', '', 'Gzip', 'Brotli', 'websocket'),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(jsonKey, tie('value'), { maxKeys: 4 }).map((d) => JSON.parse(JSON.stringify(d)) as unknown),
  ),
})).value;

/** A value as JSON.parse would produce it (own `__proto__` keys included), to start merges from. */
const asParsed = (v: unknown): unknown => JSON.parse(JSON.stringify(v) ?? 'null');

/** A JSON value with every null-valued object property removed. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) Object.defineProperty(out, k, { value: withoutNulls(x), enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * Every item of the merge-keyed lists of a spec is an object with a string `type` (the CRD requires
 * it), each `type` once. The CRD lets a `type` repeat, but then Kubernetes' strategic merge is not
 * idempotent, and neither is ours, which follows it: a list missing from the parent is taken as the
 * patch gives it, and merged into one that is there item by item, each into the first parent item
 * of its key, so `[{type: x}, {type: x, z}]` merged twice gives `[{type: x, z}, {type: x, z}]`.
 */
function keyedItemsHaveUniqueKeys(spec: unknown): boolean {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return true;
  return ['compression', 'compressor', 'httpUpgrade'].every((k) => {
    const list = (spec as Record<string, unknown>)[k];
    if (!Array.isArray(list)) return true;
    const keys = list.map((i) => (i !== null && typeof i === 'object' && !Array.isArray(i) ? (i as Record<string, unknown>).type : undefined));
    return keys.every((t) => typeof t === 'string') && new Set(keys).size === keys.length;
  });
}

export const mergeLaws = {
  /** JSONMerge agrees with the RFC 7396 reference on plain JSON. */
  jsonMergeIsRfc7396: () =>
    fc.property(mergeJson, mergeJson, (a, b) => {
      const [o, p] = [asParsed(a), asParsed(b)];
      const before = fingerprint([o, p]);
      const ours = checkedCall('jsonMergePatch', () => jsonMergePatch(o, p));
      checkUnchanged('jsonMergePatch', before, [o, p]);
      checkEqual('jsonMergePatch differs from RFC 7396', rfc7396(o, p), ours);
    }),
  /** Merging an empty patch changes nothing (both mergers). */
  emptyPatchIsIdentity: () =>
    fc.property(mergeJson, (a) => {
      const o = asParsed({ spec: a }) as { spec?: unknown };
      checkEqual('jsonMergePatch(x, {}) differs from x', o, checkedCall('jsonMergePatch', () => jsonMergePatch(o, {})));
      checkEqual('strategicMergePatch(x, {}) differs from x', o, checkedCall('strategicMergePatch', () => strategicMergePatch(o, {})));
      // An empty object patch merges into an object; onto anything else it is a (replacing) value.
      if (o.spec === null || typeof o.spec !== 'object' || Array.isArray(o.spec)) return;
      checkEqual('jsonMergePatch(x.spec, {}) differs from x.spec', o.spec, checkedCall('jsonMergePatch', () => jsonMergePatch(o.spec, {})));
      checkEqual('strategicMergePatch(x, { spec: {} }) differs from x', o, checkedCall('strategicMergePatch', () => strategicMergePatch(o, { spec: {} })));
    }),
  /** Applying the same patch twice is applying it once (RFC 7396 patches are idempotent). */
  patchIsIdempotent: () =>
    fc.property(mergeJson, mergeJson, (a, b) => {
      const [o, p] = [asParsed(a), asParsed(b)];
      const once = jsonMergePatch(o, p);
      checkEqual('JSONMerge is not idempotent', once, jsonMergePatch(once, p));
      // Kubernetes fails a strategic merge whose keyed-list item lacks the merge key (ours appends
      // it: see docs/security.md), and is not idempotent on a repeated key: the law is stated for
      // lists with each key once.
      if (!keyedItemsHaveUniqueKeys(p)) return;
      const wrap = (v: unknown) => ({ spec: v });
      const sOnce = strategicMergePatch(wrap(o), wrap(p));
      // A new keyed-list item keeps the patch's nulls the first time (Kubernetes drops them; both
      // decode to "unset"), the second merge deletes them: compare with nulls in objects dropped.
      checkEqual('StrategicMerge is not idempotent', withoutNulls(sOnce), withoutNulls(strategicMergePatch(sOnce, wrap(p))));
    }),
  /** Away from the merge-keyed lists, StrategicMerge is JSONMerge (every other list is replaced). */
  strategicIsJsonAwayFromKeyedLists: () =>
    fc.property(mergeJson, mergeJson, (a, b) => {
      const strip = (v: unknown): unknown => {
        const p = asParsed(v);
        if (p !== null && typeof p === 'object' && !Array.isArray(p)) for (const k of ['compression', 'compressor', 'httpUpgrade']) delete (p as Record<string, unknown>)[k];
        return p;
      };
      const [o, p] = [strip(a), strip(b)];
      const s = strategicMergePatch({ spec: o }, { spec: p }) as { spec?: unknown };
      checkEqual('StrategicMerge differs from JSONMerge outside keyed lists', jsonMergePatch({ spec: o }, { spec: p }), s);
    }),
  /** Keyed lists: every key of the parent and of the patch is in the result exactly once. */
  keyedListsKeepEveryKeyOnce: () =>
    fc.property(
      fc.uniqueArray(fc.constantFrom('Gzip', 'Brotli', 'Zstd', '__proto__', 'constructor'), { maxLength: 4 }),
      fc.uniqueArray(fc.constantFrom('Gzip', 'Brotli', 'Zstd', '__proto__', 'constructor'), { maxLength: 4 }),
      fc.constantFrom('compression', 'compressor', 'httpUpgrade'),
      (parentKeys, patchKeys, list) => {
        const o = { spec: { [list]: parentKeys.map((type) => ({ type, from: 'parent' })) } };
        const p = { spec: { [list]: patchKeys.map((type) => ({ type, from: 'patch' })) } };
        const merged = checkedCall('strategicMergePatch', () => strategicMergePatch(o, p)) as { spec: Record<string, Array<{ type: string; from: string }>> };
        const keys = merged.spec[list]!.map((i) => i.type).sort();
        checkEqual('keyed list keys', [...new Set([...parentKeys, ...patchKeys])].sort(), keys);
        for (const item of merged.spec[list]!) if ((patchKeys as string[]).includes(item.type) && item.from !== 'patch') fail(`the patch's item ${item.type} lost to the parent's`);
      },
    ),
};

// ------------------------------------------------------------------------------------ specificity

const GROUP = 'gateway.networking.k8s.io';

/** One Gateway (two HTTP listeners and a TCP one), an HTTPRoute with two named rules, a TCPRoute. */
export const SPECIFICITY_BASE: unknown[] = [
  {
    apiVersion: `${GROUP}/v1`,
    kind: 'Gateway',
    metadata: { namespace: 'default', name: 'eg', creationTimestamp: '2024-01-01T00:00:00Z' },
    spec: {
      gatewayClassName: 'eg',
      listeners: [
        { name: 'http', protocol: 'HTTP', port: 80 },
        { name: 'web', protocol: 'HTTP', port: 8080, hostname: 'www.example.com' },
        { name: 'tcp', protocol: 'TCP', port: 9000, allowedRoutes: { kinds: [{ kind: 'TCPRoute' }] } },
      ],
    },
  },
  {
    apiVersion: `${GROUP}/v1`,
    kind: 'HTTPRoute',
    metadata: { namespace: 'default', name: 'r', creationTimestamp: '2024-01-01T00:00:01Z' },
    spec: {
      parentRefs: [{ name: 'eg', sectionName: 'http' }, { name: 'eg', sectionName: 'web' }],
      rules: [
        { name: 'a', matches: [{ path: { type: 'PathPrefix', value: '/a' } }], backendRefs: [{ name: 's', port: 80 }] },
        { name: 'b', backendRefs: [{ name: 's', port: 80 }] },
      ],
    },
  },
  {
    apiVersion: `${GROUP}/v1alpha2`,
    kind: 'TCPRoute',
    metadata: { namespace: 'default', name: 't', creationTimestamp: '2024-01-01T00:00:02Z' },
    spec: { parentRefs: [{ name: 'eg', sectionName: 'tcp' }], rules: [{ backendRefs: [{ name: 's', port: 9000 }] }] },
  },
];

/** Targets by specificity: route rule 4, route 3, gateway listener 2, gateway 1. */
export const TARGETS: Array<{ rank: number; ref: Record<string, string> }> = [
  { rank: 4, ref: { group: GROUP, kind: 'HTTPRoute', name: 'r', sectionName: 'a' } },
  { rank: 3, ref: { group: GROUP, kind: 'HTTPRoute', name: 'r' } },
  { rank: 3, ref: { group: GROUP, kind: 'TCPRoute', name: 't' } },
  { rank: 2, ref: { group: GROUP, kind: 'Gateway', name: 'eg', sectionName: 'http' } },
  { rank: 2, ref: { group: GROUP, kind: 'Gateway', name: 'eg', sectionName: 'tcp' } },
  { rank: 1, ref: { group: GROUP, kind: 'Gateway', name: 'eg' } },
];

/** Every leaf of a traffic value, by the provenance path syntax (`a.b`, `list[0].c`; empty containers are leaves). */
export function leaves(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (value === null || typeof value !== 'object') {
    if (prefix) out.set(prefix, value);
  } else if (Array.isArray(value)) {
    if (value.length === 0 && prefix) out.set(prefix, value);
    value.forEach((v, i) => leaves(v, `${prefix}[${i}]`, out));
  } else {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix) out.set(prefix, value);
    for (const k of keys) leaves((value as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

const routeId = (r: Resolution['routes'][number]) => `${r.gateway.namespace}/${r.gateway.name}/${r.listener}/${r.route.kind}/${r.route.namespace}/${r.route.name}/${r.ruleIndex}`;

export interface SpecificityCase {
  specific: number;
  general: number;
  specificSpec: unknown;
  generalSpec: unknown;
  generalFirst: boolean;
  generalOlder: boolean;
  order: 'input' | 'creationTimestamp';
}

/** A policy object around a generated spec: its own target, never a `mergeType`. */
export function policyAround(name: string, spec: unknown, ref: Record<string, string>, timestamp: string): unknown {
  const s = { ...(spec as Record<string, unknown>) };
  for (const k of ['targetRef', 'targetRefs', 'targetSelectors', 'mergeType']) delete s[k];
  return {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'BackendTrafficPolicy',
    metadata: { namespace: 'default', name, creationTimestamp: timestamp },
    spec: { targetRefs: [ref], ...s },
  };
}

/**
 * Adding a less specific policy never changes a field a more specific, non-merging policy sets:
 * every leaf the specific policy supplied (per provenance) keeps its value and its provenance, and
 * a route it failed (direct response) stays failed.
 */
export const lessSpecificNeverOverrides = (specArb: fc.Arbitrary<unknown>) =>
  fc.property(
    fc.record({
      specific: fc.nat(),
      general: fc.nat(),
      specificSpec: specArb,
      generalSpec: specArb,
      generalFirst: fc.boolean(),
      generalOlder: fc.boolean(),
      order: fc.constantFrom('input' as const, 'creationTimestamp' as const),
    }),
    (c: SpecificityCase) => {
      const candidates = TARGETS.filter((t) => t.rank >= 2);
      const p = candidates[c.specific % candidates.length]!;
      const lower = TARGETS.filter((t) => t.rank < p.rank);
      const q = lower[c.general % lower.length]!;
      const [older, younger] = ['2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z'];
      const specific = policyAround('specific', c.specificSpec, p.ref, c.generalOlder ? younger : older);
      const general = policyAround('general', c.generalSpec, q.ref, c.generalOlder ? older : younger);
      const alone = checkedResolve([...SPECIFICITY_BASE, specific], { order: c.order });
      const both = checkedResolve(c.generalFirst ? [...SPECIFICITY_BASE, general, specific] : [...SPECIFICITY_BASE, specific, general], { order: c.order });
      const after = new Map(both.routes.map((r) => [routeId(r), r]));
      for (const r1 of alone.routes) {
        const r2 = after.get(routeId(r1));
        if (!r2) fail(`route ${routeId(r1)} disappeared when a less specific policy was added`);
        if (r1.directResponse && r1.policies.length === 0) checkEqual(`${routeId(r1)}: direct response`, r1.directResponse, r2.directResponse);
        const before = leaves(r1.traffic);
        const now = leaves(r2.traffic);
        for (const [path, ref] of Object.entries(r1.provenance)) {
          if (ref.name !== 'specific') continue;
          checkEqual(`${routeId(r1)}: ${path} (set by the specific policy at ${JSON.stringify(p.ref)}) changed when a policy at ${JSON.stringify(q.ref)} was added`, before.get(path), now.get(path));
          checkEqual(`${routeId(r1)}: provenance of ${path}`, ref, r2.provenance[path]);
        }
      }
    },
  );

/** Generated specs of one to three features (the CRD-driven generator of the differential test). */
export function generatedSpecArb(): fc.Arbitrary<unknown> {
  const root = crdOpenApiSchema();
  const features = Object.keys(root.properties!.spec!.properties!).filter((f) => !['targetRef', 'targetRefs', 'targetSelectors', 'mergeType'].includes(f));
  return fc.record({ seed: fc.nat(), picks: fc.uniqueArray(fc.constantFrom(...features), { minLength: 1, maxLength: 3 }), rich: fc.boolean() }).map(({ seed, picks, rich }) => {
    const gen = new SpecGenerator(root, seed);
    return Object.assign({}, ...picks.map((f) => gen.specWith(f, rich))) as unknown;
  });
}
