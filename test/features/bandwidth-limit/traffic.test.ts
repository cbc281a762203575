import { describe, expect, it } from 'vitest';
import { bandwidthLimitTranslation } from '../../../src/features/bandwidth-limit/traffic.js';
import { expectNeverThrows, run } from '../../resolve/traffic/route-helpers.js';

const bw = (bandwidthLimit: unknown) => run(bandwidthLimitTranslation, { bandwidthLimit });

describe('bandwidthLimit', () => {
  it('converts limits to KiB/s, rounding down', () => {
    expect(
      bw({
        request: { limit: { value: '10Mi', unit: 'Second' } },
        response: { limit: { value: '100Mi', unit: 'Minute' }, responseTrailers: { prefix: 'x-eg' } },
      }),
    ).toEqual({ value: { request: { limitKibps: 10240 }, response: { limitKibps: 1706, responseTrailers: { prefix: 'x-eg' } } } });
    expect(bw({ response: { limit: { value: 3686400, unit: 'Hour' }, responseTrailers: {} } })).toEqual({
      value: { response: { limitKibps: 1, responseTrailers: {} } },
    });
    expect(bw({ request: { limit: { value: '1k', unit: 'Second' } } })).toEqual({ errors: ['request: bandwidth limit of 1000 bytes per Second is below the minimum of 1 KiB/s'] });
  });

  it('reports limits below 1 KiB/s with the raw unit', () => {
    expect(bw({ request: { limit: { value: 1023, unit: 'Second' } } })).toEqual({
      errors: ['request: bandwidth limit of 1023 bytes per Second is below the minimum of 1 KiB/s'],
    });
    expect(bw({ response: { limit: { value: '1Mi', unit: 'Hour' } } })).toEqual({
      errors: ['response: bandwidth limit of 1048576 bytes per Hour is below the minimum of 1 KiB/s'],
    });
  });

  it('reports non-integral and negative values', () => {
    expect(bw({ request: { limit: { value: '1.5', unit: 'Second' } } })).toEqual({ errors: ['request limit value must be convertible to an int64'] });
    expect(bw({ response: { limit: { value: '100m', unit: 'Second' } } })).toEqual({ errors: ['response limit value must be convertible to an int64'] });
    expect(bw({ request: { limit: { value: -2048, unit: 'Second' } } })).toEqual({ errors: ['request limit value must be positive'] });
  });

  it('checks the request before the response', () => {
    expect(bw({ request: { limit: { value: 1, unit: 'Second' } }, response: { limit: { value: -1, unit: 'Second' } } })).toEqual({
      errors: ['request: bandwidth limit of 1 bytes per Second is below the minimum of 1 KiB/s'],
    });
  });

  it('is absent when unset, {} when empty', () => {
    expect(run(bandwidthLimitTranslation, {})).toEqual({});
    expect(bw({})).toEqual({ value: {} });
  });

  it('never throws on arbitrary input', () => {
    expectNeverThrows(bandwidthLimitTranslation, 'bandwidthLimit');
  });
});
