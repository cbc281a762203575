import { describe, it, expect } from 'vitest';
import { parseSpec, validateSpec } from '../../model/helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);
const K = 'spec.tcpKeepalive';

describe('tcpKeepalive', () => {
  it('accepts an empty block (OS defaults) and explicit settings', () => {
    expect(parseSpec({ tcpKeepalive: {} }).tcpKeepalive).toEqual({});
    expect(parseSpec({ tcpKeepalive: { probes: 9, idleTime: '2h', interval: '75s' } }).tcpKeepalive).toEqual({ probes: 9, idleTime: '2h', interval: '75s' });
  });

  it('checks probes as an integer, without an int32 range check (the API server does not enforce the format)', () => {
    expect(errors({ tcpKeepalive: { probes: 2147483648 } })).toEqual([]);
    expect(parseSpec({ tcpKeepalive: { probes: 2147483648 } }).tcpKeepalive).toEqual({ probes: 2147483648 });
    expect(errors({ tcpKeepalive: { probes: 1.5 } })).toEqual([`${K}.probes: type`, ': celSkipped']);
    expect(errors({ tcpKeepalive: { probes: '9' } })).toEqual([`${K}.probes: type`, ': celSkipped']);
    expect(validateSpec({ tcpKeepalive: { probes: '9' } })[0]).toEqual({
      path: `${K}.probes`,
      message: 'Invalid value: "string": must be of type integer',
      code: 'type',
    });
  });

  it('checks idleTime and interval as Durations', () => {
    expect(errors({ tcpKeepalive: { idleTime: '7200', interval: '75 s' } })).toEqual([`${K}.idleTime: pattern`, `${K}.interval: pattern`]);
    expect(errors({ tcpKeepalive: { idleTime: '1h1m1s1ms' } })).toEqual([]);
    expect(errors({ tcpKeepalive: { idleTime: '1h1m1s1ms1h' } })).toEqual([`${K}.idleTime: pattern`]);
  });
});
