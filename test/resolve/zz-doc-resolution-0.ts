import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { resolvePolicies } from '../../src/index.js';

const manifests = `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: eg, namespace: infra}
spec:
  gatewayClassName: eg
  listeners:
  - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: checkout, namespace: shop}
spec:
  parentRefs: [{name: eg, namespace: infra}]
  rules: [{backendRefs: [{name: checkout, port: 8080}]}]
---
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: BackendTrafficPolicy
metadata: {name: gateway-defaults, namespace: infra}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: eg}]
  timeout: {http: {requestTimeout: 15s}}
---
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: BackendTrafficPolicy
metadata: {name: checkout, namespace: shop}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: checkout}]
  circuitBreaker: {maxConnections: 50}
`;

const resolution = resolvePolicies(parseAllDocuments(manifests).map((d) => d.toJS()));

const rule = resolution.routes[0]!; // one entry per (listener × route × rule)
console.log(rule.listener, rule.route.name, rule.ruleIndex, rule.traffic);
// → http checkout 0 { circuitBreaker: { maxConnections: 50 } }
assert.deepEqual(rule.traffic, { circuitBreaker: { maxConnections: 50 } }); // no timeout: see "precedence"
assert.deepEqual(rule.policies, [{ namespace: 'shop', name: 'checkout' }]);

const gatewayPolicy = resolution.policies.find((p) => p.ref.name === 'gateway-defaults');
console.log(gatewayPolicy?.status.ancestors?.[0]?.conditions.map((c) => `${c.type}: ${c.message}`));
// → [ 'Accepted: Policy has been accepted.',
//     'Overridden: This policy is being overridden by other backendTrafficPolicies for these routes: [shop/checkout]' ]
assert.equal(resolution.diagnostics.length, 0);
