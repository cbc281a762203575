import { describe, expect, it } from 'vitest';
import { retryTranslation } from '../../../src/features/retry/traffic.js';
import { expectNeverThrows, run } from '../../resolve/traffic/cluster-helpers.js';

const retry = (value: unknown) => run(retryTranslation, { retry: value });

describe('retry', () => {
  it('is {} when empty, with no defaults', () => {
    expect(run(retryTranslation, {})).toEqual({});
    expect(retry({})).toEqual({ value: {} });
  });

  it('sorts and de-duplicates triggers and status codes', () => {
    expect(
      retry({ numRetries: 5, numAttemptsPerPriority: 3, retryOn: { triggers: ['reset', 'connect-failure', 'reset', '5xx'], httpStatusCodes: [503, 429, 503] } }),
    ).toEqual({
      value: { numRetries: 5, numAttemptsPerPriority: 3, retryOn: { triggers: ['5xx', 'connect-failure', 'reset'], httpStatusCodes: [429, 503] } },
    });
  });

  it('keeps retryOn when a list is present, even empty; drops an empty retryOn', () => {
    expect(retry({ retryOn: { triggers: [] } })).toEqual({ value: { retryOn: {} } });
    expect(retry({ retryOn: {} })).toEqual({ value: {} });
  });

  it('converts per-retry durations; drops an empty perRetry / backOff', () => {
    expect(retry({ perRetry: { timeout: '250ms', backOff: { baseInterval: '100ms', maxInterval: '10s' } } })).toEqual({
      value: { perRetry: { timeout: 250, backOff: { baseInterval: 100, maxInterval: 10_000 } } },
    });
    expect(retry({ perRetry: { backOff: {} } })).toEqual({ value: {} });
    expect(retry({ perRetry: {} })).toEqual({ value: {} });
  });

  it('silently ignores an unparsable back-off interval', () => {
    expect(retry({ perRetry: { backOff: { baseInterval: 'x', maxInterval: '1s' } } })).toEqual({ value: { perRetry: { backOff: { maxInterval: 1000 } } } });
    expect(retry({ perRetry: { backOff: { baseInterval: 'x' } } })).toEqual({ value: { perRetry: { backOff: {} } } });
  });

  it('reports Go\'s error for an unparsable per-retry timeout', () => {
    expect(retry({ perRetry: { timeout: 'fast' } })).toEqual({ errors: ['time: invalid duration "fast"'] });
  });

  it('rejects zero and inverted back-off intervals', () => {
    expect(retry({ perRetry: { backOff: { baseInterval: '0s' } } })).toEqual({ errors: ['baseInterval cannot be set to 0s'] });
    expect(retry({ perRetry: { backOff: { maxInterval: '0ms' } } })).toEqual({ errors: ['maxInterval cannot be set to 0s'] });
    expect(retry({ perRetry: { backOff: { baseInterval: '0s', maxInterval: '0s' } } })).toEqual({ errors: ['baseInterval cannot be set to 0s'] });
    expect(retry({ perRetry: { backOff: { baseInterval: '2s', maxInterval: '1s' } } })).toEqual({ errors: ['maxInterval cannot be less than baseInterval'] });
    expect(retry({ perRetry: { backOff: { baseInterval: '1s', maxInterval: '1s' } } })).toEqual({
      value: { perRetry: { backOff: { baseInterval: 1000, maxInterval: 1000 } } },
    });
  });

  it('never throws on a raw spec', () => {
    expectNeverThrows(retryTranslation, 'retry');
  });
});
