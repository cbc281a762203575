import { describe, it, expect } from 'vitest';
import { parseSpec, validateSpec } from '../../model/helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);
const C = 'spec.connection';
const PREDICTIVE = 'spec: predictivePercent in preconnect policy only works with RoundRobin or Random load balancers';

describe('connection.bufferLimit and socketBufferLimit', () => {
  it('accepts a binary-suffixed quantity and a plain integer (CRD CEL test table)', () => {
    expect(errors({ connection: { bufferLimit: '1Mi' } })).toEqual([]);
    expect(errors({ connection: { bufferLimit: 12345678 } })).toEqual([]);
    expect(parseSpec({ connection: { bufferLimit: '32Ki', socketBufferLimit: '1M' } }).connection).toEqual({ bufferLimit: '32Ki', socketBufferLimit: '1M' });
  });

  it('rejects the milli suffix with the stricter Envoy Gateway pattern (CRD CEL test table)', () => {
    const issues = validateSpec({ connection: { bufferLimit: '1m' } });
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ path: `${C}.bufferLimit`, code: 'pattern' });
    expect(issues[1]).toMatchObject({ path: `${C}.bufferLimit`, code: 'allOf', message: `"${C}.bufferLimit" must validate all the schemas (allOf)` });
    expect(issues[0]!.message).toContain('^[1-9]+[0-9]*([EPTGMK]i|[EPTGMk])?$');
  });

  it('rejects zero, decimals, exponents and signs, which only the Envoy Gateway pattern forbids', () => {
    for (const bad of ['0', '1.5Mi', '1e3', '-1', '+1']) {
      expect(errors({ connection: { bufferLimit: bad } }), bad).toEqual([`${C}.bufferLimit: pattern`, `${C}.bufferLimit: allOf`]);
      expect(errors({ connection: { socketBufferLimit: bad } }), bad).toEqual([`${C}.socketBufferLimit: pattern`, `${C}.socketBufferLimit: allOf`]);
    }
  });

  it('reports both allOf patterns when a string is not a quantity at all', () => {
    for (const bad of ['1K', 'Mi', '1 Mi', '']) {
      expect(errors({ connection: { bufferLimit: bad } }), bad).toEqual([`${C}.bufferLimit: pattern`, `${C}.bufferLimit: pattern`, `${C}.bufferLimit: allOf`]);
    }
  });

  it('rejects values that are neither integer nor string', () => {
    expect(errors({ connection: { bufferLimit: true } })).toEqual([`${C}.bufferLimit: type`, `${C}.bufferLimit: anyOf`, ': celSkipped']);
  });
});

describe('connection.preconnect', () => {
  it('accepts perEndpointPercent within [100..300] (CRD CEL test table)', () => {
    expect(errors({ connection: { preconnect: { perEndpointPercent: 100 } } })).toEqual([]);
    expect(errors({ connection: { preconnect: { perEndpointPercent: 300 } } })).toEqual([]);
    expect(errors({ connection: { preconnect: { perEndpointPercent: 99 } } })).toEqual([`${C}.preconnect.perEndpointPercent: minimum`]);
    expect(errors({ connection: { preconnect: { perEndpointPercent: 305 } } })).toEqual([`${C}.preconnect.perEndpointPercent: maximum`]);
  });

  it('accepts predictivePercent of at least 100 with RoundRobin or Random (CRD CEL test table)', () => {
    expect(errors({ loadBalancer: { type: 'RoundRobin' }, connection: { preconnect: { predictivePercent: 133 } } })).toEqual([]);
    expect(errors({ loadBalancer: { type: 'Random' }, connection: { preconnect: { predictivePercent: 100, perEndpointPercent: 150 } } })).toEqual([]);
    expect(errors({ loadBalancer: { type: 'Random' }, connection: { preconnect: { predictivePercent: 99 } } })).toEqual([
      `${C}.preconnect.predictivePercent: minimum`,
    ]);
  });

  it('rejects predictivePercent with any other load balancer, or none (LeastRequest is the default)', () => {
    expect(errors({ loadBalancer: { type: 'LeastRequest' }, connection: { preconnect: { predictivePercent: 133 } } })).toEqual([PREDICTIVE]);
    expect(errors({ connection: { preconnect: { predictivePercent: 133 } } })).toEqual([PREDICTIVE]);
    expect(errors({ loadBalancer: { type: 'LeastRequest' }, connection: { preconnect: { perEndpointPercent: 133 } } })).toEqual([]);
  });
});
