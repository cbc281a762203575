/**
 * `mergeType` (semantics notes §6): a route policy with StrategicMerge or JSONMerge is merged,
 * per listener, into the closest parent policy; provenance tells which policy each setting
 * came from.
 */
import { describe, expect, it } from 'vitest';
import { ancestor, ancestorId, ancestors, appliedPolicies, conditionSummary, message, resolveFixture, route } from './load-fixture.js';

const types = (list: unknown): unknown[] => (list as Array<{ type: string }> | undefined)?.map((x) => x.type) ?? [];

describe('merging per listener', () => {
  const res = resolveFixture('merge-per-listener');

  it('merges with the Gateway policy where it is the closest parent', () => {
    const r = route(res, { route: 'apps/web', gateway: 'infra/eg', listener: 'http' });
    expect(r.traffic).toEqual({
      circuitBreaker: { maxConnections: 50, maxPendingRequests: 100 },
      timeout: { http: { requestTimeout: 15_000 } },
    });
    expect(appliedPolicies(r)).toEqual(['apps/web']);
  });

  it('merges with the Gateway-listener policy on that listener, without the Gateway policy', () => {
    const r = route(res, { route: 'apps/web', gateway: 'infra/eg', listener: 'admin' });
    expect(r.traffic).toEqual({ circuitBreaker: { maxConnections: 50 }, timeout: { http: { requestTimeout: 60_000 } } });
  });

  it('applies the route policy alone where there is no parent', () => {
    expect(route(res, { route: 'apps/web', gateway: 'infra/solo' }).traffic).toEqual({ circuitBreaker: { maxConnections: 50 } });
  });

  it('reports Merged per listener, then Accepted on each parentRef; no per-listener entry without a parent', () => {
    expect(ancestors(res, 'apps/web').map(ancestorId)).toEqual(['Gateway infra/eg/http', 'Gateway infra/eg/admin', 'Gateway infra/eg', 'Gateway infra/solo']);
    expect(ancestor(res, 'apps/web', 'Gateway infra/eg/http').conditions).toEqual([
      { type: 'Merged', status: 'True', reason: 'Merged', message: 'Merged with policy infra/gateway-defaults' },
    ]);
    expect(message(ancestor(res, 'apps/web', 'Gateway infra/eg/admin'), 'Merged')).toBe('Merged with policy infra/admin-listener');
    expect(conditionSummary(ancestor(res, 'apps/web', 'Gateway infra/eg'))).toEqual(['Accepted=True/Accepted']);
    expect(conditionSummary(ancestor(res, 'apps/web', 'Gateway infra/solo'))).toEqual(['Accepted=True/Accepted']);
  });

  it('the parent policies say they are merged into, and not overridden by, the route', () => {
    const gw = ancestor(res, 'infra/gateway-defaults', 'Gateway infra/eg');
    expect(conditionSummary(gw)).toEqual(['Accepted=True/Accepted', 'Merged=True/Merged', 'Overridden=True/Overridden']);
    expect(message(gw, 'Merged')).toBe('This policy is being merged by other backendTrafficPolicies for these routes: [apps/web]');
    expect(message(gw, 'Overridden')).toBe('This policy is being overridden by other backendTrafficPolicies for these gateway listeners: [infra/eg/admin]');
    const admin = ancestor(res, 'infra/admin-listener', 'Gateway infra/eg/admin');
    expect(conditionSummary(admin)).toEqual(['Accepted=True/Accepted', 'Merged=True/Merged']);
  });

  it('provenance points merged-in fields at the parent and the route’s own fields at the route policy', () => {
    expect(route(res, { route: 'apps/web', gateway: 'infra/eg', listener: 'http' }).provenance).toEqual({
      'circuitBreaker.maxConnections': { namespace: 'apps', name: 'web' },
      'circuitBreaker.maxPendingRequests': { namespace: 'infra', name: 'gateway-defaults' },
      'timeout.http.requestTimeout': { namespace: 'infra', name: 'gateway-defaults' },
    });
    expect(route(res, { route: 'apps/web', gateway: 'infra/eg', listener: 'admin' }).provenance).toEqual({
      'circuitBreaker.maxConnections': { namespace: 'apps', name: 'web' },
      'timeout.http.requestTimeout': { namespace: 'infra', name: 'admin-listener' },
    });
  });
});

describe('StrategicMerge vs JSONMerge', () => {
  const res = resolveFixture('merge-lists');
  const strategic = route(res, { route: 'apps/strategic' }).traffic!;
  const json = route(res, { route: 'apps/json' }).traffic!;

  it('StrategicMerge merges httpUpgrade by type: new route items first, then the parent’s', () => {
    expect(types(strategic.httpUpgrade)).toEqual(['spdy/3.1', 'websocket']);
  });

  it('StrategicMerge merges compressor by type; the first entry is chosen first', () => {
    expect(types(strategic.compression)).toEqual(['Brotli', 'Zstd', 'Gzip']);
    expect((strategic.compression as Array<{ chooseFirst?: boolean }>).map((c) => c.chooseFirst === true)).toEqual([true, false, false]);
  });

  it('JSONMerge replaces every list wholesale', () => {
    expect(types(json.httpUpgrade)).toEqual(['spdy/3.1']);
    expect(types(json.compression)).toEqual(['Brotli', 'Zstd']);
  });

  it('both replace lists without a merge key and merge objects field by field', () => {
    for (const t of [strategic, json]) {
      expect(t.retry).toEqual({ numRetries: 3, retryOn: { triggers: ['connect-failure'], httpStatusCodes: [504] } });
      expect(t.timeout).toEqual({ http: { requestTimeout: 2_000, connectionIdleTimeout: 30_000 } });
    }
  });

  it('the route policy is the one listed on the route', () => {
    expect(appliedPolicies(route(res, { route: 'apps/strategic' }))).toEqual(['apps/strategic']);
    expect(appliedPolicies(route(res, { route: 'apps/json' }))).toEqual(['apps/json']);
  });
});

