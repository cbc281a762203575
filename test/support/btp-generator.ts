/**
 * A seeded, schema-driven generator of BackendTrafficPolicy specs for the differential test: it walks
 * the CRD's openAPIV3Schema, so every feature of the spec is reached, and it mutates specs the ways
 * users get them wrong (missing required fields, out-of-range numbers, wrong types, bad enums and
 * patterns, discriminators that disagree with their sub-objects, mutually exclusive fields,
 * duplicate list-map keys, nulls, unknown fields, …).
 */
import type { CrdSchema } from './crd.js';

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
const KINDS = ['Gateway', 'HTTPRoute', 'HTTPRoute', 'GRPCRoute', 'TCPRoute', 'UDPRoute', 'TLSRoute', 'ListenerSet'];

/** Valid and invalid samples for each pattern of the CRD. */
const PATTERN_SAMPLES: Record<string, { valid: Json[]; invalid: string[] }> = {
  '^([0-9]{1,5}(h|m|s|ms)){1,4}$': {
    valid: ['1s', '500ms', '10s', '1m', '1h30m', '0s', '3s', '100ms', '2h', '1s1h', '99999ms', '30s'],
    invalid: ['1.5s', '10us', '-1s', '1d', '', '100000s', '1h1m1s1ms1s', '5 s'],
  },
  '^[1-9]+[0-9]*([EPTGMK]i|[EPTGMk])?$': {
    valid: ['1Mi', '32Ki', '1k', '100', '12345678', '1G', '64Ki', 1024, 65535, 1048576],
    invalid: ['1m', '0', '1.5k', '1K', '1e3', '-1', '+1', '01', 'abc', ''],
  },
  '^[^\\r\\n\\x00]*$': { valid: ['x-ratelimit-', 'trailer-', ''], invalid: ['a\nb', 'a\rb', 'a\u0000b'] },
  '^[^\\x00\\n\\r]*$': { valid: ['orca.local', 'backend:9000'], invalid: ['a\nb', 'a\rb', 'a\u0000b'] },
  '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$': {
    valid: ['example.com', 'foo', 'a.b-c.d', 'http'],
    invalid: ['Foo', '-a', 'a..b', 'a_b', 'a.'],
  },
  '^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$': { valid: ['my-module', 'm.v1', 'lb'], invalid: ['My', '-m', 'm_', 'a-'] },
  "^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$": { valid: ['x-header', 'X-Custom_1', 'a`b', 'x-b'], invalid: ['bad header', 'x:y', '', 'x/y'] },
  '^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$': {
    valid: [GATEWAY_API_GROUP, GATEWAY_API_GROUP, '', 'core.example.io'],
    invalid: ['Gateway.io', 'UPPER', '-x', 'a..b'],
  },
  '^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$': { valid: [...KINDS, 'ConfigMap', 'Service'], invalid: ['1Gateway', 'Gate way', 'Kind-', ''] },
};

/** Plausible values for free strings, by property name (values that CEL rules compare against included). */
const STRING_HINTS: Record<string, string[]> = {
  kind: KINDS,
  group: [GATEWAY_API_GROUP, GATEWAY_API_GROUP, GATEWAY_API_GROUP, '', 'example.io'],
  name: ['eg', 'route-1', 'x-user-id', 'session'],
  sectionName: ['http', 'rule-1'],
  mergeType: ['StrategicMerge', 'JSONMerge', 'Replace'],
  routingType: ['Service', 'Endpoint'],
  onInvalidMessage: ['TerminateConnection', 'TerminateStream'],
  method: ['POST', 'post', 'PUT', 'GET', 'get', ''],
  type: ['websocket', 'CONNECT', 'CONNECT', 'connect', 'spdy/3.1'],
  operator: ['In', 'NotIn', 'Exists'],
  path: ['/healthz', '/var/log/hc.log', '/'],
  zone: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  header: ['x-override-host', 'x-gateway-destination-endpoint'],
  contentType: ['text/plain', 'application/json'],
  inline: ['hello', '{"error":true}'],
  text: ['ping', 'pong'],
  namespace: ['envoy.filters.http.ext_authz', 'io.envoyproxy'],
  key: ['cost', 'tokens', 'app'],
  routeStatName: ['%ROUTE_NAME%', '%ROUTE_NAMESPACE%/%ROUTE_NAME%'],
  client: ['%REQ(:authority)%'],
  server: ['%ROUTE_NAME%'],
  service: ['grpc.health.v1.Health'],
  lbPolicyName: ['custom'],
  value: ['one', 'v', '10.0.0.0/8', '/api'],
  defaultValue: ['-', 'none'],
  replaceFullPath: ['/error'],
  replacePrefixMatch: ['/error'],
};

