import { describe, it, expect } from 'vitest';
import { parseSpec, validateSpec } from '../../model/helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);
const B = 'spec.bandwidthLimit';
const SKIPPED = ': celSkipped';
const limit = { value: '1Mi', unit: 'Second' };

describe('bandwidthLimit', () => {
  it('accepts a request limit only, a response limit only, or both (CRD CEL test table)', () => {
    expect(errors({ bandwidthLimit: { request: { limit } } })).toEqual([]);
    expect(errors({ bandwidthLimit: { response: { limit } } })).toEqual([]);
    expect(parseSpec({ bandwidthLimit: { request: { limit }, response: { limit: { value: 2048, unit: 'Hour' } } } }).bandwidthLimit).toEqual({
      request: { limit: { value: '1Mi', unit: 'Second' } },
      response: { limit: { value: 2048, unit: 'Hour' } },
    });
  });

  it('accepts a response trailer prefix (CRD CEL test table)', () => {
    expect(errors({ bandwidthLimit: { response: { limit, responseTrailers: { prefix: 'x-bandwidth' } } } })).toEqual([]);
    expect(errors({ bandwidthLimit: { response: { limit, responseTrailers: {} } } })).toEqual([]);
    expect(errors({ bandwidthLimit: { response: { limit, responseTrailers: { prefix: '' } } } })).toEqual([]);
  });

  it('rejects a trailer prefix containing CR, LF or NUL (CRD CEL test table)', () => {
    for (const prefix of ['x-\rbad', 'x-\nbad', 'x-\u0000bad']) {
      expect(errors({ bandwidthLimit: { response: { limit, responseTrailers: { prefix } } } })).toEqual([
        `${B}.response.responseTrailers.prefix: pattern`,
      ]);
    }
  });

  it('rejects a policy that limits neither direction (CRD CEL test table)', () => {
    expect(validateSpec({ bandwidthLimit: {} })).toEqual([
      { path: B, message: 'at least one of request or response must be specified', code: 'cel' },
    ]);
  });

  it('requires a limit with a value and a unit', () => {
    // A missing required field blocks CEL, as in the API server.
    expect(errors({ bandwidthLimit: { request: {} } })).toEqual([`${B}.request.limit: required`, SKIPPED]);
    expect(errors({ bandwidthLimit: { response: {} } })).toEqual([`${B}.response.limit: required`, SKIPPED]);
    expect(errors({ bandwidthLimit: { request: { limit: { unit: 'Second' } } } })).toEqual([`${B}.request.limit.value: required`, SKIPPED]);
    expect(errors({ bandwidthLimit: { request: { limit: { value: '1Mi' } } } })).toEqual([`${B}.request.limit.unit: required`, SKIPPED]);
  });

  it('limits unit to Second, Minute and Hour', () => {
    for (const unit of ['Second', 'Minute', 'Hour']) expect(errors({ bandwidthLimit: { request: { limit: { value: 10, unit } } } })).toEqual([]);
    expect(errors({ bandwidthLimit: { request: { limit: { value: 10, unit: 'Day' } } } })).toEqual([`${B}.request.limit.unit: enum`, SKIPPED]);
  });

  it('validates the value as a positive Kubernetes quantity string or any integer', () => {
    for (const value of ['10', '1k', '1Ki', '5M', '3Gi']) {
      expect(errors({ bandwidthLimit: { request: { limit: { value, unit: 'Second' } } } })).toEqual([]);
    }
    // Patterns only apply to strings: an integer passes the CRD whatever its sign.
    expect(errors({ bandwidthLimit: { request: { limit: { value: 0, unit: 'Second' } } } })).toEqual([]);
    for (const value of ['0', '1m', '1.5Mi', '-1', '1e3']) {
      expect(errors({ bandwidthLimit: { response: { limit: { value, unit: 'Second' } } } })).toEqual([`${B}.response.limit.value: pattern`, `${B}.response.limit.value: allOf`]);
    }
    // `1K` is not even a generic quantity (the decimal kilo suffix is a lowercase k), so both patterns fail.
    expect(errors({ bandwidthLimit: { response: { limit: { value: '1K', unit: 'Second' } } } })).toEqual([
      `${B}.response.limit.value: pattern`,
      `${B}.response.limit.value: pattern`,
      `${B}.response.limit.value: allOf`,
    ]);
  });
});
