/**
 * `parseBackendTrafficPolicy`: validate a BackendTrafficPolicy the way the Kubernetes API server
 * would on create — defaulting, OpenAPI schema, CEL rules, unknown-field handling — and return
 * plain data. Never throws.
 */
import type { z } from 'zod';
import { BackendTrafficPolicySchema, type BackendTrafficPolicy } from './backend-traffic-policy.js';
import { type ValidationIssue, formatPath, fromZodIssue, gateCel } from './issues.js';
import { readPlainData } from './limits.js';
import { findUnknownFields, withoutFields } from './unknown-fields.js';

export type UnknownFieldsMode = 'warn' | 'error' | 'strip';

export interface ParseOptions {
  /**
   * What to do with fields the CRD does not declare: `'warn'` (default; like kubectl's field
   * validation "Warn": the field is dropped and reported), `'error'` (like "Strict"), `'strip'`
   * (dropped silently, like "Ignore").
   */
  unknownFields?: UnknownFieldsMode;
}

export type ParseResult<T> =
  | { success: true; data: T; warnings: ValidationIssue[] }
  | { success: false; issues: ValidationIssue[]; warnings: ValidationIssue[] };

/** Run any of our object schemas with API-server semantics. */
export function parseWithSchema<S extends z.ZodType>(schema: S, raw: unknown, options: ParseOptions = {}): ParseResult<z.output<S>> {
  const mode = options.unknownFields ?? 'warn';
  try {
    // The input boundary: limits checked, getters and proxies read once, a plain-data copy from here on.
    const read = readPlainData(raw);
    if (!read.ok) return { success: false, issues: [{ path: formatPath(read.violation.path), message: read.violation.message, code: 'limit' }], warnings: [] };
    const input = read.value;
    const unknown = findUnknownFields(schema, input);
    const unknownIssues: ValidationIssue[] = unknown.map((f) => ({
      path: formatPath(f.path),
      message: `unknown field "${formatPath(f.path)}"`,
      code: 'unknownField',
    }));
    const warnings = mode === 'warn' ? unknownIssues : [];
    const cleaned = withoutFields(input, unknown);
    const result = schema.safeParse(cleaned, { reportInput: true });
    let issues = result.success ? [] : gateCel(result.error.issues.map((i) => fromZodIssue(i)));
    if (mode === 'error') issues = [...unknownIssues, ...issues];
    if (issues.length > 0) return { success: false, issues, warnings };
    return { success: true, data: result.data as z.output<S>, warnings };
  } catch (err) {
    // Defensive: hostile inputs (getters that throw, proxies) must not escape as exceptions.
    return { success: false, issues: [{ path: '', message: `input could not be read: ${(err as Error)?.message ?? String(err)}`, code: 'invalid' }], warnings: [] };
  }
}

/**
 * Validate a BackendTrafficPolicy object (`apiVersion`, `kind`, `metadata`, `spec`, `status`).
 * On success `data` carries the API server's defaults; each issue has a path such as
 * `spec.circuitBreaker.maxConnections` and, for CEL rules, the CRD's own message.
 */
export function parseBackendTrafficPolicy(input: unknown, options: ParseOptions = {}): ParseResult<BackendTrafficPolicy> {
  return parseWithSchema(BackendTrafficPolicySchema, input, options);
}
