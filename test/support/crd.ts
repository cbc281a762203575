/**
 * Test-only access to the BackendTrafficPolicy CRD in the shared conformance data: its
 * openAPIV3Schema and the list of every property path under `spec`.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { crdPath } from './conformance-dir.js';

/** A node of the CRD's structural OpenAPI v3 schema (only the keywords the BTP CRD uses). */
export interface CrdSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  description?: string;
  properties?: Record<string, CrdSchema>;
  additionalProperties?: CrdSchema | boolean;
  items?: CrdSchema;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  nullable?: boolean;
  anyOf?: CrdSchema[];
  allOf?: CrdSchema[];
  oneOf?: CrdSchema[];
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-validations'?: Array<{ rule: string; message?: string; messageExpression?: string; fieldPath?: string; reason?: string }>;
}

let cached: CrdSchema | undefined;

/** The CRD's `openAPIV3Schema` (of the single served version). */
export function crdOpenApiSchema(): CrdSchema {
  if (!cached) {
    const crd = parse(readFileSync(crdPath(), 'utf8')) as { spec: { versions: Array<{ schema: { openAPIV3Schema: CrdSchema } }> } };
    cached = crd.spec.versions[0]!.schema.openAPIV3Schema;
  }
  return cached;
}

/**
 * Every property path under a schema node: `a.b`, array items as `a[].b`, map values as `a{}.b`.
 * Only named properties are listed (`a[]` alone is not a path; `a` is).
 */
export function propertyPaths(schema: CrdSchema, prefix = ''): string[] {
  const out: string[] = [];
  const walk = (s: CrdSchema, p: string): void => {
    for (const [key, child] of Object.entries(s.properties ?? {})) {
      const q = p === '' ? key : `${p}.${key}`;
      out.push(q);
      walk(child, q);
    }
    if (s.items) walk(s.items, `${p}[]`);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${p}{}`);
  };
  walk(schema, prefix);
  return out;
}

/**
 * Property paths whose keys are data, not field names: maps (`additionalProperties`) and
 * free-form JSON (`x-kubernetes-preserve-unknown-fields`).
 */
export function mapPaths(schema: CrdSchema, prefix = ''): string[] {
  const out: string[] = [];
  const walk = (s: CrdSchema, p: string): void => {
    if (p !== '' && ((s.additionalProperties && typeof s.additionalProperties === 'object') || s['x-kubernetes-preserve-unknown-fields'])) out.push(p);
    for (const [key, child] of Object.entries(s.properties ?? {})) walk(child, p === '' ? key : `${p}.${key}`);
    if (s.items) walk(s.items, `${p}[]`);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${p}{}`);
  };
  walk(schema, prefix);
  return out;
}