describe('nulls in a merge, as Envoy Gateway serialises the route policy', () => {
  const res = resolveFixture('merge-null-fields');
  const traffic = route(res, { route: 'apps/web' }).traffic!;

  it('an explicit null on an optional field deletes nothing (Go drops it before merging)', () => {
    expect(traffic.timeout).toEqual({ http: { requestTimeout: 10_000 } });
  });

  it('healthCheck.active timeout and interval left unset in the route policy delete the parent’s', () => {
    const active = (traffic.healthCheck as { active: Record<string, unknown> }).active;
    expect(active).not.toHaveProperty('timeout');
    expect(active).not.toHaveProperty('interval');
    expect(active.http).toMatchObject({ path: '/ready' });
  });
});

describe('a route policy that fails translation', () => {
  const res = resolveFixture('failing-route-policy-falls-through');

  it('is Accepted=False Invalid with the translator message', () => {
    expect(ancestor(res, 'apps/broken', 'Gateway apps/eg').conditions).toEqual([
      { type: 'Accepted', status: 'False', reason: 'Invalid', message: 'Timeout: invalid RequestTimeout value soon.' },
    ]);
  });

  it('turns the route into a 500 direct response, and the Gateway policy still writes its settings', () => {
    const r = route(res, { route: 'apps/web' });
    expect(r.directResponse).toEqual({ statusCode: 500 });
    expect(r.traffic).toEqual({ timeout: { http: { requestTimeout: 10_000 } } });
    expect(appliedPolicies(r)).toEqual(['apps/gateway']);
  });

  it('still counts as overriding the Gateway policy', () => {
    expect(message(ancestor(res, 'apps/gateway', 'Gateway apps/eg'), 'Overridden')).toBe(
      'This policy is being overridden by other backendTrafficPolicies for these routes: [apps/web]',
    );
  });
});

describe('TCP routes', () => {
  const res = resolveFixture('tcp-route-fills-fields');

  it('fill each setting from the most specific policy that sets it', () => {
    const r = route(res, { route: 'apps/postgres' });
    expect(r.traffic).toEqual({
      circuitBreaker: { maxConnections: 50 },
      tcpKeepalive: { idleTime: 60_000 },
      timeout: { tcp: { connectTimeout: 5_000 } },
    });
    expect(r.provenance).toEqual({
      'circuitBreaker.maxConnections': { namespace: 'apps', name: 'postgres' },
      'tcpKeepalive.idleTime': { namespace: 'apps', name: 'db-listener' },
      'timeout.tcp.connectTimeout': { namespace: 'apps', name: 'gateway' },
    });
  });

  it('list every policy that reached them, most specific first', () => {
    expect(appliedPolicies(route(res, { route: 'apps/postgres' }))).toEqual(['apps/postgres', 'apps/db-listener', 'apps/gateway']);
  });

  it('take backendConnection from route policies only, never from Gateway-level ones', () => {
    const redis = route(res, { route: 'apps/redis' });
    expect(redis.traffic?.backendConnection).toEqual({ bufferLimit: 65_536 });
    expect(redis.traffic?.circuitBreaker).toEqual({ maxConnections: 1000 });
    expect(route(res, { route: 'apps/postgres' }).traffic).not.toHaveProperty('backendConnection');
  });
});

describe('TCP route rules and UDP routes', () => {
  const res = resolveFixture('tcp-rule-and-udp-route');

  it('a policy on a named TCPRoute rule applies to that rule, before the Gateway policy fills in', () => {
    const r = route(res, { route: 'apps/postgres' });
    expect(r.traffic).toMatchObject({ circuitBreaker: { maxConnections: 20 }, timeout: { tcp: { connectTimeout: 5_000 } } });
    expect(appliedPolicies(r)).toEqual(['apps/postgres-primary', 'apps/gateway']);
    expect(conditionSummary(ancestor(res, 'apps/postgres-primary', 'Gateway apps/eg/db'))).toEqual(['Accepted=True/Accepted']);
  });

  it('UDP routes take only loadBalancer (and dns), and list no policies', () => {
    const r = route(res, { route: 'apps/coredns' });
    expect(Object.keys(r.traffic ?? {})).toEqual(['loadBalancer']);
    expect(r.policies).toEqual([]);
    expect(Object.values(r.provenance)).toContainEqual({ namespace: 'apps', name: 'gateway' });
  });
});
