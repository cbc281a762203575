import { describe, expect, it } from 'vitest';
import { requestBufferTranslation } from '../../../src/features/request-buffer/traffic.js';
import { expectNeverThrows, run } from '../../resolve/traffic/route-helpers.js';

const rb = (requestBuffer: unknown, extra: Record<string, unknown> = {}) => run(requestBufferTranslation, { requestBuffer, ...extra });

describe('requestBuffer', () => {
  it('gives the limit in bytes', () => {
    expect(rb({ limit: '4Mi' })).toEqual({ value: { limit: 4194304 } });
    expect(rb({ limit: 4294967295 })).toEqual({ value: { limit: 4294967295 } });
    expect(rb({})).toEqual({ value: { limit: 0 } });
  });

  it('reports out-of-range limits in canonical quantity form', () => {
    expect(rb({ limit: '5000Mi' })).toEqual({ errors: ['limit value 5000Mi is out of range, must be between 0 and 4294967295'] });
    expect(rb({ limit: 5000000000 })).toEqual({ errors: ['limit value 5G is out of range, must be between 0 and 4294967295'] });
    expect(rb({ limit: -1 })).toEqual({ errors: ['limit value -1 is out of range, must be between 0 and 4294967295'] });
  });

  it('reports limits that are not whole int64 numbers', () => {
    expect(rb({ limit: '100m' })).toEqual({ errors: ['limit must be convertible to an int64'] });
    expect(rb({ limit: 'lots' })).toEqual({ errors: ['limit must be convertible to an int64'] });
  });

  it('rejects a non-empty httpUpgrade next to it', () => {
    expect(rb({ limit: '1Mi' }, { httpUpgrade: [{ type: 'websocket' }] })).toEqual({ errors: ['requestBuffer cannot be used together with httpUpgrade'] });
    expect(rb({ limit: '1Mi' }, { httpUpgrade: [] })).toEqual({ value: { limit: 1048576 } });
  });

  it('is absent when unset', () => {
    expect(run(requestBufferTranslation, {})).toEqual({});
  });

  it('never throws on arbitrary input', () => {
    expectNeverThrows(requestBufferTranslation, 'requestBuffer', 'httpUpgrade');
  });
});
