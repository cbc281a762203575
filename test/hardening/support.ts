/**
 * Shared pieces of the hardening properties: the realistic inputs mutations start from (Envoy
 * Gateway's conformance bundles and the repo's examples, read at test time), the mutations
 * themselves (as data, so fast-check prints and shrinks them), and the checks run after every call
 * (no prototype pollution, plain-data output, input unchanged).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { conformanceDir, hasConformance } from '../support/conformance-dir.js';
import { BUNDLE_KINDS } from '../../src/read/input.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface NamedInput {
  name: string;
  input: unknown;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...yamlFiles(full));
    else if (entry.endsWith('.yaml') || entry.endsWith('.yml')) out.push(full);
  }
  return out;
}

/** Every document of the YAML files under `examples/`, as one array (the way the CLI reads a directory). */
export function exampleInput(): unknown[] {
  const docs: unknown[] = [];
  for (const file of yamlFiles(path.join(repoRoot, 'examples'))) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const value = doc.toJS() as unknown;
      if (value !== null && value !== undefined) docs.push(value);
    }
  }
  return docs;
}

/** The conformance bundles (`gatewayapi/*.in.yaml`), or none when the shared checkout is absent. */
export function conformanceInputs(): NamedInput[] {
  if (!hasConformance()) return [];
  const dir = path.join(conformanceDir(), 'gatewayapi');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.in.yaml'))
    .sort()
    .map((f) => ({ name: f.slice(0, -'.in.yaml'.length), input: parse(readFileSync(path.join(dir, f), 'utf8')) as unknown }));
}

/** Conformance bundles and the examples: where mutations start. */
export function realisticInputs(): NamedInput[] {
  return [{ name: 'examples', input: exampleInput() }, ...conformanceInputs()];
}

/** The objects of a bundle (`{ gateways: [...], … }`) or an array input, flattened into one array. */
export function objectsOf(input: unknown): Array<Record<string, unknown>> {
  try {
    return objectsOfUnguarded(input);
  } catch {
    return []; // a hostile input (getters, proxies): no objects to look at separately
  }
}

function objectsOfUnguarded(input: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  if (Array.isArray(input)) {
    for (const o of input) if (o !== null && typeof o === 'object') out.push(o as Record<string, unknown>);
  } else if (input !== null && typeof input === 'object') {
    for (const [key, list] of Object.entries(input)) {
      const kind = Object.hasOwn(BUNDLE_KINDS, key.toLowerCase()) ? BUNDLE_KINDS[key.toLowerCase()] : undefined;
      if (kind === undefined || !Array.isArray(list)) continue;
      for (const o of list) if (o !== null && typeof o === 'object') out.push({ kind, ...(o as Record<string, unknown>) });
    }
  }
  return out;
}

/** The BackendTrafficPolicies of an input (reading `kind` without running getters). */
export function policiesOf(input: unknown): Array<Record<string, unknown>> {
  return objectsOf(input).filter((o) => {
    if (PROXIES.has(o)) return false;
    const d = Object.getOwnPropertyDescriptor(o, 'kind');
    return d !== undefined && 'value' in d && d.value === 'BackendTrafficPolicy';
  });
}

// ------------------------------------------------------------------------------------ pollution

/** What a prototype-pollution bug would change: the prototypes' own names, a fresh object's keys. */
export function pollutionSnapshot(): string {
  const names = (o: object) => Object.getOwnPropertyNames(o).sort().join(',');
  const fresh: Record<string, unknown> = {};
  const inherited: string[] = [];
  for (const k in fresh) inherited.push(k);
  return JSON.stringify({
    object: names(Object.prototype),
    array: names(Array.prototype),
    function: names(Function.prototype),
    freshKeys: Object.keys({}),
    forIn: inherited,
    proto: Object.getPrototypeOf(Object.prototype),
    probes: ['polluted', 'kind', 'spec', 'isAdmin'].map((k) => (fresh as Record<string, unknown>)[k] === undefined),
  });
}

// ------------------------------------------------------------------------------------ plain data

/**
 * The first way `value` is not plain data, or undefined: a cycle, an accessor, a function, a
 * symbol, or an object whose prototype is not Object.prototype / Array.prototype / null (a
 * prototype set from user data would let one object's fields show through another).
 */
