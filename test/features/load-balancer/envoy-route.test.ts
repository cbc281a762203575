import { describe, expect, it } from 'vitest';
import { hashPolicies, loadBalancerRoute } from '../../../src/features/load-balancer/envoy-route.js';
import { baseRoute, routeCtx } from '../../emit/route-golden-support.js';

describe('route hash policy (consistent hash)', () => {
  it('maps each hash source', () => {
    expect(hashPolicies({ sourceIP: true })).toEqual([{ connectionProperties: { sourceIp: true } }]);
    expect(hashPolicies({ headers: [{ name: 'name' }, { name: 'bar' }] })).toEqual([{ header: { headerName: 'name' } }, { header: { headerName: 'bar' } }]);
    expect(hashPolicies({ cookie: { name: 'test', ttl: 60_000, attributes: { foo: 'bar' } } })).toEqual([
      { cookie: { name: 'test', ttl: '60s', attributes: [{ name: 'foo', value: 'bar' }] } },
    ]);
    expect(hashPolicies({ queryParams: [{ name: 'q' }] })).toEqual([{ queryParameter: { name: 'q' } }]);
  });

  it('hashes nothing for sourceIP false, a table size alone, or other balancers', () => {
    expect(hashPolicies({ sourceIP: false })).toEqual([]);
    expect(hashPolicies({ tableSize: 524287 })).toEqual([]);
    const route = baseRoute();
    loadBalancerRoute.apply(route, { roundRobin: {} }, routeCtx({ loadBalancer: { roundRobin: {} } }));
    expect(route).toEqual(baseRoute());
  });

  it('asks weighted clusters to use the hash policy', () => {
    const route = baseRoute();
    const action = route.route as Record<string, unknown>;
    delete action.cluster;
    action.weightedClusters = { clusters: [{ name: 'a', weight: 80 }, { name: 'b', weight: 20 }] };
    const lb = { consistentHash: { headers: [{ name: 'x-user-id' }] } };
    loadBalancerRoute.apply(route, lb, routeCtx({ loadBalancer: lb }));
    expect(action.hashPolicy).toEqual([{ header: { headerName: 'x-user-id' } }]);
    expect(action.weightedClusters).toMatchObject({ useHashPolicy: true });
  });
});
