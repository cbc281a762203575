import { describe, it, expect } from 'vitest';
import { HTTP2ConnectionKeepaliveSchema } from '../../../src/features/http2/schema.js';
import { parseSpec, validateSpec } from '../../model/helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);
const H = 'spec.http2';
const KEEPALIVE = `${H}.connectionKeepalive: timeout must be less than interval`;
const keepalive = (connectionKeepalive: Record<string, unknown>) => errors({ http2: { connectionKeepalive } });

describe('http2', () => {
  it('accepts the full settings block as given', () => {
    const http2 = {
      initialStreamWindowSize: '64Ki',
      initialConnectionWindowSize: '1Mi',
      maxConcurrentStreams: 100,
      onInvalidMessage: 'TerminateStream',
      connectionKeepalive: { interval: '30s', timeout: '5s', intervalJitter: 15, idleInterval: '1m' },
    };
    expect(errors({ http2 })).toEqual([]);
    expect(parseSpec({ http2 }).http2).toEqual(http2);
  });

  it('leaves onInvalidMessage a free string, as the CRD does', () => {
    expect(errors({ http2: { onInvalidMessage: 'Whatever' } })).toEqual([]);
  });

  it('checks the window sizes as Envoy Gateway quantities', () => {
    expect(errors({ http2: { initialStreamWindowSize: 65535, initialConnectionWindowSize: '2Gi' } })).toEqual([]);
    expect(errors({ http2: { initialStreamWindowSize: '1.5Mi' } })).toEqual([`${H}.initialStreamWindowSize: pattern`, `${H}.initialStreamWindowSize: allOf`]);
    expect(errors({ http2: { initialConnectionWindowSize: '064Ki' } })).toEqual([`${H}.initialConnectionWindowSize: pattern`, `${H}.initialConnectionWindowSize: allOf`]);
    // Not a Kubernetes quantity either: both allOf patterns fail, as in the API server.
    expect(errors({ http2: { initialConnectionWindowSize: '64k0' } })).toEqual([
      `${H}.initialConnectionWindowSize: pattern`,
      `${H}.initialConnectionWindowSize: pattern`,
      `${H}.initialConnectionWindowSize: allOf`,
    ]);
  });

  it('bounds maxConcurrentStreams to [1..2147483647]', () => {
    expect(errors({ http2: { maxConcurrentStreams: 1 } })).toEqual([]);
    expect(errors({ http2: { maxConcurrentStreams: 2147483647 } })).toEqual([]);
    expect(errors({ http2: { maxConcurrentStreams: 0 } })).toEqual([`${H}.maxConcurrentStreams: minimum`]);
    expect(errors({ http2: { maxConcurrentStreams: 2147483648 } })).toEqual([`${H}.maxConcurrentStreams: maximum`]);
  });
});

describe('http2.connectionKeepalive', () => {
  it('requires timeout to be shorter than interval when both are set', () => {
    expect(keepalive({ interval: '30s', timeout: '5s' })).toEqual([]);
    expect(keepalive({ interval: '30s', timeout: '30s' })).toEqual([KEEPALIVE]);
    expect(keepalive({ interval: '30s', timeout: '1m' })).toEqual([KEEPALIVE]);
  });

  it('compares durations by value, not by text', () => {
    expect(keepalive({ interval: '1s', timeout: '999ms' })).toEqual([]);
    expect(keepalive({ interval: '1s', timeout: '1000ms' })).toEqual([KEEPALIVE]);
    expect(keepalive({ interval: '1h', timeout: '59m59s999ms' })).toEqual([]);
    expect(keepalive({ interval: '1s1h', timeout: '1h' })).toEqual([]);
  });

  it('skips the comparison when either is unset', () => {
    expect(keepalive({ timeout: '1h' })).toEqual([]);
    expect(keepalive({ interval: '1ms' })).toEqual([]);
    expect(keepalive({})).toEqual([]);
  });

  it('checks the Durations and the jitter bounds', () => {
    expect(keepalive({ idleInterval: '1' })).toEqual([`${H}.connectionKeepalive.idleInterval: pattern`]);
    expect(keepalive({ intervalJitter: 0 })).toEqual([]);
    expect(keepalive({ intervalJitter: 100 })).toEqual([]);
    expect(keepalive({ intervalJitter: 101 })).toEqual([`${H}.connectionKeepalive.intervalJitter: maximum`]);
    expect(keepalive({ intervalJitter: -1 })).toEqual([`${H}.connectionKeepalive.intervalJitter: minimum`]);
  });

  it('fails the rule when a duration cannot be read, as a CEL evaluation error would', () => {
    const r = HTTP2ConnectionKeepaliveSchema.safeParse({ interval: '30s', timeout: 'soon' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain('timeout must be less than interval');
  });
});
