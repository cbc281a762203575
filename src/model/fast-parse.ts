/**
 * A fast path for zod's parse of the object models (the BackendTrafficPolicy, the Gateway API and
 * core objects of `gateway-api.ts`, ObjectMeta and LabelSelector): admission reads every object of
 * an input through them, and zod's parse builds a second copy of each object, plus a payload per
 * property.
 *
 * Each schema is compiled once, from its zod v4 definition (`_zod.def`), into a checker that walks
 * an input and answers either "zod accepts this, and its output equals this value" — the input
 * itself, copied only along the paths that gain a default — or "ask zod". It vouches only for what
 * it fully understands: a schema with a node it does not know (a transform, a coercion, a string
 * format schema, an exclusive union, a check that may change the value) is never compiled, and an
 * input that is invalid or unusual (an own `__proto__` key, an undeclared key in a strict object, a
 * non-plain object, an array hole, a string whose length zod would have to count in code points)
 * is left to zod, so every issue and every unusual output stays exactly zod's.
 *
 * Checks that only judge a value (patterns, bounds, lengths, and refinements such as the CRD's CEL
 * rules and list-uniqueness) are not reimplemented: zod's own check runs on the output, as zod's
 * parse runs it, and any issue it raises sends the input to zod. So the BackendTrafficPolicy model
 * takes the fast path too, its rules judged by the same code either way.
 *
 * The output equals zod's as JSON data (`jsonEqual`), key order aside: zod puts an object's
 * declared keys first, this keeps the input's order.
 */
import * as z from 'zod';
import { defOf, type AnyDef } from './unknown-fields.js';

/** A checker's answer for an input it does not vouch for. Never a value of plain data. */
const ASK_ZOD: unique symbol = Symbol('ask zod');

/** zod's output for `value`, or `ASK_ZOD`. Never changes `value`. */
type Checker = (value: unknown) => unknown;

interface Compiled {
  check: Checker;
  /**
   * `check` for a value known not to be `undefined`: past the wrappers that only handle
   * `undefined` (`optional`, `default`), one call instead of two for most object fields. (No
   * checker makes `undefined` of a defined value, so `default` has nothing to fill in then.)
   */
  defined?: Checker;
  /** Whatever it accepts it returns unchanged (a scalar): a union of such options does not depend on their order. */
  identity: boolean;
}

/**
 * Schema → its compiled form (`null`: not compilable). Schemas are immutable and the form is
 * derived from the schema alone: a memo no caller can observe (weak, so a schema that is dropped
 * takes its entry with it).
 */
const COMPILED = new WeakMap<z.ZodType, Compiled | null>();

/**
 * zod's output for `input` when the fast path vouches for it, else `undefined` (parse with zod
 * then). `input` is plain data (`readPlainData`'s copy) and is never changed; the output may be
 * `input` itself or share parts with it, as zod's output shares the values of undeclared keys.
 */
export function fastParse<S extends z.ZodType>(schema: S, input: unknown): { data: z.output<S> } | undefined {
  const memo = COMPILED.get(schema);
  const compiled = memo === undefined ? compiledOf(schema, new Set()) : memo;
  if (!compiled || prototypeHasEnumerableKeys()) return undefined;
  const out = compiled.check(input);
  return out === ASK_ZOD ? undefined : { data: out as z.output<S> };
}

const EMPTY = Object.freeze({});

/**
 * zod copies undeclared keys with `for…in`, which also walks enumerable keys someone added to
 * `Object.prototype`; the checkers read own keys only, so they stand aside in such a process.
 */
function prototypeHasEnumerableKeys(): boolean {
  for (const _ in EMPTY) return true;
  return false;
}

function compiledOf(schema: z.ZodType, visiting: Set<z.ZodType>): Compiled | undefined {
  const memo = COMPILED.get(schema);
  if (memo !== undefined) return memo ?? undefined;
  // A schema met again below itself (a recursive shape getter) is left to zod: a walk of it would need a depth bound.
  if (visiting.has(schema)) return undefined;
  visiting.add(schema);
  let compiled: Compiled | undefined;
  try {
    compiled = compile(schema, visiting);
  } catch {
    // Defensive: a definition shaped in a way not foreseen here leaves the schema to zod.
    compiled = undefined;
  }
  visiting.delete(schema);
  COMPILED.set(schema, compiled ?? null);
  return compiled;
}

