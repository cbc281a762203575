/**
 * `x-kubernetes-list-type: map` (unique keys) and `set` (unique items). The API server checks them
 * in a pass of its own, after the OpenAPI validation and whatever that found: a list with a
 * duplicate key is reported even when one of its items also has a wrong type.
 *
 * Our models check it inside zod (`uniqueBy`), and zod skips every later check once an issue
 * below it aborts (a non-integer where an integer belongs does): then the duplicate goes
 * unreported. `listTypeIssues` walks an input that failed zod's parse, as the server's pass
 * walks it, and finds every duplicate.
 */
import type * as z from 'zod';
import { defOf, fieldSchema, objectDefs } from './unknown-fields.js';

/** How a list's items are told apart: a map list's key, or a set's whole item. */
export interface ListType {
  keyOf: (item: unknown) => unknown;
  /** A map list's key field: the server shows a duplicate as the map of its keys. */
  mapKey?: string;
}

/**
 * A list schema's definition → its list type, set by `uniqueBy` when the schema is built. Schemas
 * are immutable and the entries come from their own definitions: a table no caller can observe
 * (weak, so a schema that is dropped takes its entry with it).
 */
const LIST_TYPES = new WeakMap<object, ListType>();

/** Notes `schema` (a list schema as `uniqueBy` returns it) as having `listType`. */
export function registerListType(schema: z.ZodType, listType: ListType): void {
  LIST_TYPES.set(defOf(schema), listType);
}

/**
 * Each item whose key an earlier item has, as a zod issue at its index under `path`. A map list's
 * items that are not objects (null, or a wrong type the schema reports) have no key and are passed
 * over; items without the key field all share one "unspecified" key, as in the server.
 */
export function duplicateIssues(items: readonly unknown[], { keyOf, mapKey }: ListType, path: PropertyKey[] = []): z.core.$ZodIssue[] {
  const issues: z.core.$ZodIssue[] = [];
  const seen = new Set<string | undefined>();
  items.forEach((item, i) => {
    if (mapKey !== undefined && (item === null || typeof item !== 'object' || Array.isArray(item))) return;
    let key: string | undefined;
    try {
      key = JSON.stringify(keyOf(item));
    } catch {
      return;
    }
    if (seen.has(key)) {
      const value = mapKey === undefined ? item : { [mapKey]: keyOf(item) };
      issues.push({ code: 'custom', message: `Duplicate value: ${key}`, input: item, path: [...path, i], params: { code: 'duplicate', value } });
    }
    seen.add(key);
  });
  return issues;
}

/** The walk never goes deeper than this (the input is plain data, read within limits). */
const MAX_DEPTH = 64;

/** Every duplicate in every list of `input` that `schema` gives a list type, in input order. */
export function listTypeIssues(schema: z.ZodType, input: unknown): z.core.$ZodIssue[] {
  const issues: z.core.$ZodIssue[] = [];
  const path: PropertyKey[] = [];
  const walk = (s: z.ZodType, value: unknown): void => {
    if (value === null || typeof value !== 'object' || path.length > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      const list = objectDefs(s).find((d) => d.type === 'array');
      if (!list) return;
      const listType = LIST_TYPES.get(list);
      // One at a time: a list may hold more duplicates than a call takes arguments.
      if (listType) for (const issue of duplicateIssues(value, listType, [...path])) issues.push(issue);
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(list.element as z.ZodType, value[i]);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(value)) {
      const child = fieldSchema(s, key);
      if (!child) continue;
      path.push(key);
      walk(child, (value as Record<string, unknown>)[key]);
      path.pop();
    }
  };
  walk(schema, input);
  return issues;
}
