/**
 * A strict checker of Envoy v3 xDS resources in protojson form, against Envoy's own `.proto` files.
 *
 * The definitions come from the Envoy API snapshot that `@grpc/grpc-js-xds` ships (`deps/envoy-api`,
 * `deps/xds` = cncf/xds, `deps/googleapis`, `deps/protoc-gen-validate`), loaded once with protobufjs.
 * The package ships no `google/protobuf/*.proto`: protobufjs bundles the well-known types, and
 * `google/protobuf/descriptor.proto` (imported by the validate/udpa option extensions) is mapped to
 * protobufjs's own copy.
 *
 * What is checked (`checkEnvoyResource(typeName, json)` returns the list of problems, `[]` when valid):
 * 1. field names: the lowerCamelCase json name or the proto name (protojson accepts both), no unknown
 *    field, no field given twice (once per spelling);
 * 2. JSON types: 64-bit integers as decimal strings or safe-integer numbers, 32-bit integers as numbers
 *    in range, float/double as numbers (or "NaN"/"Infinity"/numeric strings, which protojson accepts),
 *    bools, strings, bytes as base64, enums by name or number, repeated as arrays, maps as objects with
 *    keys of the map's key type; `null` is reported too (protojson reads it as "unset", so an emitter
 *    that writes it has a bug: it should leave the key out);
 * 3. oneofs: at most one member set;
 * 4. well-known types: Duration `"<n>[.f]s"` (≤ 9 fraction digits, ±315576000000 s), Timestamp
 *    (RFC 3339), FieldMask, Struct/Value/ListValue as free JSON, Empty, wrappers as bare values, Any with
 *    `@type: type.googleapis.com/<full name>` resolved to a loaded message and its inline fields checked
 *    recursively (WKT payloads under `value`); an unknown `@type` is a problem;
 * 5. protoc-gen-validate rules (`(validate.rules)` on fields, `(validate.required)` on oneofs), with
 *    PGV's semantics: proto3 scalars are validated even when absent (as their zero value), message
 *    fields (wrappers, Duration, Any included) only when set unless `message.required`, oneof members
 *    and proto3 `optional` only when set; the range rules (`gt/gte/lt/lte`) follow PGV's "inside range /
 *    outside range" reading when both bounds are given;
 * 6. fields Envoy rejects by default (`(envoy.annotations.disallowed_by_default)`).
 *
 * The only exceptions are the entries of `ENVOY_PROTO_ALLOWLIST` (test/support/envoy-proto-allowlist.ts):
 * definitions EG's Envoy has and the snapshot lacks. `checkEnvoyResourceDetailed` also says which entries
 * a resource needed and which subtrees were not checked field by field (free JSON, allowlisted values).
 *
 * For the emitter's tests: `checkEnvoyConfig(emitEnvoy(...))` checks a whole result;
 * `expectedGoldenProblems(case, kind, name)` gives the problems a golden resource is known to have
 * (EXPECTED_GOLDEN_REJECTIONS: EG output that Envoy itself rejects; not skipped, asserted).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import {
  ENVOY_PROTO_ALLOWLIST,
  EXPECTED_GOLDEN_REJECTIONS,
  type AllowlistEntry,
  type TypeRef,
} from './envoy-proto-allowlist.js';
import { conformanceDir } from './conformance-dir.js';

type Protobuf = typeof import('protobufjs');
type PbType = import('protobufjs').Type;
type PbField = import('protobufjs').Field;
type PbEnum = import('protobufjs').Enum;
type PbOneOf = import('protobufjs').OneOf;
type PbRoot = import('protobufjs').Root;

const require = createRequire(import.meta.url);
// protobufjs is CommonJS; require() gives its full API (and keeps one module instance for instanceof).
const protobuf = require('protobufjs') as Protobuf;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Full names of the resources and of the pieces the emitter produces. */
export const ENVOY_TYPES = {
  cluster: 'envoy.config.cluster.v3.Cluster',
  routeConfiguration: 'envoy.config.route.v3.RouteConfiguration',
  listener: 'envoy.config.listener.v3.Listener',
  clusterLoadAssignment: 'envoy.config.endpoint.v3.ClusterLoadAssignment',
  httpConnectionManager: 'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  httpFilter: 'envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter',
} as const;

// ---------------------------------------------------------------------------------------------------
// Loading

/** Where `@grpc/grpc-js-xds` keeps its proto include directories. */
export function envoyProtoDirs(): { envoyApi: string; xds: string; googleapis: string; pgv: string } {
  let pkg: string;
  try {
    pkg = path.dirname(require.resolve('@grpc/grpc-js-xds/package.json'));
  } catch {
    pkg = path.join(repoRoot, 'node_modules', '@grpc', 'grpc-js-xds');
  }
  const deps = path.join(pkg, 'deps');
  return {
    envoyApi: path.join(deps, 'envoy-api'),
    xds: path.join(deps, 'xds'),
    googleapis: path.join(deps, 'googleapis'),
    pgv: path.join(deps, 'protoc-gen-validate'),
  };
}

/** The well-known types protobufjs bundles (it answers these imports itself). */
const BUNDLED = new Set(
  ['any', 'duration', 'empty', 'field_mask', 'struct', 'timestamp', 'wrappers'].map((n) => `google/protobuf/${n}.proto`),
);

function walkProtos(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walkProtos(p));
    else if (e.name.endsWith('.proto')) out.push(p);
  }
  return out;
}

interface Loaded {
  root: PbRoot;
  /** Files left out because an import is not shipped (opencensus, opentelemetry, prometheus, …). */
  skippedFiles: string[];
  fileCount: number;
}

let loaded: Loaded | undefined;

/**
 * Loads (once) every v3 Envoy API file and every cncf/xds file of the snapshot whose imports can all be
 * found, with their imports. v2-era files are not loaded up front: Envoy ≥ 1.18 rejects v2 types, so an
 * `@type` naming one must not resolve (they are only present when a v3 file imports them, which the
 * v3 API does not).
 */
export function loadEnvoyProtos(): Loaded {
  if (loaded) return loaded;
  const dirs = envoyProtoDirs();
  const includes = [dirs.envoyApi, dirs.xds, dirs.googleapis, dirs.pgv];
  const descriptor = path.join(path.dirname(require.resolve('protobufjs/package.json')), 'google', 'protobuf', 'descriptor.proto');
  const find = (target: string): string | null => {
    if (target === 'google/protobuf/descriptor.proto') return descriptor;
    if (path.isAbsolute(target)) return existsSync(target) ? target : null;
    for (const inc of includes) {
      const p = path.join(inc, target);
      if (existsSync(p)) return p;
    }
    return null;
  };
  // Which files have every (transitive) import available.
  const memo = new Map<string, boolean>();
  const loadable = (rel: string, stack: Set<string>): boolean => {
    if (BUNDLED.has(rel)) return true;
    const m = memo.get(rel);
    if (m !== undefined) return m;
    if (stack.has(rel)) return true;
    stack.add(rel);
    const file = find(rel);
    let ok = file !== null;
    if (file) {
      const src = readFileSync(file, 'utf8');
      for (const imp of src.matchAll(/^import\s+(?:weak\s+|public\s+)?"([^"]+)"/gm)) {
        if (!loadable(imp[1]!, stack)) {
          ok = false;
          break;
        }
      }
    }
    stack.delete(rel);
    memo.set(rel, ok);
    return ok;
  };
  const candidates = [
    ...walkProtos(path.join(dirs.envoyApi, 'envoy'))
      .map((f) => path.relative(dirs.envoyApi, f))
      .filter((rel) => rel.split(path.sep).some((seg) => /^v[3-9]/.test(seg))),
    ...walkProtos(path.join(dirs.xds, 'xds')).map((f) => path.relative(dirs.xds, f)),
  ].map((rel) => rel.split(path.sep).join('/'));
  const files: string[] = [];
  const skippedFiles: string[] = [];
  for (const rel of candidates) (loadable(rel, new Set()) ? files : skippedFiles).push(rel);

  const root = new protobuf.Root();
  root.resolvePath = (_origin: string, target: string) => find(target) ?? target;
  root.loadSync(
    files.map((rel) => find(rel)!),
    { keepCase: true },
  );
  root.resolveAll();
  loaded = { root, skippedFiles, fileCount: files.length };
  return loaded;
}

