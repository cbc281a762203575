import { describe, expect, it } from 'vitest';
import { anyOf, durationFromMs, float32, hexOfText, int64, typedExtension } from '../../src/emit/protojson.js';

describe('protojson printing', () => {
  it('prints durations with 0, 3, 6 or 9 fraction digits, as Go does', () => {
    expect(durationFromMs(10_000)).toBe('10s');
    expect(durationFromMs(500)).toBe('0.500s');
    expect(durationFromMs(5_400)).toBe('5.400s');
    expect(durationFromMs(3_600_000)).toBe('3600s');
    expect(durationFromMs(0)).toBe('0s');
    expect(durationFromMs(0.001)).toBe('0.000001s');
    expect(durationFromMs(0.000001)).toBe('0.000000001s');
    expect(durationFromMs(1.5)).toBe('0.001500s');
    expect(durationFromMs(-1500)).toBe('-1.500s');
  });

  it('prints 64-bit integers as decimal strings', () => {
    expect(int64(5)).toBe('5');
    expect(int64(524287)).toBe('524287');
    expect(int64(4294967295)).toBe('4294967295');
    expect(int64(12n)).toBe('12');
  });

  it('prints float32 values in their shortest round-trip form', () => {
    expect(float32(0.1)).toBe(0.1);
    expect(float32(1)).toBe(1);
    expect(float32(Math.fround(Math.fround(57) / 100))).toBe(0.57);
    expect(float32(1 / 3)).toBe(0.33333334);
  });

  it('wraps Any payloads with their type URL', () => {
    expect(anyOf('envoy.x.v3.Y', { a: 1 })).toEqual({ '@type': 'type.googleapis.com/envoy.x.v3.Y', a: 1 });
    expect(typedExtension('n', 'envoy.x.v3.Y')).toEqual({ name: 'n', typedConfig: { '@type': 'type.googleapis.com/envoy.x.v3.Y' } });
  });

  it('hex-encodes health-check text payloads as UTF-8 bytes', () => {
    expect(hexOfText('ping')).toBe('70696e67');
    expect(hexOfText('é')).toBe('c3a9');
  });
});
