import { describe, it, expect } from 'vitest';
import { RETRY_TRIGGERS } from '../../../src/features/retry/schema.js';
import { parseSpec, validateSpec } from '../../model/helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);
const retry = (fields: Record<string, unknown>) => errors({ retry: fields });
const R = 'spec.retry';

describe('retry', () => {
  it('defaults numRetries to 2 and sets nothing else', () => {
    expect(parseSpec({ retry: {} }).retry).toEqual({ numRetries: 2 });
  });

  it('accepts a full retry policy with every trigger', () => {
    const full = {
      numRetries: 5,
      numAttemptsPerPriority: 2,
      retryOn: { triggers: [...RETRY_TRIGGERS], httpStatusCodes: [500, 503] },
      perRetry: { timeout: '250ms', backOff: { baseInterval: '100ms', maxInterval: '10s' } },
    };
    expect(retry(full)).toEqual([]);
    expect(parseSpec({ retry: full }).retry).toEqual(full);
  });

  it('bounds numRetries below by 0, and checks both counters as integers without an int32 range check', () => {
    expect(retry({ numRetries: 0 })).toEqual([]);
    expect(retry({ numRetries: -1 })).toEqual([`${R}.numRetries: minimum`]);
    // The API server does not range-check `format: int32`; only explicit minimum/maximum apply.
    expect(retry({ numRetries: 2147483648 })).toEqual([]);
    expect(retry({ numAttemptsPerPriority: -2147483649 })).toEqual([]);
    expect(retry({ numRetries: 1.5 })).toEqual([`${R}.numRetries: type`, ': celSkipped']);
    expect(validateSpec({ retry: { numAttemptsPerPriority: '2' } })).toEqual([
      { path: `${R}.numAttemptsPerPriority`, message: 'Invalid value: "string": must be of type integer', code: 'type' },
      {
        path: '',
        message: 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
        code: 'celSkipped',
      },
    ]);
  });

  it('rejects an unknown trigger', () => {
    const issues = validateSpec({ retry: { retryOn: { triggers: ['5xx', 'timeout'] } } });
    expect(issues.map((i) => `${i.path}: ${i.code}`)).toEqual([`${R}.retryOn.triggers[1]: enum`, ': celSkipped']);
    expect(issues[0]!.message).toMatch(/^Unsupported value: "timeout": supported values: "5xx", "gateway-error", /);
  });

  it('bounds retriable status codes to [100..599]', () => {
    expect(retry({ retryOn: { httpStatusCodes: [100, 599] } })).toEqual([]);
    expect(retry({ retryOn: { httpStatusCodes: [99] } })).toEqual([`${R}.retryOn.httpStatusCodes[0]: minimum`]);
    expect(retry({ retryOn: { httpStatusCodes: [503, 600] } })).toEqual([`${R}.retryOn.httpStatusCodes[1]: maximum`]);
  });

  it('checks the per-retry Durations', () => {
    expect(retry({ perRetry: { timeout: '1.5s', backOff: { baseInterval: '100us', maxInterval: '1d' } } })).toEqual([
      `${R}.perRetry.timeout: pattern`,
      `${R}.perRetry.backOff.baseInterval: pattern`,
      `${R}.perRetry.backOff.maxInterval: pattern`,
    ]);
  });

  it('does not check that maxInterval is at least baseInterval (the CRD does not)', () => {
    expect(retry({ perRetry: { backOff: { baseInterval: '10s', maxInterval: '1s' } } })).toEqual([]);
  });
});
