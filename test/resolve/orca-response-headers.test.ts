import { describe, expect, it } from 'vitest';
import { loadFixture } from './load-fixture.js';
import { emitEnvoy, resolvePolicies } from '../../src/index.js';

/** One Gateway listener and one HTTPRoute (`app/web`) on it. */
const [gateway, route] = loadFixture('one-gateway-one-route') as [Record<string, unknown>, Record<string, unknown>];
const policy = (kind: 'Gateway' | 'HTTPRoute', name: string, keepResponseHeaders?: boolean) => ({
  apiVersion: 'gateway.envoyproxy.io/v1alpha1',
  kind: 'BackendTrafficPolicy',
  metadata: { namespace: kind === 'Gateway' ? 'infra' : 'app', name },
  spec: {
    targetRefs: [{ group: 'gateway.networking.k8s.io', kind, name: kind === 'Gateway' ? 'eg' : 'web' }],
    loadBalancer: { type: 'BackendUtilization', backendUtilization: keepResponseHeaders === undefined ? {} : { keepResponseHeaders } },
  },
});

describe('ORCA load-report headers of a BackendUtilization balancer', () => {
  it('a route-level policy strips endpoint-load-metrics(-bin), and Envoy routes remove them', () => {
    const r = resolvePolicies([gateway, route, policy('HTTPRoute', 'orca')]);
    expect(r.routes[0]!.removeResponseHeaders).toEqual(['endpoint-load-metrics', 'endpoint-load-metrics-bin']);
    const envoyRoute = (emitEnvoy(r).routeConfigurations[0] as any).virtualHosts[0].routes[0];
    expect(envoyRoute.responseHeadersToRemove).toEqual(['endpoint-load-metrics', 'endpoint-load-metrics-bin']);
  });

  it('keepResponseHeaders: true keeps them', () => {
    const r = resolvePolicies([gateway, route, policy('HTTPRoute', 'orca', true)]);
    expect(r.routes[0]!.removeResponseHeaders).toBeUndefined();
  });

  it('a Gateway-level policy does not strip them (Envoy Gateway does this for route targets only)', () => {
    const r = resolvePolicies([gateway, route, policy('Gateway', 'orca')]);
    expect(r.routes[0]!.traffic).toHaveProperty('loadBalancer');
    expect(r.routes[0]!.removeResponseHeaders).toBeUndefined();
  });
});
