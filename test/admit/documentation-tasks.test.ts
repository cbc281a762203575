/**
 * End to end, as a new user meets it: Envoy Gateway's quickstart plus one traffic task's
 * manifests, written as its documentation writes them (no namespaces, no timestamps, a Deployment
 * and a ServiceAccount beside), resolved with the defaults (the cluster profile) and emitted for
 * Envoy. The answer is what a cluster would hold and program: the CRD's defaults included.
 */
import { describe, expect, it } from 'vitest';
import { emitEnvoy, resolvePolicies, type Resolution } from '../../src/index.js';
import { admissionFixture } from './fixture.js';

type Json = Record<string, any>;

function task(name: string): { resolution: Resolution; envoy: Json } {
  const resolution = resolvePolicies([...admissionFixture('tasks/quickstart'), ...admissionFixture(`tasks/${name}`)]);
  return { resolution, envoy: emitEnvoy(resolution) as Json };
}

const traffic = (r: Resolution, route = 'backend') => r.routes.find((x) => x.route.name === route)?.traffic;
const cluster = (envoy: Json, route = 'backend') => envoy.clusters.find((c: Json) => c.name === `httproute/default/${route}/rule/0`);
const envoyRoute = (envoy: Json, route: string) =>
  envoy.routeConfigurations.flatMap((rc: Json) => rc.virtualHosts.flatMap((v: Json) => v.routes)).find((x: Json) => x.name === `httproute/default/${route}/rule/0/match/0/www_example_com`);

describe('Envoy Gateway documentation tasks, resolved as a cluster would', () => {
  it.each(['circuit-breaker', 'fault-injection', 'retry', 'load-balancing', 'global-rate-limit', 'local-rate-limit', 'timeouts', 'passive-health-check'])(
    '%s: every object is admitted, the policy is accepted, nothing to report',
    (name) => {
      const { resolution } = task(name);
      expect(resolution.rejected).toEqual([]);
      expect(resolution.diagnostics).toEqual([]);
      for (const p of resolution.policies) {
        expect(p.status.ancestors!.flatMap((a) => a.conditions.map((c) => `${c.type}=${c.status}`))).toEqual(['Accepted=True']);
      }
    },
  );

  it('the quickstart route is on the eg listener for www.example.com, in the default namespace', () => {
    const { resolution } = task('timeouts');
    expect(resolution.routes).toEqual([
      expect.objectContaining({ gateway: { namespace: 'default', name: 'eg' }, listener: 'http', route: { kind: 'HTTPRoute', namespace: 'default', name: 'backend' }, hostnames: ['www.example.com'] }),
    ]);
    expect(traffic(resolution)).toEqual({ timeout: { http: { requestTimeout: 1000 } } });
  });

  it('circuit breaker: the thresholds the task leaves out are the CRD’s 1024', () => {
    const { resolution, envoy } = task('circuit-breaker');
    expect(traffic(resolution)).toEqual({ circuitBreaker: { maxConnections: 1024, maxPendingRequests: 0, maxParallelRequests: 10, maxParallelRetries: 1024 } });
    expect(cluster(envoy).circuitBreakers).toEqual({ thresholds: [{ maxConnections: 1024, maxPendingRequests: 0, maxRequests: 10, maxRetries: 1024 }] });
  });

  it('fault injection: a delay without percentage is applied to every request (numerator 1000000 per MILLION)', () => {
    const { resolution, envoy } = task('fault-injection');
    expect(traffic(resolution, 'bar')).toEqual({ faultInjection: { delay: { fixedDelay: 2000, percentage: 100 } } });
    expect(envoyRoute(envoy, 'bar').typedPerFilterConfig['envoy.filters.http.fault']).toMatchObject({
      delay: { fixedDelay: '2s', percentage: { numerator: 1000000, denominator: 'MILLION' } },
    });
    expect(envoyRoute(envoy, 'foo').typedPerFilterConfig['envoy.filters.http.fault']).toMatchObject({
      abort: { httpStatus: 501, percentage: { numerator: 500000, denominator: 'MILLION' } },
    });
    expect(traffic(resolution, 'backend')).toBeUndefined();
  });

  it('load balancing: consistent hashing gets the CRD’s Maglev table size, 65537', () => {
    const { resolution, envoy } = task('load-balancing');
    expect(traffic(resolution)).toEqual({ loadBalancer: { consistentHash: { sourceIP: true, tableSize: 65537 } } });
    expect(cluster(envoy).loadBalancingPolicy.policies[0].typedExtensionConfig.typedConfig).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.load_balancing_policies.maglev.v3.Maglev',
      tableSize: '65537',
    });
  });

  it('passive health checks: the defaults of the outlier detection are written out (alwaysEjectOneHost false, 5 local-origin failures)', () => {
    const { resolution, envoy } = task('passive-health-check');
    expect(traffic(resolution)).toEqual({
      healthCheck: {
        passive: {
          interval: 2000,
          baseEjectionTime: 10000,
          maxEjectionPercent: 100,
          consecutive5XxErrors: 5,
          consecutiveLocalOriginFailures: 5,
          splitExternalLocalOriginErrors: false,
          alwaysEjectOneEndpoint: false,
        },
      },
    });
    expect(cluster(envoy).outlierDetection).toEqual({
      interval: '2s',
      baseEjectionTime: '10s',
      maxEjectionPercent: 100,
      consecutive5xx: 5,
      consecutiveLocalOriginFailure: 5,
      alwaysEjectOneHost: false,
    });
  });

  it('retry: the task’s settings, in Envoy’s retry policy', () => {
    const { resolution, envoy } = task('retry');
    expect(traffic(resolution)).toMatchObject({ retry: { numRetries: 5, retryOn: { httpStatusCodes: [500], triggers: ['connect-failure', 'retriable-status-codes'] } } });
    expect(envoyRoute(envoy, 'backend').route.retryPolicy).toMatchObject({ numRetries: 5, retriableStatusCodes: [500], perTryTimeout: '0.250s' });
  });

  it('global rate limit: the Service with blank annotations is admitted and the route gets its rate limit actions', () => {
    const { resolution, envoy } = task('global-rate-limit');
    expect(traffic(resolution)).toMatchObject({ rateLimit: { global: { rules: [{ limit: { requests: 3, unit: 'Hour' } }] } } });
    expect(envoyRoute(envoy, 'backend').typedPerFilterConfig['envoy.filters.http.ratelimit']).toMatchObject({ domain: 'default/eg/http' });
  });

  it('local rate limit: three requests an hour in Envoy’s local rate limit', () => {
    const { resolution } = task('local-rate-limit');
    expect(traffic(resolution)).toMatchObject({ rateLimit: { local: { rules: [{ limit: { requests: 3, unit: 'Hour' } }] } } });
  });

  it('the harness profile reads the same files without the CRD defaults (what Envoy Gateway’s golden tests would see)', () => {
    const objects = [...admissionFixture('tasks/quickstart'), ...admissionFixture('tasks/circuit-breaker')];
    const harness = resolvePolicies(objects, { profile: 'harness', namespaces: 'inferred' });
    expect(traffic(harness)).toEqual({ circuitBreaker: { maxPendingRequests: 0, maxParallelRequests: 10 } });
  });
});
