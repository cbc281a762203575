import { describe, expect, it } from 'vitest';
import { timeoutRoute } from '../../../src/features/timeout/envoy-route.js';
import { baseRoute, routeCtx } from '../../emit/route-golden-support.js';

const apply = (http: Record<string, unknown> | undefined, extra: Parameters<typeof routeCtx>[1] = {}) => {
  const route = baseRoute();
  const timeout = http ? { http } : undefined;
  timeoutRoute.apply(route, timeout, routeCtx(timeout ? { timeout } : {}, extra));
  const { cluster: _c, upgradeConfigs: _u, ...rest } = route.route as Record<string, unknown>;
  return rest;
};

describe('route timeouts', () => {
  it('writes request timeout, stream idle timeout and max stream duration', () => {
    expect(apply({ requestTimeout: 5000, maxStreamDuration: 30_000, streamIdleTimeout: 20_000 })).toEqual({
      timeout: '5s',
      idleTimeout: '20s',
      maxStreamDuration: { maxStreamDuration: '30s' },
    });
  });

  it('stretches the idle timeout to a request timeout longer than an hour, else to an hour', () => {
    expect(apply({ requestTimeout: 4_000_000, maxStreamDuration: 0 })).toEqual({
      timeout: '4000s',
      idleTimeout: '4000s',
      maxStreamDuration: { maxStreamDuration: '0s' },
    });
    expect(apply({ requestTimeout: 5000 })).toEqual({ timeout: '5s', idleTimeout: '3600s' });
  });

  it('a 0s request timeout disables the idle timeout too', () => {
    expect(apply({ requestTimeout: 0 })).toEqual({ timeout: '0s', idleTimeout: '0s' });
  });

  it('the Gateway API rule timeout wins over the policy', () => {
    expect(apply({ requestTimeout: 5000 }, { route: { timeout: 10_000 } })).toEqual({ timeout: '10s', idleTimeout: '3600s' });
    expect(apply({ requestTimeout: 5000 }, { route: { timeout: 0 } })).toEqual({ timeout: '0s', idleTimeout: '0s' });
    expect(apply(undefined, { route: { timeout: 10_000 } })).toEqual({ timeout: '10s', idleTimeout: '3600s' });
  });

  it('a listener stream idle timeout suppresses the route default, not an explicit one', () => {
    expect(apply({ requestTimeout: 5000 }, { listenerSettings: { streamIdleTimeout: 10_000 } })).toEqual({ timeout: '5s' });
    expect(apply({ streamIdleTimeout: 1500 }, { listenerSettings: { streamIdleTimeout: 10_000 } })).toEqual({ idleTimeout: '1.500s' });
  });

  it('cluster-only timeouts write nothing on the route', () => {
    expect(apply({ connectionIdleTimeout: 1000, maxConnectionDuration: 2000 })).toEqual({});
  });
});