export function plainDataProblem(value: unknown): string | undefined {
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: value, path: '$', depth: 0 }];
  const onPath: object[] = [];
  const checked = new Set<object>(); // shared (acyclic) objects are checked once
  while (stack.length > 0) {
    const { v, path: p, depth } = stack.pop()!;
    onPath.length = depth;
    if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') return `${p}: ${typeof v}`;
    if (v === null || typeof v !== 'object') continue;
    if (onPath.includes(v)) return `${p}: cycle`;
    onPath.push(v);
    if (checked.has(v)) {
      onPath.pop();
      continue;
    }
    checked.add(v);
    const proto = Object.getPrototypeOf(v);
    const isArray = Array.isArray(v);
    if (!(isArray ? proto === Array.prototype : proto === Object.prototype || proto === null)) return `${p}: prototype is not a plain one`;
    for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(v))) {
      if (isArray && k === 'length') continue;
      if (d.get || d.set) return `${p}.${k}: accessor property`;
      stack.push({ v: d.value, path: isArray ? `${p}[${k}]` : `${p}.${k}`, depth: depth + 1 });
    }
  }
  return undefined;
}

// ------------------------------------------------------------------------------------ snapshots

/**
 * A structural fingerprint of a value, read through property descriptors so no getter runs:
 * repeated references become `<ref n>`, accessors `<accessor>`; property flags and prototypes are
 * included. Used to show an input is unchanged. Undefined for inputs holding proxies (they cannot
 * be inspected without running their traps).
 */
export function fingerprint(value: unknown): string | undefined {
  const seen = new Map<object, number>();
  const strings = new Map<string, number>();
  const out: string[] = [];
  // Iterative (inputs nest 10k deep): a stack of values to print and literal tokens.
  const stack: Array<{ token: string } | { value: unknown }> = [{ value }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('token' in item) {
      out.push(item.token);
      continue;
    }
    const v = item.value;
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'number' && !Number.isFinite(v)) out.push(`<${String(v)}>`);
      else if (typeof v === 'number' && Object.is(v, -0)) out.push('<-0>');
      else if (v === undefined || typeof v === 'bigint' || typeof v === 'symbol' || typeof v === 'function') out.push(`<${typeof v} ${String(v)}>`);
      else if (typeof v === 'string' && v.length > 64) {
        // A long string repeated (YAML aliases, the `wide` mutation) is written out once.
        const id = strings.get(v);
        if (id !== undefined) out.push(`<str ${id}>`);
        else {
          strings.set(v, strings.size);
          out.push(`<str ${strings.size - 1}>${JSON.stringify(v)}`);
        }
      } else out.push(JSON.stringify(v));
      continue;
    }
    if (PROXIES.has(v)) return undefined;
    if (seen.has(v)) {
      out.push(`<ref ${seen.get(v)}>`);
      continue;
    }
    seen.set(v, seen.size);
    const proto = Object.getPrototypeOf(v);
    out.push(`{<${proto === null ? 'null' : proto === Object.prototype ? 'Object' : proto === Array.prototype ? 'Array' : 'other'}>`);
    if (v instanceof Date) out.push(`<date ${v.getTime()}>`);
    const entries = Object.entries(Object.getOwnPropertyDescriptors(v));
    stack.push({ token: '}' });
    for (let k = entries.length - 1; k >= 0; k--) {
      const [key, d] = entries[k]!;
      const flags = `${d.enumerable ? 'e' : ''}${d.writable ? 'w' : ''}${d.configurable ? 'c' : ''}`;
      if (d.get || d.set) stack.push({ token: '<accessor>' });
      else stack.push({ value: d.value });
      stack.push({ token: `${JSON.stringify(key)}(${flags}):` });
    }
  }
  return out.join(' ');
}

/** Proxies made by the mutations (the fingerprint leaves them alone). */
export const PROXIES = new WeakSet<object>();

/** Freeze every object reachable through data properties (not proxies, which may throw). */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v) || PROXIES.has(v)) continue;
    seen.add(v);
    for (const d of Object.values(Object.getOwnPropertyDescriptors(v))) if ('value' in d) stack.push(d.value);
    Object.freeze(v);
  }
  return value;
}

// ------------------------------------------------------------------------------------ mutations

export const MUTATION_OPS = [
  'wrongType',
  'delete',
  'number',
  'string',
  'deep',
  'wide',
  'duplicate',
  'cycle',
  'shared',
  'nullProto',
  'protoKeys',
  'protoKeysEverywhere',
  'throwingGetter',
  'proxy',
  'clear',
] as const;
export type MutationOp = (typeof MUTATION_OPS)[number];

/** One mutation: `op` applied at the `at`-th slot (mod the number of slots) of the value. */
export interface Mutation {
  op: MutationOp;
  at: number;
  variant: number;
  json: unknown;
}

