import { describe, expect, it } from 'vitest';
import { http2Translation } from '../../../src/features/http2/traffic.js';
import { expectNeverThrows, run } from '../../resolve/traffic/cluster-helpers.js';

const h2 = (http2: unknown) => run(http2Translation, { http2 });

describe('http2', () => {
  it('uses the honest window-size keys, in bytes', () => {
    expect(h2({ initialStreamWindowSize: '2Mi', initialConnectionWindowSize: '1Gi', maxConcurrentStreams: 500, onInvalidMessage: 'TerminateConnection' })).toEqual({
      value: { initialStreamWindowSize: 2_097_152, initialConnectionWindowSize: 1_073_741_824, maxConcurrentStreams: 500, resetStreamOnError: false },
    });
  });

  it('maps onInvalidMessage; other values are ignored', () => {
    expect(h2({ onInvalidMessage: 'TerminateStream' })).toEqual({ value: { resetStreamOnError: true } });
    expect(h2({ onInvalidMessage: 'Whatever' })).toEqual({ value: {} });
  });

  it('converts keepalive durations to milliseconds', () => {
    expect(h2({ connectionKeepalive: { interval: '60s', timeout: '10s', intervalJitter: 20, idleInterval: '30s' } })).toEqual({
      value: { connectionKeepalive: { interval: 60_000, timeout: 10_000, intervalJitter: 20, idleInterval: 30_000 } },
    });
  });

  it('checks window sizes: whole numbers in [65535, 2147483647]', () => {
    expect(h2({ initialStreamWindowSize: 65535, initialConnectionWindowSize: 2147483647 })).toEqual({
      value: { initialStreamWindowSize: 65535, initialConnectionWindowSize: 2147483647 },
    });
    expect(h2({ initialStreamWindowSize: '64000' })).toEqual({
      errors: ['InitialStreamWindowSize value 64k is out of range, must be between 65535 and 2147483647'],
    });
    expect(h2({ initialConnectionWindowSize: '2Gi' })).toEqual({
      errors: ['InitialConnectionWindowSize value 2Gi is out of range, must be between 65535 and 2147483647'],
    });
    expect(h2({ initialStreamWindowSize: '100m' })).toEqual({ errors: ['invalid InitialStreamWindowSize value 100m'] });
  });

  it('collects every error into one, joined with newlines', () => {
    expect(
      h2({ initialStreamWindowSize: '1', initialConnectionWindowSize: '0.5', connectionKeepalive: { interval: 'x', timeout: '1', idleInterval: '2y' } }),
    ).toEqual({
      errors: [
        [
          'InitialStreamWindowSize value 1 is out of range, must be between 65535 and 2147483647',
          'invalid InitialConnectionWindowSize value 500m',
          'invalid ConnectionKeepalive.Interval: time: invalid duration "x"',
          'invalid ConnectionKeepalive.Timeout: time: missing unit in duration "1"',
          'invalid ConnectionKeepalive.IdleInterval: time: unknown unit "y" in duration "2y"',
        ].join('\n'),
      ],
    });
  });

  it('never throws on a raw spec', () => {
    expectNeverThrows(http2Translation, 'http2');
  });
});
