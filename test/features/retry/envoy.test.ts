import { describe, expect, it } from 'vitest';
import { retryDropsRoute, retryRoute, retryPolicy } from '../../../src/features/retry/envoy.js';
import { baseRoute, routeCtx } from '../../emit/route-golden-support.js';
import { emit, resolution, rule } from '../../emit/core-support.js';
import type { RetryTraffic } from '../../../src/features/retry/traffic.js';

const PREVIOUS_HOSTS = [
  {
    name: 'envoy.retry_host_predicates.previous_hosts',
    typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate' },
  },
];

const apply = (retry: RetryTraffic | undefined, extraRoute?: Record<string, unknown>) => {
  const route = baseRoute();
  retryRoute.apply(route, retry, routeCtx({ retry }, { route: extraRoute }));
  return (route.route as Record<string, unknown>).retryPolicy;
};

describe('route retry', () => {
  it('retry: {} gets Envoy Gateway defaults', () => {
    expect(apply({})).toEqual({
      retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
      retriableStatusCodes: [503],
      numRetries: 2,
      retryHostPredicate: PREVIOUS_HOSTS,
      hostSelectionRetryMaxAttempts: '5',
    });
  });

  it('given triggers replace retry_on and a given retryOn drops the default 503', () => {
    const p = apply({ numRetries: 5, numAttemptsPerPriority: 3, retryOn: { triggers: ['reset', 'reset-before-request', 'connect-failure'] } });
    expect(p).toMatchObject({ retryOn: 'reset,reset-before-request,connect-failure', numRetries: 5 });
    expect(p).not.toHaveProperty('retriableStatusCodes');
    expect(p).toMatchObject({
      retryPriority: {
        name: 'envoy.retry_priorities.previous_priorities',
        typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.retry.priority.previous_priorities.v3.PreviousPrioritiesConfig', updateFrequency: 3 },
      },
    });
  });

  it('status codes alone keep the default triggers', () => {
    expect(apply({ retryOn: { httpStatusCodes: [429, 503] } })).toMatchObject({
      retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
      retriableStatusCodes: [429, 503],
    });
  });

  it('per-try timeout and back-off are durations', () => {
    expect(apply({ perRetry: { timeout: 250, backOff: { baseInterval: 100, maxInterval: 10_000 } } })).toMatchObject({
      perTryTimeout: '0.250s',
      retryBackOff: { baseInterval: '0.100s', maxInterval: '10s' },
    });
    expect(apply({ perRetry: { backOff: { baseInterval: 1500 } } })).toMatchObject({ retryBackOff: { baseInterval: '1.500s' } });
  });

  it('leaves a back-off without base interval to Envoy (Envoy rejects Envoy Gateway’s max-only back-off)', () => {
    expect(apply({ perRetry: { backOff: { maxInterval: 1500 } } })).not.toHaveProperty('retryBackOff');
  });

  it('numAttemptsPerPriority 0 adds no retry priority', () => {
    expect(apply({ numAttemptsPerPriority: 0 })).not.toHaveProperty('retryPriority');
  });

  it('a Gateway API HTTPRoute retry on the rule wins over the policy', () => {
    const p = apply({ numRetries: 5 }, { retry: { numRetries: 3, retryOn: { httpStatusCodes: [500] }, perRetry: { backOff: { baseInterval: 200 } } } });
    expect(p).toMatchObject({ numRetries: 3, retriableStatusCodes: [500], retryBackOff: { baseInterval: '0.200s' } });
  });

  it('leaves routes without a forwarding action alone', () => {
    const route = { name: 'r', match: { prefix: '/' }, directResponse: { status: 500 } };
    retryRoute.apply(route, {}, routeCtx({ retry: {} }));
    expect(route).toEqual({ name: 'r', match: { prefix: '/' }, directResponse: { status: 500 } });
  });

  it('an unknown trigger makes Envoy Gateway drop the route', () => {
    expect(retryDropsRoute({ retryOn: { triggers: ['this-is-not-a-trigger'] } })).toBe(true);
    expect(retryDropsRoute({ retryOn: { triggers: ['5xx', 'gateway-error'] } })).toBe(false);
    expect(retryDropsRoute({})).toBe(false);
    expect(retryDropsRoute(undefined)).toBe(false);
  });

  it('counts that are not whole non-negative numbers fall back to the default, or are left out', () => {
    expect(retryPolicy({ numRetries: -1, retryOn: { httpStatusCodes: [2.5, 503] } })).toMatchObject({ numRetries: 2, retriableStatusCodes: [503] });
  });

  it('a malformed value never reaches it: the emitter leaves the retry out and says why', () => {
    const out = emit(resolution(rule({ traffic: { retry: 'x' } as never })));
    expect(out.routeConfigurations[0]!.virtualHosts[0].routes[0].route.retryPolicy).toBeUndefined();
    expect(out.diagnostics).toMatchObject([{ severity: 'error', path: 'routes[0].traffic.retry', feature: 'retry' }]);
    const codes = emit(resolution(rule({ traffic: { retry: { retryOn: { httpStatusCodes: ['x', 503] } } } as never })));
    expect(codes.routeConfigurations[0]!.virtualHosts[0].routes[0].route.retryPolicy).toBeUndefined();
    expect(codes.diagnostics).toMatchObject([{ path: 'routes[0].traffic.retry.retryOn.httpStatusCodes[0]', feature: 'retry' }]);
  });
});