/** One node's compiled form, or undefined when any part of it is beyond the fast path. */
function compile(schema: z.ZodType, visiting: Set<z.ZodType>): Compiled | undefined {
  const def = defOf(schema);
  // A string format (`z.email()`, …) is a check itself; coercion changes values.
  if (schema._zod.traits.has('$ZodCheck') || def.coerce === true) return undefined;
  const checks = (def.checks as readonly z.core.$ZodCheck[] | undefined) ?? [];
  if (checks.length === 0 || (def.type === 'string' && checks.every(isLengthCheck)) || (def.type === 'number' && checks.every(isSafeIntFormat))) {
    return compileNode(schema, checks, visiting);
  }
  if (!checks.every(judgesOnly)) return undefined;
  const base = compileNode(schema, [], visiting);
  return base && withChecks(base, checks);
}

/** A node's type (and, for strings and numbers, its length or integer checks) compiled. */
function compileNode(schema: z.ZodType, checks: readonly z.core.$ZodCheck[], visiting: Set<z.ZodType>): Compiled | undefined {
  const def = defOf(schema);
  const inner = (): Compiled | undefined => compiledOf(def.innerType as z.ZodType, visiting);
  switch (def.type) {
    case 'string':
      return stringChecker(checks);
    case 'number':
      return numberChecker(checks);
    case 'boolean':
      return { check: (v) => (typeof v === 'boolean' ? v : ASK_ZOD), identity: true };
    case 'date':
      return { check: (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v : ASK_ZOD), identity: true };
    case 'unknown':
    case 'any':
      return { check: (v) => v, identity: true };
    case 'enum':
    case 'literal':
      return valuesChecker(schema);
    case 'optional': {
      const i = inner();
      if (!i) return undefined;
      // `.optional()` lets `undefined` through, unless what it wraps supplies a default for it.
      const substitutes = (def.innerType as z.ZodType)._zod.optin === 'defaulted';
      return { check: (v) => (v === undefined && !substitutes ? undefined : i.check(v)), defined: i.defined ?? i.check, identity: i.identity && !substitutes };
    }
    case 'nullable': {
      const i = inner();
      return i && { check: (v) => (v === null ? null : i.check(v)), identity: i.identity };
    }
    case 'default': {
      const i = inner();
      if (!i) return undefined;
      // zod reads `defaultValue` at each use (a getter that copies the default) and does not check it.
      const check = (v: unknown): unknown => {
        if (v === undefined) return def.defaultValue;
        const out = i.check(v);
        return out === undefined ? def.defaultValue : out;
      };
      return { check, defined: i.defined ?? i.check, identity: false };
    }
    case 'union':
      return unionChecker(def, visiting);
    case 'array':
      return arrayChecker(def, visiting);
    case 'object':
      return objectChecker(def, visiting);
    case 'record':
      return recordChecker(def, visiting);
    default:
      return undefined;
  }
}

/** The condition zod gives its length checks (`_whenHasLength`): a check with another one is not vouched for. */
const LENGTH_WHEN = (z.string().min(1)._zod.def.checks![0]!._zod.def as { when?: unknown }).when;

type CheckDef = { check: string; format?: string; when?: (payload: CheckPayload) => boolean };
type CheckPayload = { value: unknown; issues: unknown[] };
const checkDef = (c: z.core.$ZodCheck): CheckDef => c._zod.def as unknown as CheckDef;

const isLengthCheck = (c: z.core.$ZodCheck): boolean => {
  const d = checkDef(c);
  return (d.check === 'min_length' || d.check === 'max_length') && d.when === LENGTH_WHEN;
};
const isSafeIntFormat = (c: z.core.$ZodCheck): boolean => {
  const d = checkDef(c);
  return d.check === 'number_format' && d.format === 'safeint' && d.when === undefined;
};

/**
 * zod checks that judge a value and never change it: bounds, lengths, patterns (`regex` formats)
 * and refinements (`custom`: our CEL rules and list-uniqueness, pure predicates of the value).
 * Anything else (`overwrite`, which rewrites the value; a format not listed) keeps its schema on zod.
 */
const JUDGING_CHECKS = new Set(['custom', 'greater_than', 'less_than', 'multiple_of', 'min_length', 'max_length', 'length_equals', 'number_format']);
function judgesOnly(c: z.core.$ZodCheck): boolean {
  const d = checkDef(c);
  if (typeof c._zod.check !== 'function') return false;
  return JUDGING_CHECKS.has(d.check) || (d.check === 'string_format' && d.format === 'regex');
}

/**
 * `base`, then zod's own checks on its output, each run as zod's parse runs it (skipped when its
 * `when` says so). A value any check raises an issue for, or that a check cannot judge at once (it
 * throws, or answers with a promise), is left to zod, which reports it.
 */
function withChecks(base: Compiled, checks: readonly z.core.$ZodCheck[]): Compiled {
  const passes = judge(checks);
  const check = (v: unknown): unknown => {
    const out = base.check(v);
    return out !== ASK_ZOD && passes(out) ? out : ASK_ZOD;
  };
  return { check, identity: base.identity };
}

