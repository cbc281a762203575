/**
 * `parseBackendTrafficPolicy`: validate a BackendTrafficPolicy the way the Kubernetes API server
 * would on create — `apiVersion`, `kind` and `metadata`, defaulting, OpenAPI schema, CEL rules,
 * unknown-field handling; `status` ignored — and return plain data. Never throws.
 */
import type * as z from 'zod';
import { BackendTrafficPolicySchema, type BackendTrafficPolicy } from './backend-traffic-policy.js';
import { checkTypeMeta, KIND_RULES, type KindRule } from './envelope.js';
import { type ValidationIssue, formatPath, fromZodIssues, gateCel } from './issues.js';
import { fastParse } from './fast-parse.js';
import { listTypeIssues } from './list-types.js';
import { describeThrown, readPlainData } from './limits.js';
import { validateObjectMeta } from './object-meta-validation.js';
import { findUnknownFields, hasNullProperty, withoutFields, type ProtoEntry } from './unknown-fields.js';
import { isRecord, setOwn, type JsonObject } from '../lang/json.js';

/** How fields the CRD does not declare are handled (see {@link ParseOptions.unknownFields}). */
export type UnknownFieldsMode = 'warn' | 'error' | 'strip';

/** Options of {@link parseBackendTrafficPolicy}. */
export interface ParseOptions {
  /**
   * What to do with fields the CRD does not declare: `'warn'` (default; like kubectl's field
   * validation "Warn": the field is dropped and reported), `'error'` (like "Strict"), `'strip'`
   * (dropped silently, like "Ignore").
   */
  unknownFields?: UnknownFieldsMode;
}

/** Success with the defaulted object, or the issues the API server would report; warnings either way. */
export type ParseResult<T> =
  | { success: true; data: T; warnings: ValidationIssue[] }
  | { success: false; issues: ValidationIssue[]; warnings: ValidationIssue[] };

/** Run any of our object schemas with API-server semantics. */
export function parseWithSchema<S extends z.ZodType>(schema: S, raw: unknown, options: ParseOptions = {}): ParseResult<z.output<S>> {
  try {
    const mode = options?.unknownFields ?? 'warn';
    // The input boundary: limits checked, getters and proxies read once, a plain-data copy from here on.
    const read = readPlainData(raw);
    if (!read.ok) return { success: false, issues: [{ path: formatPath(read.violation.path), message: read.violation.message, code: 'limit' }], warnings: [] };
    return checkPlainData(schema, read.value, mode, read.nullFree).result;
  } catch (err) {
    // Defensive: hostile inputs (getters that throw, proxies) must not escape as exceptions.
    return { success: false, issues: [{ path: '', message: `input could not be read: ${describeThrown(err)}`, code: 'invalid' }], warnings: [] };
  }
}

/**
 * `parseWithSchema` after the boundary, for input that is already plain data the caller owns
 * (`readPlainData`'s output: `resolvePolicies` reads each object once). Also returns `cleaned`, the
 * input without unknown fields and nulls, so a caller that reads the spec as written needs no
 * second walk; when there is nothing to drop, `cleaned` is `input` itself.
 */
export function checkPlainData<S extends z.ZodType>(schema: S, input: unknown, mode: UnknownFieldsMode, nullFree = false): { result: ParseResult<z.output<S>>; cleaned: unknown } {
  // The fast path vouches only for input with no unknown field, no map `__proto__` key and (checked
  // here) no null to drop: exactly the input on which the walk below finds nothing and zod succeeds.
  const fast = fastParse(schema, input);
  if (fast && (nullFree || !hasNullProperty(input, schema))) return { result: { success: true, data: fast.data, warnings: [] }, cleaned: input };
  const protoEntries: ProtoEntry[] = [];
  const unknown = findUnknownFields(schema, input, [], protoEntries);
  const unknownIssues: ValidationIssue[] = unknown.map((f) => ({
    path: formatPath(f.path),
    message: `unknown field "${formatPath(f.path)}"`,
    code: 'unknownField',
  }));
  const warnings = mode === 'warn' ? unknownIssues : [];
  const cleaned = unknown.length === 0 && (nullFree || !hasNullProperty(input, schema)) ? input : withoutFields(input, unknown, schema);
  const parsed = schema.safeParse(cleaned, { reportInput: true });
  const protoIssues = parseProtoKeys(protoEntries, cleaned, parsed.success ? parsed.data : undefined);
  let issues = parsed.success && protoIssues.length === 0 ? [] : gateCel([...(parsed.success ? [] : schemaIssues(schema, cleaned, parsed.error.issues)), ...protoIssues]);
  if (mode === 'error') issues = [...unknownIssues, ...issues];
  const result: ParseResult<z.output<S>> = issues.length > 0 ? { success: false, issues, warnings } : { success: true, data: parsed.data as z.output<S>, warnings };
  return { result, cleaned };
}

/**
 * zod's issues, and the list duplicates zod left unchecked below an aborting issue (the API server
 * checks list types in a pass of its own, after the schema: `list-types.ts`).
 */
