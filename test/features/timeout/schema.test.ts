import { describe, it, expect } from 'vitest';
import { parseSpec, validateSpec } from '../../model/helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);
const T = 'spec.timeout';

describe('timeout', () => {
  it('accepts TCP and HTTP timeouts (CRD CEL test table: valid timeout)', () => {
    const timeout = {
      tcp: { connectTimeout: '15s' },
      http: { connectionIdleTimeout: '1h', maxConnectionDuration: '2h', requestTimeout: '10s', maxStreamDuration: '0s', streamIdleTimeout: '5m' },
    };
    expect(errors({ timeout })).toEqual([]);
    expect(parseSpec({ timeout }).timeout).toEqual(timeout);
  });

  it('accepts empty blocks', () => {
    expect(errors({ timeout: { tcp: {}, http: {} } })).toEqual([]);
  });

  it('checks every field as a Gateway API Duration', () => {
    expect(errors({ timeout: { tcp: { connectTimeout: '10' } } })).toEqual([`${T}.tcp.connectTimeout: pattern`]);
    expect(
      errors({
        timeout: {
          http: { connectionIdleTimeout: '1.5h', maxConnectionDuration: '-1s', requestTimeout: '', maxStreamDuration: '1d', streamIdleTimeout: '100000s' },
        },
      }),
    ).toEqual([
      `${T}.http.connectionIdleTimeout: pattern`,
      `${T}.http.maxConnectionDuration: pattern`,
      `${T}.http.requestTimeout: pattern`,
      `${T}.http.maxStreamDuration: pattern`,
      `${T}.http.streamIdleTimeout: pattern`,
    ]);
  });

  it('reports non-string durations as type errors', () => {
    expect(errors({ timeout: { http: { requestTimeout: 10 } } })).toEqual([`${T}.http.requestTimeout: type`, ': celSkipped']);
  });
});
