import { describe, it, expect } from 'vitest';
import { parseSpec, validateSpec } from '../../model/helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);
const C = 'spec.circuitBreaker';
const UINT32_MAX = 4294967295;
const SKIPPED = ': celSkipped';
const CEL_SKIPPED_MESSAGE = 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

describe('circuitBreaker', () => {
  it('defaults the four cluster thresholds to 1024 and leaves maxRequestsPerConnection unlimited', () => {
    expect(parseSpec({ circuitBreaker: {} }).circuitBreaker).toEqual({
      maxConnections: 1024,
      maxPendingRequests: 1024,
      maxParallelRequests: 1024,
      maxParallelRetries: 1024,
    });
  });

  it('defaults perEndpoint.maxConnections to 1024', () => {
    expect(parseSpec({ circuitBreaker: { perEndpoint: {} } }).circuitBreaker.perEndpoint).toEqual({ maxConnections: 1024 });
  });

  it('accepts the minimum and maximum of every threshold (CRD CEL test table)', () => {
    for (const v of [0, UINT32_MAX]) {
      expect(
        errors({
          circuitBreaker: {
            maxConnections: v,
            maxPendingRequests: v,
            maxParallelRequests: v,
            maxParallelRetries: v,
            maxRequestsPerConnection: v,
            perEndpoint: { maxConnections: v },
          },
        }),
      ).toEqual([]);
    }
  });

  it('rejects values beyond uint32 with the API server wording (CRD CEL test table)', () => {
    const issues = validateSpec({
      circuitBreaker: {
        maxConnections: UINT32_MAX + 1,
        maxPendingRequests: UINT32_MAX + 1,
        maxParallelRequests: UINT32_MAX + 1,
        maxParallelRetries: -1,
        maxRequestsPerConnection: -1,
      },
    });
    expect(issues).toEqual([
      { path: `${C}.maxConnections`, message: 'Invalid value: 4294967296: should be less than or equal to 4294967295', code: 'maximum' },
      { path: `${C}.maxPendingRequests`, message: 'Invalid value: 4294967296: should be less than or equal to 4294967295', code: 'maximum' },
      { path: `${C}.maxParallelRequests`, message: 'Invalid value: 4294967296: should be less than or equal to 4294967295', code: 'maximum' },
      { path: `${C}.maxParallelRetries`, message: 'Invalid value: -1: should be greater than or equal to 0', code: 'minimum' },
      { path: `${C}.maxRequestsPerConnection`, message: 'Invalid value: -1: should be greater than or equal to 0', code: 'minimum' },
    ]);
    expect(errors({ circuitBreaker: { perEndpoint: { maxConnections: -1 } } })).toEqual([`${C}.perEndpoint.maxConnections: minimum`]);
  });

  it('accepts a retry budget and defaults the fraction denominator to 100', () => {
    expect(parseSpec({ circuitBreaker: { retryBudget: { percent: { numerator: 20 }, minRetryConcurrency: 3 } } }).circuitBreaker.retryBudget).toEqual({
      percent: { numerator: 20, denominator: 100 },
      minRetryConcurrency: 3,
    });
  });

  it('requires retryBudget.percent with a numerator', () => {
    expect(errors({ circuitBreaker: { retryBudget: { minRetryConcurrency: 3 } } })).toEqual([`${C}.retryBudget.percent: required`, SKIPPED]);
    // The missing numerator blocks CEL, so the fraction rule is not evaluated (it is hit both ways
    // with a numerator present in the next test).
    expect(validateSpec({ circuitBreaker: { retryBudget: { percent: {} } } })).toEqual([
      { path: `${C}.retryBudget.percent.numerator`, message: 'Required value', code: 'required' },
      { path: '', message: CEL_SKIPPED_MESSAGE, code: 'celSkipped' },
    ]);
  });

  it('rejects a budget fraction above 1', () => {
    expect(errors({ circuitBreaker: { retryBudget: { percent: { numerator: 101 } } } })).toEqual([
      `${C}.retryBudget.percent: numerator must be less than or equal to denominator`,
    ]);
    expect(errors({ circuitBreaker: { retryBudget: { percent: { numerator: 3, denominator: 3 } } } })).toEqual([]);
    expect(errors({ circuitBreaker: { retryBudget: { percent: { numerator: 4, denominator: 3 } } } })).toEqual([
      `${C}.retryBudget.percent: numerator must be less than or equal to denominator`,
    ]);
  });

  it('bounds the fraction parts', () => {
    expect(errors({ circuitBreaker: { retryBudget: { percent: { numerator: -1 } } } })).toEqual([`${C}.retryBudget.percent.numerator: minimum`]);
    expect(errors({ circuitBreaker: { retryBudget: { percent: { numerator: 0, denominator: 0 } } } })).toEqual([
      `${C}.retryBudget.percent.denominator: minimum`,
    ]);
    // `format: int32` is not range-checked by the API server; minRetryConcurrency has no explicit bound.
    expect(errors({ circuitBreaker: { retryBudget: { percent: { numerator: 1 }, minRetryConcurrency: 2147483648 } } })).toEqual([]);
    expect(errors({ circuitBreaker: { retryBudget: { percent: { numerator: 1 }, minRetryConcurrency: '3' } } })).toEqual([
      `${C}.retryBudget.minRetryConcurrency: type`,
      SKIPPED,
    ]);
  });
});
