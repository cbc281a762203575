/**
 * Validation issues in the Kubernetes API server's vocabulary.
 *
 * zod reports what failed; this module says it the way `kubectl apply` would (`Required value`,
 * `Unsupported value: "X": supported values: …`, `should be less than or equal to N`, …) and decides,
 * as the API server does, whether CEL rules get to run at all. Each issue also carries the
 * `field.Error` the server would return (`server`), which {@link formatIssue} prints exactly as the
 * server does (`spec.x: Invalid value: -1: spec.x in body should be greater than or equal to 0`).
 */
import type * as z from 'zod';
import { ALL_OF, BYTE_FORMAT, CEL_ISSUE, INTEGER_TYPE } from './crd.js';
import { goNumber, goQuote, goSharpV } from '../lang/go-format.js';

/**
 * The kinds of `field.Error` (k8s.io/apimachinery/pkg/util/validation/field), as the server prints
 * them. `TypeInvalid` prints as `Invalid value` too.
 */
export type FieldErrorType =
  | 'Required value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Too long'
  | 'Too many'
  | 'Duplicate value'
  | 'Forbidden'
  | 'Not found'
  | 'Internal error';

/** A `field.Error`: what the API server returns for one problem. */
export interface FieldError {
  /** The field as the server names it (`spec.retry.numRetries`, `metadata.labels`), `<nil>` for the object. */
  field: string;
  type: FieldErrorType;
  /** The bad value as Go prints it (`"Bad_Name"`, `-1`, `"object"`); absent where the server omits it. */
  value?: string;
  detail?: string;
}

/** One finding, with a path like `spec.targetRefs[0].kind`. */
export interface ValidationIssue {
  path: string;
  message: string;
  /**
   * `required`, `type`, `enum`, `minimum`, `maximum`, `minLength`, `maxLength`, `pattern`,
   * `minItems`, `maxItems`, `duplicate`, `cel`, `unknownField`, `celSkipped`, `allOf`, `anyOf`,
   * `invalid`, `forbidden`, `apiVersion`, `kind`, `limit` (an input limit of `model/limits.ts` was
   * exceeded, or the input could not be read).
   */
  code?: string;
  /** The error as the API server returns it; {@link formatIssue} prints it. */
  server?: FieldError;
}

/** The object path the server prints for errors about the whole object. */
export const NIL_FIELD = '<nil>';