const GENERIC_STRINGS = ['x', 'value', 'foo-bar'];

/** Every quoted string literal in the CRD's CEL rules (used to push free strings onto the rules' edges). */
export function celLiterals(root: CrdSchema): string[] {
  const out = new Set<string>();
  const walk = (s: CrdSchema): void => {
    for (const v of s['x-kubernetes-validations'] ?? []) for (const m of v.rule.matchAll(/'([^']*)'/g)) out.add(m[1]!);
    for (const c of Object.values(s.properties ?? {})) walk(c);
    if (s.items) walk(s.items);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') walk(s.additionalProperties);
  };
  walk(root);
  return [...out];
}

function fitsLength(v: string, s: CrdSchema): boolean {
  return (s.minLength === undefined || v.length >= s.minLength) && (s.maxLength === undefined || v.length <= s.maxLength);
}

/** The JS RegExp of a CRD pattern (the BTP patterns are valid in both RE2 and JS syntax). */
const regexCache = new Map<string, RegExp>();
export function patternRegExp(pattern: string): RegExp {
  let r = regexCache.get(pattern);
  if (!r) regexCache.set(pattern, (r = new RegExp(pattern)));
  return r;
}

/** All string patterns that apply to a node (its own and those in `allOf`). */
function patternsOf(s: CrdSchema): string[] {
  return [s.pattern, ...(s.allOf ?? []).map((a) => a.pattern)].filter((p): p is string => typeof p === 'string');
}

function isDiscriminatorSibling(s: CrdSchema, key: string): boolean {
  const type = s.properties?.type ?? s.properties?.from;
  return !!type?.enum?.some((v) => typeof v === 'string' && lowerFirst(v).toLowerCase() === key.toLowerCase());
}

export interface GeneratorOptions {
  /** Probability to include an optional property (per depth: halves every 3 levels). */
  optionalRate?: number;
  /** Probability to make `type`-discriminated objects consistent with their sub-objects. */
  fixRate?: number;
}

export class SpecGenerator {
  readonly random: () => number;
  readonly spec: CrdSchema;
  readonly literals: string[];
  private optionalRate: number;
  private depthDecay = true;
  private readonly fixRate: number;

  constructor(
    readonly root: CrdSchema,
    seed: number,
    options: GeneratorOptions = {},
  ) {
    this.random = rng(seed);
    this.spec = root.properties!.spec!;
    this.literals = celLiterals(root);
    this.optionalRate = options.optionalRate ?? 0.45;
    this.fixRate = options.fixRate ?? 0.8;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }

  /** Targets that satisfy the spec-level rules most of the time, in every supported shape. */
  targets(): Obj {
    const kind = this.pick(KINDS);
    const r = this.random();
    if (r < 0.45) return { targetRefs: [{ group: GATEWAY_API_GROUP, kind, name: 'target' }] };
    if (r < 0.6) return { targetRef: { group: GATEWAY_API_GROUP, kind, name: 'target' } };
    if (r < 0.8) return { targetSelectors: [{ kind, matchLabels: { app: 'x' } }] };
    return {
      targetRefs: [
        { group: GATEWAY_API_GROUP, kind, name: 'a' },
        { group: GATEWAY_API_GROUP, kind: this.pick(KINDS), name: 'b', sectionName: 'http' },
      ],
    };
  }

