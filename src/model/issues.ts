/**
 * Validation issues in the Kubernetes API server's vocabulary.
 *
 * zod reports what failed; this module says it the way `kubectl apply` would (`Required value`,
 * `Unsupported value: "X": supported values: …`, `should be less than or equal to N`, …) and decides,
 * as the API server does, whether CEL rules get to run at all.
 */
import type { z } from 'zod';
import { BYTE_FORMAT, CEL_ISSUE, INTEGER_TYPE } from './crd.js';

/** One finding, with a path like `spec.targetRefs[0].kind`. */
export interface ValidationIssue {
  path: string;
  message: string;
  /**
   * `required`, `type`, `enum`, `minimum`, `maximum`, `minLength`, `maxLength`, `pattern`,
   * `minItems`, `maxItems`, `duplicate`, `cel`, `unknownField`, `celSkipped`, `invalid`, `limit`
   * (an input limit of `model/limits.ts` was exceeded, or the input could not be read).
   */
  code?: string;
}

/** `['spec', 'targetRefs', 0, 'kind']` → `spec.targetRefs[0].kind`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return '"array"';
  if (typeof value === 'object') return '"object"';
  return JSON.stringify(String(value));
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const K8S_TYPE: Record<string, string> = { int: 'integer', number: 'number', string: 'string', boolean: 'boolean', object: 'object', array: 'array', record: 'object' };

/** Turn one zod issue into our vocabulary. */
export function fromZodIssue(issue: z.core.$ZodIssue, pathPrefix: ReadonlyArray<PropertyKey> = []): ValidationIssue {
  const path = formatPath([...pathPrefix, ...issue.path]);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return { path, message: 'Required value', code: 'required' };
      const expected = issue.message === INTEGER_TYPE ? 'integer' : (K8S_TYPE[issue.expected] ?? issue.expected);
      return { path, message: `Invalid value: ${show(typeName(input))}: must be of type ${expected}`, code: 'type' };
    }
    case 'invalid_value': {
      if (input === undefined) return { path, message: 'Required value', code: 'required' };
      const values = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return { path, message: `Unsupported value: ${show(input)}: supported values: ${values}`, code: 'enum' };
    }
    case 'too_big': {
      if (issue.origin === 'string') return { path, message: `Too long: may not be more than ${issue.maximum} bytes`, code: 'maxLength' };
      if (issue.origin === 'array') {
        const n = Array.isArray(input) ? input.length : '?';
        return { path, message: `Too many: ${n}: must have at most ${issue.maximum} items`, code: 'maxItems' };
      }
      const op = issue.inclusive === false ? 'less than' : 'less than or equal to';
      return { path, message: `Invalid value: ${show(input)}: should be ${op} ${issue.maximum}`, code: 'maximum' };
    }
    case 'too_small': {
      if (issue.origin === 'string') return { path, message: `Invalid value: ${show(input)}: should be at least ${issue.minimum} chars long`, code: 'minLength' };
      if (issue.origin === 'array') {
        const n = Array.isArray(input) ? input.length : '?';
        return { path, message: `Invalid value: ${n}: should have at least ${issue.minimum} items`, code: 'minItems' };
      }
      const op = issue.inclusive === false ? 'greater than' : 'greater than or equal to';
      return { path, message: `Invalid value: ${show(input)}: should be ${op} ${issue.minimum}`, code: 'minimum' };
    }
    case 'invalid_format': {
      if (issue.message === BYTE_FORMAT) return { path, message: `Invalid value: ${show(input)}: must be of type byte`, code: 'type' };
      // zod gives the RegExp's string form (`/^…$/`); the API server prints the bare source.
      const raw = issue.pattern ?? issue.format;
      const pattern = raw.startsWith('/') && raw.lastIndexOf('/') > 0 ? raw.slice(1, raw.lastIndexOf('/')) : raw;
      return { path, message: `Invalid value: ${show(input)}: should match '${pattern}'`, code: 'pattern' };
    }
    case 'invalid_union': {
      if (input === undefined) return { path, message: 'Required value', code: 'required' };
      // Only int-or-string fields (Quantity) are unions in our schemas: report the string branch's
      // pattern when the input is a string, otherwise the allowed types.
      if (typeof input === 'string') {
        for (const branch of issue.errors) {
          const inner = branch.find((i) => i.code === 'invalid_format');
          if (inner) return fromZodIssue({ ...inner, path: issue.path } as z.core.$ZodIssue, pathPrefix);
        }
      }
      return { path, message: `Invalid value: ${show(input)}: must be an integer or a string`, code: 'type' };
    }
    case 'custom': {
      const kind = (issue.params as { kind?: string } | undefined)?.kind;
      return { path, message: issue.message, code: kind === CEL_ISSUE ? 'cel' : ((issue.params as { code?: string } | undefined)?.code ?? 'invalid') };
    }
    default:
      return { path, message: issue.message, code: 'invalid' };
  }
}

/**
 * The API server evaluates CEL rules only when schema validation found no "blocking" error: an
 * unsupported enum value, a missing required field, a too-long string, too many items, or a wrong type. Otherwise it reports
 * one extra error and skips every rule of the object.
 */
export function blocksCel(issue: ValidationIssue): boolean {
  return issue.code === 'enum' || issue.code === 'required' || issue.code === 'maxLength' || issue.code === 'maxItems' || issue.code === 'type';
}

export const CEL_SKIPPED_MESSAGE =
  'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

/** Apply the API server's CEL gate to a list of issues. */
export function gateCel(issues: ValidationIssue[]): ValidationIssue[] {
  if (!issues.some(blocksCel)) return issues;
  const kept = issues.filter((i) => i.code !== 'cel');
  kept.push({ path: '', message: CEL_SKIPPED_MESSAGE, code: 'celSkipped' });
  return kept;
}
