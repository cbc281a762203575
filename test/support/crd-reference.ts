/**
 * A test-only reference validator built mechanically from the CRD itself, to check our zod models
 * against: it does what the Kubernetes API server does with a CustomResource on create, in order.
 *
 * 1. Prune: fields the structural schema does not declare are dropped (unless
 *    `x-kubernetes-preserve-unknown-fields`), and so are `null` values of non-nullable fields
 *    (`PruneNonNullableNullsWithoutDefaults`); a `null` where a default exists gets the default.
 * 2. Default: wherever an object exists, its missing properties with a `default` get it (deep copy),
 *    recursively, including inside defaulted values, array items and map values.
 * 3. OpenAPI validation, with ajv over a JSON Schema converted from the openAPIV3Schema
 *    (`x-kubernetes-int-or-string` → its `anyOf`; `format: byte` → Go's StdEncoding base64;
 *    integer formats are informational for the API server and not enforced).
 * 4. `x-kubernetes-list-type: map | set` uniqueness (`Duplicate value`).
 * 5. The CEL gate: if any error is blocking (NotSupported / enum, Required, TooLong / maxLength,
 *    TooMany / maxItems, TypeInvalid / type — `hasBlockingErr` in apiextensions-apiserver's
 *    customresource strategy), no rule runs and one "some validation rules were not checked" error is
 *    added. Otherwise every `x-kubernetes-validations` rule is evaluated with @bufbuild/cel at its
 *    node, `self` bound to the node value (integers as CEL ints), its `duration(string)` made as
 *    strict as cel-go's (see `goDuration`).
 */
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import { CelScalar, celEnv, celFunc, isCelError, parse as parseCel, plan, type CelInput } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import type { CrdSchema } from './crd.js';

const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as typeof AjvModule;

export type RefIssueKind =
  | 'required'
  | 'type'
  | 'enum'
  | 'minimum'
  | 'maximum'
  | 'minLength'
  | 'maxLength'
  | 'pattern'
  | 'minItems'
  | 'maxItems'
  | 'duplicate'
  | 'invalid';

export interface RefIssue {
  path: string;
  kind: RefIssueKind;
  message: string;
}

export interface RefCelFailure {
  path: string;
  message: string;
  /** The OpenAPI type of the node carrying the rule, which the server prints as the value (`Invalid value: "object"`). */
  nodeType: string;
  /** Set when the rule did not evaluate to a boolean (CEL runtime error such as "no such key"). */
  error?: string;
}

export interface RefResult {
  valid: boolean;
  /** OpenAPI and list-type errors. */
  schema: RefIssue[];
  /** Rules that evaluated to false, or failed to evaluate. */
  cel: RefCelFailure[];
  celSkipped: boolean;
  /** The pruned and defaulted object, as the API server would store it. */
  object: unknown;
}

export interface ReferenceOptions {
  /** Error kinds that stop CEL evaluation (the API server's `hasBlockingErr`). */
  blockingKinds?: ReadonlyArray<RefIssueKind>;
}

export const API_SERVER_BLOCKING_KINDS: ReadonlyArray<RefIssueKind> = ['enum', 'required', 'maxLength', 'maxItems', 'type'];

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);
const setOwn = (o: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
};

/** The schema of `key` in an object node: a declared property, else the map value schema. */
function childSchema(s: CrdSchema | undefined, key: string): CrdSchema | undefined {
  if (!s) return undefined;
  if (s.properties && hasOwn(s.properties, key)) return s.properties[key];
  return s.additionalProperties && typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
}

/** Go's `base64.StdEncoding.DecodeString` acceptance (padding required; CR and LF are ignored). */
export function isGoStdBase64(s: string): boolean {
  const t = s.replace(/[\r\n]/g, '');
  return t.length % 4 === 0 && /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(t);
}

/** openAPIV3Schema node → an ajv JSON Schema (validation keywords only). */
function toJsonSchema(s: CrdSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.type && !s['x-kubernetes-int-or-string']) out.type = s.nullable ? [s.type, 'null'] : s.type;
  for (const key of ['enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'required'] as const) {
    if (s[key] !== undefined) out[key] = s[key];
  }
  if (s.format === 'byte' || s.format === 'date-time') out.format = s.format;
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, toJsonSchema(v)]));
  if (s.items) out.items = toJsonSchema(s.items);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') out.additionalProperties = toJsonSchema(s.additionalProperties);
  for (const key of ['anyOf', 'allOf', 'oneOf'] as const) {
    if (s[key]) out[key] = s[key]!.map(toJsonSchema);
  }
  return out;
}