  /**
   * A spec with targets and the given top-level feature. `rich` specs include most optional fields
   * at every depth (so deep paths are reached); plain ones are sparser, like real policies.
   */
  specWith(feature: string, rich = false): Obj {
    const spec = this.targets();
    const schema = this.spec.properties![feature]!;
    const saved = [this.optionalRate, this.depthDecay] as const;
    if (rich) [this.optionalRate, this.depthDecay] = [0.85, false];
    try {
      spec[feature] = this.value(schema, feature, 1);
    } finally {
      [this.optionalRate, this.depthDecay] = saved;
    }
    if (feature === 'connection' && isObj(spec.connection) && isObj(spec.connection.preconnect) && spec.connection.preconnect.predictivePercent !== undefined) {
      if (this.chance(0.7)) spec.loadBalancer = { type: this.pick(['Random', 'RoundRobin']) };
    }
    return spec;
  }

  /** A random value for a schema node. */
  value(s: CrdSchema, name: string, depth: number): Json {
    if (s['x-kubernetes-int-or-string']) return this.pick(PATTERN_SAMPLES['^[1-9]+[0-9]*([EPTGMK]i|[EPTGMk])?$']!.valid);
    // Free-form (no `type` either): any JSON value, nulls inside included.
    if (s['x-kubernetes-preserve-unknown-fields'] && !s.properties) return this.pick<Json>([{ a: 1 }, { nested: { list: [1, 'x'] } }, {}, 'text', 7, [1, 'x'], true, { kept: null }]);
    switch (s.type) {
      case 'string':
        return this.string(s, name);
      case 'integer':
        return this.integer(s);
      case 'number':
        return this.pick([0, 50, 100, 0.5, 12.25, 99.9999]);
      case 'boolean':
        return this.chance(0.5);
      case 'array':
        return this.array(s, name, depth);
      case 'object':
      default:
        return this.object(s, depth);
    }
  }

  string(s: CrdSchema, name: string): string {
    if (s.enum) return this.pick(s.enum as string[]);
    if (s.format === 'byte') return this.pick(['aGVsbG8=', 'AAEC', 'cGluZw==']);
    const patterns = patternsOf(s);
    const matches = (v: string) => fitsLength(v, s) && patterns.every((p) => patternRegExp(p).test(v));
    const hints = (STRING_HINTS[name] ?? []).filter(matches);
    if (hints.length > 0 && this.chance(0.9)) return this.pick(hints);
    for (const p of patterns) {
      const samples = PATTERN_SAMPLES[p]?.valid.filter((v): v is string => typeof v === 'string' && matches(v)) ?? [];
      if (samples.length > 0) return this.pick(samples);
    }
    const generic = GENERIC_STRINGS.filter(matches);
    if (generic.length > 0) return this.pick(generic);
    return 'x'.repeat(Math.max(1, s.minLength ?? 1));
  }

  integer(s: CrdSchema): number {
    const lo = s.minimum ?? 0;
    const hi = s.maximum ?? Math.max(lo, 1024);
    const r = this.random();
    if (r < 0.2) return lo;
    if (r < 0.35) return hi;
    const common = [1, 2, 3, 5, 10, 100, 200, 503, 1024, 65535].filter((v) => v >= lo && v <= hi);
    if (r < 0.75 && common.length > 0) return this.pick(common);
    return this.int(lo, Math.min(hi, lo + 5000));
  }

  array(s: CrdSchema, name: string, depth: number): Json[] {
    const items = s.items ?? {};
    const min = s.minItems ?? 0;
    const max = Math.min(s.maxItems ?? 3, Math.max(min, 3));
    const n = this.int(Math.max(min, depth > 4 && this.depthDecay ? min : Math.min(1, max)), max);
    const out: Json[] = [];
    for (let i = 0; i < n; i++) out.push(this.value(items, name, depth + 1));
    return this.uniqueList(s, out);
  }

