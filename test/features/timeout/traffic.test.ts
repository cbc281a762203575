import { describe, expect, it } from 'vitest';
import { timeoutTranslation } from '../../../src/features/timeout/traffic.js';
import { expectNeverThrows, run } from '../../resolve/traffic/cluster-helpers.js';

const to = (timeout: unknown) => run(timeoutTranslation, { timeout });

describe('timeout', () => {
  it('converts every duration to milliseconds', () => {
    expect(
      to({
        tcp: { connectTimeout: '15s' },
        http: { connectionIdleTimeout: '16s', maxConnectionDuration: '17s', requestTimeout: '18s', maxStreamDuration: '0s', streamIdleTimeout: '160s' },
      }),
    ).toEqual({
      value: {
        tcp: { connectTimeout: 15_000 },
        http: { connectionIdleTimeout: 16_000, maxConnectionDuration: 17_000, requestTimeout: 18_000, maxStreamDuration: 0, streamIdleTimeout: 160_000 },
      },
    });
  });

  it('accepts what Go accepts beyond the CRD pattern', () => {
    expect(to({ http: { requestTimeout: '1.5s' } })).toEqual({ value: { http: { requestTimeout: 1500 } } });
  });

  it('keeps an empty http block, drops an empty tcp block', () => {
    expect(to({})).toEqual({ value: {} });
    expect(to({ tcp: {}, http: {} })).toEqual({ value: { http: {} } });
  });

  it('reports one invalid field', () => {
    expect(to({ tcp: { connectTimeout: '20kib' }, http: { maxConnectionDuration: '22s' } })).toEqual({ errors: ['invalid ConnectTimeout value 20kib'] });
  });

  it('joins several invalid fields with a newline in one error', () => {
    expect(to({ tcp: { connectTimeout: 'a' }, http: { streamIdleTimeout: 'e', connectionIdleTimeout: 'b', requestTimeout: 'c', maxStreamDuration: 'd', maxConnectionDuration: 'f' } })).toEqual({
      errors: [
        [
          'invalid ConnectTimeout value a',
          'invalid ConnectionIdleTimeout value b',
          'invalid MaxConnectionDuration value f',
          'invalid RequestTimeout value c',
          'invalid MaxStreamDuration value d',
          'invalid StreamIdleTimeout value e',
        ].join('\n'),
      ],
    });
  });

  it('never throws on a raw spec', () => {
    expectNeverThrows(timeoutTranslation, 'timeout');
  });
});