/** `field.Error.ErrorBody()`: the text after `field: `. */
export function formatFieldErrorBody(e: FieldError): string {
  let s: string = e.type;
  if (e.value !== undefined) s += `: ${e.value}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/**
 * An issue exactly as the Kubernetes API server prints it, e.g.
 * `spec.loadBalancer: Invalid value: "object": <rule message>`, `spec.x: Required value`,
 * `spec.y: Unsupported value: "Z": supported values: "A", "B"`. Issues the server reports outside
 * field errors (unknown fields, input limits) print as `path: message`.
 */
export function formatIssue(issue: ValidationIssue): string {
  if (issue.server) return `${issue.server.field}: ${formatFieldErrorBody(issue.server)}`;
  if (issue.code === 'unknownField') return issue.message;
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

/** The text of an issue without its field (for reports that print the path themselves). */
export function formatIssueBody(issue: ValidationIssue): string {
  return issue.server ? formatFieldErrorBody(issue.server) : issue.message;
}

/**
 * The message of the API server's `Invalid` status for an object (`apierrors.NewInvalid`), what
 * `kubectl apply` and client-go report: `BackendTrafficPolicy.gateway.envoyproxy.io "x" is
 * invalid: spec.x: Required value`, several errors in brackets, repeated texts once.
 */
export function formatInvalid(object: { group: string; kind: string; name: string }, issues: readonly ValidationIssue[]): string {
  const qualified = object.group === '' ? object.kind : `${object.kind}.${object.group}`;
  const head = `${qualified} ${goQuote(object.name)} is invalid`;
  const texts = [...new Set(issues.map(formatIssue))];
  if (texts.length === 0) return head;
  return `${head}: ${texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`}`;
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

/** The JSON type the server names for a value (`schemaInfoForType`). */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const K8S_TYPE: Record<string, string> = { int: 'integer', number: 'number', string: 'string', boolean: 'boolean', object: 'object', array: 'array', record: 'object' };

/**
 * A bad value as `field.Error` prints it: strings with `%q`, numbers and booleans with `%v`,
 * maps and lists with `%#v`.
 */
export function goValue(value: unknown): string {
  if (value === null || value === undefined) return '"null"';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  return goSharpV(value);
}

/** `field.Invalid(path, value, "<path> in body <what>")`: a kube-openapi schema error. */
function inBody(path: string, value: string, what: string): FieldError {
  return { field: path, type: 'Invalid value', value, detail: `${path} in body ${what}` };
}

/** Turn one zod issue into our vocabulary. */
function fromZodIssue(issue: z.core.$ZodIssue, pathPrefix: ReadonlyArray<PropertyKey> = []): ValidationIssue {
  const path = formatPath([...pathPrefix, ...issue.path]);
  const input = (issue as { input?: unknown }).input;
  const required = (): ValidationIssue => ({ path, message: 'Required value', code: 'required', server: { field: path, type: 'Required value' } });
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return required();
      const expected = issue.message === INTEGER_TYPE ? 'integer' : (K8S_TYPE[issue.expected] ?? issue.expected);
      const received = typeName(input);
      return {
        path,
        message: `Invalid value: ${show(received)}: must be of type ${expected}`,
        code: 'type',
        server: inBody(path, goQuote(received), `must be of type ${expected}: ${goQuote(received)}`),
      };
    }
    case 'invalid_value': {
      if (input === undefined) return required();
      const values = issue.values.map((v) => JSON.stringify(v)).join(', ');
      const supported = issue.values.map((v) => (typeof v === 'string' ? goQuote(v) : goValue(v))).join(', ');
      const out: ValidationIssue = {
        path,
        message: `Unsupported value: ${show(input)}: supported values: ${values}`,
        code: 'enum',
        server: { field: path, type: 'Unsupported value', value: goValue(input), detail: `supported values: ${supported}` },
      };
      return out;
    }
    case 'too_big': {
      if (issue.origin === 'string') {
        const max = Number(issue.maximum);
        return { path, message: `Too long: may not be more than ${issue.maximum} bytes`, code: 'maxLength', server: { field: path, type: 'Too long', detail: `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` } };
      }
      if (issue.origin === 'array') {
        const n = Array.isArray(input) ? input.length : '?';
        const max = Number(issue.maximum);
        const server: FieldError = { field: path, type: 'Too many', detail: `must have at most ${max} ${max === 1 ? 'item' : 'items'}` };
        if (Array.isArray(input)) server.value = String(input.length);
        return { path, message: `Too many: ${n}: must have at most ${issue.maximum} items`, code: 'maxItems', server };
      }
      const op = issue.inclusive === false ? 'less than' : 'less than or equal to';
      return { path, message: `Invalid value: ${show(input)}: should be ${op} ${issue.maximum}`, code: 'maximum', server: inBody(path, goValue(input), `should be ${op} ${goNumber(Number(issue.maximum))}`) };
    }
    case 'too_small': {
      if (issue.origin === 'string') {
        return { path, message: `Invalid value: ${show(input)}: should be at least ${issue.minimum} chars long`, code: 'minLength', server: inBody(path, goValue(input), `should be at least ${issue.minimum} chars long`) };
      }
      if (issue.origin === 'array') {
        const n = Array.isArray(input) ? input.length : '?';
        return { path, message: `Invalid value: ${n}: should have at least ${issue.minimum} items`, code: 'minItems', server: inBody(path, String(n), `should have at least ${issue.minimum} items`) };
      }
      const op = issue.inclusive === false ? 'greater than' : 'greater than or equal to';
      return { path, message: `Invalid value: ${show(input)}: should be ${op} ${issue.minimum}`, code: 'minimum', server: inBody(path, goValue(input), `should be ${op} ${goNumber(Number(issue.minimum))}`) };
    }
    case 'invalid_format': {
      if (issue.message === BYTE_FORMAT) {
        return { path, message: `Invalid value: ${show(input)}: must be of type byte`, code: 'type', server: inBody(path, goValue(input), `must be of type byte: ${goValue(input)}`) };
      }
      // zod gives the RegExp's string form (`/^…$/`); the API server prints the bare source.
      const raw = issue.pattern ?? issue.format;
      const pattern = raw.startsWith('/') && raw.lastIndexOf('/') > 0 ? raw.slice(1, raw.lastIndexOf('/')) : raw;
      const out: ValidationIssue = { path, message: `Invalid value: ${show(input)}: should match '${pattern}'`, code: 'pattern', server: inBody(path, goValue(input), `should match '${pattern}'`) };
      return out;
    }
    case 'invalid_union': {
      if (input === undefined) return required();
      // Only int-or-string fields (Quantity) are unions in our schemas: report the string branch's
      // pattern when the input is a string, otherwise the allowed types.
      if (typeof input === 'string') {
        for (const branch of issue.errors) {
          const inner = branch.find((i) => i.code === 'invalid_format');
          if (inner) return fromZodIssue({ ...inner, path: issue.path } as z.core.$ZodIssue, pathPrefix);
        }
      }
      // kube-openapi reports the first branch's error, then that no branch of the anyOf matched.
      const received = typeName(input);
      return {
        path,
        message: `Invalid value: ${show(input)}: must be an integer or a string`,
        code: 'type',
        server: inBody(path, goQuote(received), `must be of type integer: ${goQuote(received)}`),
      };
    }
    case 'custom': {
      const params = issue.params as { kind?: string; code?: string; nodeType?: string; value?: unknown } | undefined;
      if (params?.kind === CEL_ISSUE) {
        // The CEL validator reports the rule's node type as the value (`Invalid value: "object"`).
        return { path, message: issue.message, code: 'cel', server: { field: path, type: 'Invalid value', value: goQuote(params.nodeType ?? ''), detail: issue.message } };
      }
      if (params?.code === 'duplicate') {
        return { path, message: issue.message, code: 'duplicate', server: { field: path, type: 'Duplicate value', value: goSharpV(params.value) } };
      }
      return { path, message: issue.message, code: params?.code ?? 'invalid' };
    }
    default:
      return { path, message: issue.message, code: 'invalid' };
  }
}

