// test/gateway-policies.test.ts
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { resolvePolicies } from '../../src/index.js';

const objects = ['deploy/gateway.yaml', 'deploy/shop.yaml'].flatMap((file) =>
  parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => doc.toJS()),
);
const resolution = resolvePolicies(objects);
const rulesOf = (namespace: string, name: string) =>
  resolution.routes.filter((r) => r.route.namespace === namespace && r.route.name === name);

describe('gateway policies', () => {
  it('reads every manifest cleanly', () => {
    expect(resolution.diagnostics).toEqual([]);
  });

  it('rejects no policy', () => {
    for (const policy of resolution.policies) {
      for (const ancestor of policy.status.ancestors ?? []) {
        expect(ancestor.conditions.find((c) => c.type === 'Accepted' && c.status === 'False')).toBeUndefined();
      }
    }
  });

  it('gives route checkout maxConnections 50 and keeps the Gateway timeout', () => {
    const checkout = rulesOf('shop', 'checkout');
    expect(checkout.length).toBeGreaterThan(0);
    for (const rule of checkout) {
      expect(rule.traffic?.circuitBreaker).toEqual({ maxConnections: 50 });
      expect(rule.traffic?.timeout).toEqual({ http: { requestTimeout: 15_000 } });
    }
  });
});
