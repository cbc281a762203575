import { describe, it, expect } from 'vitest';
import { parseSpec, validateSpec } from '../../model/helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);
const SKIPPED = ': celSkipped';

describe('compression and compressor', () => {
  it('accepts a compressor list (CRD CEL test table)', () => {
    const compressor = [{ type: 'Brotli', brotli: {} }, { type: 'Gzip', gzip: {}, minContentLength: '1Ki' }, { type: 'Zstd', zstd: {} }];
    expect(parseSpec({ compressor }).compressor).toEqual(compressor);
  });

  it('accepts the deprecated compression list, where type alone is enough (CRD CEL test table)', () => {
    expect(parseSpec({ compression: [{ type: 'Gzip' }] }).compression).toEqual([{ type: 'Gzip' }]);
  });

  it('rejects both lists at once (CRD CEL test table)', () => {
    expect(validateSpec({ compression: [{ type: 'Gzip' }], compressor: [{ type: 'Brotli' }] })).toEqual([
      { path: 'spec', message: 'either compression or compressor can be set, not both', code: 'cel' },
    ]);
  });

  it('requires a known type', () => {
    expect(errors({ compressor: [{ gzip: {} }] })).toEqual(['spec.compressor[0].type: required', SKIPPED]);
    expect(errors({ compressor: [{ type: 'Deflate' }] })).toEqual(['spec.compressor[0].type: enum', SKIPPED]);
    expect(errors({ compression: [{ type: 'gzip' }] })).toEqual(['spec.compression[0].type: enum', SKIPPED]);
  });

  it('takes minContentLength as a quantity: any integer, or a positive quantity string', () => {
    expect(errors({ compressor: [{ type: 'Gzip', minContentLength: 30 }] })).toEqual([]);
    expect(errors({ compressor: [{ type: 'Gzip', minContentLength: '100' }] })).toEqual([]);
    expect(errors({ compressor: [{ type: 'Gzip', minContentLength: '0.5Ki' }] })).toEqual(['spec.compressor[0].minContentLength: pattern', 'spec.compressor[0].minContentLength: allOf']);
    expect(errors({ compressor: [{ type: 'Gzip', minContentLength: true }] })).toEqual(['spec.compressor[0].minContentLength: type', 'spec.compressor[0].minContentLength: anyOf', SKIPPED]);
  });

  it('has no settings inside the algorithm objects: their fields are unknown', () => {
    expect(validateSpec({ compressor: [{ type: 'Gzip', gzip: { level: 9 } }] }, { unknownFields: 'error' })).toEqual([
      { path: 'spec.compressor[0].gzip.level', message: 'unknown field "spec.compressor[0].gzip.level"', code: 'unknownField' },
    ]);
    expect(parseSpec({ compressor: [{ type: 'Gzip', gzip: { level: 9 } }] }).compressor).toEqual([{ type: 'Gzip', gzip: {} }]);
  });
});
