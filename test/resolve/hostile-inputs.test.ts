/**
 * Resolution on the hostile inputs of issue 15, at small sizes: what each budget does when it is
 * reached (their growth is measured by `npm run bench`, section "hostile inputs").
 */
import { describe, expect, it } from 'vitest';
import { resolvePolicies } from '../../src/index.js';
import { LIMITS } from '../../src/model/limits.js';
import { gateway, httpRoute, policy, statNameInput } from '../../bench/hostile-inputs.js';

const NAMESPACE = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } };
const statName = (routeStatName: string) => ({ telemetry: { metrics: { routeStatName } } });

describe('route stat names', () => {
  it('are substituted once per route rule and shared by its entries on every listener', () => {
    const res = resolvePolicies([gateway('eg', 4), httpRoute('r', { rules: 2 }), policy('p', statName('%ROUTE_NAMESPACE%.%ROUTE_NAME%.%ROUTE_RULE_NAME%'))]);
    expect(res.diagnostics).toEqual([]);
    expect(res.routes.map((r) => r.statName)).toEqual(['default.r.rule-0', 'default.r.rule-1', 'default.r.rule-0', 'default.r.rule-1', 'default.r.rule-0', 'default.r.rule-1', 'default.r.rule-0', 'default.r.rule-1']);
  });

  it('keep `$` patterns of names literal', () => {
    const res = resolvePolicies([gateway('eg', 1), httpRoute("a$&b$'c"), NAMESPACE, policy('p', statName('x.%ROUTE_NAME%.y'))], { profile: 'harness' });
    expect(res.routes.map((r) => r.statName)).toEqual(["x.a$&b$'c.y"]);
  });

  it('past the length budget, give no stat name and one diagnostic naming the policy and the route', () => {
    // 1,024 route entries (64 listeners × 16 rules), each asking for a 22 MB name.
    const res = resolvePolicies(statNameInput(87_381));
    expect(res.routes).toHaveLength(1024);
    expect(res.routes.every((r) => r.statName === undefined && r.policies.length === 1)).toBe(true);
    expect(res.diagnostics).toHaveLength(1);
    expect(res.diagnostics[0]).toMatchObject({ severity: 'error', object: { kind: 'BackendTrafficPolicy', namespace: 'default', name: 'stat' } });
    expect(res.diagnostics[0]!.message).toBe(
      `BackendTrafficPolicy default/stat: the stat name of HTTPRoute default/${'r'.repeat(253)} (telemetry.metrics.routeStatName, its operators substituted) ` +
        `would be longer than ${LIMITS.maxStatNameLength} characters; the route gets no stat name`,
    );
  });

  it('at the budget exactly, are built', () => {
    const template = `${'%ROUTE_NAME%'.repeat(16)}${'x'.repeat(LIMITS.maxStatNameLength - 16 * 253)}`;
    const res = resolvePolicies(statNameInput(1).map((o) => (o.kind === 'BackendTrafficPolicy' ? policy('stat', statName(template)) : o)));
    expect(res.diagnostics).toEqual([]);
    expect(res.routes[0]!.statName).toHaveLength(LIMITS.maxStatNameLength);
  });

  it('a 1 MiB route name on the lenient path costs its stat name only, not every result', () => {
    const res = resolvePolicies([gateway('eg', 4), httpRoute('n'.repeat(1 << 20), { rules: 2 }), NAMESPACE, policy('p', statName('%ROUTE_NAME%.%ROUTE_NAME%'))], { profile: 'harness' });
    expect(res.routes).toHaveLength(8);
    expect(res.routes.every((r) => r.policies.length === 1 && r.statName === undefined)).toBe(true);
    expect(res.diagnostics.map((d) => d.message.slice(0, 60))).toEqual(['BackendTrafficPolicy default/p: the stat name of HTTPRoute d']);
  });
});
