import assert from 'node:assert/strict';
import { resolvePolicies } from '../../src/index.js';

const target = (kind: string, name: string) => [{ group: 'gateway.networking.k8s.io', kind, name }];
const btp = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'gateway.envoyproxy.io/v1alpha1',
  kind: 'BackendTrafficPolicy',
  metadata: { name, namespace: 'shop' },
  spec,
});
const route = (name: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name, namespace: 'shop' },
  spec: { parentRefs: [{ name: 'eg' }], rules: [{ backendRefs: [{ name, port: 8080 }] }] },
});

const resolution = resolvePolicies([
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'eg', namespace: 'shop' },
    spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
  },
  route('chat'),
  route('legacy'),
  btp('gateway', {
    targetRefs: target('Gateway', 'eg'),
    httpUpgrade: [{ type: 'websocket' }],
    timeout: { http: { requestTimeout: '15s' } },
  }),
  btp('chat', { targetRefs: target('HTTPRoute', 'chat'), mergeType: 'StrategicMerge', httpUpgrade: [{ type: 'spdy/3.1' }] }),
  btp('legacy', { targetRefs: target('HTTPRoute', 'legacy'), mergeType: 'JSONMerge', httpUpgrade: [{ type: 'spdy/3.1' }] }),
]);

const traffic = (name: string) => resolution.routes.find((r) => r.route.name === name)?.traffic;
console.log(traffic('chat'));
// → { timeout: { http: { requestTimeout: 15000 } }, httpUpgrade: [ { type: 'spdy/3.1' }, { type: 'websocket' } ] }
console.log(traffic('legacy'));
// → { timeout: { http: { requestTimeout: 15000 } }, httpUpgrade: [ { type: 'spdy/3.1' } ] }
assert.deepEqual(traffic('chat')?.httpUpgrade, [{ type: 'spdy/3.1' }, { type: 'websocket' }]);
assert.deepEqual(traffic('legacy')?.httpUpgrade, [{ type: 'spdy/3.1' }]);

// Where each setting came from:
const chat = resolution.routes.find((r) => r.route.name === 'chat');
assert.deepEqual(chat?.provenance['timeout.http.requestTimeout'], { namespace: 'shop', name: 'gateway' });
assert.deepEqual(chat?.provenance['httpUpgrade[0].type'], { namespace: 'shop', name: 'chat' });

// The route lists only its own policy; the status tells the merge story.
assert.deepEqual(chat?.policies, [{ namespace: 'shop', name: 'chat' }]);
const chatStatus = resolution.policies.find((p) => p.ref.name === 'chat')?.status.ancestors;
console.log(chatStatus?.map((a) => a.conditions.map((c) => `${c.type}: ${c.message}`)));
// → [ [ 'Merged: Merged with policy shop/gateway' ], [ 'Accepted: Policy has been accepted.' ] ]
