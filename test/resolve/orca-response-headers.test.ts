import { describe, expect, it } from 'vitest';
import { emitEnvoy, resolvePolicies } from '../../src/index.js';

const gateway = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { namespace: 'infra', name: 'eg' },
  spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } }] },
};
const route = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { namespace: 'app', name: 'web' },
  spec: { parentRefs: [{ name: 'eg', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
};
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