/** Whether zod's `checks`, run on a value as its parse runs them, raise no issue (and answer at once, without throwing). */
function judge(checks: readonly z.core.$ZodCheck[]): (value: unknown) => boolean {
  return (value) => {
    const payload: CheckPayload = { value, issues: [] };
    try {
      for (const c of checks) {
        const when = checkDef(c).when;
        if (when && !when(payload)) continue;
        const answer: unknown = (c._zod.check as (p: CheckPayload) => unknown)(payload);
        if (answer instanceof Promise || payload.issues.length > 0) return false;
      }
    } catch {
      return false;
    }
    return true;
  };
}

/** `z.enum` and `z.literal`: the value itself when it is in the set of values zod's own parse tests. */
function valuesChecker(schema: z.ZodType): Compiled | undefined {
  const values = (schema._zod as { values?: ReadonlySet<unknown> }).values;
  if (!values) return undefined;
  for (const v of values) if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
  return { check: (v) => (values.has(v) ? v : ASK_ZOD), identity: true };
}

/**
 * A string with `min`/`max` length checks. zod counts code points, at most the UTF-16 length and
 * at least half of it: a string that fits by those bounds fits, and one in between is judged by
 * zod's own checks, which count.
 */
function stringChecker(checks: readonly z.core.$ZodCheck[]): Compiled | undefined {
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  for (const c of checks) {
    const d = c._zod.def as { check: string; minimum?: number; maximum?: number };
    if (d.check === 'min_length' && typeof d.minimum === 'number') min = Math.max(min, d.minimum);
    else if (d.check === 'max_length' && typeof d.maximum === 'number') max = Math.min(max, d.maximum);
    else return undefined;
  }
  if (min === 0 && max === Number.POSITIVE_INFINITY) return { check: (v) => (typeof v === 'string' ? v : ASK_ZOD), identity: true };
  const exact = judge(checks);
  return { check: (v) => (typeof v === 'string' && ((v.length >= 2 * min && v.length <= max) || exact(v)) ? v : ASK_ZOD), identity: true };
}

/** A finite number (zod refuses NaN and ±Infinity), with `.int()` a safe integer. */
function numberChecker(checks: readonly z.core.$ZodCheck[]): Compiled | undefined {
  let int = false;
  for (const c of checks) {
    const d = c._zod.def as { check: string; format?: string; when?: unknown };
    if (d.check !== 'number_format' || d.format !== 'safeint' || d.when !== undefined) return undefined;
    int = true;
  }
  return { check: (v) => (typeof v === 'number' && (int ? Number.isSafeInteger(v) : Number.isFinite(v)) ? v : ASK_ZOD), identity: true };
}

/**
 * A union of scalar options (`string | Date`): zod returns the first option that accepts, and a
 * scalar option returns the value itself, so any accepting option gives zod's output. Unions of
 * objects, exclusive (`z.xor`) and discriminated unions are left to zod.
 */
function unionChecker(def: AnyDef, visiting: Set<z.ZodType>): Compiled | undefined {
  if (def.inclusive === false || def.discriminator !== undefined) return undefined;
  const options: Checker[] = [];
  for (const option of def.options as z.ZodType[]) {
    const c = compiledOf(option, visiting);
    if (!c?.identity) return undefined;
    options.push(c.check);
  }
  const check = (v: unknown): unknown => {
    for (const option of options) if (option(v) !== ASK_ZOD) return v;
    return ASK_ZOD;
  };
  return { check, identity: true };
}

/** An array: every item checked, copied only when an item's output differs from the item. */
function arrayChecker(def: AnyDef, visiting: Set<z.ZodType>): Compiled | undefined {
  const element = compiledOf(def.element as z.ZodType, visiting);
  if (!element) return undefined;
  const item = element.check;
  const check = (v: unknown): unknown => {
    // zod makes a new plain array: a subclass, or an array with a hole (zod fills it in), is left to it.
    if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype) return ASK_ZOD;
    let out: unknown[] = v;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x === undefined && !Object.hasOwn(v, i)) return ASK_ZOD;
      const r = item(x);
      if (r === ASK_ZOD) return ASK_ZOD;
      if (r !== x) {
        if (out === v) out = v.slice();
        out[i] = r;
      }
    }
    return out;
  };
  return { check, identity: false };
}

/** What zod does with a declared key the input lacks (its `optin`/`optout`, read as its object parse reads them). */
type Absent = 'invalid' | 'omitted' | 'setIfDefined' | 'set';

interface Field {
  key: string;
  check: Checker;
  defined: Checker;
  absent: Absent;
}

