/**
 * Unknown-field detection: the API server prunes fields its schema does not declare and, with
 * field validation "Warn" (kubectl's default) or "Strict", reports each one. zod's plain objects
 * already drop unknown keys from the output; this walk finds them in the input so they can be
 * reported, by path, before parsing.
 *
 * It reads the schema tree through zod's public `_zod.def` introspection and follows only the
 * constructs our models use (objects, arrays, records, unions, optional/nullable/default wrappers).
 */
import type * as z from 'zod';

/** A zod v4 schema definition (`_zod.def`), read by its `type`. */
export type AnyDef = { type: string } & Record<string, unknown>;

export const defOf = (schema: unknown): AnyDef => (schema as { _zod: { def: AnyDef } })._zod.def;

/** The object shapes a schema may accept, after unwrapping modifiers (several for unions). */
export function objectDefs(schema: z.ZodType, out: AnyDef[] = [], depth = 0): AnyDef[] {
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

/** A `__proto__` key of a map (record) in the input: zod's records leave it out, so it is parsed on its own. */
export interface ProtoEntry {
  /** The map's path. */
  path: Array<string | number>;
  /** The map's value schema. */
  valueSchema: z.ZodType;
}

/** Limits protect against hostile inputs: the walk never recurses deeper than this. */
const MAX_DEPTH = 64;

/** What a walk needs to know about one schema node: its array element, object shapes, record values. */
interface NodeInfo {
  element?: z.ZodType;
  objects: AnyDef[];
  record?: z.ZodType;
  /** Some object shape keeps unknown keys (`looseObject`, a catchall). */
  loose: boolean;
  /**
   * Whether a walk from here can find anything: an object shape that reports unknown keys, or a
   * map (for its `__proto__` keys), somewhere below. The Gateway API models are loose all the way
   * down, so most of an input needs no walk at all. Set by `canFind`.
   */
  finds?: boolean;
  /** The node takes any value as it is: see `isFreeForm`. */
  freeForm: boolean;
  /** A free-form node lies here or below, so a walk dropping nulls must follow the schema. Set by `hasFreeForm`. */
  freeFormBelow?: boolean;
}

/**
 * Schema node → what the walk reads from it. Admission walks every object of an input against the
 * same few schemas, so this is computed once per node, not once per object. Schemas are immutable
 * and the entries are derived from them alone: a memo no caller can observe (weak, so a schema
 * that is dropped takes its entry with it).
 */
const NODE_INFOS = new WeakMap<z.ZodType, NodeInfo>();

function infoOf(schema: z.ZodType): NodeInfo {
  let info = NODE_INFOS.get(schema);
  if (!info) NODE_INFOS.set(schema, (info = nodeInfo(schema)));
  return info;
}

/**
 * Whether `here` holds for `schema` or for a schema below it (array items, map values, object
 * fields), computed once per schema into `info[memo]`. A schema met again on the way down (a
 * recursive `lazy`) counts as holding: both answers only let a walk skip what it need not look at,
 * so a wrong yes costs a look and a wrong no would cost a finding.
 */
function holdsBelow(schema: z.ZodType, memo: 'finds' | 'freeFormBelow', here: (info: NodeInfo) => boolean, visiting = new Set<z.ZodType>()): boolean {
  const info = infoOf(schema);
  const known = info[memo];
  if (known !== undefined) return known;
  if (visiting.has(schema)) return true;
  visiting.add(schema);
  let holds = here(info);
  const below = [info.element, info.record, ...info.objects.flatMap((d) => Object.values(d.shape as Record<string, z.ZodType>))];
  for (const child of below) {
    if (holds) break;
    if (child) holds = holdsBelow(child, memo, here, visiting);
  }
  visiting.delete(schema);
  info[memo] = holds;
  return holds;
}

/** `info.finds` of `schema`: an object shape that reports unknown keys, or a map, here or below. */
const canFind = (schema: z.ZodType): boolean => holdsBelow(schema, 'finds', (info) => info.record !== undefined || (info.objects.length > 0 && !info.loose));

/**
 * A field the CRD leaves free-form (`x-kubernetes-preserve-unknown-fields` with neither `type` nor
 * `properties`: `loadBalancer.dynamicModule.config`, any JSON value) is `z.unknown()` in our
 * models. The API server keeps everything inside such a field as written, nulls included: it
 * prunes unknown fields and drops nulls only where the schema declares properties.
 */
function isFreeForm(def: AnyDef): boolean {
  return def.type === 'unknown' || def.type === 'any';
}

/** `info.freeFormBelow` of `schema`: a free-form node here or below. */
const hasFreeForm = (schema: z.ZodType): boolean => holdsBelow(schema, 'freeFormBelow', (info) => info.freeForm);

/**
 * The schema to follow below `schema` (undefined: no free-form node lies there, so nulls are
 * dropped everywhere, as for a schema-less value).
 */
function guide(schema: z.ZodType | undefined): z.ZodType | undefined {
  return schema !== undefined && hasFreeForm(schema) ? schema : undefined;
}

/** The schema of `key`'s value in an object of `schema` (a declared field, else a map's values). */
export function fieldSchema(schema: z.ZodType, key: string): z.ZodType | undefined {
  const info = infoOf(schema);
  const owner = info.objects.find((d) => Object.hasOwn(d.shape as object, key));
  return owner ? (owner.shape as Record<string, z.ZodType>)[key] : info.record;
}

function nodeInfo(schema: z.ZodType): NodeInfo {
  const defs = objectDefs(schema);
  const objects = defs.filter((d) => d.type === 'object');
  const info: NodeInfo = { objects, loose: objects.some((d) => d.catchall !== undefined && defOf(d.catchall).type !== 'never'), freeForm: defs.some(isFreeForm) };
  const array = defs.find((d) => d.type === 'array');
  if (array) info.element = array.element as z.ZodType;
  const record = defs.find((d) => d.type === 'record');
  if (record) info.record = record.valueType as z.ZodType;
  return info;
}

/**
 * Every input key that `schema` does not declare, with its path. Never throws. Maps (records)
 * with an own `__proto__` key are added to `protoEntries` when it is given.
 */
export function findUnknownFields(schema: z.ZodType, input: unknown, basePath: Array<string | number> = [], protoEntries?: ProtoEntry[]): UnknownField[] {
  const found: UnknownField[] = [];
  // The current path, extended and shortened in place; copied only for a finding. Its length
  // bounds the walk, so a cycle (the input is plain data from `readPlainData` here, which has none)
  // would end at `MAX_DEPTH` too.
  const path: Array<string | number> = [...basePath];
  const walk = (s: z.ZodType, value: unknown): void => {
    if (value === null || typeof value !== 'object' || path.length > MAX_DEPTH || !canFind(s)) return;
    const info = infoOf(s);
    if (Array.isArray(value)) {
      if (!info.element) return;
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(info.element, value[i]);
        path.pop();
      }
      return;
    }
    if (info.objects.length > 0) {
      for (const key of Object.keys(value)) {
        const owner = info.objects.find((d) => Object.hasOwn(d.shape as object, key));
        if (owner) {
          path.push(key);
          walk((owner.shape as Record<string, z.ZodType>)[key]!, (value as Record<string, unknown>)[key]);
          path.pop();
        } else if (!info.loose) found.push({ path: [...path, key], key });
      }
    } else if (info.record) {
      if (protoEntries && Object.hasOwn(value, '__proto__')) protoEntries.push({ path: [...path], valueSchema: info.record });
      for (const key of Object.keys(value)) {
        path.push(key);
        walk(info.record, (value as Record<string, unknown>)[key]);
        path.pop();
      }
    }
  };
  walk(schema, input);
  return found;
}