  /** Make list-map keys and set items unique (the generator's output should be valid unless mutated). */
  uniqueList(s: CrdSchema, list: Json[]): Json[] {
    const type = s['x-kubernetes-list-type'];
    if (type === 'set') {
      const seen = new Set<string>();
      return list.filter((v) => !seen.has(JSON.stringify(v)) && (seen.add(JSON.stringify(v)), true));
    }
    if (type === 'map') {
      const keys = s['x-kubernetes-list-map-keys'] ?? [];
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (!isObj(item)) return;
        let k = JSON.stringify(keys.map((key) => item[key]));
        if (seen.has(k)) {
          for (const key of keys) if (typeof item[key] === 'string') item[key] = `${item[key] as string}-${i}`;
          k = JSON.stringify(keys.map((key) => item[key]));
        }
        seen.add(k);
      });
    }
    return list;
  }

  object(s: CrdSchema, depth: number): Obj {
    const out: Obj = {};
    const required = new Set(s.required ?? []);
    const rate = this.depthDecay ? this.optionalRate / 2 ** Math.floor(depth / 3) : this.optionalRate;
    for (const [key, child] of Object.entries(s.properties ?? {})) {
      // Sub-objects selected by a `type` enum are left to the discriminator fix-up below.
      if (required.has(key) || (this.chance(rate) && !(isDiscriminatorSibling(s, key) && this.chance(0.5)))) {
        out[key] = this.value(child, key, depth + 1);
      }
    }
    if (s.additionalProperties && typeof s.additionalProperties === 'object') {
      const n = this.int(depth > 5 ? 0 : 1, 2);
      for (let i = 0; i < n; i++) out[this.pick(['env', 'region', 'team'])] = this.value(s.additionalProperties, 'value', depth + 1);
    }
    if (this.chance(this.fixRate)) this.fixDiscriminator(s, out, depth);
    return out;
  }

  /**
   * `type: X` ⇔ sub-object `x` (loadBalancer, health checker, payloads, sinks, status codes, bodies,
   * compression, custom tags, cost `from`): make them agree.
   */
  fixDiscriminator(s: CrdSchema, out: Obj, depth: number): void {
    const discriminator = s.properties?.type?.enum ? 'type' : s.properties?.from?.enum ? 'from' : undefined;
    if (!discriminator) return;
    const values = s.properties![discriminator]!.enum as string[];
    const current = (out[discriminator] ?? s.properties![discriminator]!.default) as string | undefined;
    for (const v of values) {
      const field = Object.keys(s.properties!).find((k) => k !== discriminator && k.toLowerCase() === lowerFirst(v).toLowerCase());
      if (!field) continue;
      if (v === current) {
        if (out[field] === undefined) out[field] = this.value(s.properties![field]!, field, depth + 1);
      } else if (!(s.required ?? []).includes(field)) {
        delete out[field];
      }
    }
  }
}

/** A place in a spec where a mutation can happen. */
interface Site {
  parent: Obj | Json[] | undefined;
  key: string | number | undefined;
  value: Json;
  schema: CrdSchema;
  name: string;
  path: string;
}

function sitesOf(value: Json, schema: CrdSchema, name: string, path: string, parent: Site['parent'], key: Site['key'], out: Site[]): void {
  out.push({ parent, key, value, schema, name, path });
  if (schema['x-kubernetes-preserve-unknown-fields'] && !schema.properties) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => sitesOf(v, schema.items ?? {}, name, `${path}[${i}]`, value, i, out));
  } else if (isObj(value)) {
    for (const [k, v] of Object.entries(value)) {
      const child =
        schema.properties?.[k] ?? (schema.additionalProperties && typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (child) sitesOf(v, child, k, path === '' ? k : `${path}.${k}`, value, k, out);
    }
  }
}

