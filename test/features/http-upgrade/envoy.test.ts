import { describe, expect, it } from 'vitest';
import { httpUpgradeRoute } from '../../../src/features/http-upgrade/envoy.js';
import { baseRoute, routeCtx } from '../../emit/route-golden-support.js';
import type { HTTPUpgradeTraffic } from '../../../src/features/http-upgrade/traffic.js';

function run(httpUpgrade: HTTPUpgradeTraffic[] | undefined, extra: { traffic?: Record<string, unknown>; kind?: string } = {}) {
  const route = baseRoute();
  route.match = { prefix: '/', headers: [{ name: 'x', stringMatch: { exact: 'y' } }] };
  httpUpgradeRoute.apply(route, httpUpgrade, routeCtx({ httpUpgrade, ...extra.traffic }, { kind: extra.kind }));
  return route as { match: Record<string, unknown>; route: Record<string, unknown> };
}

describe('HTTP upgrades', () => {
  it('replaces the websocket default with the listed upgrades, in order', () => {
    expect(run([{ type: 'spdy/3.1' }]).route.upgradeConfigs).toEqual([{ upgradeType: 'spdy/3.1' }]);
    expect(run([{ type: 'websocket' }, { type: 'spdy/3.1' }]).route.upgradeConfigs).toEqual([{ upgradeType: 'websocket' }, { upgradeType: 'spdy/3.1' }]);
  });

  it('CONNECT matches CONNECT requests (keeping header matchers) and may terminate the tunnel', () => {
    const proxy = run([{ type: 'CONNECT' }]);
    expect(proxy.match).toEqual({ connectMatcher: {}, headers: [{ name: 'x', stringMatch: { exact: 'y' } }] });
    expect(proxy.route.upgradeConfigs).toEqual([{ upgradeType: 'CONNECT' }]);
    expect(run([{ type: 'CONNECT', connect: { terminate: true } }]).route.upgradeConfigs).toEqual([{ upgradeType: 'CONNECT', connectConfig: {} }]);
    expect(run([{ type: 'connect' }]).match).toHaveProperty('connectMatcher');
  });

  it('defaults to websocket, but not when buffering requests nor on gRPC routes', () => {
    expect(run(undefined).route.upgradeConfigs).toEqual([{ upgradeType: 'websocket' }]);
    expect(run(undefined, { traffic: { requestBuffer: { limit: 1 } } }).route).not.toHaveProperty('upgradeConfigs');
    expect(run([{ type: 'websocket' }], { kind: 'GRPCRoute' }).route).not.toHaveProperty('upgradeConfigs');
  });
});
