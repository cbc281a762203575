import { expect } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { resolvePolicies, type Resolution } from '../../src/index.js';

const manifests = `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: eg, namespace: infra}
spec:
  gatewayClassName: eg
  listeners:
  - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
  - {name: internal, port: 8080, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: checkout, namespace: shop}
spec:
  parentRefs: [{name: eg, namespace: infra}]
  rules:
  - name: pay
    backendRefs: [{name: payments, port: 8080}]
  - name: cart
    backendRefs: [{name: cart, port: 8080}]
---
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: BackendTrafficPolicy
metadata: {name: gateway-defaults, namespace: infra, creationTimestamp: "2025-01-10T09:00:00Z"}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: eg}]
  timeout: {http: {requestTimeout: 15s}}
  circuitBreaker: {maxConnections: 1024}
---
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: BackendTrafficPolicy
metadata: {name: checkout, namespace: shop, creationTimestamp: "2025-02-01T12:00:00Z"}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: checkout}]
  mergeType: StrategicMerge
  circuitBreaker: {maxConnections: 50}
`;

// In a real test: parseAllDocuments(readFileSync('deploy/gateway.yaml', 'utf8')), and so on.
const resolution: Resolution = resolvePolicies(parseAllDocuments(manifests).map((doc) => doc.toJS()));

/** Every (listener × rule) entry of a route. */
const rulesOf = (namespace: string, name: string) =>
  resolution.routes.filter((r) => r.route.namespace === namespace && r.route.name === name);

// 1. The manifests are clean: nothing the API server would reject, nothing ignored.
expect(resolution.diagnostics).toEqual([]);

// 2. No policy is rejected anywhere. (A merging route policy also reports per-listener
//    ancestors that carry only `Merged`, so look for Accepted=False rather than for True.)
for (const policy of resolution.policies) {
  for (const ancestor of policy.status.ancestors ?? []) {
    const rejected = ancestor.conditions.find((c) => c.type === 'Accepted' && c.status === 'False');
    expect(rejected, `${policy.ref.name} on ${ancestor.ancestorRef.name}: ${rejected?.message}`).toBeUndefined();
  }
}

// 3. The question itself: on every listener, every rule of checkout gets maxConnections 50 …
const checkout = rulesOf('shop', 'checkout');
expect(checkout.map((r) => `${r.listener}/${r.ruleName}`)).toEqual(['http/pay', 'http/cart', 'internal/pay', 'internal/cart']);
for (const rule of checkout) {
  expect(rule.traffic?.circuitBreaker).toEqual({ maxConnections: 50 });
  expect(rule.provenance['circuitBreaker.maxConnections']).toEqual({ namespace: 'shop', name: 'checkout' });
}

// 4. … and, because the route policy merges, still gets the Gateway's request timeout (15 s).
for (const rule of checkout) {
  expect(rule.traffic?.timeout).toEqual({ http: { requestTimeout: 15_000 } });
  expect(rule.provenance['timeout.http.requestTimeout']).toEqual({ namespace: 'infra', name: 'gateway-defaults' });
}