export const MUTATION_KINDS = [
  'dropRequired',
  'outOfBounds',
  'int32Overflow',
  'wrongType',
  'badEnum',
  'badPattern',
  'tooLong',
  'tooShort',
  'tooMany',
  'tooFew',
  'duplicateKey',
  'null',
  'toggleDiscriminator',
  'addOptional',
  'removeOptional',
  'unknownField',
  'celLiteral',
  'durationEdge',
  'badBase64',
  'astralAtMaxLength',
] as const;

export type MutationKind =
  | 'dropRequired'
  | 'outOfBounds'
  | 'int32Overflow'
  | 'wrongType'
  | 'badEnum'
  | 'badPattern'
  | 'tooLong'
  | 'tooShort'
  | 'tooMany'
  | 'tooFew'
  | 'duplicateKey'
  | 'null'
  | 'toggleDiscriminator'
  | 'addOptional'
  | 'removeOptional'
  | 'unknownField'
  | 'celLiteral'
  | 'durationEdge'
  | 'badBase64'
  | 'astralAtMaxLength';

export interface Mutation {
  kind: MutationKind;
  path: string;
}

const set = (site: Site, v: Json | undefined): void => {
  if (site.parent === undefined || site.key === undefined) return;
  if (Array.isArray(site.parent)) {
    if (v === undefined) site.parent.splice(site.key as number, 1);
    else site.parent[site.key as number] = v;
  } else if (v === undefined) delete site.parent[site.key as string];
  else site.parent[site.key as string] = v;
};

/**
 * Apply one random applicable mutation to `spec` (in place), of kind `only` when given; the mutation
 * applied, if any.
 */
