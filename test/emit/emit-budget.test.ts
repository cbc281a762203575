/**
 * The emitters' output budget: Envoy routes and bytes. Past it a route entry is left out with a
 * diagnostic naming the route, its policies and the factors that multiplied it.
 */
import { describe, expect, it } from 'vitest';
import { emitEnvoy, emitRateLimitConfigs, resolvePolicies } from '../../src/index.js';
import { LIMITS } from '../../src/model/limits.js';
import { emitterAmplificationInput, gateway, httpRoute, policy, rateLimitAmplificationInput } from '../../bench/hostile-inputs.js';

const envoyRoutes = (out: ReturnType<typeof emitEnvoy>) => out.routeConfigurations.flatMap((rc) => rc.virtualHosts.flatMap((v) => v.routes ?? []));

// 3 listeners × (4 matches × 2 hostnames): three route entries of 8 Envoy routes each.
const resolution = resolvePolicies([gateway('eg', 3), httpRoute('r', { matchesPerRule: 4, hostnames: 2 }), policy('p', { timeout: { http: { requestTimeout: '5s' } } })]);

describe('emitEnvoy output budget', () => {
  it('emits everything within the budget', () => {
    const out = emitEnvoy(resolution, { budget: { routes: 24 } });
    expect(envoyRoutes(out)).toHaveLength(24);
    expect(out.diagnostics).toEqual([]);
  });

  it('leaves out the route entries past the routes budget, with one diagnostic per route rule', () => {
    const out = emitEnvoy(resolution, { budget: { routes: 10 } });
    expect(envoyRoutes(out)).toHaveLength(8);
    // Every listener keeps its route configuration, empty where nothing fit.
    expect(out.routeConfigurations).toHaveLength(3);
    expect(out.diagnostics).toEqual([
      {
        severity: 'error',
        path: 'routes[1]',
        message:
          'route left out: its 4 matches × 2 hostnames = 8 Envoy routes would take the output past its budget of 10 Envoy routes (8 emitted so far); ' +
          'shaped by BackendTrafficPolicy default/p (options.budget raises it); left out on 2 listeners',
        route: 'httproute/default/r/rule/0',
        listener: 'default/eg/l1',
        policy: { namespace: 'default', name: 'p' },
      },
    ]);
  });

  it('leaves out a route entry whose protojson passes the bytes budget, and its cluster with it', () => {
    const out = emitEnvoy(resolution, { budget: { bytes: 100 } });
    expect(envoyRoutes(out)).toEqual([]);
    expect(out.clusters).toEqual([]);
    expect(out.diagnostics).toHaveLength(1);
    expect(out.diagnostics[0]!.message).toMatch(/^route left out: its 4 matches × 2 hostnames = 8 Envoy routes would take the output past its budget of 100 bytes \(0 emitted so far\)/);
  });

  it('warns about a budget that is not a number ≥ 0 and uses the default', () => {
    const out = emitEnvoy(resolution, { budget: { routes: -1, bytes: 'lots' as unknown as number } });
    expect(envoyRoutes(out)).toHaveLength(24);
    expect(out.diagnostics.map((d) => d.message)).toEqual([
      `options.budget.routes is not a number ≥ 0; the default ${LIMITS.emitBudget.routes} is used`,
      `options.budget.bytes is not a number ≥ 0; the default ${LIMITS.emitBudget.bytes} is used`,
    ]);
  });

  it('keeps a million-route request within the default budget, serialisable', () => {
    // 4 listeners × 16 rules × 64 matches × 16 hostnames = 65,536 routes fit; 8 listeners ask for 131,072.
    const out = emitEnvoy(resolvePolicies(emitterAmplificationInput(8)));
    expect(envoyRoutes(out).length).toBeLessThanOrEqual(LIMITS.emitBudget.routes);
    expect(out.diagnostics.length).toBeGreaterThan(0);
    expect(out.diagnostics.every((d) => d.message.startsWith('route left out: its 64 matches × 16 hostnames = 1024 Envoy routes'))).toBe(true);
    expect(JSON.stringify(out).length).toBeLessThan(LIMITS.emitBudget.bytes * 2);
  });
});

describe('emitRateLimitConfigs output budget', () => {
  const limited = resolvePolicies(rateLimitAmplificationInput(1).map((o) => (o.kind === 'HTTPRoute' ? httpRoute('wide', { matchesPerRule: 4, hostnames: 2 }) : o)));

  it('leaves out the route entries past the routes budget', () => {
    const all = emitRateLimitConfigs(limited);
    expect(all.diagnostics).toEqual([]);
    const out = emitRateLimitConfigs(limited, { budget: { routes: 4 } });
    expect(out.diagnostics).toEqual([
      {
        severity: 'error',
        path: 'routes[0]',
        message:
          'route left out: its 4 matches × 2 hostnames = 8 Envoy routes would take the output past its budget of 4 Envoy routes (0 emitted so far); ' +
          'shaped by BackendTrafficPolicy default/limit (options.budget raises it): httproute/default/wide/rule/0 is not in the rate limit service configuration',
        object: { kind: 'BackendTrafficPolicy', namespace: 'default', name: 'limit' },
      },
    ]);
    expect(out.configs).toEqual([]);
  });

  it('counts the descriptor entries the routes ask for against the bytes budget', () => {
    const out = emitRateLimitConfigs(limited, { budget: { bytes: 1000 } });
    expect(out.diagnostics).toHaveLength(1);
    expect(out.diagnostics[0]!.message).toMatch(/past its budget of 1000 bytes/);
    expect(JSON.stringify(out.configs).length).toBeLessThan(JSON.stringify(emitRateLimitConfigs(limited).configs).length);
  });
});
