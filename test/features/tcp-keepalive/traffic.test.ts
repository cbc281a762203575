import { describe, expect, it } from 'vitest';
import { tcpKeepaliveTranslation } from '../../../src/features/tcp-keepalive/traffic.js';
import { expectNeverThrows, run } from '../../resolve/traffic/cluster-helpers.js';

const ka = (tcpKeepalive: unknown) => run(tcpKeepaliveTranslation, { tcpKeepalive });

describe('tcpKeepalive', () => {
  it('keeps whole seconds, expressed in milliseconds', () => {
    expect(ka({ probes: 3, idleTime: '20m', interval: '60s' })).toEqual({ value: { probes: 3, idleTime: 1_200_000, interval: 60_000 } });
    expect(ka({ idleTime: '1500ms', interval: '999ms' })).toEqual({ value: { idleTime: 1000, interval: 0 } });
    expect(ka({})).toEqual({ value: {} });
  });

  it('reports the first unparsable duration', () => {
    expect(ka({ idleTime: 'x', interval: 'y' })).toEqual({ errors: ['invalid IdleTime value x'] });
    expect(ka({ interval: '10' })).toEqual({ errors: ['invalid Interval value 10'] });
  });

  it('never throws on a raw spec', () => {
    expectNeverThrows(tcpKeepaliveTranslation, 'tcpKeepalive');
  });
});
