import { describe, expect, it } from 'vitest';
import { compressionTranslation } from '../../../src/features/compression/traffic.js';
import { expectNeverThrows, run } from '../../resolve/traffic/route-helpers.js';

describe('compression', () => {
  it('uses compressor entries whose config block is present; chooseFirst on index 0', () => {
    expect(run(compressionTranslation, { compressor: [{ type: 'Brotli', brotli: {} }, { type: 'Gzip', gzip: {} }, { type: 'Zstd', zstd: {} }] })).toEqual({
      value: [{ type: 'Brotli', chooseFirst: true }, { type: 'Gzip' }, { type: 'Zstd' }],
    });
  });

  it('drops compressor entries without their block, and chooseFirst with a dropped index 0', () => {
    expect(run(compressionTranslation, { compressor: [{ type: 'Gzip', gzip: null }, { type: 'Brotli', brotli: {} }, { type: 'Zstd', gzip: {} }] })).toEqual({
      value: [{ type: 'Brotli' }],
    });
    expect(run(compressionTranslation, { compressor: [{ type: 'Gzip', gzip: null }, { type: 'Brotli', brotli: null }] })).toEqual({});
  });

  it('uses the deprecated compression list when compressor is empty; its entries need only a type', () => {
    expect(run(compressionTranslation, { compressor: [], compression: [{ type: 'Gzip' }, { type: 'Brotli', minContentLength: '1Ki' }] })).toEqual({
      value: [{ type: 'Gzip', chooseFirst: true }, { type: 'Brotli', minContentLength: 1024 }],
    });
  });

  it('prefers compressor over compression', () => {
    expect(run(compressionTranslation, { compressor: [{ type: 'Zstd', zstd: {} }], compression: [{ type: 'Gzip' }] })).toEqual({
      value: [{ type: 'Zstd', chooseFirst: true }],
    });
  });

  it('sets minContentLength only for whole numbers, as a uint32', () => {
    expect(run(compressionTranslation, { compressor: [{ type: 'Gzip', gzip: {}, minContentLength: 100 }] }).value).toEqual([
      { type: 'Gzip', chooseFirst: true, minContentLength: 100 },
    ]);
    expect(run(compressionTranslation, { compression: [{ type: 'Gzip', minContentLength: '1.5' }] }).value).toEqual([{ type: 'Gzip', chooseFirst: true }]);
    expect(run(compressionTranslation, { compression: [{ type: 'Gzip', minContentLength: -1 }] }).value).toEqual([
      { type: 'Gzip', chooseFirst: true, minContentLength: 4294967295 },
    ]);
  });

  it('is absent when neither list is set', () => {
    expect(run(compressionTranslation, {})).toEqual({});
    expect(run(compressionTranslation, { compression: [] })).toEqual({});
  });

  it('never throws on arbitrary input', () => {
    expectNeverThrows(compressionTranslation, 'compressor', 'compression');
  });
});
