import { describe, expect, it } from 'vitest';
import { isRfc3339, readTimestamp, timestampMillis } from '../../src/values/timestamp.js';

describe('readTimestamp', () => {
  it('reads RFC 3339 as Go time.RFC3339 does: fraction optional, a zone required', () => {
    expect(readTimestamp('2024-01-01T10:00:00Z')).toEqual({ kind: 'rfc3339', millis: Date.UTC(2024, 0, 1, 10) });
    expect(readTimestamp('2024-01-01T10:00:00.25Z')).toEqual({ kind: 'rfc3339', millis: Date.UTC(2024, 0, 1, 10, 0, 0, 250) });
    expect(readTimestamp('2024-01-01T10:00:00+02:30')).toEqual({ kind: 'rfc3339', millis: Date.UTC(2024, 0, 1, 7, 30) });
    expect(readTimestamp('0001-01-01T00:00:00Z')).toEqual({ kind: 'rfc3339', millis: -62135596800000 });
    expect(readTimestamp('2024-02-29T00:00:00Z').kind).toBe('rfc3339');
  });

  it('reads other date-times leniently, in UTC when they name no zone', () => {
    expect(readTimestamp('2024-01-01 10:00')).toEqual({ kind: 'lenient', millis: Date.UTC(2024, 0, 1, 10) });
    expect(readTimestamp('2024-01-01')).toEqual({ kind: 'lenient', millis: Date.UTC(2024, 0, 1) });
    expect(readTimestamp('2024-01-01t10:00:00z')).toEqual({ kind: 'lenient', millis: Date.UTC(2024, 0, 1, 10) });
    expect(readTimestamp('2024-01-01 10:00:00 -0500')).toEqual({ kind: 'lenient', millis: Date.UTC(2024, 0, 1, 15) });
    expect(readTimestamp('2024-01-01T10:00:00')).toEqual({ kind: 'lenient', millis: Date.UTC(2024, 0, 1, 10) });
  });

  it('finds no time in what is out of range or not a date-time', () => {
    for (const s of ['2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T10:60:00Z', '2024-01-01T10:00:60Z', '2024-01-01T10:00:00+24:00', 'garbage', 'Mon, 01 Jan 2024 10:00:00 GMT', ''])
      expect(readTimestamp(s), s).toEqual({ kind: 'unreadable' });
    expect(readTimestamp(new Date(Number.NaN))).toEqual({ kind: 'unreadable' });
    expect(readTimestamp(new Date(5))).toEqual({ kind: 'rfc3339', millis: 5 });
  });

  it('never depends on the local time zone', () => {
    const saved = process.env.TZ;
    const readings: unknown[] = [];
    try {
      for (const tz of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
        process.env.TZ = tz;
        readings.push(['2024-01-01 10:00', '2024-01-01', '2024-01-01T10:00:00Z'].map(timestampMillis));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    expect(readings[1]).toEqual(readings[0]);
    expect(readings[2]).toEqual(readings[0]);
  });

  it('orders what it cannot read first', () => {
    expect(timestampMillis(undefined)).toBe(Number.NEGATIVE_INFINITY);
    expect(timestampMillis(12345)).toBe(Number.NEGATIVE_INFINITY);
    expect(timestampMillis('garbage')).toBe(Number.NEGATIVE_INFINITY);
    expect(isRfc3339('2024-01-01T10:00:00Z')).toBe(true);
    expect(isRfc3339('2024-01-01 10:00')).toBe(false);
  });
});

describe('readTimestamp of the API server’s own form (YYYY-MM-DDTHH:MM:SSZ)', () => {
  it('reads every date-time as the general reading does, and Date does', async () => {
    const fc = (await import('fast-check')).default;
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), (y, mo, d, h, mi, s) => {
        const text = `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}Z`;
        // The same instant written with a zero fraction takes the regex reading.
        const general = readTimestamp(text.replace('Z', '.0Z'));
        expect(readTimestamp(text)).toEqual(general);
        const date = new Date(0);
        date.setUTCFullYear(y, mo - 1, d);
        date.setUTCHours(h, mi, s, 0);
        // A day past its month's end is no time at all (Date would roll it over).
        if (date.getUTCDate() === d) expect(readTimestamp(text)).toEqual({ kind: 'rfc3339', millis: date.getTime() });
        else expect(readTimestamp(text)).toEqual({ kind: 'unreadable' });
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves near-misses to the general reading', () => {
    expect(readTimestamp('2024-01-01T10:00:00z')).toEqual({ kind: 'lenient', millis: Date.UTC(2024, 0, 1, 10) });
    expect(readTimestamp('2024-01-01 10:00:00Z')).toEqual({ kind: 'lenient', millis: Date.UTC(2024, 0, 1, 10) });
    expect(readTimestamp('２０２４-01-01T10:00:00Z')).toEqual({ kind: 'unreadable' });
    expect(readTimestamp('2024-1-01T10:00:00ZZ')).toEqual({ kind: 'unreadable' });
    expect(readTimestamp('1900-02-29T00:00:00Z')).toEqual({ kind: 'unreadable' });
    expect(readTimestamp('2000-02-29T00:00:00Z')).toEqual({ kind: 'rfc3339', millis: Date.UTC(2000, 1, 29) });
  });
});
