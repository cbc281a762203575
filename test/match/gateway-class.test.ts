/**
 * A Gateway whose GatewayClass is in the input and names another controller is someone else's:
 * Envoy Gateway does not program it, so nothing on it is resolved and its policies attach to
 * nothing. A class that is not in the input is taken to be ours.
 */
import { describe, expect, it } from 'vitest';
import { createResolver, resolvePolicies } from '../../src/index.js';
import { loadFixture } from '../resolve/load-fixture.js';

const objects = loadFixture('gateway-classes');
const istio = objects[0] as { spec: { controllerName: string } };

describe('GatewayClass controllerName', () => {
  const resolution = resolvePolicies(objects);

  it('leaves out the Gateway of another controller, and says so once', () => {
    expect(resolution.routes).toEqual([]);
    expect(resolution.diagnostics).toEqual([
      {
        severity: 'warning',
        path: '[1]',
        message:
          'its GatewayClass istio is programmed by istio.io/gateway-controller, not by this controller (gateway.envoyproxy.io/gatewayclass-controller): its listeners, the routes on them and the policies that target it are not resolved',
        object: { kind: 'Gateway', namespace: 'default', name: 'mesh' },
      },
    ]);
  });

  it('tells the policies on it why they attach to nothing', () => {
    const messages = resolution.attachments.map((a) => [a.policy.name, a.targets.map((t) => t.message)]);
    expect(messages).toEqual([
      ['on-mesh', ['Gateway default/mesh is of GatewayClass istio, which istio.io/gateway-controller programs, not this controller']],
      ['on-route', ['HTTPRoute default/r attaches to no listener in the input: its parent Gateway default/mesh is of GatewayClass istio, which istio.io/gateway-controller programs, not this controller']],
    ]);
  });

  it('resolves it when the class is ours, or not in the input', () => {
    const ours = { ...istio, spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' } };
    for (const input of [[ours, ...objects.slice(1)], objects.slice(1)]) {
      const r = resolvePolicies(input);
      expect(r.routes.map((e) => `${e.gateway.name}/${e.route.name}`)).toEqual(['mesh/r']);
      expect(r.diagnostics).toEqual([]);
    }
  });

  it('follows the class as it changes (createResolver)', () => {
    const resolver = createResolver();
    resolver.upsert(objects.slice(1));
    expect(resolver.resolution().routes).toHaveLength(1);
    const change = resolver.upsert([istio]);
    expect(change.routes.removed.map((e) => e.route.name)).toEqual(['r']);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));
    resolver.delete([{ kind: 'GatewayClass', name: 'istio' }]);
    expect(resolver.resolution().routes).toHaveLength(1);
  });
});
