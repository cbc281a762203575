/**
 * Unknown-field detection: the API server prunes fields its schema does not declare and, with
 * field validation "Warn" (kubectl's default) or "Strict", reports each one. zod's plain objects
 * already drop unknown keys from the output; this walk finds them in the input so they can be
 * reported, by path, before parsing.
 *
 * It reads the schema tree through zod's public `_zod.def` introspection and follows only the
 * constructs our models use (objects, arrays, records, unions, optional/nullable/default wrappers).
 */
import type { z } from 'zod';

type AnyDef = { type: string } & Record<string, unknown>;

const defOf = (schema: unknown): AnyDef => (schema as { _zod: { def: AnyDef } })._zod.def;

/** The object shapes a schema may accept, after unwrapping modifiers (several for unions). */
function objectDefs(schema: z.ZodType, out: AnyDef[] = [], depth = 0): AnyDef[] {
  if (depth > 32) return out;
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return objectDefs(def.innerType as z.ZodType, out, depth + 1);
    case 'pipe':
      return objectDefs(def.in as z.ZodType, out, depth + 1);
    case 'lazy':
      return objectDefs((def.getter as () => z.ZodType)(), out, depth + 1);
    case 'union':
      for (const option of def.options as z.ZodType[]) objectDefs(option, out, depth + 1);
      return out;
    default:
      out.push(def);
      return out;
  }
}

export interface UnknownField {
  path: Array<string | number>;
  key: string;
}

/** Limits protect against hostile inputs: the walk never recurses deeper than this. */
const MAX_DEPTH = 64;

/** Every input key that `schema` does not declare, with its path. Never throws. */
export function findUnknownFields(schema: z.ZodType, input: unknown, basePath: Array<string | number> = []): UnknownField[] {
  const found: UnknownField[] = [];
  const seen = new Set<object>();
  const walk = (s: z.ZodType, value: unknown, path: Array<string | number>): void => {
    if (value === null || typeof value !== 'object' || path.length > MAX_DEPTH || seen.has(value)) return;
    seen.add(value);
    try {
      const defs = objectDefs(s);
      if (Array.isArray(value)) {
        const arrays = defs.filter((d) => d.type === 'array');
        if (arrays.length === 0) return;
        value.forEach((item, i) => walk(arrays[0]!.element as z.ZodType, item, [...path, i]));
        return;
      }
      const objects = defs.filter((d) => d.type === 'object');
      const records = defs.filter((d) => d.type === 'record');
      if (objects.length > 0) {
        const isLoose = objects.some((d) => d.catchall !== undefined && defOf(d.catchall).type !== 'never');
        for (const key of Object.keys(value)) {
          const owner = objects.find((d) => Object.prototype.hasOwnProperty.call(d.shape, key));
          if (owner) walk((owner.shape as Record<string, z.ZodType>)[key]!, (value as Record<string, unknown>)[key], [...path, key]);
          else if (!isLoose) found.push({ path: [...path, key], key });
        }
      } else if (records.length > 0) {
        for (const key of Object.keys(value)) walk(records[0]!.valueType as z.ZodType, (value as Record<string, unknown>)[key], [...path, key]);
      }
    } finally {
      seen.delete(value);
    }
  };
  walk(schema, input, basePath);
  return found;
}

/**
 * A deep copy of `input` without the unknown fields (so zod never sees them) and without
 * `null`-valued properties: the API server prunes nulls of non-nullable fields before defaulting,
 * and Go decoding reads them as unset.
 */
export function withoutFields(input: unknown, fields: readonly UnknownField[]): unknown {
  const drop = new Set(fields.map((f) => JSON.stringify(f.path)));
  const copy = (value: unknown, path: Array<string | number>): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v, i) => copy(v, [...path, i]));
    if (value instanceof Date) return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key];
      if (child === null || drop.has(JSON.stringify([...path, key]))) continue;
      Object.defineProperty(out, key, { value: copy((value as Record<string, unknown>)[key], [...path, key]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return copy(input, []);
}

/**
 * Go's `encoding/json` — and so Envoy Gateway's YAML loader — matches field names
 * case-insensitively (`targetrefs` fills `targetRefs`). This returns a copy of `input` in which
 * every key that is not declared but matches a declared field case-insensitively is renamed to the
 * declared name (an exact key wins, as in Go). The API server, in contrast, prunes such keys.
 */
export function canonicalizeFieldNames(schema: z.ZodType, input: unknown): unknown {
  const seen = new Set<object>();
  const walk = (s: z.ZodType | undefined, value: unknown, depth: number): unknown => {
    if (value === null || typeof value !== 'object' || value instanceof Date || depth > MAX_DEPTH || seen.has(value)) return value;
    seen.add(value);
    try {
      const defs = s ? objectDefs(s) : [];
      if (Array.isArray(value)) {
        const element = defs.find((d) => d.type === 'array')?.element as z.ZodType | undefined;
        return value.map((v) => walk(element, v, depth + 1));
      }
      const shapes = defs.filter((d) => d.type === 'object').map((d) => d.shape as Record<string, z.ZodType>);
      const record = defs.find((d) => d.type === 'record')?.valueType as z.ZodType | undefined;
      const declared = new Map<string, string>();
      for (const shape of shapes) for (const k of Object.keys(shape)) declared.set(k.toLowerCase(), k);
      const out: Record<string, unknown> = {};
      const keys = Object.keys(value);
      for (const key of keys) {
        let target = key;
        const isDeclared = shapes.some((shape) => Object.prototype.hasOwnProperty.call(shape, key));
        if (!isDeclared && shapes.length > 0) {
          const canonical = declared.get(key.toLowerCase());
          if (canonical !== undefined && !keys.includes(canonical)) target = canonical;
        }
        const childSchema = shapes.find((shape) => Object.prototype.hasOwnProperty.call(shape, target))?.[target] ?? record;
        Object.defineProperty(out, target, { value: walk(childSchema, (value as Record<string, unknown>)[key], depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    } finally {
      seen.delete(value);
    }
  };
  return walk(schema, input, 0);
}
