import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BackendTrafficPolicySchema } from '../../src/model/backend-traffic-policy.js';
import { backendTrafficPolicyJsonSchema } from '../../src/model/json-schema.js';
import { hasConformance } from '../support/conformance-dir.js';
import { crdOpenApiSchema, propertyPaths } from '../support/crd.js';

type JsonSchema = Record<string, unknown>;

/** A node and every schema it combines (`anyOf` / `oneOf` / `allOf`, `$ref` into `$defs`). */
function alternatives(node: unknown, root: JsonSchema, depth = 0): JsonSchema[] {
  if (node === null || typeof node !== 'object' || depth > 16) return [];
  const n = node as JsonSchema;
  const out: JsonSchema[] = [n];
  if (typeof n.$ref === 'string' && n.$ref.startsWith('#/')) {
    const target = n.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((acc, key) => (acc as JsonSchema | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], root);
    out.push(...alternatives(target, root, depth + 1));
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const list = n[key];
    if (Array.isArray(list)) for (const branch of list) out.push(...alternatives(branch, root, depth + 1));
  }
  return out;
}

/** Follow a CRD property path (`a.b[].c{}.d`) in a JSON Schema; the nodes found there (none when missing). */
function resolvePath(root: JsonSchema, start: JsonSchema, path: string): JsonSchema[] {
  let nodes = [start];
  for (const segment of path.split('.')) {
    const m = /^([^[{]+)((?:\[\]|\{\})*)$/.exec(segment);
    if (!m) return [];
    const [, name, suffixes] = m as unknown as [string, string, string];
    nodes = nodes.flatMap((n) => alternatives(n, root)).flatMap((n) => {
      const child = (n.properties as Record<string, unknown> | undefined)?.[name];
      return child && typeof child === 'object' ? [child as JsonSchema] : [];
    });
    for (const suffix of suffixes.match(/\[\]|\{\}/g) ?? []) {
      const key = suffix === '[]' ? 'items' : 'additionalProperties';
      nodes = nodes.flatMap((n) => alternatives(n, root)).flatMap((n) => {
        const child = n[key];
        return child && typeof child === 'object' ? [child as JsonSchema] : [];
      });
    }
    if (nodes.length === 0) return [];
  }
  return nodes;
}

describe('backendTrafficPolicyJsonSchema()', () => {
  it('is a draft 2020-12 JSON Schema of a whole BTP object', () => {
    const schema = backendTrafficPolicyJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties as object)).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata', 'spec', 'status']));
    expect(schema.required).toEqual(['spec']);
  });

  it('is plain JSON (serialises and parses back to the same value)', () => {
    const schema = backendTrafficPolicyJsonSchema();
    const text = JSON.stringify(schema);
    expect(JSON.parse(text)).toEqual(schema);
  });

  it('returns a fresh, equal object on every call', () => {
    const a = backendTrafficPolicyJsonSchema();
    const b = backendTrafficPolicyJsonSchema();
    expect(a).not.toBe(b);
    expect(a).toEqual(b);
  });

  it("does not touch zod's global registry", () => {
    const registry = z.globalRegistry;
    const idsBefore = registry._idmap.size;
    let writes = 0;
    const add = registry.add.bind(registry);
    const set = registry._map.set.bind(registry._map);
    registry.add = ((...args: Parameters<typeof registry.add>) => {
      writes++;
      return add(...args);
    }) as typeof registry.add;
    registry._map.set = (k, v) => {
      writes++;
      return set(k, v);
    };
    try {
      backendTrafficPolicyJsonSchema();
    } finally {
      delete (registry as Partial<typeof registry>).add;
      delete (registry._map as Partial<typeof registry._map>).set;
    }
    expect(writes).toBe(0);
    expect(registry._idmap.size).toBe(idsBefore);
    expect(registry.add).toBe(Object.getPrototypeOf(registry).add);
  });

  it('no schema of the model is registered in the global registry (no .describe() / .meta())', () => {
    const seen = new Set<unknown>();
    const registered: string[] = [];
    const visit = (schema: unknown, path: string): void => {
      if (schema === null || typeof schema !== 'object' || seen.has(schema) || !('_zod' in schema)) return;
      seen.add(schema);
      if (z.globalRegistry.has(schema as z.ZodType)) registered.push(path);
      const def = (schema as { _zod: { def: Record<string, unknown> } })._zod.def;
      for (const [key, value] of Object.entries(def)) {
        if (key === 'shape' && value && typeof value === 'object') {
          for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`);
        } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}.${key}[${i}]`));
        else visit(value, `${path}.${key}`);
      }
    };
    visit(BackendTrafficPolicySchema, 'BackendTrafficPolicy');
    expect(seen.size).toBeGreaterThan(300);
    expect(registered).toEqual([]);
  });
});

