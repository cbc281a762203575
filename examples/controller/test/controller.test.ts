/**
 * The example controller against a fake API server: events flow from client-node's informers to
 * the resolver, status patches carry the right conditions (and keep other controllers' entries),
 * the changed Envoy resources are logged, and a resync (a re-list, and the whole cache fed
 * again) writes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startController, type Controller } from '../src/controller.js';
import { DEFAULT_RESOURCES, apiVersionOf } from '../src/resources.js';
import { FakeApiServer, type RecordedPatch } from './fake-apiserver.js';

const CONTROLLER = 'example.com/btp-controller';
const ENVOY_GATEWAY = 'gateway.envoyproxy.io/gatewayclass-controller';
const BTP_API = 'gateway.envoyproxy.io/v1alpha1';
const statusPath = (name: string) => `/apis/gateway.envoyproxy.io/v1alpha1/namespaces/shop/backendtrafficpolicies/${name}/status`;
const gatewayRef = { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra', name: 'eg' };

const namespace = (name: string, labels?: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(labels ? { labels } : {}) } });
const gateway = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'eg', namespace: 'infra' },
  spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'shop' } } } } }] },
};
const route = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'storefront', namespace: 'shop' },
  spec: { parentRefs: [{ name: 'eg', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] },
};
const policy = (name: string, spec: Record<string, unknown>, status?: unknown) => ({
  apiVersion: BTP_API,
  kind: 'BackendTrafficPolicy',
  metadata: { name, namespace: 'shop' },
  spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'storefront' }], ...spec },
  ...(status === undefined ? {} : { status }),
});
/** Envoy Gateway's own entry on the policy: ours must never drop it. */
const envoyGatewayEntry = {
  ancestorRef: gatewayRef,
  controllerName: ENVOY_GATEWAY,
  conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Policy has been accepted.', lastTransitionTime: '2025-01-01T00:00:00Z', observedGeneration: 1 }],
};