function schemaIssues(schema: z.ZodType, input: unknown, zodIssues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  const issues = fromZodIssues(zodIssues);
  const reported = new Set(issues.filter((i) => i.code === 'duplicate').map((i) => i.path));
  for (const issue of fromZodIssues(listTypeIssues(schema, input))) if (!reported.has(issue.path)) issues.push(issue);
  return issues;
}

/**
 * zod's records skip a `__proto__` key (its value is neither checked nor copied), where the API
 * server stores it as any other map key and `resolvePolicies` keeps it: each one is parsed with
 * the map's value schema here, and its value set on the output map as an own property.
 */
function parseProtoKeys(entries: readonly ProtoEntry[], input: unknown, output: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const at = (root: unknown, path: ReadonlyArray<string | number>): unknown => {
    let node = root;
    for (const k of path) node = node !== null && typeof node === 'object' && Object.hasOwn(node, k) ? (node as Record<string | number, unknown>)[k] : undefined;
    return node;
  };
  for (const { path, valueSchema } of entries) {
    const map = at(input, path);
    if (!isRecord(map) || !Object.hasOwn(map, '__proto__')) continue;
    const r = valueSchema.safeParse(map.__proto__, { reportInput: true });
    if (!r.success) {
      for (const issue of fromZodIssues(r.error.issues, [...path, '__proto__'])) issues.push(issue);
      continue;
    }
    const target = at(output, path);
    if (isRecord(target)) setOwn(target, '__proto__', r.data);
  }
  return issues;
}

/**
 * An object of a kind the library reads, checked as the API server checks it on create, in its
 * order: `apiVersion` and `kind` first (nothing else is checked when they are wrong), then
 * `metadata` (a field Go cannot decode stops there too), then the schema; CEL rules run only when
 * none of those errors blocks them. `status` is not part of a create. `input` is plain data the
 * caller owns; `typeMeta` says how an unserved version is reported (see `checkTypeMeta`).
 */
export function checkObject<S extends z.ZodType>(
  schema: S,
  rule: KindRule,
  input: unknown,
  mode: UnknownFieldsMode,
  typeMeta: 'mapping' | 'validator' = 'validator',
  nullFree = false,
): { result: ParseResult<z.output<S>>; cleaned: unknown } {
  const fail = (issues: ValidationIssue[], warnings: ValidationIssue[] = []) => ({ result: { success: false as const, issues, warnings }, cleaned: input });
  if (!isRecord(input)) return fail([{ path: '', message: 'expected a Kubernetes object', code: 'type' }]);
  const typeIssues = checkTypeMeta(input, rule, typeMeta);
  if (typeIssues.length > 0) return fail(typeIssues);
  const meta = validateObjectMeta(input.metadata, rule);
  if (meta.issues.some((i) => i.code === 'type')) return fail(meta.issues, meta.warnings);
  const checked = checkPlainData(schema, withoutStatus(input), mode, nullFree);
  // Every object of an input comes through here: the lists are joined only when both have items.
  const warnings = meta.warnings.length === 0 ? checked.result.warnings : [...meta.warnings, ...checked.result.warnings];
  if (meta.issues.length === 0 && (rule.cel || checked.result.success)) return { result: warnings === checked.result.warnings ? checked.result : { ...checked.result, warnings }, cleaned: checked.cleaned };
  const schemaIssues = checked.result.success ? [] : checked.result.issues.filter((i) => i.code !== 'celSkipped');
  const issues = [...meta.issues, ...schemaIssues];
  return { result: { success: false, issues: rule.cel ? gateCel(issues) : issues, warnings }, cleaned: checked.cleaned };
}

/** The object without `status` (not part of a create); the object itself when it has none. */
function withoutStatus(input: JsonObject): JsonObject {
  if (!Object.hasOwn(input, 'status')) return input;
  const { status: _ignored, ...rest } = input;
  return rest;
}

/**
 * Validate a BackendTrafficPolicy object (`apiVersion`, `kind`, `metadata`, `spec`; `status` is
 * ignored, as on create). On success `data` carries the API server's defaults; each issue has a
 * path such as `spec.circuitBreaker.maxConnections`, a message (for CEL rules, the CRD's own) and
 * the server's error, which `formatIssue` prints as `kubectl apply` shows it.
 */
export function parseBackendTrafficPolicy(input: unknown, options: ParseOptions = {}): ParseResult<BackendTrafficPolicy> {
  try {
    const read = readPlainData(input);
    if (!read.ok) return { success: false, issues: [{ path: formatPath(read.violation.path), message: read.violation.message, code: 'limit' }], warnings: [] };
    return checkObject(BackendTrafficPolicySchema, KIND_RULES.BackendTrafficPolicy!, read.value, options?.unknownFields ?? 'warn', 'validator', read.nullFree).result;
  } catch (err) {
    return { success: false, issues: [{ path: '', message: `input could not be read: ${describeThrown(err)}`, code: 'invalid' }], warnings: [] };
  }
}
