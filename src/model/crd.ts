/**
 * Building blocks that express the CRD's OpenAPI constraints and CEL rules in zod.
 *
 * Schemas built from these carry no error messages of their own for the OpenAPI keywords: the
 * messages are produced in one place (`issues.ts`) with the Kubernetes API server's wording, so
 * every feature module reads like the CRD it mirrors. CEL rules carry the CRD's own `message`.
 */
import * as z from 'zod';
import { duplicateIssues, registerListType, type ListType } from './list-types.js';

/** Marks `format: byte` strings so a non-base64 value is a type error, as in the API server. */
export const BYTE_FORMAT = 'byte';

/**
 * Standard, padded base64 as Go's decoder reads it (CR and LF ignored): OpenAPI `format: byte`.
 * Linear-time on adversarial input (each step consumes a character).
 */
const GO_STD_BASE64 = /^(?:(?:[\r\n]*[A-Za-z0-9+/]){4})*(?:(?:[\r\n]*[A-Za-z0-9+/]){2}[\r\n]*=[\r\n]*=|(?:[\r\n]*[A-Za-z0-9+/]){3}[\r\n]*=)?[\r\n]*$/;

/** OpenAPI `type: string, format: byte` (base64 content). */
export function byteString(): z.ZodString {
  return z.string().regex(GO_STD_BASE64, { error: () => BYTE_FORMAT });
}

/** Gateway API / Kubernetes string constraints (OpenAPI `minLength`, `maxLength`, `pattern`). */
export interface StringConstraints {
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
}

export function k8sString(c: StringConstraints = {}): z.ZodString {
  let s = z.string();
  if (c.minLength !== undefined) s = s.min(c.minLength);
  if (c.maxLength !== undefined) s = s.max(c.maxLength);
  if (c.pattern !== undefined) s = s.regex(c.pattern);
  return s;
}

export interface IntegerConstraints {
  minimum?: number;
  maximum?: number;
}

/**
 * Marks the checks of an `allOf` in the CRD (the two patterns of a quantity, an enum repeated in
 * both branches), after whose errors the API server adds `must validate all the schemas (allOf)`.
 */
export const ALL_OF = 'allOf';

/** Marks integer fields so a wrong type is reported as "must be of type integer". */
export const INTEGER_TYPE = 'integer';

const integerNumber = () => z.number({ error: (iss) => (iss.code === 'invalid_type' ? INTEGER_TYPE : undefined) }).int();

/**
 * OpenAPI `type: integer, format: int32`. The API server does not range-check the format (only
 * explicit `minimum`/`maximum`), so neither do we.
 */
export function int32(c: IntegerConstraints = {}): z.ZodNumber {
  return int64(c);
}

/** OpenAPI `type: integer, format: int64` (bounded to JS safe integers). */
export function int64(c: IntegerConstraints = {}): z.ZodNumber {
  let n = integerNumber();
  if (c.minimum !== undefined) n = n.min(c.minimum);
  if (c.maximum !== undefined) n = n.max(c.maximum);
  return n;
}

/** OpenAPI `type: integer` without a format. */
export function integer(c: IntegerConstraints = {}): z.ZodNumber {
  return int64(c);
}

/**
 * An OpenAPI string `enum`. `allOf`: the CRD states it in both branches of an `allOf` (a kubebuilder
 * marker on the type and one on the field), so a bad value also fails the `allOf`.
 */
export function k8sEnum<const T extends readonly [string, ...string[]]>(values: T, options: { allOf?: boolean } = {}) {
  return options.allOf ? z.enum(values, { error: (iss) => (iss.code === 'invalid_value' ? ALL_OF : undefined) }) : z.enum(values);
}

export interface ArrayConstraints {
  minItems?: number;
  maxItems?: number;
}

export function k8sArray<T extends z.ZodType>(item: T, c: ArrayConstraints = {}): z.ZodArray<T> {
  let a = z.array(item);
  if (c.minItems !== undefined) a = a.min(c.minItems);
  if (c.maxItems !== undefined) a = a.max(c.maxItems);
  return a;
}

/** OpenAPI `additionalProperties: {type: string}`: a string → string map (labels, attributes, …). */
export function stringMap(): z.ZodRecord<z.ZodString, z.ZodString> {
  return z.record(z.string(), z.string());
}

/**
 * A CEL rule of the CRD (`x-kubernetes-validations`), implemented as a predicate over the parsed
 * (already defaulted) value. `path` names the field the API server reports, relative to the object
 * carrying the rule (`fieldPath` in the CRD); unset means the object itself.
 */
export interface CelRule<T> {
  message: string;
  test: (self: T) => boolean;
  path?: ReadonlyArray<string | number>;
}

/** Marker put on CEL issues so `issues.ts` can give them the `cel` code. */
export const CEL_ISSUE = 'cel';

/**
 * Attach CEL rules to a schema. As in the API server, rules run on the defaulted value, and they run
 * even when a child failed validation (the API server decides globally whether CEL runs at all:
 * see `blocksCel` in `issues.ts`). A rule that throws on an unexpected shape counts as failed.
 */
export function withRules<S extends z.ZodType>(schema: S, rules: ReadonlyArray<CelRule<z.output<S>>>): S {
  const nodeType = openApiType(schema);
  return schema.superRefine(
    (value, ctx) => {
      for (const rule of rules) {
        let ok: boolean;
        try {
          ok = rule.test(value as z.output<S>);
        } catch {
          ok = false;
        }
        if (!ok) {
          ctx.addIssue({
            code: 'custom',
            message: rule.message,
            input: value,
            path: rule.path ? [...rule.path] : [],
            params: { kind: CEL_ISSUE, nodeType },
          });
        }
      }
    },
    // Run even when a child failed (the API server gates CEL globally), but not on an absent value.
    { when: (payload) => payload.value !== undefined },
  ) as S;
}

/**
 * The OpenAPI `type` of the node a schema describes, which the API server's CEL validator prints as
 * the value of a failed rule (`Invalid value: "object": …`); empty for int-or-string.
 */
function openApiType(schema: z.ZodType): string {
  const def = (schema as unknown as { _zod: { def: { type: string; checks?: Array<{ _zod: { def: { format?: string } } }> } } })._zod.def;
  switch (def.type) {
    case 'object':
    case 'record':
      return 'object';
    case 'array':
    case 'string':
    case 'boolean':
      return def.type;
    case 'number':
      return (def.checks ?? []).some((c) => /int/.test(c._zod.def.format ?? '')) ? 'integer' : 'number';
    case 'enum':
      return 'string';
    default:
      return '';
  }
}

/** CEL `has(self.x)`: the field is present (for lists and maps: present, even if empty). */
export function has(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * `x-kubernetes-list-type: map` (keys) or `set` (whole items): duplicates are rejected at the
 * duplicate's index with `Duplicate value: …`, as the API server does. For a map list, `mapKey`
 * names the key field: the server shows the duplicate as the map of its keys. (The check runs in
 * zod when nothing below it aborted; `listTypeIssues` finds the rest.)
 */
export function uniqueBy<S extends z.ZodArray<z.ZodType>>(schema: S, keyOf: (item: z.output<S>[number]) => unknown, options: { mapKey?: string } = {}): S {
  const listType: ListType = { keyOf: keyOf as ListType['keyOf'], ...(options.mapKey !== undefined ? { mapKey: options.mapKey } : {}) };
  const unique = schema.superRefine(
    (items, ctx) => {
      if (Array.isArray(items)) for (const issue of duplicateIssues(items, listType)) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
    },
    { when: () => true },
  ) as S;
  registerListType(unique, listType);
  return unique;
}