/** Mutations that make the input hostile to read (getters, proxies): no "unchanged" check for those. */
export const HOSTILE_OPS: ReadonlySet<MutationOp> = new Set(['throwingGetter', 'proxy']);

export const NUMBERS = [-1, 0, -0, 1.5, 1e308, -1e308, 2 ** 31, 2 ** 32, 2 ** 53, -(2 ** 53), 2 ** 63, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, -Infinity, 1e-300];

/** Strings that stress patterns and limits: long runs of near-matches, control characters, lone surrogates. */
export const STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\n',
  'a'.repeat(100_000),
  '1'.repeat(100_000) + 'x',
  'a-'.repeat(50_000),
  'a.'.repeat(50_000) + '-',
  '9'.repeat(100_000) + 's',
  'x'.repeat((1 << 20) + 1),
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '1constructor',
  'Gateway',
  'HTTPRoute',
  'gateway.networking.k8s.io',
  '1s',
  '-1s',
  '1e400',
  '%REQ(:path)%',
  '(a+)+$',
];

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom(...MUTATION_OPS),
  at: fc.nat(),
  variant: fc.nat(),
  json: fc.jsonValue({ maxDepth: 3 }),
});

/** Mutations without the 10k-deep and 100k-item variants (for the fast suite's many runs). */
export const cheapMutationArb: fc.Arbitrary<Mutation> = mutationArb.filter((m) => !((m.op === 'deep' || m.op === 'wide') && m.variant % 4 === 0));

type Container = Record<string, unknown> | unknown[];
interface Chain {
  c: Container;
  up: Chain | undefined;
  depth: number;
}
interface Slot {
  parent: Container;
  key: string | number;
  /** The containers from the root down to `parent` (a linked list: deep values stay cheap). */
  chain: Chain;
}

/** Every (container, key) slot of a value, in depth-first order (a cycle-safe walk). */
function slotsOf(root: Container): Slot[] {
  const out: Slot[] = [];
  const stack: Array<{ c: Container; up: Chain | undefined }> = [{ c: root, up: undefined }];
  const seen = new Set<object>();
  while (stack.length > 0 && out.length < 50_000) {
    const { c, up } = stack.pop()!;
    if (seen.has(c) || PROXIES.has(c)) continue;
    seen.add(c);
    const chain: Chain = { c, up, depth: (up?.depth ?? 0) + 1 };
    const keys: Array<string | number> = Array.isArray(c) ? Array.from({ length: c.length }, (_, i) => i) : Object.keys(c);
    for (const k of keys) {
      const d = Object.getOwnPropertyDescriptor(c, k);
      out.push({ parent: c, key: k, chain });
      if (d && 'value' in d && d.value !== null && typeof d.value === 'object') stack.push({ c: d.value as Container, up: chain });
    }
  }
  return out;
}

function nested(depth: number, array: boolean): unknown {
  let v: unknown = array ? [1] : { leaf: 1 };
  for (let i = 0; i < depth; i++) v = array ? [v] : { a: v };
  return v;
}

const PROTO_VALUES = (): unknown[] => [
  { polluted: true },
  JSON.parse('{"kind":"Gateway","isAdmin":true,"spec":{"polluted":true}}'),
  'polluted',
  [{ polluted: true }],
];

/** Give `o` own `__proto__` / `constructor` / `prototype` keys, as JSON.parse produces them. */
function addProtoKeys(o: unknown, variant: number): void {
  if (o === null || typeof o !== 'object' || Object.isFrozen(o) || PROXIES.has(o)) return;
  const values = PROTO_VALUES();
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    Object.defineProperty(o, key, { value: values[(variant + key.length) % values.length], enumerable: true, writable: true, configurable: true });
  }
}

function set(slot: Slot, value: unknown): void {
  Object.defineProperty(slot.parent, slot.key, { value, enumerable: true, writable: true, configurable: true });
}

function makeProxy(target: object, variant: number): object {
  const boom = (what: string) => () => {
    throw new Error(`proxy ${what}`);
  };
  let handler: ProxyHandler<object>;
  switch (variant % 4) {
    case 0:
      handler = { get: boom('get'), ownKeys: boom('ownKeys'), getOwnPropertyDescriptor: boom('getOwnPropertyDescriptor') };
      break;
    case 1:
      handler = {}; // transparent
      break;
    case 2: {
      let reads = 0; // answers once, then throws
      handler = {
        get: (t, k, r) => {
          if (reads++ > 3) throw new Error('proxy: read too often');
          return Reflect.get(t, k, r);
        },
      };
      break;
    }
    default: {
      const revocable = Proxy.revocable(target, {});
      revocable.revoke();
      PROXIES.add(revocable.proxy);
      return revocable.proxy;
    }
  }
  const p = new Proxy(target, handler);
  PROXIES.add(p);
  return p;
}