/** Step 1: prune unknown fields and non-nullable nulls (nulls with a default get the default). */
function prune(value: unknown, s: CrdSchema | undefined): unknown {
  if (!s || s['x-kubernetes-preserve-unknown-fields']) return value;
  if (Array.isArray(value)) return s.items ? value.map((v) => prune(v, s.items)) : value;
  if (!isObject(value)) return value;
  const mapValues = s.additionalProperties && typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
  if (!s.properties && !mapValues) return s.type === 'object' ? {} : value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const child = childSchema(s, key);
    if (!child) continue; // unknown field: pruned
    const v = value[key];
    if (v === null && !child.nullable) {
      if (child.default !== undefined) setOwn(out, key, clone(child.default));
      continue;
    }
    setOwn(out, key, prune(v, child));
  }
  return out;
}

/** Step 2: structural defaulting. */
function applyDefaults(value: unknown, s: CrdSchema | undefined): void {
  if (!s) return;
  if (Array.isArray(value)) {
    for (const v of value) applyDefaults(v, s.items);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    if (prop.default !== undefined && !hasOwn(value, key)) setOwn(value, key, clone(prop.default));
  }
  for (const [key, v] of Object.entries(value)) applyDefaults(v, childSchema(s, key));
}

function pointerToPath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

function fromAjv(e: ErrorObject): RefIssue | undefined {
  const path = pointerToPath(e.instancePath);
  const join = (child: string) => (path === '' ? child : `${path}.${child}`);
  switch (e.keyword) {
    case 'required':
      return { path: join((e.params as { missingProperty: string }).missingProperty), kind: 'required', message: 'Required value' };
    case 'type':
      return { path, kind: 'type', message: `must be of type ${(e.params as { type: string }).type}` };
    case 'format':
      // kube-openapi reports a format mismatch as InvalidType (`must be of type byte`).
      return { path, kind: 'type', message: `must be of type ${(e.params as { format: string }).format}` };
    case 'enum':
      return { path, kind: 'enum', message: 'Unsupported value' };
    case 'minimum':
    case 'maximum':
    case 'minLength':
    case 'maxLength':
    case 'pattern':
    case 'minItems':
    case 'maxItems':
      return { path, kind: e.keyword, message: e.message ?? e.keyword };
    case 'anyOf':
      return { path, kind: 'invalid', message: 'must validate at least one schema (anyOf)' };
    default:
      return { path, kind: 'invalid', message: `${e.keyword}: ${e.message ?? ''}` };
  }
}

/**
 * kube-openapi's composite error after the errors of an `allOf`: one per node whose branches did
 * not all validate, `"<path>" must validate all the schemas (allOf)`, plus `Found none valid` when
 * no branch did.
 */
function allOfFailures(errors: readonly ErrorObject[], root: Record<string, unknown>): RefIssue[] {
  const failed = new Map<string, { branches: Set<string>; total: number; path: string }>();
  for (const e of errors) {
    const m = /^(.*)\/allOf\/(\d+)\//.exec(e.schemaPath);
    if (!m) continue;
    const node = m[1]!.split('/').slice(1).reduce<unknown>((n, seg) => (n as Record<string, unknown> | undefined)?.[seg.replace(/~1/g, '/').replace(/~0/g, '~')], root) as { allOf?: unknown[] } | undefined;
    const key = `${e.instancePath} ${m[1]}`;
    const entry = failed.get(key) ?? { branches: new Set<string>(), total: node?.allOf?.length ?? 0, path: pointerToPath(e.instancePath) };
    entry.branches.add(m[2]!);
    failed.set(key, entry);
  }
  return [...failed.values()].map(({ branches, total, path }) => ({
    path,
    kind: 'invalid' as const,
    message: `${JSON.stringify(path)} must validate all the schemas (allOf)${branches.size === total ? 'Found none valid' : ''}`,
  }));
}

/** Step 4: list-type map / set uniqueness. */
function listTypeIssues(value: unknown, s: CrdSchema | undefined, path: string, out: RefIssue[]): void {
  if (!s) return;
  if (Array.isArray(value)) {
    const type = s['x-kubernetes-list-type'];
    if (type === 'map' || type === 'set') {
      const keys = s['x-kubernetes-list-map-keys'] ?? [];
      const seen = new Set<string>();
      value.forEach((item, i) => {
        // A map list's items that are not objects (null, or a type error reported by the schema)
        // have no keys and are passed over; a missing key is "unspecified", one value for all
        // (validateListMap in apiextensions-apiserver's structurallisttype).
        if (type === 'map' && !isObject(item)) return;
        const key = type === 'set' ? JSON.stringify(item) : JSON.stringify(keys.map((k) => (Object.hasOwn(item as object, k) ? (item as Record<string, unknown>)[k] : { unspecified: true })));
        if (seen.has(key)) out.push({ path: `${path}[${i}]`, kind: 'duplicate', message: `Duplicate value: ${key}` });
        seen.add(key);
      });
    }
    value.forEach((item, i) => listTypeIssues(item, s.items, `${path}[${i}]`, out));
    return;
  }
  if (!isObject(value)) return;
  for (const [key, v] of Object.entries(value)) listTypeIssues(v, childSchema(s, key), path === '' ? key : `${path}.${key}`, out);
}