describe.skipIf(!hasConformance())('JSON Schema coverage of the CRD spec', () => {
  it('the CRD spec has 394 property paths (arrays as [], map values as {})', () => {
    const paths = propertyPaths(crdOpenApiSchema().properties!.spec!);
    expect(paths).toHaveLength(394);
    expect(new Set(paths).size).toBe(394);
  });

  it('every CRD spec property path exists at the same path in the JSON Schema (394/394)', () => {
    const root = backendTrafficPolicyJsonSchema();
    const spec = (root.properties as Record<string, JsonSchema>).spec!;
    const paths = propertyPaths(crdOpenApiSchema().properties!.spec!);
    const missing = paths.filter((p) => resolvePath(root, spec, p).length === 0);
    const covered = paths.length - missing.length;
    console.info(`JSON Schema covers ${covered}/${paths.length} CRD spec property paths`);
    expect(missing).toEqual([]);
    expect(covered).toBe(394);
  });

  it('has no spec property the CRD lacks (same names, nothing invented)', () => {
    const root = backendTrafficPolicyJsonSchema();
    const spec = (root.properties as Record<string, JsonSchema>).spec!;
    // Walk the JSON Schema the same way the CRD is walked, through combinators.
    const ours = new Set<string>();
    const walk = (node: JsonSchema, p: string, depth: number): void => {
      if (depth > 40) return;
      for (const n of alternatives(node, root)) {
        for (const [key, child] of Object.entries((n.properties as Record<string, JsonSchema> | undefined) ?? {})) {
          const q = p === '' ? key : `${p}.${key}`;
          if (!ours.has(q)) {
            ours.add(q);
            walk(child, q, depth + 1);
          }
        }
        if (n.items && typeof n.items === 'object') walk(n.items as JsonSchema, `${p}[]`, depth + 1);
        if (n.additionalProperties && typeof n.additionalProperties === 'object') walk(n.additionalProperties as JsonSchema, `${p}{}`, depth + 1);
      }
    };
    walk(spec, '', 0);
    const crd = new Set(propertyPaths(crdOpenApiSchema().properties!.spec!));
    expect([...ours].filter((p) => !crd.has(p))).toEqual([]);
  });

  it('declares the CRD’s required properties as required', () => {
    const root = backendTrafficPolicyJsonSchema();
    const spec = (root.properties as Record<string, JsonSchema>).spec!;
    const mismatches: string[] = [];
    let checked = 0;
    const walk = (crdNode: ReturnType<typeof crdOpenApiSchema>, p: string): void => {
      for (const name of crdNode.required ?? []) {
        checked++;
        const parentPath = p;
        const parents = parentPath === '' ? alternatives(spec, root) : resolvePath(root, spec, parentPath).flatMap((n) => alternatives(n, root));
        // A required field with a default is optional on the input side (the API server defaults it first).
        const hasDefault = crdNode.properties?.[name]?.default !== undefined;
        const ok = hasDefault || parents.some((n) => Array.isArray(n.required) && (n.required as string[]).includes(name));
        if (!ok) mismatches.push(parentPath === '' ? name : `${parentPath}.${name}`);
      }
      for (const [key, child] of Object.entries(crdNode.properties ?? {})) walk(child, p === '' ? key : `${p}.${key}`);
      if (crdNode.items) walkItems(crdNode.items, `${p}[]`);
      if (crdNode.additionalProperties && typeof crdNode.additionalProperties === 'object') walkItems(crdNode.additionalProperties, `${p}{}`);
    };
    // Array items / map values continue the last path segment (`a[]`), so they are walked with that suffix.
    const walkItems = (crdNode: ReturnType<typeof crdOpenApiSchema>, p: string): void => walk(crdNode, p);
    walk(crdOpenApiSchema().properties!.spec!, '');
    expect(checked).toBe(103);
    expect(mismatches).toEqual([]);
  });
});
