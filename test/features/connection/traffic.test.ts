import { describe, expect, it } from 'vitest';
import { quantityString } from '../../../src/features/raw-values.js';
import { backendConnectionTranslation } from '../../../src/features/connection/traffic.js';
import { expectNeverThrows, run } from '../../resolve/traffic/cluster-helpers.js';

const conn = (connection: unknown) => run(backendConnectionTranslation, { connection });

describe('backendConnection', () => {
  it('converts bufferLimit to bytes', () => {
    expect(conn({ bufferLimit: '100M' })).toEqual({ value: { bufferLimit: 100_000_000 } });
    expect(conn({ bufferLimit: '1Gi' })).toEqual({ value: { bufferLimit: 1_073_741_824 } });
    expect(conn({ bufferLimit: 32768 })).toEqual({ value: { bufferLimit: 32768 } });
    expect(conn({ bufferLimit: 0 })).toEqual({ value: { bufferLimit: 0 } });
  });

  it('copies preconnect; an empty connection gives {}', () => {
    expect(conn({})).toEqual({ value: {} });
    expect(conn({ preconnect: { perEndpointPercent: 105, predictivePercent: 205 } })).toEqual({
      value: { preconnect: { perEndpointPercent: 105, predictivePercent: 205 } },
    });
    expect(conn({ socketBufferLimit: '1Mi' })).toEqual({ value: {} });
  });

  it('reports invalid and out-of-range limits with the canonical quantity', () => {
    expect(conn({ bufferLimit: '100m' })).toEqual({ errors: ['invalid BufferLimit value 100m'] });
    expect(conn({ bufferLimit: '1000G' })).toEqual({ errors: ['BufferLimit value 1T is out of range'] });
    expect(conn({ bufferLimit: '4Gi' })).toEqual({ errors: ['BufferLimit value 4Gi is out of range'] });
    expect(conn({ bufferLimit: 5000000000 })).toEqual({ errors: ['BufferLimit value 5G is out of range'] });
    expect(conn({ bufferLimit: -1 })).toEqual({ errors: ['BufferLimit value -1 is out of range'] });
  });

  it('prints quantities the way Kubernetes does', () => {
    const cases: Array<[unknown, string]> = [
      ['1000G', '1T'],
      [100_000_000, '100M'],
      ['1024Mi', '1Gi'],
      ['1.5Gi', '1536Mi'],
      ['5000Mi', '5000Mi'],
      ['1023Ki', '1023Ki'],
      ['0.5', '500m'],
      ['1.5k', '1500'],
      ['1e3', '1e3'],
      ['0', '0'],
      ['-1Gi', '-1Gi'],
    ];
    for (const [input, text] of cases) expect(quantityString(input)).toBe(text);
  });

  it('never throws on a raw spec', () => {
    expectNeverThrows(backendConnectionTranslation, 'connection');
  });
});