/** Apply mutations to a deep copy of `base` (structuredClone: the base is never touched). */
export function applyMutations(base: unknown, mutations: readonly Mutation[]): unknown {
  const root: { value: unknown } = { value: structuredClone(base) };
  for (const m of mutations) {
    const slots = slotsOf(root as unknown as Container);
    const slot = slots[m.at % slots.length];
    if (!slot) continue;
    const own = Object.getOwnPropertyDescriptor(slot.parent, slot.key);
    const current: unknown = own && 'value' in own ? own.value : undefined; // never run a getter made earlier
    const isObj = current !== null && typeof current === 'object' && !PROXIES.has(current);
    try {
      applyOne(root, slots, slot, current, isObj, m);
    } catch {
      // An earlier hostile mutation (a getter, a proxy) made this one impossible: skip it.
    }
  }
  return root.value;
}

function applyOne(root: { value: unknown }, slots: Slot[], slot: Slot, current: unknown, isObj: boolean, m: Mutation): void {
  {
    switch (m.op) {
      case 'wrongType':
        set(slot, structuredClone(m.json));
        break;
      case 'delete':
        if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
        else delete slot.parent[slot.key as string];
        break;
      case 'number':
        set(slot, NUMBERS[m.variant % NUMBERS.length]);
        break;
      case 'string':
        set(slot, STRINGS[m.variant % STRINGS.length]);
        break;
      case 'deep':
        set(slot, nested(m.variant % 4 === 0 ? 10_000 : 70 + (m.variant % 30), m.variant % 2 === 1));
        break;
      case 'wide': {
        const n = m.variant % 4 === 0 ? 100_000 : 1000;
        const item = m.variant % 3 === 0 || !isObj ? current : m.variant % 3 === 1 ? structuredClone(m.json) : structuredClone(current);
        set(slot, Array.from({ length: n }, () => item));
        break;
      }
      case 'duplicate':
        if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 0, m.variant % 2 === 0 || !isObj ? current : structuredClone(current));
        else if (isObj) set(slot, Array.isArray(current) ? [...current, ...current] : { ...(current as object) });
        break;
      case 'cycle': {
        let link: Chain | undefined = slot.chain;
        for (let up = m.variant % slot.chain.depth; up > 0 && link; up--) link = link.up;
        if (link) set(slot, link.c);
        break;
      }
      case 'shared': {
        const other = slots[m.variant % slots.length]!;
        const d = Object.getOwnPropertyDescriptor(other.parent, other.key);
        if (d && 'value' in d) set(slot, d.value);
        break;
      }
      case 'nullProto':
        if (isObj && !Array.isArray(current)) set(slot, Object.assign(Object.create(null) as object, current));
        break;
      case 'protoKeys':
        if (isObj && !Array.isArray(current)) addProtoKeys(current, m.variant);
        else if (!Array.isArray(slot.parent)) addProtoKeys(slot.parent, m.variant);
        break;
      case 'protoKeysEverywhere':
        for (const s of slotsOf(root as unknown as Container)) if (!Array.isArray(s.parent) && s.parent !== (root as unknown)) addProtoKeys(s.parent, m.variant);
        break;
      case 'throwingGetter':
        if (slot.parent === (root as unknown)) break; // the input itself must stay reachable
        Object.defineProperty(slot.parent, slot.key, {
          enumerable: true,
          configurable: true,
          get() {
            throw new Error(`getter ${String(slot.key)} throws`);
          },
        });
        break;
      case 'proxy':
        if (isObj) set(slot, makeProxy(current as object, m.variant));
        break;
      case 'clear':
        set(slot, m.variant % 3 === 0 ? null : m.variant % 3 === 1 ? {} : []);
        break;
    }
  }
}

/** Whether a list of mutations leaves the input readable without side effects (no getters, no proxies). */
export const isTame = (mutations: readonly Mutation[]): boolean => mutations.every((m) => !HOSTILE_OPS.has(m.op));

/** Fisher–Yates with a fast-check-chosen list of swaps. */
export function shuffled<T>(items: readonly T[], swaps: readonly number[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = (swaps[i % Math.max(swaps.length, 1)] ?? 0) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