/** The rate limit service's configuration message (envoyproxy/ratelimit's `rls_conf.proto`). */
export const RATE_LIMIT_CONFIG_TYPE = 'ratelimit.config.ratelimit.v3.RateLimitConfig';

/**
 * Adds the rate limit service's `rls_conf.proto` (conformance data, `envoyproxy-ratelimit/`) to the
 * loaded definitions, once, so `checkEnvoyResource(RATE_LIMIT_CONFIG_TYPE, json)` checks a
 * `RateLimitConfig` as strictly as Envoy's messages; its imports resolve from the same directories.
 * False when the file is not there.
 */
export function loadRateLimitServiceProto(): boolean {
  const file = path.join(conformanceDir(), '..', 'envoyproxy-ratelimit', 'rls_conf.proto');
  if (!existsSync(file)) return false;
  const { root } = loadEnvoyProtos();
  if (!lookupEnvoyType(RATE_LIMIT_CONFIG_TYPE)) {
    root.loadSync(file, { keepCase: true });
    root.resolveAll();
  }
  return lookupEnvoyType(RATE_LIMIT_CONFIG_TYPE) !== undefined;
}

/** The loaded message type of that full name, if the snapshot has it. */
export function lookupEnvoyType(fullName: string): PbType | undefined {
  const { root } = loadEnvoyProtos();
  try {
    const t = root.lookup(fullName.startsWith('.') ? fullName : `.${fullName}`);
    return t instanceof protobuf.Type ? t : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the snapshot's message `message` has a field named `field` (proto or json name). */
export function snapshotHasField(message: string, field: string): boolean {
  const t = lookupEnvoyType(message);
  return t !== undefined && fieldIndex(t).has(field);
}

// ---------------------------------------------------------------------------------------------------
// Allowlist lookups

type FieldEntry = Extract<AllowlistEntry, { kind: 'field' }>;
type RetypedEntry = Extract<AllowlistEntry, { kind: 'retyped' }>;
type TypeEntry = Extract<AllowlistEntry, { kind: 'type' }>;
type OneofEntry = Extract<AllowlistEntry, { kind: 'oneof-not-required' }>;
type RuleEntry = Extract<AllowlistEntry, { kind: 'rule-relaxed' }>;

const allowedFields = new Map<string, FieldEntry>();
const retypedFields = new Map<string, RetypedEntry>();
const allowedTypes = new Map<string, TypeEntry>();
const relaxedOneofs = new Map<string, OneofEntry>();
const relaxedRules = new Map<string, RuleEntry[]>();
for (const e of ENVOY_PROTO_ALLOWLIST) {
  if (e.kind === 'field') {
    allowedFields.set(`${e.message}#${e.field}`, e);
    allowedFields.set(`${e.message}#${jsonName(e.field)}`, e);
  } else if (e.kind === 'retyped') retypedFields.set(`${e.message}#${e.field}`, e);
  else if (e.kind === 'type') allowedTypes.set(e.type, e);
  else if (e.kind === 'oneof-not-required') relaxedOneofs.set(`${e.message}#${e.oneof}`, e);
  else relaxedRules.set(`${e.message}#${e.field}`, [...(relaxedRules.get(`${e.message}#${e.field}`) ?? []), e]);
}

/** A stable id of an allowlist entry (what `checkEnvoyResourceDetailed` reports as used). */
export function allowlistKey(e: AllowlistEntry): string {
  switch (e.kind) {
    case 'field':
    case 'retyped':
      return `${e.kind} ${e.message}.${e.field}`;
    case 'type':
      return `type ${e.type}`;
    case 'oneof-not-required':
      return `oneof-not-required ${e.message}.${e.oneof}`;
    case 'rule-relaxed':
      return `rule-relaxed ${e.message}.${e.field} ${e.rule}`;
  }
}

// ---------------------------------------------------------------------------------------------------
// Reflection helpers

/** protoc's json_name: drop each `_` and upper-case the letter after it. */
function jsonName(protoName: string): string {
  let out = '';
  let upper = false;
  for (const ch of protoName) {
    if (ch === '_') upper = true;
    else {
      out += upper ? ch.toUpperCase() : ch;
      upper = false;
    }
  }
  return out;
}

const fieldIndexCache = new WeakMap<PbType, Map<string, PbField>>();
function fieldIndex(t: PbType): Map<string, PbField> {
  let idx = fieldIndexCache.get(t);
  if (!idx) {
    idx = new Map();
    for (const f of t.fieldsArray) {
      idx.set(f.name, f);
      idx.set(jsonName(f.name), f);
    }
    fieldIndexCache.set(t, idx);
  }
  return idx;
}

function fullName(t: { fullName: string }): string {
  return t.fullName.replace(/^\./, '');
}

type Rules = Record<string, unknown>;

/** The merged `(validate.rules)` of a field, as protobufjs parsed it (nested objects). */
const rulesCache = new WeakMap<PbField, Rules | null>();
function fieldRules(f: PbField): Rules | undefined {
  let merged = rulesCache.get(f);
  if (merged === undefined) {
    merged = null;
    for (const po of f.parsedOptions ?? []) {
      const r = (po as Record<string, unknown>)['(validate.rules)'];
      if (r && typeof r === 'object') merged = deepMerge(merged ?? {}, r as Rules);
    }
    rulesCache.set(f, merged);
  }
  return merged ?? undefined;
}

function deepMerge(a: Rules, b: Rules): Rules {
  const out: Rules = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = isPlainObject(prev) && isPlainObject(v) ? deepMerge(prev, v) : v;
  }
  return out;
}

function hasOption(o: { options?: Record<string, unknown>; parsedOptions?: unknown }, name: string): boolean {
  if (o.options?.[name] === true) return true;
  const pos = (o.parsedOptions ?? []) as Array<Record<string, unknown>>;
  return Array.isArray(pos) && pos.some((po) => po[name] === true);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Values of a repeated rule (`in`, `not_in`): protobufjs gives a bare value for a one-element list. */
function list(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

// ---------------------------------------------------------------------------------------------------
// The checker

export interface CheckResult {
  problems: string[];
  /** Allowlist entries (by `allowlistKey`) that this resource needed. */
  allowlisted: string[];
  /**
   * JSON paths of the subtrees not checked field by field: free JSON (Struct, Value, ListValue) and
   * values the allowlist accepts unchecked (missing field types, missing Any types).
   */
  unchecked: string[];
  /** JSON paths of map fields (their keys are free strings, or integers for integer-keyed maps). */
  maps: string[];
  /** Fields marked `deprecated` that the resource sets (Envoy accepts them with a warning), as `path (Type.field)`. */
  deprecated: string[];
}

interface Ctx {
  problems: string[];
  allowlisted: Set<string>;
  /** Under a `message.skip` rule PGV does not validate the embedded message. */
  rulesOff: number;
  unchecked: string[];
  maps: string[];
  deprecated: string[];
}

function newCtx(): Ctx {
  return { problems: [], allowlisted: new Set(), rulesOff: 0, unchecked: [], maps: [], deprecated: [] };
}

/** Problems of `json` as the protojson form of message `typeName` (full name, no leading dot). */
export function checkEnvoyResource(typeName: string, json: unknown): string[] {
  return checkEnvoyResourceDetailed(typeName, json).problems;
}

export function checkEnvoyResourceDetailed(typeName: string, json: unknown): CheckResult {
  const ctx = newCtx();
  const t = lookupEnvoyType(typeName);
  if (!t) ctx.problems.push(`$: ${typeName} is not a message type of the loaded Envoy API`);
  else checkMessage(t, json, '$', ctx);
  return {
    problems: ctx.problems,
    allowlisted: [...ctx.allowlisted].sort(),
    unchecked: ctx.unchecked,
    maps: ctx.maps,
    deprecated: ctx.deprecated,
  };
}

/** What `emitEnvoy` returns (the parts this checker knows how to check). */
export interface EmittedEnvoyConfig {
  clusters?: readonly unknown[];
  routeConfigurations?: readonly unknown[];
  httpFilters?: ReadonlyArray<{ listener: string; filters: readonly unknown[] }>;
}

/**
 * Checks everything an `emitEnvoy` result holds; each problem is prefixed with where it is
 * (`clusters[0] <name>`, `routeConfigurations[1] <name>`, `httpFilters <listener> [2] <filter name>`).
 */
export function checkEnvoyConfig(config: EmittedEnvoyConfig): string[] {
  const out: string[] = [];
  const nameOf = (x: unknown): string => (isPlainObject(x) && typeof x.name === 'string' ? x.name : '?');
  (config.clusters ?? []).forEach((c, i) => {
    for (const p of checkCluster(c)) out.push(`clusters[${i}] ${nameOf(c)}: ${p}`);
  });
  (config.routeConfigurations ?? []).forEach((r, i) => {
    for (const p of checkRouteConfiguration(r)) out.push(`routeConfigurations[${i}] ${nameOf(r)}: ${p}`);
  });
  for (const { listener, filters } of config.httpFilters ?? []) {
    filters.forEach((f, i) => {
      for (const p of checkHttpFilter(f)) out.push(`httpFilters ${listener} [${i}] ${nameOf(f)}: ${p}`);
    });
  }
  return out;
}

export const checkCluster = (json: unknown): string[] => checkEnvoyResource(ENVOY_TYPES.cluster, json);
export const checkRouteConfiguration = (json: unknown): string[] =>
  checkEnvoyResource(ENVOY_TYPES.routeConfiguration, json);
export const checkHttpFilter = (json: unknown): string[] => checkEnvoyResource(ENVOY_TYPES.httpFilter, json);
export const checkListener = (json: unknown): string[] => checkEnvoyResource(ENVOY_TYPES.listener, json);
export const checkClusterLoadAssignment = (json: unknown): string[] =>
  checkEnvoyResource(ENVOY_TYPES.clusterLoadAssignment, json);

function problem(ctx: Ctx, p: string, msg: string): void {
  ctx.problems.push(`${p}: ${msg}`);
}

const WRAPPERS: Record<string, string> = {
  'google.protobuf.DoubleValue': 'double',
  'google.protobuf.FloatValue': 'float',
  'google.protobuf.Int64Value': 'int64',
  'google.protobuf.UInt64Value': 'uint64',
  'google.protobuf.Int32Value': 'int32',
  'google.protobuf.UInt32Value': 'uint32',
  'google.protobuf.BoolValue': 'bool',
  'google.protobuf.StringValue': 'string',
  'google.protobuf.BytesValue': 'bytes',
};

function checkMessage(t: PbType, v: unknown, p: string, ctx: Ctx): void {
  const name = fullName(t);
  if (checkWellKnown(name, v, p, ctx)) return;
  if (!isPlainObject(v)) {
    problem(ctx, p, `expected a JSON object for ${name}, got ${describe(v)}`);
    return;
  }
  const idx = fieldIndex(t);
  const present = new Map<PbField, unknown>();
  const allowlistedOneofMembers = new Map<string, string[]>();
  for (const [key, val] of Object.entries(v)) {
    if (val === undefined) continue; // JSON.stringify drops it: not part of the resource
    const kp = `${p}.${key}`;
    const f = idx.get(key);
    if (!f) {
      const allowed = allowedFields.get(`${name}#${key}`);
      if (allowed && val === null) {
        problem(ctx, kp, `null for ${name}.${key} (protojson reads it as unset: leave the key out)`);
        continue;
      }
      if (allowed) {
        ctx.allowlisted.add(allowlistKey(allowed));
        if (allowed.oneof) {
          const members = allowlistedOneofMembers.get(allowed.oneof) ?? [];
          members.push(key);
          allowlistedOneofMembers.set(allowed.oneof, members);
        }
        // The field's type exists in the snapshot: check the value as that type.
        if (allowed.as) checkAs(allowed.as, val, kp, ctx);
        else ctx.unchecked.push(kp);
        continue;
      }
      problem(ctx, kp, `unknown field "${key}" of ${name}`);
      continue;
    }
    if (present.has(f)) {
      problem(ctx, kp, `field ${name}.${f.name} given twice (as "${f.name}" and "${jsonName(f.name)}")`);
      continue;
    }
    if (val === null) {
      // null is a value only for google.protobuf.Value (and the NullValue enum); elsewhere it means "unset".
      const target = f.resolvedType ? fullName(f.resolvedType) : '';
      if (!f.repeated && !f.map && (target === 'google.protobuf.Value' || target === 'google.protobuf.NullValue')) {
        present.set(f, val);
        continue;
      }
      problem(ctx, kp, `null for ${name}.${f.name} (protojson reads it as unset: leave the key out)`);
      continue;
    }
    present.set(f, val);
    if (hasOption(f, '(envoy.annotations.disallowed_by_default)')) {
      problem(ctx, kp, `${name}.${f.name} is deprecated and rejected by Envoy by default`);
    } else if (hasOption(f, 'deprecated')) ctx.deprecated.push(`${kp} (${name}.${f.name})`);
    // PGV's message.skip: the embedded message is not validated (its types still are).
    const skip = (fieldRules(f)?.message as Rules | undefined)?.skip === true;
    if (skip) ctx.rulesOff++;
    const retyped = retypedFields.get(`${name}#${f.name}`);
    if (retyped) {
      ctx.allowlisted.add(allowlistKey(retyped));
      checkAs(retyped.as, val, kp, ctx);
    } else checkFieldValue(f, val, kp, ctx);
    if (skip) ctx.rulesOff--;
  }
  // Oneofs: at most one member; exactly one under (validate.required).
  for (const o of t.oneofsArray as PbOneOf[]) {
    const set = o.fieldsArray.filter((f) => present.has(f)).map((f) => f.name);
    set.push(...(allowlistedOneofMembers.get(o.name) ?? []));
    if (set.length > 1) problem(ctx, p, `oneof ${name}.${o.name} has ${set.length} members set: ${set.join(', ')}`);
    if (set.length === 0 && ctx.rulesOff === 0 && hasOption(o, '(validate.required)')) {
      const relaxed = relaxedOneofs.get(`${name}#${o.name}`);
      if (relaxed) ctx.allowlisted.add(allowlistKey(relaxed));
      else
        problem(
          ctx,
          p,
          `oneof ${name}.${o.name} is required (validate.required): set one of ${o.fieldsArray.map((f) => jsonName(f.name)).join(', ')}`,
        );
    }
  }
  if (ctx.rulesOff > 0 || hasOption(t, '(validate.disabled)')) return;
  // Field rules, including those of absent fields (PGV validates proto3 scalars as their zero value).
  for (const f of t.fieldsArray) {
    let rules = fieldRules(f);
    if (!rules) continue;
    // A retyped field's snapshot rules belong to its old type; its new type's own rules are checked.
    if (retypedFields.has(`${name}#${f.name}`)) continue;
    const has = present.has(f);
    const fp = `${p}.${has ? keyOf(v, f) : jsonName(f.name)}`;
    for (const relaxed of relaxedRules.get(`${name}#${f.name}`) ?? []) {
      const [kind, rule] = relaxed.rule.split('.') as [string, string];
      const kindRules: unknown = rules[kind];
      if (!isPlainObject(kindRules) || !(rule in kindRules)) continue;
      // Used when the dropped rule alone would have reported a problem here.
      const scratch = newCtx();
      applyFieldRules(f, { [kind]: { [rule]: kindRules[rule] } }, has ? present.get(f) : undefined, has, fp, scratch);
      if (scratch.problems.length > 0) ctx.allowlisted.add(allowlistKey(relaxed));
      const rest: Rules = { ...kindRules };
      delete rest[rule];
      rules = { ...rules, [kind]: rest };
    }
    applyFieldRules(f, rules, has ? present.get(f) : undefined, has, fp, ctx);
  }
}

const SCALARS = new Set(
  'double float bool string bytes int32 sint32 sfixed32 uint32 fixed32 int64 sint64 sfixed64 uint64 fixed64'.split(' '),
);

/** Checks a value as an explicitly named type (allowlist `as`): a scalar, a message or an enum. */
function checkAs(ref: TypeRef, v: unknown, p: string, ctx: Ctx): void {
  const one = (x: unknown, xp: string): void => {
    if (SCALARS.has(ref.type)) {
      const err = scalarProblem(ref.type, x);
      if (err) problem(ctx, xp, err);
      return;
    }
    const { root } = loadEnvoyProtos();
    let t: unknown;
    try {
      t = root.lookup(`.${ref.type}`);
    } catch {
      t = undefined;
    }
    if (t instanceof protobuf.Type) checkMessage(t, x, xp, ctx);
    else if (t instanceof protobuf.Enum) checkEnum(t, x, xp, ctx);
    else problem(ctx, xp, `checker: allowlist type ${ref.type} is not in the snapshot`);
  };
  if (!ref.repeated) {
    one(v, p);
    return;
  }
  if (!Array.isArray(v)) {
    problem(ctx, p, `repeated field must be a JSON array, got ${describe(v)}`);
    return;
  }
  v.forEach((item, i) => {
    if (item === null || item === undefined) problem(ctx, `${p}[${i}]`, `repeated element is ${describe(item)}`);
    else one(item, `${p}[${i}]`);
  });
}

function keyOf(obj: Record<string, unknown>, f: PbField): string {
  return f.name in obj ? f.name : jsonName(f.name);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function checkFieldValue(f: PbField, v: unknown, p: string, ctx: Ctx): void {
  if (f.map) {
    if (!isPlainObject(v)) {
      problem(ctx, p, `map field ${f.name} must be a JSON object, got ${describe(v)}`);
      return;
    }
    const keyType = (f as unknown as { keyType: string }).keyType;
    ctx.maps.push(p);
    for (const [k, val] of Object.entries(v)) {
      const ep = `${p}[${JSON.stringify(k)}]`;
      checkMapKey(keyType, k, ep, ctx);
      if (val === null || val === undefined) {
        problem(ctx, ep, `map value of ${f.name} is ${describe(val)}`);
        continue;
      }
      checkSingular(f, val, ep, ctx);
    }
    return;
  }
  if (f.repeated) {
    if (!Array.isArray(v)) {
      problem(ctx, p, `repeated field ${f.name} must be a JSON array, got ${describe(v)}`);
      return;
    }
    v.forEach((item, i) => {
      const ip = `${p}[${i}]`;
      if (item === null || item === undefined) problem(ctx, ip, `repeated ${f.name} element is ${describe(item)}`);
      else checkSingular(f, item, ip, ctx);
    });
    return;
  }
  checkSingular(f, v, p, ctx);
}

function checkMapKey(keyType: string, k: string, p: string, ctx: Ctx): void {
  if (keyType === 'string') return;
  if (keyType === 'bool') {
    if (k !== 'true' && k !== 'false') problem(ctx, p, `map key must be "true" or "false"`);
    return;
  }
  const err = integerProblem(keyType, k, true);
  if (err) problem(ctx, p, `map key: ${err}`);
}

function checkSingular(f: PbField, v: unknown, p: string, ctx: Ctx): void {
  const rt = f.resolvedType;
  if (rt instanceof protobuf.Type) checkMessage(rt, v, p, ctx);
  else if (rt instanceof protobuf.Enum) checkEnum(rt, v, p, ctx);
  else {
    const err = scalarProblem(f.type, v);
    if (err) problem(ctx, p, `${f.name}: ${err}`);
  }
}

function checkEnum(e: PbEnum, v: unknown, p: string, ctx: Ctx): void {
  const name = fullName(e);
  if (typeof v === 'string') {
    if (!Object.prototype.hasOwnProperty.call(e.values, v)) {
      problem(ctx, p, `"${v}" is not a value of enum ${name} (${Object.keys(e.values).join(', ')})`);
    } else if (enumValueDisallowed(e, v)) {
      problem(ctx, p, `${name}.${v} is deprecated and rejected by Envoy by default`);
    }
    return;
  }
  if (typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31) return;
  problem(ctx, p, `enum ${name} must be a value name (or an int32), got ${describe(v)}`);
}

function enumValueDisallowed(e: PbEnum, valueName: string): boolean {
  const opts = (e as unknown as { valuesOptions?: Record<string, Record<string, unknown>> }).valuesOptions;
  return opts?.[valueName]?.['(envoy.annotations.disallowed_by_default_enum)'] === true;
}

const INT_RANGES: Record<string, [bigint, bigint]> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  sint32: [-(2n ** 31n), 2n ** 31n - 1n],
  sfixed32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  fixed32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  sint64: [-(2n ** 63n), 2n ** 63n - 1n],
  sfixed64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  fixed64: [0n, 2n ** 64n - 1n],
};
const IS_64 = new Set(['int64', 'sint64', 'sfixed64', 'uint64', 'fixed64']);

/** Integers: 64-bit as decimal strings (or safe-integer numbers), 32-bit as numbers; in range. */
function integerProblem(type: string, v: unknown, asMapKey = false): string | undefined {
  const range = INT_RANGES[type]!;
  let n: bigint;
  if (typeof v === 'string') {
    if (!IS_64.has(type) && !asMapKey) return `${type} must be a JSON number, got ${describe(v)}`;
    if (!/^-?\d+$/.test(v)) return `${type} must be a decimal integer, got ${describe(v)}`;
    n = BigInt(v);
  } else if (typeof v === 'number') {
    if (!Number.isInteger(v)) return `${type} must be an integer, got ${v}`;
    if (IS_64.has(type) && !Number.isSafeInteger(v)) return `${type} ${v} is not exact as a JSON number: write it as a string`;
    n = BigInt(v);
  } else return `${type} must be ${IS_64.has(type) ? 'a decimal string or a number' : 'a JSON number'}, got ${describe(v)}`;
  if (n < range[0] || n > range[1]) return `${type} out of range: ${String(v)}`;
  return undefined;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FLOAT_MAX = 3.4028234663852886e38;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;
const BASE64URL = /^(?:[A-Za-z0-9\-_]{4})*(?:[A-Za-z0-9\-_]{2}(?:==)?|[A-Za-z0-9\-_]{3}=?)?$/;

function scalarProblem(type: string, v: unknown): string | undefined {
  switch (type) {
    case 'double':
    case 'float': {
      let x: number;
      if (typeof v === 'number') x = v;
      else if (typeof v === 'string') {
        if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return undefined;
        x = Number(v);
        if (v.trim() === '' || Number.isNaN(x)) return `${type} must be a number, got ${describe(v)}`;
      } else return `${type} must be a number, got ${describe(v)}`;
      if (type === 'float' && Number.isFinite(x) && Math.abs(x) > FLOAT_MAX) return `float out of range: ${x}`;
      return undefined;
    }
    case 'bool':
      return typeof v === 'boolean' ? undefined : `bool must be true or false, got ${describe(v)}`;
    case 'string':
      if (typeof v !== 'string') return `string expected, got ${describe(v)}`;
      return LONE_SURROGATE.test(v) ? 'string is not valid UTF-8 (lone surrogate)' : undefined;
    case 'bytes':
      if (typeof v !== 'string') return `bytes must be a base64 string, got ${describe(v)}`;
      return BASE64.test(v) || BASE64URL.test(v) ? undefined : `bytes must be base64, got ${describe(v)}`;
    default:
      if (type in INT_RANGES) return integerProblem(type, v);
      return `unsupported scalar type ${type}`;
  }
}

// ---------------------------------------------------------------------------------------------------
// Well-known types

const DURATION = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/;
const MAX_DURATION_SECONDS = 315576000000n;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const TYPE_URL_PREFIX = 'type.googleapis.com/';

/** Duration in nanoseconds, or undefined when the string is not a protojson Duration. */
function parseDuration(v: unknown): bigint | undefined {
  if (typeof v !== 'string') return undefined;
  const m = DURATION.exec(v);
  if (!m) return undefined;
  const secs = BigInt(m[2]!);
  if (secs > MAX_DURATION_SECONDS) return undefined;
  const nanos = BigInt((m[3] ?? '').padEnd(9, '0') || '0');
  const total = secs * 1_000_000_000n + nanos;
  return m[1] ? -total : total;
}

/** Handles the types whose JSON form is special; returns false for ordinary messages. */
function checkWellKnown(name: string, v: unknown, p: string, ctx: Ctx): boolean {
  const wrapped = WRAPPERS[name];
  if (wrapped) {
    const err = scalarProblem(wrapped, v);
    if (err) problem(ctx, p, `${name}: ${err}`);
    return true;
  }
  switch (name) {
    case 'google.protobuf.Duration':
      if (parseDuration(v) === undefined)
        problem(ctx, p, `Duration must be a string "<seconds>[.<1-9 digits>]s" within ±315576000000s, got ${describe(v)}`);
      return true;
    case 'google.protobuf.Timestamp':
      if (typeof v !== 'string' || !TIMESTAMP.test(v) || Number.isNaN(Date.parse(v)))
        problem(ctx, p, `Timestamp must be an RFC 3339 string, got ${describe(v)}`);
      return true;
    case 'google.protobuf.FieldMask':
      if (typeof v !== 'string') problem(ctx, p, `FieldMask must be a string, got ${describe(v)}`);
      return true;
    case 'google.protobuf.Struct':
      ctx.unchecked.push(p);
      if (!isPlainObject(v)) problem(ctx, p, `Struct must be a JSON object, got ${describe(v)}`);
      return true;
    case 'google.protobuf.ListValue':
      ctx.unchecked.push(p);
      if (!Array.isArray(v)) problem(ctx, p, `ListValue must be a JSON array, got ${describe(v)}`);
      return true;
    case 'google.protobuf.Value':
      ctx.unchecked.push(p);
      return true; // any JSON value
    case 'google.protobuf.Empty':
      if (!isPlainObject(v) || Object.keys(v).length > 0) problem(ctx, p, `Empty must be {}, got ${describe(v)}`);
      return true;
    case 'google.protobuf.Any':
      checkAny(v, p, ctx);
      return true;
    default:
      return false;
  }
}

const SPECIAL_JSON = new Set([
  ...Object.keys(WRAPPERS),
  'google.protobuf.Duration',
  'google.protobuf.Timestamp',
  'google.protobuf.FieldMask',
  'google.protobuf.Struct',
  'google.protobuf.ListValue',
  'google.protobuf.Value',
  'google.protobuf.Any',
]);

function checkAny(v: unknown, p: string, ctx: Ctx): void {
  if (!isPlainObject(v)) {
    problem(ctx, p, `Any must be a JSON object, got ${describe(v)}`);
    return;
  }
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  if (keys.length === 0) return; // the empty Any (e.g. FilterConfig.config: {})
  const url = v['@type'];
  if (typeof url !== 'string') {
    problem(ctx, p, `Any without a string "@type"`);
    return;
  }
  if (!url.startsWith(TYPE_URL_PREFIX)) {
    problem(ctx, `${p}.@type`, `type URL must be "${TYPE_URL_PREFIX}<full name>", got ${JSON.stringify(url)}`);
    return;
  }
  const typeName = url.slice(TYPE_URL_PREFIX.length);
  const t = lookupEnvoyType(typeName);
  if (!t) {
    const missing = allowedTypes.get(typeName);
    if (missing) {
      ctx.allowlisted.add(allowlistKey(missing));
      ctx.unchecked.push(p);
    }
    else problem(ctx, `${p}.@type`, `unknown @type ${typeName} (not a message of the loaded Envoy API)`);
    return;
  }
  const { ['@type']: _type, ...payload } = v;
  if (SPECIAL_JSON.has(typeName)) {
    // A well-known type inside Any keeps its JSON form under "value".
    for (const k of Object.keys(payload)) if (k !== 'value') problem(ctx, `${p}.${k}`, `unknown key in Any of ${typeName}`);
    if (payload.value === undefined) problem(ctx, p, `Any of ${typeName} needs "value"`);
    else checkMessage(t, payload.value, `${p}.value`, ctx);
    return;
  }
  checkMessage(t, payload, p, ctx);
}

// ---------------------------------------------------------------------------------------------------
// protoc-gen-validate

/**
 * Applies one field's `(validate.rules)`. `has` says whether the field is set in the JSON; absent
 * proto3 scalars (outside oneofs and `optional`) are validated as their zero value, like PGV does.
 */
function applyFieldRules(f: PbField, rules: Rules, v: unknown, has: boolean, p: string, ctx: Ctx): void {
  const msgRules = rules.message as Rules | undefined;
  if (f.map) {
    const obj = has && isPlainObject(v) ? v : {};
    if (has && !isPlainObject(v)) return; // type problem already reported
    if (rules.map) applyMapRules(f, rules.map as Rules, obj, p, ctx);
    return;
  }
  if (f.repeated) {
    if (has && !Array.isArray(v)) return;
    const arr = has ? (v as unknown[]) : [];
    if (rules.repeated) applyRepeatedRules(f, rules.repeated as Rules, arr, p, ctx);
    return;
  }
  const rt = f.resolvedType;
  const isMessage = rt instanceof protobuf.Type;
  const inOneof = f.partOf !== null && f.partOf !== undefined;
  if (msgRules?.required === true && !has && !inOneof) {
    problem(ctx, p, `${f.name} is required (validate.rules message.required)`);
  }
  if (isMessage) {
    if (!has) {
      if (rules.duration && (rules.duration as Rules).required === true && !inOneof)
        problem(ctx, p, `${f.name} is required (validate.rules duration.required)`);
      if (rules.any && (rules.any as Rules).required === true && !inOneof)
        problem(ctx, p, `${f.name} is required (validate.rules any.required)`);
      if (rules.timestamp && (rules.timestamp as Rules).required === true && !inOneof)
        problem(ctx, p, `${f.name} is required (validate.rules timestamp.required)`);
      return;
    }
    applyValueRules(fullName(rt), rules, v, p, ctx);
    return;
  }
  if (!has && inOneof) return; // oneof members and proto3 optional: only when set
  const value = has ? v : zeroValue(f);
  applyValueRules(rt instanceof protobuf.Enum ? rt : f.type, rules, value, p, ctx);
}

function zeroValue(f: PbField): unknown {
  if (f.resolvedType instanceof protobuf.Enum) return 0;
  switch (f.type) {
    case 'string':
    case 'bytes':
      return '';
    case 'bool':
      return false;
    default:
      return 0;
  }
}

/**
 * Rules of one value. `kind` is the scalar type name, an Enum, or the full name of a message type
 * (wrappers carry scalar rules; Duration/Any/Timestamp their own; other messages only `message`).
 */
function applyValueRules(kind: string | PbEnum, rules: Rules, v: unknown, p: string, ctx: Ctx): void {
  if (kind instanceof protobuf.Enum) {
    if (rules.enum) applyEnumRules(kind, rules.enum as Rules, v, p, ctx);
    return;
  }
  const wrapped = WRAPPERS[kind];
  const scalar = wrapped ?? (kind.includes('.') ? undefined : kind);
  for (const [ruleKind, r] of Object.entries(rules)) {
    if (ruleKind === 'message' || !isPlainObject(r)) continue;
    if (ruleKind === 'duration' && kind === 'google.protobuf.Duration') applyDurationRules(r, v, p, ctx);
    else if (ruleKind === 'any' && kind === 'google.protobuf.Any') applyAnyRules(r, v, p, ctx);
    else if (ruleKind === 'timestamp' && kind === 'google.protobuf.Timestamp') applyTimestampRules(r, v, p, ctx);
    else if (ruleKind === 'string' && scalar === 'string') applyStringRules(r, v, p, ctx);
    else if (ruleKind === 'bytes' && scalar === 'bytes') applyBytesRules(r, v, p, ctx);
    else if (ruleKind === 'bool' && scalar === 'bool') {
      if (r.const !== undefined && v !== r.const) problem(ctx, p, `must be ${String(r.const)} (validate bool.const)`);
    } else if (scalar !== undefined && ruleKind === scalar) applyNumberRules(scalar, r, v, p, ctx);
    else if (ruleKind === 'enum' || ruleKind === 'repeated' || ruleKind === 'map') continue;
    else problem(ctx, p, `checker: rule kind "${ruleKind}" does not fit field type ${kind}`);
  }
}

type Cmp<T> = (a: T, b: T) => number;

/** PGV's gt/gte/lt/lte: inside the range when lower < upper, outside it when the bounds are inverted. */
function rangeProblem<T>(r: { gt?: T; gte?: T; lt?: T; lte?: T }, val: T, cmp: Cmp<T>, show: (x: T) => string): string | undefined {
  const { gt, gte, lt, lte } = r;
  const lo = gt !== undefined ? { v: gt, excl: true } : gte !== undefined ? { v: gte, excl: false } : undefined;
  const hi = lt !== undefined ? { v: lt, excl: true } : lte !== undefined ? { v: lte, excl: false } : undefined;
  const aboveLo = lo ? (lo.excl ? cmp(val, lo.v) > 0 : cmp(val, lo.v) >= 0) : true;
  const belowHi = hi ? (hi.excl ? cmp(val, hi.v) < 0 : cmp(val, hi.v) <= 0) : true;
  const loText = lo ? `${lo.excl ? '>' : '≥'} ${show(lo.v)}` : '';
  const hiText = hi ? `${hi.excl ? '<' : '≤'} ${show(hi.v)}` : '';
  if (lo && hi) {
    if (cmp(hi.v, lo.v) > 0) {
      if (!(aboveLo && belowHi)) return `must be ${loText} and ${hiText}`;
    } else if (aboveLo === false && belowHi === false) {
      // Inverted bounds: PGV's "outside range" rule, i.e. val must be below hi or above lo.
      return `must be ${hiText} or ${loText}`;
    }
    return undefined;
  }
  if (!aboveLo) return `must be ${loText}`;
  if (!belowHi) return `must be ${hiText}`;
  return undefined;
}

function inProblem<T>(r: Rules, val: T, conv: (x: unknown) => T, eq: (a: T, b: T) => boolean, show: (x: T) => string): string | undefined {
  const ins = list(r.in).map(conv);
  if (ins.length > 0 && !ins.some((x) => eq(x, val))) return `must be one of ${ins.map(show).join(', ')}`;
  const notIns = list(r.not_in).map(conv);
  if (notIns.some((x) => eq(x, val))) return `must not be one of ${notIns.map(show).join(', ')}`;
  return undefined;
}

function ruleBigint(x: unknown): bigint {
  if (typeof x === 'bigint') return x;
  if (typeof x === 'number') return BigInt(Math.trunc(x));
  if (typeof x === 'string' && /^-?\d+$/.test(x)) return BigInt(x);
  if (isPlainObject(x) && typeof x.low === 'number') return BigInt(x.high as number) * 2n ** 32n + BigInt((x.low as number) >>> 0);
  return 0n;
}

function applyNumberRules(type: string, r: Rules, v: unknown, p: string, ctx: Ctx): void {
  const isInt = type in INT_RANGES;
  if (isInt) {
    let val: bigint;
    if (typeof v === 'number' && Number.isInteger(v)) val = BigInt(v);
    else if (typeof v === 'string' && /^-?\d+$/.test(v)) val = BigInt(v);
    else return; // type problem already reported
    if (r.ignore_empty === true && val === 0n) return;
    const cmp: Cmp<bigint> = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
    const bounds = {
      gt: r.gt === undefined ? undefined : ruleBigint(r.gt),
      gte: r.gte === undefined ? undefined : ruleBigint(r.gte),
      lt: r.lt === undefined ? undefined : ruleBigint(r.lt),
      lte: r.lte === undefined ? undefined : ruleBigint(r.lte),
    };
    const errs = [
      r.const !== undefined && ruleBigint(r.const) !== val ? `must equal ${String(r.const)}` : undefined,
      rangeProblem(bounds, val, cmp, String),
      inProblem(r, val, ruleBigint, (a, b) => a === b, String),
    ];
    for (const e of errs) if (e) problem(ctx, p, `${type} ${String(v)} ${e} (validate.rules)`);
    return;
  }
  if (scalarProblem(type, v) !== undefined) return; // type problem already reported
  let val: number;
  if (typeof v === 'number') val = v;
  else if (typeof v === 'string') val = v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : Number(v);
  else return;
  if (type === 'float') val = Math.fround(val);
  if (r.ignore_empty === true && val === 0) return;
  const num = (x: unknown): number => (type === 'float' ? Math.fround(Number(x)) : Number(x));
  const bounds = {
    gt: r.gt === undefined ? undefined : num(r.gt),
    gte: r.gte === undefined ? undefined : num(r.gte),
    lt: r.lt === undefined ? undefined : num(r.lt),
    lte: r.lte === undefined ? undefined : num(r.lte),
  };
  const errs = [
    r.const !== undefined && num(r.const) !== val ? `must equal ${String(r.const)}` : undefined,
    // Stricter than PGV, whose comparisons let NaN through: no emitter should write NaN under a range.
    Number.isNaN(val) && Object.values(bounds).some((b) => b !== undefined)
      ? 'must be a number (NaN is out of any range)'
       : rangeProblem(bounds, val, (a, b) => a - b, String),
    inProblem(r, val, num, (a, b) => a === b, String),
  ];
  for (const e of errs) if (e) problem(ctx, p, `${type} ${String(v)} ${e} (validate.rules)`);
}

function applyEnumRules(e: PbEnum, r: Rules, v: unknown, p: string, ctx: Ctx): void {
  let n: number;
  if (typeof v === 'string') {
    const x = e.values[v];
    if (x === undefined) return; // reported as a type problem
    n = x;
  } else if (typeof v === 'number') n = v;
  else return;
  const name = fullName(e);
  const label = typeof v === 'string' ? v : String(n);
  if (r.defined_only === true && !Object.values(e.values).includes(n))
    problem(ctx, p, `${label} is not a defined value of ${name} (validate enum.defined_only)`);
  if (r.const !== undefined && Number(r.const) !== n) problem(ctx, p, `${label} must be ${String(r.const)} (validate enum.const)`);
  const showEnum = (x: number): string => e.valuesById[x] ?? String(x);
  const err = inProblem(r, n, Number, (a, b) => a === b, showEnum);
  if (err) problem(ctx, p, `${name} ${label} ${err} (validate enum)`);
}

function applyDurationRules(r: Rules, v: unknown, p: string, ctx: Ctx): void {
  const val = parseDuration(v);
  if (val === undefined) return; // reported as a type problem
  const conv = (x: unknown): bigint => {
    if (!isPlainObject(x)) return 0n;
    return ruleBigint(x.seconds ?? 0) * 1_000_000_000n + ruleBigint(x.nanos ?? 0);
  };
  const show = (n: bigint): string => formatNanos(n);
  const cmp: Cmp<bigint> = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const bounds = {
    gt: r.gt === undefined ? undefined : conv(r.gt),
    gte: r.gte === undefined ? undefined : conv(r.gte),
    lt: r.lt === undefined ? undefined : conv(r.lt),
    lte: r.lte === undefined ? undefined : conv(r.lte),
  };
  const errs = [
    r.const !== undefined && conv(r.const) !== val ? `must equal ${show(conv(r.const))}` : undefined,
    rangeProblem(bounds, val, cmp, show),
    inProblem(r, val, conv, (a, b) => a === b, show),
  ];
  for (const e of errs) if (e) problem(ctx, p, `duration ${String(v)} ${e} (validate duration)`);
}

function formatNanos(n: bigint): string {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const s = a / 1_000_000_000n;
  const f = a % 1_000_000_000n;
  return `${neg ? '-' : ''}${s}${f === 0n ? '' : `.${f.toString().padStart(9, '0').replace(/0+$/, '')}`}s`;
}

function applyTimestampRules(r: Rules, v: unknown, p: string, ctx: Ctx): void {
  if (typeof v !== 'string') return;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return;
  const conv = (x: unknown): number => (isPlainObject(x) ? Number(x.seconds ?? 0) * 1000 + Number(x.nanos ?? 0) / 1e6 : 0);
  const err = rangeProblem(
    {
      gt: r.gt === undefined ? undefined : conv(r.gt),
      gte: r.gte === undefined ? undefined : conv(r.gte),
      lt: r.lt === undefined ? undefined : conv(r.lt),
      lte: r.lte === undefined ? undefined : conv(r.lte),
    },
    ms,
    (a, b) => a - b,
    (x) => new Date(x).toISOString(),
  );
  if (err) problem(ctx, p, `timestamp ${v} ${err} (validate timestamp)`);
  if (r.const !== undefined && conv(r.const) !== ms) problem(ctx, p, `timestamp ${v} must equal the const (validate timestamp)`);
  // lt_now / gt_now / within depend on the wall clock at validation time: not checkable statically, and
  // the Envoy API uses none of them.
}

function applyAnyRules(r: Rules, v: unknown, p: string, ctx: Ctx): void {
  if (!isPlainObject(v)) return;
  const url = typeof v['@type'] === 'string' ? v['@type'] : '';
  const err = inProblem(r, url, String, (a, b) => a === b, (x) => x);
  if (err) problem(ctx, p, `Any type ${url || '(empty)'} ${err} (validate any)`);
}

// Well-known patterns of PGV (validate.proto KnownRegex), copied from PGV's generated code. Note
// `+-.` in the name class is a range (`+` … `.`, so `,` is allowed too): PGV's quirk, kept as is.
// With `strict: false` both name and value use the loose pattern (no NUL/CR/LF; empty allowed).
const HEADER_NAME_STRICT = /^:?[0-9a-zA-Z!#$%&'*+-.^_|~`]+$/;
const HEADER_VALUE_STRICT = /^[^\u0000-\u0008\u000A-\u001F\u007F]*$/;
const HEADER_LOOSE = /^[^\u0000\u000A\u000D]*$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** PGV's hostname check (RFC 1034 labels; a trailing dot is allowed). */
function isHostname(s: string): boolean {
  const h = s.endsWith('.') ? s.slice(0, -1) : s;
  if (h.length === 0 || h.length > 253) return false;
  return h
    .split('.')
    .every((l) => l.length >= 1 && l.length <= 63 && /^[A-Za-z0-9-]+$/.test(l) && !l.startsWith('-') && !l.endsWith('-'));
}

function applyStringRules(r: Rules, v: unknown, p: string, ctx: Ctx): void {
  if (typeof v !== 'string') return;
  if (r.ignore_empty === true && v === '') return;
  const chars = [...v].length;
  const bytes = Buffer.byteLength(v, 'utf8');
  const errs: string[] = [];
  const n = (x: unknown): number => Number(x);
  if (r.const !== undefined && v !== r.const) errs.push(`must equal ${JSON.stringify(r.const)}`);
  if (r.len !== undefined && chars !== n(r.len)) errs.push(`must be ${String(r.len)} characters`);
  if (r.min_len !== undefined && chars < n(r.min_len)) errs.push(`must have at least ${String(r.min_len)} characters`);
  if (r.max_len !== undefined && chars > n(r.max_len)) errs.push(`must have at most ${String(r.max_len)} characters`);
  if (r.len_bytes !== undefined && bytes !== n(r.len_bytes)) errs.push(`must be ${String(r.len_bytes)} bytes`);
  if (r.min_bytes !== undefined && bytes < n(r.min_bytes)) errs.push(`must have at least ${String(r.min_bytes)} bytes`);
  if (r.max_bytes !== undefined && bytes > n(r.max_bytes)) errs.push(`must have at most ${String(r.max_bytes)} bytes`);
  if (typeof r.pattern === 'string') {
    // PGV patterns are RE2; the ones in the Envoy API are plain character classes that JS reads the same.
    let re: RegExp | undefined;
    try {
      re = new RegExp(r.pattern, 'u');
    } catch {
      errs.push(`checker: pattern ${r.pattern} is not a JS regex`);
    }
    if (re && !re.test(v)) errs.push(`must match ${r.pattern}`);
  }
  if (typeof r.prefix === 'string' && !v.startsWith(r.prefix)) errs.push(`must start with ${JSON.stringify(r.prefix)}`);
  if (typeof r.suffix === 'string' && !v.endsWith(r.suffix)) errs.push(`must end with ${JSON.stringify(r.suffix)}`);
  if (typeof r.contains === 'string' && !v.includes(r.contains)) errs.push(`must contain ${JSON.stringify(r.contains)}`);
  if (typeof r.not_contains === 'string' && v.includes(r.not_contains))
    errs.push(`must not contain ${JSON.stringify(r.not_contains)}`);
  const inErr = inProblem(r, v, String, (a, b) => a === b, (x) => JSON.stringify(x));
  if (inErr) errs.push(inErr);
  if (r.hostname === true && !isHostname(v)) errs.push('must be a hostname');
  if (r.ip === true && isIP(v) === 0) errs.push('must be an IP address');
  if (r.ipv4 === true && isIP(v) !== 4) errs.push('must be an IPv4 address');
  if (r.ipv6 === true && isIP(v) !== 6) errs.push('must be an IPv6 address');
  if (r.address === true && isIP(v) === 0 && !isHostname(v)) errs.push('must be a hostname or an IP address');
  if (r.uuid === true && !UUID.test(v)) errs.push('must be a UUID');
  if (r.email === true && !/^[^@\s]+@[^@\s]+$/.test(v)) errs.push('must be an email address');
  if (r.uri === true && !URL.canParse(v)) errs.push('must be an absolute URI');
  // uri_ref accepts relative references too; every string without spaces/controls is one for our purposes.
  if (r.uri_ref === true && /[\s\u0000-\u001F]/.test(v)) errs.push('must be a URI reference');
  if (r.well_known_regex !== undefined) {
    const strict = r.strict !== false;
    const which = String(r.well_known_regex);
    if (which === 'HTTP_HEADER_NAME' || which === '1') {
      if (!(strict ? HEADER_NAME_STRICT : HEADER_LOOSE).test(v)) errs.push(`must be an HTTP header name${strict ? '' : ' (no NUL/CR/LF)'}`);
    } else if (which === 'HTTP_HEADER_VALUE' || which === '2') {
      if (!(strict ? HEADER_VALUE_STRICT : HEADER_LOOSE).test(v)) errs.push(`must be an HTTP header value${strict ? '' : ' (no NUL/CR/LF)'}`);
    }
  }
  for (const e of errs) problem(ctx, p, `string ${JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v)} ${e} (validate string)`);
}

function applyBytesRules(r: Rules, v: unknown, p: string, ctx: Ctx): void {
  if (typeof v !== 'string') return;
  const buf = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (r.ignore_empty === true && buf.length === 0) return;
  const errs: string[] = [];
  const n = (x: unknown): number => Number(x);
  if (r.len !== undefined && buf.length !== n(r.len)) errs.push(`must be ${String(r.len)} bytes`);
  if (r.min_len !== undefined && buf.length < n(r.min_len)) errs.push(`must have at least ${String(r.min_len)} bytes`);
  if (r.max_len !== undefined && buf.length > n(r.max_len)) errs.push(`must have at most ${String(r.max_len)} bytes`);
  // const/prefix/suffix/contains/in/not_in/pattern/ip on bytes: the Envoy API uses none of them.
  for (const k of ['const', 'prefix', 'suffix', 'contains', 'in', 'not_in', 'pattern', 'ip', 'ipv4', 'ipv6'])
    if (r[k] !== undefined) errs.push(`checker: bytes rule ${k} not implemented`);
  for (const e of errs) problem(ctx, p, `bytes (${buf.length}) ${e} (validate bytes)`);
}

function applyRepeatedRules(f: PbField, r: Rules, arr: unknown[], p: string, ctx: Ctx): void {
  if (r.ignore_empty === true && arr.length === 0) return;
  if (r.min_items !== undefined && arr.length < Number(r.min_items))
    problem(ctx, p, `${f.name} needs at least ${String(r.min_items)} items, has ${arr.length} (validate repeated.min_items)`);
  if (r.max_items !== undefined && arr.length > Number(r.max_items))
    problem(ctx, p, `${f.name} allows at most ${String(r.max_items)} items, has ${arr.length} (validate repeated.max_items)`);
  if (r.unique === true) {
    const seen = new Set<string>();
    arr.forEach((x, i) => {
      const k = JSON.stringify(x);
      if (seen.has(k)) problem(ctx, `${p}[${i}]`, `duplicate item in ${f.name} (validate repeated.unique)`);
      seen.add(k);
    });
  }
  const items = r.items as Rules | undefined;
  if (items) arr.forEach((x, i) => itemRules(f, items, x, `${p}[${i}]`, ctx));
}

/** Rules for one element of a repeated field or one map key/value: the element is always present. */
function itemRules(f: PbField, rules: Rules, v: unknown, p: string, ctx: Ctx): void {
  if (v === null || v === undefined) return;
  const rt = f.resolvedType;
  if (rt instanceof protobuf.Type) applyValueRules(fullName(rt), rules, v, p, ctx);
  else applyValueRules(rt instanceof protobuf.Enum ? rt : f.type, rules, v, p, ctx);
}

function applyMapRules(f: PbField, r: Rules, obj: Record<string, unknown>, p: string, ctx: Ctx): void {
  const entries = Object.entries(obj).filter(([, x]) => x !== undefined);
  if (r.ignore_empty === true && entries.length === 0) return;
  if (r.min_pairs !== undefined && entries.length < Number(r.min_pairs))
    problem(ctx, p, `${f.name} needs at least ${String(r.min_pairs)} entries (validate map.min_pairs)`);
  if (r.max_pairs !== undefined && entries.length > Number(r.max_pairs))
    problem(ctx, p, `${f.name} allows at most ${String(r.max_pairs)} entries (validate map.max_pairs)`);
  const keyType = (f as unknown as { keyType: string }).keyType;
  for (const [k, val] of entries) {
    const ep = `${p}[${JSON.stringify(k)}]`;
    if (isPlainObject(r.keys)) {
      const key: unknown = keyType === 'string' ? k : keyType === 'bool' ? k === 'true' : k;
      applyValueRules(keyType, r.keys, key, ep, ctx);
    }
    if (isPlainObject(r.values)) itemRules(f, r.values, val, ep, ctx);
  }
}

// ---------------------------------------------------------------------------------------------------
// Golden data (read from ../shared at test time, never copied)

export type XdsKind = 'clusters' | 'routes' | 'listeners' | 'endpoints';

/** The resource type of each golden xDS file kind. */
export const XDS_KIND_TYPES: Record<XdsKind, string> = {
  clusters: ENVOY_TYPES.cluster,
  routes: ENVOY_TYPES.routeConfiguration,
  listeners: ENVOY_TYPES.listener,
  endpoints: ENVOY_TYPES.clusterLoadAssignment,
};

export interface GoldenXdsResource {
  /** Case name, e.g. `circuit-breaker`. */
  testCase: string;
  kind: XdsKind;
  /** `name` of the resource (or its index). */
  name: string;
  resource: unknown;
}

/** Every resource of `xds/out/<case>.<kind>.yaml`. */
export function goldenXdsResources(kinds: readonly XdsKind[] = ['clusters', 'routes', 'listeners', 'endpoints']): GoldenXdsResource[] {
  const dir = path.join(conformanceDir(), 'xds', 'out');
  const out: GoldenXdsResource[] = [];
  for (const file of readdirSync(dir).sort()) {
    const m = /^(.*)\.(clusters|routes|listeners|endpoints)\.yaml$/.exec(file);
    if (!m || !kinds.includes(m[2] as XdsKind)) continue;
    const parsed: unknown = parseYaml(readFileSync(path.join(dir, file), 'utf8'));
    const items = Array.isArray(parsed) ? parsed : parsed == null ? [] : [parsed];
    items.forEach((resource: unknown, i) => {
      const n = isPlainObject(resource) ? resource.name ?? resource.clusterName : undefined;
      out.push({ testCase: m[1]!, kind: m[2] as XdsKind, name: typeof n === 'string' ? n : `#${i}`, resource });
    });
  }
  return out;
}

/**
 * The HTTP filters of each HttpConnectionManager in a Listener (protojson), in order, with where they
 * came from (`filterChains[i]` / `defaultFilterChain`).
 */
export function hcmHttpFilters(listener: unknown): Array<{ chain: string; filters: unknown[] }> {
  const out: Array<{ chain: string; filters: unknown[] }> = [];
  if (!isPlainObject(listener)) return out;
  const chains: Array<[string, unknown]> = [];
  if (Array.isArray(listener.filterChains)) listener.filterChains.forEach((c, i) => chains.push([`filterChains[${i}]`, c]));
  if (listener.defaultFilterChain) chains.push(['defaultFilterChain', listener.defaultFilterChain]);
  for (const [where, chain] of chains) {
    if (!isPlainObject(chain) || !Array.isArray(chain.filters)) continue;
    for (const filter of chain.filters) {
      const tc = isPlainObject(filter) ? filter.typedConfig : undefined;
      if (isPlainObject(tc) && tc['@type'] === `${TYPE_URL_PREFIX}${ENVOY_TYPES.httpConnectionManager}`) {
        out.push({ chain: where, filters: Array.isArray(tc.httpFilters) ? tc.httpFilters : [] });
      }
    }
  }
  return out;
}

/**
 * Problems the checker is expected to report for a golden resource that Envoy itself would reject
 * (`EXPECTED_GOLDEN_REJECTIONS`); our emitter leaves such values out instead.
 */
export function expectedGoldenProblems(testCase: string, kind: XdsKind, name: string): string[] {
  return EXPECTED_GOLDEN_REJECTIONS.filter((e) => e.testCase === testCase && e.kind === kind && e.name === name).map(
    (e) => e.problem,
  );
}