export function mutate(gen: SpecGenerator, spec: Obj, only?: MutationKind): Mutation | undefined {
  const sites: Site[] = [];
  sitesOf(spec, gen.spec, 'spec', 'spec', undefined, undefined, sites);
  const candidates: Array<{ kind: MutationKind; site: Site }> = [];
  for (const site of sites) {
    const s = site.schema;
    const v = site.value;
    const add = (kind: MutationKind) => candidates.push({ kind, site });
    if (isObj(v)) {
      if ((s.required ?? []).some((k) => k in v)) add('dropRequired');
      if (s.properties && Object.keys(s.properties).some((k) => !(k in v))) add('addOptional');
      if (s.properties && Object.keys(v).some((k) => !(s.required ?? []).includes(k))) add('removeOptional');
      if (s.properties?.type?.enum || s.properties?.from?.enum) add('toggleDiscriminator');
      if (s.properties) add('unknownField');
    }
    if (Array.isArray(v)) {
      if (s.maxItems !== undefined && v.length > 0) add('tooMany');
      if (s.minItems !== undefined && s.minItems > 0) add('tooFew');
      if ((s['x-kubernetes-list-type'] === 'map' || s['x-kubernetes-list-type'] === 'set') && v.length > 0) add('duplicateKey');
    }
    if (site.parent !== undefined) {
      add('wrongType');
      add('null');
    }
    if (typeof v === 'number' && (s.minimum !== undefined || s.maximum !== undefined)) add('outOfBounds');
    if (typeof v === 'number' && s.type === 'integer' && s.format === 'int32' && s.maximum === undefined) add('int32Overflow');
    if (typeof v === 'string') {
      if (s.enum) add('badEnum');
      if (patternsOf(s).length > 0) add('badPattern');
      if (s.maxLength !== undefined) add('tooLong');
      if (s.minLength !== undefined && s.minLength > 0) add('tooShort');
      if (!s.enum && !s.pattern) add('celLiteral');
      if (s.pattern === '^([0-9]{1,5}(h|m|s|ms)){1,4}$') add('durationEdge');
      if (s.format === 'byte') add('badBase64');
      // maxLength counts characters (Go runes), not UTF-16 code units.
      if (s.maxLength !== undefined && s.maxLength <= 4096 && patternsOf(s).every((p) => patternRegExp(p).test('\u{1F600}'))) add('astralAtMaxLength');
    }
    if (s['x-kubernetes-int-or-string']) add('badPattern');
  }
  const kinds = [...new Set(candidates.map((c) => c.kind))].filter((k) => only === undefined || k === only);
  if (kinds.length === 0) return undefined;
  // Pick the kind first, then the place: rare kinds (a list-map, a bounded number) get their share.
  const chosen = gen.pick(kinds);
  const { kind, site } = gen.pick(candidates.filter((c) => c.kind === chosen));
  const s = site.schema;
  const v = site.value;
  switch (kind) {
    case 'dropRequired': {
      const obj = v as Obj;
      delete obj[gen.pick((s.required ?? []).filter((k) => k in obj))];
      break;
    }
    case 'addOptional': {
      const obj = v as Obj;
      const key = gen.pick(Object.keys(s.properties!).filter((k) => !(k in obj)));
      obj[key] = gen.value(s.properties![key]!, key, 3);
      break;
    }
    case 'removeOptional': {
      const obj = v as Obj;
      delete obj[gen.pick(Object.keys(obj).filter((k) => !(s.required ?? []).includes(k)))];
      break;
    }
    case 'toggleDiscriminator': {
      const obj = v as Obj;
      const d = s.properties?.type?.enum ? 'type' : 'from';
      const others = (s.properties![d]!.enum as string[]).filter((e) => e !== obj[d]);
      if (others.length > 0) obj[d] = gen.pick(others);
      break;
    }
    case 'unknownField':
      (v as Obj)[gen.pick(['bogusField', 'typ', 'extra'])] = gen.pick<Json>([1, 'x', { a: 1 }]);
      break;
    case 'tooMany': {
      const list = v as Json[];
      while (list.length <= s.maxItems!) list.push(clone(list[0]!));
      break;
    }
    case 'tooFew':
      set(site, []);
      break;
    case 'duplicateKey':
      (v as Json[]).push(clone((v as Json[])[0]!));
      break;
    case 'wrongType':
      set(site, typeof v === 'string' ? gen.pick<Json>([42, true, ['x'], { a: 'b' }]) : typeof v === 'number' ? gen.pick<Json>([String(v), true, 1.5]) : typeof v === 'boolean' ? gen.pick<Json>(['true', 1]) : Array.isArray(v) ? gen.pick<Json>([{}, 'x']) : gen.pick<Json>(['x', [], 5]));
      break;
    case 'null':
      set(site, null);
      break;
    case 'outOfBounds': {
      const options: number[] = [];
      if (s.minimum !== undefined) options.push(s.minimum - 1);
      if (s.maximum !== undefined) options.push(s.maximum + 1);
      set(site, gen.pick(options));
      break;
    }
    case 'int32Overflow':
      set(site, gen.pick([2147483648, -2147483649]));
      break;
    case 'badEnum':
      set(site, gen.pick(['Bogus', (v as string).toLowerCase(), (v as string).toUpperCase(), '']));
      break;
    case 'badPattern': {
      const p = patternsOf(s).at(-1);
      const samples = (p && PATTERN_SAMPLES[p]?.invalid) || ['\n'];
      set(site, gen.pick(samples));
      break;
    }
    case 'tooLong':
      set(site, 'a'.repeat(s.maxLength! + 1));
      break;
    case 'tooShort':
      set(site, '');
      break;
    case 'celLiteral':
      set(site, gen.pick(gen.literals));
      break;
    case 'durationEdge':
      set(site, gen.pick(['0s', '1ms', '999ms', '1s', '99999h', '5m', '10s']));
      break;
    case 'astralAtMaxLength':
      set(site, '\u{1F600}'.repeat(s.maxLength!));
      break;
    case 'badBase64':
      set(site, gen.pick(['not base64!', 'aGVsbG8', '====']));
      break;
  }
  return { kind, path: site.path };
}