async function waitFor<T>(what: string, probe: () => T | undefined | false): Promise<T> {
  const deadline = Date.now() + 4000;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const ours = (p: RecordedPatch) => p.body.status?.ancestors?.filter((a) => a.controllerName === CONTROLLER) ?? [];

describe('examples/controller', () => {
  let server: FakeApiServer | undefined;
  let controller: Controller | undefined;
  afterEach(async () => {
    await controller?.stop();
    await server?.stop();
  });

  it('feeds informer events to the resolver, patches status.ancestors, logs Envoy changes, and a resync writes nothing', async () => {
    // Every watched collection exists except XListenerSet: a CRD that is not installed.
    server = new FakeApiServer(DEFAULT_RESOURCES.filter((r) => r.kind !== 'XListenerSet').map((r) => ({ apiVersion: apiVersionOf(r), kind: r.kind })));
    server.apply(namespace('infra'));
    server.apply(namespace('shop', { team: 'shop' })); // the listener admits routes by namespace label: Namespaces are read
    server.apply(gateway);
    server.apply(route);
    const created = server.apply(policy('retries', { retry: { numRetries: 3 } }, { ancestors: [envoyGatewayEntry] }));
    const kubeConfig = await server.start();

    const info: string[] = [];
    const errors: string[] = [];
    controller = startController({
      kubeConfig,
      controllerName: CONTROLLER,
      debounceMs: 5,
      retryMs: 200,
      now: () => new Date('2025-03-01T00:00:00Z'),
      logger: { info: (m) => info.push(m), error: (m) => errors.push(m) },
    });
    await controller.ready;

    // 1. The initial list: our entry Accepted=True beside Envoy Gateway's, sent as a merge patch
    //    guarded by the resourceVersion the cache held.
    const first = await waitFor('the first status patch', () => server!.patches[0]);
    expect(first.path).toBe(statusPath('retries'));
    expect(first.contentType).toBe('application/merge-patch+json');
    expect(first.body.metadata?.resourceVersion).toBe(created.metadata.resourceVersion);
    expect(first.body.status?.ancestors?.[0]).toEqual(envoyGatewayEntry);
    expect(ours(first)).toEqual([
      {
        ancestorRef: gatewayRef,
        controllerName: CONTROLLER,
        conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Policy has been accepted.', observedGeneration: 1, lastTransitionTime: '2025-03-01T00:00:00.000Z' }],
      },
    ]);
    expect(info).toContain('cluster upserted httproute/shop/storefront/rule/0');
    expect(info).toContain('route configuration upserted infra/eg/http');
    expect(errors.some((e) => e.includes('/apis/gateway.networking.x-k8s.io/v1alpha1/xlistenersets'))).toBe(true);
    // The server applied it, and its watch event (a status-only change) led to no further patch.
    await waitFor('the patched status in the cache', () => info.some((l) => l.startsWith('status patched backendtrafficpolicy shop/retries')));

    // 2. An invalid value (Maglev needs a prime table size; the CRD only checks the range).
    const patchesBefore = server.patches.length;
    server.apply(policy('retries', { loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'Header', header: { name: 'x-user-id' }, tableSize: 1000 } } }));
    const invalid = await waitFor('the Accepted=False patch', () => server!.patches.slice(patchesBefore).find((p) => ours(p)[0]?.conditions[0]?.status === 'False'));
    const condition = ours(invalid)[0]!.conditions[0]!;
    expect(condition).toMatchObject({ type: 'Accepted', status: 'False', reason: 'Invalid', observedGeneration: 2 });
    expect(condition.message).toContain('TableSize');
    expect(invalid.body.status?.ancestors?.[0]).toEqual(envoyGatewayEntry);
    // The route now answers with a direct response: its route configuration changed.
    await waitFor('the changed route configuration logged', () => info.filter((l) => l === 'route configuration upserted infra/eg/http').length === 2);

    // 3. Back to valid, and a newer policy on the same route: it is Conflicted, the first Accepted again.
    server.apply(policy('retries', { retry: { numRetries: 3 } }));
    await waitFor('retries accepted again', () => server!.patches.some((p) => p.path === statusPath('retries') && ours(p)[0]?.conditions[0]?.status === 'True' && p !== first));
    server.apply({ ...policy('retries-v2', { retry: { numRetries: 5 } }), metadata: { name: 'retries-v2', namespace: 'shop', creationTimestamp: '2026-01-01T00:00:00Z' } });
    const conflicted = await waitFor('the Conflicted patch', () => server!.patches.find((p) => p.path === statusPath('retries-v2')));
    expect(ours(conflicted)[0]).toMatchObject({ ancestorRef: gatewayRef, conditions: [{ type: 'Accepted', status: 'False', reason: 'Conflicted' }] });
    expect(ours(conflicted)[0]!.conditions[0]!.message).toBe('Unable to target HTTPRoute storefront, another BackendTrafficPolicy has already attached to it');
    await waitFor('the conflicted status in the cache', () => info.some((l) => l.startsWith('status patched backendtrafficpolicy shop/retries-v2')));

    // 4. A resync: every watch expires (410 Gone) and every informer lists again, then the whole
    //    cache is fed to the resolver again. Nothing changed, so nothing is patched or logged.
    const settled = { patches: server.patches.length, info: info.length };
    const lists = () => server!.requests.filter((r) => r.startsWith('GET /apis/gateway.envoyproxy.io/v1alpha1/backendtrafficpolicies') && !r.includes('watch=true')).length;
    const listsBefore = lists();
    const watches = server.watchCount();
    server.expireWatches();
    await waitFor('the informers to list and watch again', () => lists() > listsBefore && server!.watchCount() === watches);
    await controller.resync();
    await new Promise((r) => setTimeout(r, 50));
    expect(server.patches.length).toBe(settled.patches);
    expect(info.slice(settled.info)).toEqual([]);

    // 5. A deleted route: its cluster goes, and both policies lose their target.
    server.delete('gateway.networking.k8s.io/v1', 'HTTPRoute', 'shop', 'storefront');
    await waitFor('the removed cluster logged', () => info.includes('cluster removed httproute/shop/storefront/rule/0'));
  });
});