/**
 * Whether `withoutFields` would drop a `null`-valued property somewhere in `value` (answers yes
 * past `MAX_DEPTH`, so a caller that skips the copy on "no" stays safe). `schema`: the value's
 * schema, whose free-form fields keep their nulls.
 */
export function hasNullProperty(value: unknown, schema?: z.ZodType, depth = 0): boolean {
  if (depth > MAX_DEPTH) return true;
  if (value === null || typeof value !== 'object' || value instanceof Date) return false;
  const s = guide(schema);
  if (s && infoOf(s).freeForm) return false;
  if (Array.isArray(value)) {
    const element = s && infoOf(s).element;
    return value.some((v) => hasNullProperty(v, element, depth + 1));
  }
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    if (child === null || hasNullProperty(child, s && fieldSchema(s, key), depth + 1)) return true;
  }
  return false;
}

/** The dropped paths as a trie: each key of the copy is one lookup. */
interface DropNode {
  /** Keys of this object to drop. */
  keys?: Set<string | number>;
  children?: Map<string | number, DropNode>;
}

/**
 * A deep copy of `input` without the unknown fields (so zod never sees them) and without
 * `null`-valued properties: the API server prunes nulls of non-nullable fields before defaulting,
 * and Go decoding reads them as unset. `schema`: the input's schema, whose free-form fields are
 * kept as written (shared, not copied: nothing changes them).
 */
export function withoutFields(input: unknown, fields: readonly UnknownField[], schema?: z.ZodType): unknown {
  const root: DropNode = {};
  for (const { path } of fields) {
    if (path.length === 0) continue;
    let node = root;
    for (let i = 0; i < path.length - 1; i++) {
      const children = (node.children ??= new Map());
      let next = children.get(path[i]!);
      if (!next) children.set(path[i]!, (next = {}));
      node = next;
    }
    (node.keys ??= new Set()).add(path[path.length - 1]!);
  }
  const copy = (value: unknown, node: DropNode | undefined, schema: z.ZodType | undefined): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const s = guide(schema);
    if (s && infoOf(s).freeForm) return value;
    if (Array.isArray(value)) {
      const element = s && infoOf(s).element;
      return value.map((v, i) => copy(v, node?.children?.get(i), element));
    }
    if (value instanceof Date) return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key];
      if (child === null || node?.keys?.has(key)) continue;
      const copied = copy(child, node?.children?.get(key), s && fieldSchema(s, key));
      // Keys on the prototype chain (`__proto__`, `constructor`, …) are defined, so they stay
      // ordinary own properties; any other key cannot reach a setter and is assigned.
      if (key in out) Object.defineProperty(out, key, { value: copied, enumerable: true, writable: true, configurable: true });
      else out[key] = copied;
    }
    return out;
  };
  return copy(input, root, schema);
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
      // A set, not `keys.includes`: an object with n case variants of one field stays linear.
      const present = new Set(keys);
      for (const key of keys) {
        let target = key;
        const isDeclared = shapes.some((shape) => Object.prototype.hasOwnProperty.call(shape, key));
        if (!isDeclared && shapes.length > 0) {
          const canonical = declared.get(key.toLowerCase());
          if (canonical !== undefined && !present.has(canonical)) target = canonical;
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
