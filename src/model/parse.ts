/**
 * `parseBackendTrafficPolicy`: validate a BackendTrafficPolicy the way the Kubernetes API server
 * would on create — defaulting, OpenAPI schema, CEL rules, unknown-field handling — and return
 * plain data. Never throws.
 */
import type { z } from 'zod';
import { BackendTrafficPolicySchema, type BackendTrafficPolicy } from './backend-traffic-policy.js';
import { type ValidationIssue, formatPath, fromZodIssue, gateCel } from './issues.js';
import { describeThrown, readPlainData } from './limits.js';
import { findUnknownFields, hasNullProperty, withoutFields } from './unknown-fields.js';

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
    return checkPlainData(schema, read.value, mode).result;
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
export function checkPlainData<S extends z.ZodType>(schema: S, input: unknown, mode: UnknownFieldsMode): { result: ParseResult<z.output<S>>; cleaned: unknown } {
  const unknown = findUnknownFields(schema, input);
  const unknownIssues: ValidationIssue[] = unknown.map((f) => ({
    path: formatPath(f.path),
    message: `unknown field "${formatPath(f.path)}"`,
    code: 'unknownField',
  }));
  const warnings = mode === 'warn' ? unknownIssues : [];
  const cleaned = unknown.length === 0 && !hasNullProperty(input) ? input : withoutFields(input, unknown);
  const parsed = schema.safeParse(cleaned, { reportInput: true });
  let issues = parsed.success ? [] : gateCel(parsed.error.issues.map((i) => fromZodIssue(i)));
  if (mode === 'error') issues = [...unknownIssues, ...issues];
  const result: ParseResult<z.output<S>> = issues.length > 0 ? { success: false, issues, warnings } : { success: true, data: parsed.data as z.output<S>, warnings };
  return { result, cleaned };
}

/**
 * Validate a BackendTrafficPolicy object (`apiVersion`, `kind`, `metadata`, `spec`, `status`).
 * On success `data` carries the API server's defaults; each issue has a path such as
 * `spec.circuitBreaker.maxConnections` and, for CEL rules, the CRD's own message.
 */
export function parseBackendTrafficPolicy(input: unknown, options: ParseOptions = {}): ParseResult<BackendTrafficPolicy> {
  return parseWithSchema(BackendTrafficPolicySchema, input, options);
}