/** A JSON value as CEL sees it under this schema: integers become CEL ints. */
function toCel(value: unknown, s: CrdSchema | undefined): CelInput {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    const integral = s?.type === 'integer' || (s?.['x-kubernetes-int-or-string'] && Number.isInteger(value));
    return integral ? BigInt(value) : value;
  }
  if (Array.isArray(value)) return value.map((v) => toCel(v, s?.items));
  if (isObject(value)) {
    const out: Record<string, CelInput> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, toCel(v, childSchema(s, k)));
    return out as CelInput;
  }
  return value as CelInput;
}

type Program = (bindings: { self: CelInput }) => unknown;

const stdDuration = plan(celEnv(), parseCel('duration(s)')) as (bindings: { s: CelInput }) => unknown;

/**
 * The API server runs cel-go, whose `duration(string)` is Go's `time.ParseDuration`: an empty
 * string or a lone sign is an invalid duration (an evaluation error, so the rule fails), and
 * `μs` (Greek mu) is microseconds like `µs`. @bufbuild/cel reads "" and "+" as 0s and knows only
 * `µs`; this overload (a later function of the same signature replaces the built-in) closes both
 * gaps and leaves the rest to the built-in.
 */
const goDuration = celFunc('duration', [CelScalar.STRING], CelScalar.DYN, (text: string) => {
  if (/^[-+]?$/.test(text)) throw new Error(`time: invalid duration "${text}"`);
  const parsed = stdDuration({ s: text.replaceAll('\u03bcs', '\u00b5s') });
  if (parsed instanceof Error || isCelError(parsed)) throw parsed instanceof Error ? parsed : new Error(String(parsed));
  return parsed as CelInput;
});

export interface ReferenceValidator {
  validate(object: unknown): RefResult;
  /** Number of CEL rules compiled from the CRD. */
  ruleCount: number;
}

/** Build the reference validator for a CRD `openAPIV3Schema`. */
export function createReferenceValidator(root: CrdSchema, options: ReferenceOptions = {}): ReferenceValidator {
  const blocking = new Set(options.blockingKinds ?? API_SERVER_BLOCKING_KINDS);
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: true });
  ajv.addFormat('byte', { type: 'string', validate: isGoStdBase64 });
  ajv.addFormat('date-time', { type: 'string', validate: (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s) });
  const jsonSchema = toJsonSchema(root);
  const validateSchema: ValidateFunction = ajv.compile(jsonSchema);

  const env = celEnv({ funcs: [...strings, goDuration] });
  const programs = new Map<CrdSchema, Array<{ program: Program; message: string }>>();
  let ruleCount = 0;
  const compile = (s: CrdSchema): void => {
    const rules = s['x-kubernetes-validations'];
    if (rules) {
      programs.set(
        s,
        rules.map((r) => {
          ruleCount++;
          return { program: plan(env, parseCel(r.rule)) as Program, message: (r.message ?? `failed rule: ${r.rule}`).trim() };
        }),
      );
    }
    for (const child of Object.values(s.properties ?? {})) compile(child);
    if (s.items) compile(s.items);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') compile(s.additionalProperties);
  };
  compile(root);

  const evalRules = (value: unknown, s: CrdSchema | undefined, path: string, out: RefCelFailure[]): void => {
    if (!s || value === undefined) return;
    for (const { program, message } of programs.get(s) ?? []) {
      let result: unknown;
      try {
        result = program({ self: toCel(value, s) });
      } catch (err) {
        result = err instanceof Error ? err : new Error(String(err));
      }
      if (result === true) continue;
      const nodeType = s['x-kubernetes-int-or-string'] ? '' : (s.type ?? '');
      if (result === false) out.push({ path, message, nodeType });
      else out.push({ path, message, nodeType, error: isCelError(result) || result instanceof Error ? result.message : `non-boolean result ${String(result)}` });
    }
    if (s['x-kubernetes-preserve-unknown-fields'] && !s.properties) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => evalRules(item, s.items, `${path}[${i}]`, out));
    } else if (isObject(value)) {
      for (const [key, v] of Object.entries(value)) evalRules(v, childSchema(s, key), path === '' ? key : `${path}.${key}`, out);
    }
  };

  return {
    ruleCount,
    validate(input: unknown): RefResult {
      const object = prune(clone(input), root);
      applyDefaults(object, root);
      const schema: RefIssue[] = [];
      if (!validateSchema(object)) {
        for (const e of validateSchema.errors ?? []) {
          const issue = fromAjv(e);
          if (issue) schema.push(issue);
        }
        schema.push(...allOfFailures(validateSchema.errors ?? [], jsonSchema));
      }
      listTypeIssues(object, root, '', schema);
      const celSkipped = schema.some((i) => blocking.has(i.kind));
      const cel: RefCelFailure[] = [];
      if (!celSkipped) evalRules(object, root, '', cel);
      return { valid: schema.length === 0 && cel.length === 0, schema, cel, celSkipped, object };
    },
  };
}
