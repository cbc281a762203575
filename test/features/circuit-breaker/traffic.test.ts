import { describe, expect, it } from 'vitest';
import { circuitBreakerTranslation } from '../../../src/features/circuit-breaker/traffic.js';
import { expectNeverThrows, run } from '../../resolve/traffic/cluster-helpers.js';

const cb = (circuitBreaker: unknown) => run(circuitBreakerTranslation, { circuitBreaker });

describe('circuitBreaker', () => {
  it('copies thresholds as set, without the API server defaults', () => {
    expect(cb({})).toEqual({ value: {} });
    expect(cb({ maxConnections: 2048, maxPendingRequests: 1, maxParallelRequests: 4294967295, maxParallelRetries: 0, maxRequestsPerConnection: 1 })).toEqual({
      value: { maxConnections: 2048, maxPendingRequests: 1, maxParallelRequests: 4294967295, maxParallelRetries: 0, maxRequestsPerConnection: 1 },
    });
  });

  it('rejects values outside uint32, first failing field in Envoy Gateway\'s order', () => {
    expect(cb({ maxConnections: -1 })).toEqual({ errors: ['invalid MaxConnections value -1'] });
    expect(cb({ maxRequestsPerConnection: 4294967296 })).toEqual({ errors: ['invalid MaxRequestsPerConnection value 4294967296'] });
    expect(cb({ maxPendingRequests: -1, maxConnections: -2 })).toEqual({ errors: ['invalid MaxConnections value -2'] });
    expect(cb({ maxPendingRequests: -1, maxParallelRequests: -2 })).toEqual({ errors: ['invalid MaxParallelRequests value -2'] });
    expect(cb({ maxParallelRetries: -1, maxPendingRequests: -2 })).toEqual({ errors: ['invalid MaxPendingRequests value -2'] });
    expect(cb({ maxParallelRetries: -1, maxRequestsPerConnection: -2 })).toEqual({ errors: ['invalid MaxParallelRetries value -1'] });
  });

  it('silently empties an out-of-range perEndpoint.maxConnections', () => {
    expect(cb({ perEndpoint: { maxConnections: 10 } })).toEqual({ value: { perEndpoint: { maxConnections: 10 } } });
    expect(cb({ perEndpoint: { maxConnections: -1 } })).toEqual({ value: { perEndpoint: {} } });
  });

  it('turns the retry budget fraction into a percentage, minRetryConcurrency defaulting to 3', () => {
    expect(cb({ retryBudget: { percent: { numerator: 25 } } })).toEqual({ value: { retryBudget: { percent: 25, minRetryConcurrency: 3 } } });
    expect(cb({ retryBudget: { percent: { numerator: 5, denominator: 1000 }, minRetryConcurrency: 1 } })).toEqual({
      value: { retryBudget: { percent: 0.5, minRetryConcurrency: 1 } },
    });
  });

  it('never throws on a raw spec', () => {
    expectNeverThrows(circuitBreakerTranslation, 'circuitBreaker');
  });
});
