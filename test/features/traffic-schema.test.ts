/**
 * Each feature's `traffic` schema describes exactly what its translation produces: every value in
 * the `traffic` of every route resolved from Envoy Gateway's golden inputs and from our own
 * fixtures parses, and parses to itself (no key the schema does not know, which it would strip).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { resolvePolicies, type Resolution } from '../../src/index.js';
import { FEATURES } from '../../src/features/registry.js';
import { conformanceDir, hasConformance } from '../support/conformance-dir.js';
import { fixtureNames, loadFixture } from '../resolve/load-fixture.js';

const SCHEMAS = new Map(FEATURES.map((f) => [f.key, f.traffic]));

/** `<route>.<key>: <problem>` for every traffic value its feature's schema does not reproduce. */
function mismatches(resolution: Resolution): string[] {
  const out: string[] = [];
  for (const route of resolution.routes) {
    for (const [key, value] of Object.entries(route.traffic ?? {})) {
      const where = `${route.route.namespace}/${route.route.name}/rule/${route.ruleIndex}.${key}`;
      const schema = SCHEMAS.get(key);
      if (!schema) {
        out.push(`${where}: no feature has this key`);
        continue;
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) out.push(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      else if (!isDeepStrictEqual(parsed.data, value)) out.push(`${where}: the schema drops part of ${JSON.stringify(value)}`);
    }
  }
  return out;
}

const docs = (file: string): unknown => {
  const all = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as unknown);
  return all.length === 1 ? all[0] : all;
};

describe('feature traffic schemas', () => {
  it.each(fixtureNames())('describe the traffic resolved from fixture %s', (name) => {
    const objects = loadFixture(name);
    for (const options of [{ order: 'input' as const }, { order: 'input' as const, fieldNameMatching: 'caseInsensitive' as const }]) {
      expect(mismatches(resolvePolicies(objects as never, options))).toEqual([]);
    }
  });

  describe.runIf(hasConformance())('on Envoy Gateway’s golden inputs', () => {
    const dir = path.join(conformanceDir(), 'gatewayapi');
    const inputs = hasConformance() ? readdirSync(dir).filter((f) => f.endsWith('.in.yaml')) : [];
    it('describe the traffic resolved from every golden input', () => {
      const problems = inputs.flatMap((file) => mismatches(resolvePolicies(docs(path.join(dir, file)) as never, { order: 'input' })).map((p) => `${file}: ${p}`));
      expect(problems).toEqual([]);
      expect(inputs.length).toBeGreaterThan(100);
    });
  });
});
