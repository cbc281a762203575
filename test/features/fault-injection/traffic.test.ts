import { describe, expect, it } from 'vitest';
import { faultInjectionTranslation } from '../../../src/features/fault-injection/traffic.js';
import { float32 } from '../../../src/lang/float32.js';
import { expectNeverThrows, run } from '../../resolve/traffic/route-helpers.js';

const fi = (faultInjection: unknown) => run(faultInjectionTranslation, { faultInjection });

describe('faultInjection', () => {
  it('converts the delay to milliseconds with Go duration syntax (5.4s parses)', () => {
    expect(fi({ delay: { fixedDelay: '5.4s', percentage: 80 }, abort: { httpStatus: 500, percentage: 100 } })).toEqual({
      value: { delay: { fixedDelay: 5400, percentage: 80 }, abort: { httpStatus: 500, percentage: 100 } },
    });
    expect(fi({ delay: { fixedDelay: '1m30s' } })).toEqual({ value: { delay: { fixedDelay: 90_000 } } });
  });

  it('copies aborts as given (no CRD defaults applied)', () => {
    expect(fi({ abort: { grpcStatus: 14 } })).toEqual({ value: { abort: { grpcStatus: 14 } } });
    expect(fi({ abort: { httpStatus: 14, percentage: 0.01 } })).toEqual({ value: { abort: { httpStatus: 14, percentage: 0.01 } } });
  });

  it('drops the whole feature when the delay does not parse', () => {
    expect(fi({ delay: { fixedDelay: '5 s' }, abort: { httpStatus: 500 } })).toEqual({});
    expect(fi({ delay: { fixedDelay: 5 } })).toEqual({});
  });

  it('is {} for an empty block and absent when unset', () => {
    expect(fi({})).toEqual({ value: {} });
    expect(fi({ delay: {} })).toEqual({ value: { delay: {} } });
    expect(run(faultInjectionTranslation, {})).toEqual({});
  });

  it('rounds percentages to float32 like Go', () => {
    expect(float32(0.01)).toBe(0.01);
    expect(float32(33.3333333)).toBe(33.333332);
    expect(fi({ delay: { fixedDelay: '1s', percentage: 0.1 + 0.2 } }).value?.delay?.percentage).toBe(0.3);
  });

  it('never throws on arbitrary input', () => {
    expectNeverThrows(faultInjectionTranslation, 'faultInjection');
  });
});
