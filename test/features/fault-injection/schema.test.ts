import { describe, it, expect } from 'vitest';
import { parseSpec, validateSpec } from '../../model/helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);
const F = 'spec.faultInjection';
const SKIPPED = ': celSkipped';

describe('faultInjection', () => {
  it('accepts a delay only and defaults its percentage to 100 (CRD CEL test table)', () => {
    expect(parseSpec({ faultInjection: { delay: { fixedDelay: '2s' } } }).faultInjection).toEqual({ delay: { fixedDelay: '2s', percentage: 100 } });
  });

  it('accepts an abort with an HTTP status and defaults its percentage to 100', () => {
    expect(parseSpec({ faultInjection: { abort: { httpStatus: 503 } } }).faultInjection).toEqual({ abort: { httpStatus: 503, percentage: 100 } });
  });

  it('keeps fractional percentages, which have no bounds in the CRD', () => {
    const spec = parseSpec({ faultInjection: { delay: { fixedDelay: '100ms', percentage: 0.0001 }, abort: { grpcStatus: 14, percentage: 12.5 } } });
    expect(spec.faultInjection).toEqual({ delay: { fixedDelay: '100ms', percentage: 0.0001 }, abort: { grpcStatus: 14, percentage: 12.5 } });
    expect(errors({ faultInjection: { abort: { httpStatus: 500, percentage: 150 } } })).toEqual([]);
    expect(errors({ faultInjection: { abort: { httpStatus: 500, percentage: '50' } } })).toEqual([`${F}.abort.percentage: type`, SKIPPED]);
  });

  it('rejects a policy with neither delay nor abort (CRD CEL test table)', () => {
    expect(validateSpec({ faultInjection: {} })).toEqual([{ path: F, message: 'Delay and abort faults are set at least one.', code: 'cel' }]);
  });

  it('rejects an abort with both httpStatus and grpcStatus (CRD CEL test table)', () => {
    expect(validateSpec({ faultInjection: { abort: { httpStatus: 503, grpcStatus: 14 } } })).toEqual([
      { path: `${F}.abort`, message: 'httpStatus and grpcStatus cannot be simultaneously defined.', code: 'cel' },
    ]);
  });

  it('rejects an abort with neither httpStatus nor grpcStatus (CRD CEL test table)', () => {
    expect(validateSpec({ faultInjection: { abort: { percentage: 50 } } })).toEqual([
      { path: `${F}.abort`, message: 'httpStatus and grpcStatus are set at least one.', code: 'cel' },
    ]);
  });

  it('accepts gRPC statuses 0..16 and rejects 17 (CRD CEL test table)', () => {
    expect(errors({ faultInjection: { abort: { grpcStatus: 0 } } })).toEqual([]);
    expect(errors({ faultInjection: { abort: { grpcStatus: 16 } } })).toEqual([]);
    expect(validateSpec({ faultInjection: { abort: { grpcStatus: 17 } } })).toEqual([
      { path: `${F}.abort.grpcStatus`, message: 'Invalid value: 17: should be less than or equal to 16', code: 'maximum' },
    ]);
    expect(errors({ faultInjection: { abort: { grpcStatus: -1 } } })).toEqual([`${F}.abort.grpcStatus: minimum`]);
  });

  it('accepts HTTP statuses 200..600 only', () => {
    expect(errors({ faultInjection: { abort: { httpStatus: 200 } } })).toEqual([]);
    expect(errors({ faultInjection: { abort: { httpStatus: 600 } } })).toEqual([]);
    expect(errors({ faultInjection: { abort: { httpStatus: 199 } } })).toEqual([`${F}.abort.httpStatus: minimum`]);
    expect(errors({ faultInjection: { abort: { httpStatus: 601 } } })).toEqual([`${F}.abort.httpStatus: maximum`]);
  });

  it('requires a Gateway API duration as fixedDelay', () => {
    expect(errors({ faultInjection: { delay: {} } })).toEqual([`${F}.delay.fixedDelay: required`, SKIPPED]);
    expect(errors({ faultInjection: { delay: { fixedDelay: '1h30m' } } })).toEqual([]);
    for (const fixedDelay of ['1.5s', '10us', '', '-1s']) {
      expect(errors({ faultInjection: { delay: { fixedDelay } } })).toEqual([`${F}.delay.fixedDelay: pattern`]);
    }
  });
});