/**
 * Every zod issue in our vocabulary, with the composite errors kube-openapi adds after the errors
 * of an `allOf` or `anyOf` schema (`"spec.x" must validate all the schemas (allOf)`, reported on
 * no field with an empty value) after the last error of that field.
 */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], pathPrefix: ReadonlyArray<PropertyKey> = []): ValidationIssue[] {
  const pathOf = (i: z.core.$ZodIssue) => formatPath([...pathPrefix, ...i.path]);
  const allOf = (i: z.core.$ZodIssue) => (i.code === 'invalid_format' || i.code === 'invalid_value') && i.message === ALL_OF && (i as { input?: unknown }).input !== undefined;
  const anyOf = (i: z.core.$ZodIssue) => i.code === 'invalid_union' && (i as { input?: unknown }).input !== undefined;
  const failedBranches = new Map<string, number>();
  for (const i of issues) if (allOf(i)) failedBranches.set(pathOf(i), (failedBranches.get(pathOf(i)) ?? 0) + 1);
  const out: ValidationIssue[] = [];
  issues.forEach((issue, index) => {
    const converted = fromZodIssue(issue, pathPrefix);
    out.push(converted);
    const path = converted.path;
    if (allOf(issue) && !issues.slice(index + 1).some((i) => allOf(i) && pathOf(i) === path)) {
      // Each allOf of the CRD has two branches (two patterns, or the same enum twice).
      const none = failedBranches.get(path)! >= 2 || issue.code === 'invalid_value';
      out.push(composite(path, `must validate all the schemas (allOf)${none ? 'Found none valid' : ''}`, 'allOf'));
    }
    if (anyOf(issue) && converted.code === 'type') out.push(composite(path, 'must validate at least one schema (anyOf)', 'anyOf'));
  });
  return out;
}

function composite(path: string, what: string, code: string): ValidationIssue {
  return { path, message: `${goQuote(path)} ${what}`, code, server: { field: NIL_FIELD, type: 'Invalid value', value: '""', detail: `${goQuote(path)} ${what}` } };
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
  kept.push({ path: '', message: CEL_SKIPPED_MESSAGE, code: 'celSkipped', server: { field: NIL_FIELD, type: 'Invalid value', value: '"null"', detail: CEL_SKIPPED_MESSAGE } });
  return kept;
}