/**
 * An object (`z.object`, `z.looseObject`, `z.strictObject`). zod's output holds each declared key
 * that is present (its output) or defaulted, and, for a loose object, every undeclared key with its
 * value as is. So the input is the output unless a declared key's output differs or a default is
 * added, and then a shallow copy is. A strict object with an undeclared key is left to zod (and to
 * the unknown-field report), as is an own `__proto__` key, which zod never copies.
 */
function objectChecker(def: AnyDef, visiting: Set<z.ZodType>): Compiled | undefined {
  const shape = def.shape as Record<string, z.ZodType>;
  if (Object.getOwnPropertySymbols(shape).length > 0) return undefined;
  const catchall = def.catchall === undefined ? 'never' : defOf(def.catchall).type;
  if (catchall !== 'never' && catchall !== 'unknown' && catchall !== 'any') return undefined;
  const loose = catchall !== 'never';
  const fields = new Map<string, Field>();
  for (const key of Object.keys(shape)) {
    // A key on Object.prototype (`constructor`, `__proto__`, …) is "present" for zod's `in` on every object.
    if (key in Object.prototype) return undefined;
    const child = shape[key]!;
    const compiled = compiledOf(child, visiting);
    if (!compiled) return undefined;
    fields.set(key, { key, check: compiled.check, defined: compiled.defined ?? compiled.check, absent: absence(child) });
  }
  // The declared keys whose absence does something (an issue, or a default); the others, usually
  // most of a schema's, need no look when absent.
  const needed = [...fields.values()].filter((f) => f.absent !== 'omitted');
  const check = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype || Object.hasOwn(v, '__proto__')) return ASK_ZOD;
    const input = v as Record<string, unknown>;
    let out = input;
    let neededPresent = 0;
    // The input's keys are walked, not the schema's: an object sets few of the fields its schema
    // declares, and reading each declared name from it was a lookup by a computed name over many
    // shapes, the slowest read there is (half the checker's time); a read by the walked key is not.
    for (const key in input) {
      const field = fields.get(key);
      if (field === undefined) {
        if (loose) continue;
        return ASK_ZOD;
      }
      const x = input[key];
      const r = x === undefined ? field.check(x) : field.defined(x);
      if (r === ASK_ZOD) return ASK_ZOD;
      if (field.absent !== 'omitted') neededPresent++;
      if (r !== x) {
        if (out === input) out = { ...input };
        out[key] = r;
      }
    }
    if (neededPresent === needed.length) return out;
    for (let i = 0; i < needed.length; i++) {
      const { key, check: field, absent } = needed[i]!;
      if (Object.hasOwn(input, key)) continue;
      // Inherited (a key someone set on Object.prototype): zod reads it as present; let zod say.
      if (key in input) return ASK_ZOD;
      if (absent === 'invalid') return ASK_ZOD;
      const r = field(undefined);
      if (r === ASK_ZOD) return ASK_ZOD;
      if (r === undefined && absent === 'setIfDefined') continue;
      if (out === input) out = { ...input };
      out[key] = r;
    }
    return out;
  };
  return { check, identity: false };
}

/**
 * zod's object parse on an absent declared key: required (`optin` unset) is an issue; optional in
 * and out (`.optional()`) leaves it out; a default sets it (`optin` "defaulted", even to
 * `undefined` unless it is optional out too); otherwise it is set when its output is defined.
 */
function absence(schema: z.ZodType): Absent {
  const { optin, optout } = schema._zod;
  if (optin === undefined) return 'invalid';
  if (optout === 'optional') return optin === 'optional' ? 'omitted' : 'setIfDefined';
  return optin === 'defaulted' ? 'set' : 'setIfDefined';
}

/**
 * A record with plain string keys (`z.record(z.string(), …)`): every value checked, the input
 * itself its output when no value changes. An own `__proto__` key, which zod's record skips (and
 * `parseProtoKeys` then parses on its own), is left to that path.
 */
function recordChecker(def: AnyDef, visiting: Set<z.ZodType>): Compiled | undefined {
  const keyType = defOf(def.keyType);
  if (keyType.type !== 'string' || ((keyType.checks as unknown[] | undefined)?.length ?? 0) > 0 || (def.keyType as z.ZodType)._zod.traits.has('$ZodCheck') || keyType.coerce === true) return undefined;
  const value = compiledOf(def.valueType as z.ZodType, visiting);
  if (!value) return undefined;
  const entry = value.check;
  const check = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype || Object.hasOwn(v, '__proto__')) return ASK_ZOD;
    const input = v as Record<string, unknown>;
    let out = input;
    for (const key in input) {
      const x = input[key];
      const r = entry(x);
      if (r === ASK_ZOD) return ASK_ZOD;
      if (r !== x) {
        if (out === input) out = { ...input };
        out[key] = r;
      }
    }
    return out;
  };
  return { check, identity: false };
}
