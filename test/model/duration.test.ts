import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DurationSchema } from '../../src/model/duration.js';
import { DURATION_PATTERN, formatGoDuration, parseDuration, parseGoDuration } from '../../src/values/duration.js';
import { parseWithSchema } from '../../src/model/parse.js';

/** The CRD's Duration pattern, as the API server reports it. */
const CRD_PATTERN = '^([0-9]{1,5}(h|m|s|ms)){1,4}$';

describe('Gateway API Duration (the CRD pattern)', () => {
  it.each([
    ['0s'],
    ['1h'],
    ['1m'],
    ['1s'],
    ['500ms'],
    ['1h30m'],
    ['99999ms'],
    ['00001s'],
    ['1h1m1s1ms'], // four groups: the maximum
    ['1s1h'], // the pattern does not enforce unit order
    ['1ms1ms1ms1ms'], // repeated units are allowed (Go sums them)
    ['0h0m0s0ms'],
  ])('accepts %s', (value) => {
    expect(DurationSchema.safeParse(value).success).toBe(true);
    expect(DURATION_PATTERN.test(value)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['1', 'no unit'],
    ['s', 'no digits'],
    ['1.5s', 'fraction'],
    ['5.4s', 'fraction'],
    ['100000s', 'six digits in a group'],
    ['1h1m1s1ms1s', 'five groups'],
    ['1us', 'microseconds are not a Gateway API unit'],
    ['1µs', 'microseconds are not a Gateway API unit'],
    ['10ns', 'nanoseconds are not a Gateway API unit'],
    ['1d', 'days'],
    ['-1s', 'sign'],
    ['+1s', 'sign'],
    ['1H', 'uppercase unit'],
    ['1S', 'uppercase unit'],
    [' 1s', 'leading space'],
    ['1s ', 'trailing space'],
    ['1s\n', 'trailing newline ($ is end of input, as in RE2)'],
    ['1 s', 'inner space'],
    ['1msms', 'a unit without digits'],
    ['1e3s', 'exponent'],
    ['0x10s', 'hex'],
  ])('rejects %j (%s)', (value) => {
    expect(DurationSchema.safeParse(value).success).toBe(false);
    expect(DURATION_PATTERN.test(value)).toBe(false);
  });

  it('rejects non-strings as a type error', () => {
    const r = parseWithSchema(DurationSchema, 5);
    expect(r.success).toBe(false);
    expect(!r.success && r.issues[0]).toMatchObject({ code: 'type', message: 'Invalid value: "integer": must be of type string' });
  });

  it("reports a pattern violation with the CRD's pattern, as the API server does", () => {
    const r = parseWithSchema(DurationSchema, '1.5s');
    expect(r.success).toBe(false);
    expect(!r.success && r.issues).toEqual([
      { path: '', code: 'pattern', message: `Invalid value: "1.5s": should match '${CRD_PATTERN}'`, server: { field: '', type: 'Invalid value', value: '"1.5s"', detail: ` in body should match '${CRD_PATTERN}'` } },
    ]);
  });

  it('the pattern is anchored and equivalent to the CRD (source check)', () => {
    expect(DURATION_PATTERN.source).toBe(CRD_PATTERN);
    expect(DURATION_PATTERN.flags).toBe('');
  });
});

describe('parseDuration (Gateway API Duration → milliseconds)', () => {
  it.each([
    ['0s', 0],
    ['1ms', 1],
    ['500ms', 500],
    ['1s', 1_000],
    ['1m', 60_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1h1m1s1ms', 3_661_001],
    ['1s1h', 3_601_000],
    ['1m1ms', 60_001], // `ms` is one unit, never `m` followed by a unit-less `s`
    ['10ms10ms', 20],
    ['99999h', 359_996_400_000],
    ['00030s', 30_000],
  ])('%s → %d ms', (value, ms) => {
    expect(parseDuration(value)).toEqual({ success: true, data: ms });
  });

  it.each([['1.5s'], ['10us'], ['-1s'], [''], ['1d'], ['100000ms']])('fails on %j with a clear error naming the value', (value) => {
    const r = parseDuration(value);
    expect(r.success).toBe(false);
    expect(!r.success && r.error).toContain(JSON.stringify(value));
    expect(!r.success && r.error).toMatch(/1 to 4 groups/);
  });

  it.each([[5], [null], [undefined], [{}]])('fails on the non-string %j', (value) => {
    const r = parseDuration(value);
    expect(r.success).toBe(false);
    expect(!r.success && r.error).toMatch(/expected a string/);
  });
});

describe("parseGoDuration (Go's time.ParseDuration → nanoseconds)", () => {
  it.each([
    ['0', 0],
    ['-0', 0],
    ['+0', 0],
    ['0s', 0],
    ['00s', 0],
    ['1ns', 1],
    ['10us', 10_000],
    ['10µs', 10_000], // U+00B5 micro sign
    ['10μs', 10_000], // U+03BC Greek mu
    ['1ms', 1_000_000],
    ['1s', 1e9],
    ['1.5s', 1.5e9],
    ['5.4s', 5.4e9],
    ['.5s', 5e8],
    ['1.s', 1e9],
    ['+5s', 5e9],
    ['-1s', -1e9],
    ['-1.5h', -5.4e12],
    ['1h2m', 3_720e9],
    ['1h1h', 7_200e9], // repeated units add up
    ['1s1h', 3_601e9],
    ['0.1h', 360e9],
    ['1.123456789123s', 1_123_456_789], // truncated to nanoseconds
    ['1.0000000001s', 1e9],
    ['2562047h', 2_562_047 * 3_600e9], // the largest whole number of hours in an int64
  ])('%s → %d ns', (value, ns) => {
    expect(parseGoDuration(value)).toEqual({ success: true, data: ns });
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['-', 'time: invalid duration "-"'],
    ['s', 'time: invalid duration "s"'],
    ['.s', 'time: invalid duration ".s"'],
    ['-.s', 'time: invalid duration "-.s"'],
    ['1', 'time: missing unit in duration "1"'],
    ['1s2', 'time: missing unit in duration "1s2"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['1e3s', 'time: unknown unit "e" in duration "1e3s"'],
    ['1s ', 'time: unknown unit "s " in duration "1s "'],
    ['1 s', 'time: unknown unit " s" in duration "1 s"'],
    ['1s-2s', 'time: unknown unit "s-" in duration "1s-2s"'],
    ['1S', 'time: unknown unit "S" in duration "1S"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['2562048h', 'time: invalid duration "2562048h"'],
    ['99999999999999999999s', 'time: invalid duration "99999999999999999999s"'],
  ])("rejects %j with Go's text", (value, error) => {
    expect(parseGoDuration(value)).toEqual({ success: false, error });
  });

  it('reads a whole number and one unit as exactly the nanoseconds Go sums in int64', () => {
    const unitNs: Record<string, bigint> = { ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,19}$/), fc.constantFrom(...Object.keys(unitNs)), (digits, unit) => {
        const ns = BigInt(digits) * unitNs[unit]!;
        const expected = ns > 9223372036854775807n ? { success: false, error: `time: invalid duration ${JSON.stringify(digits + unit)}` } : { success: true, data: Number(ns) };
        expect(parseGoDuration(digits + unit)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every string the Gateway API pattern accepts, with the same value (ms × 1e6)', () => {
    for (const value of ['0s', '500ms', '1h30m', '1s1h', '1h1m1s1ms', '99999h', '1m1ms']) {
      const ms = parseDuration(value);
      const ns = parseGoDuration(value);
      expect(ms.success && ns.success && ns.data).toBe(ms.success && ms.data * 1e6);
    }
  });

  // Go: the magnitude may reach 1<<63 before the sign is applied, so the int64 minimum parses.
  it('accepts the int64 minimum, -9223372036854775808ns, as Go does', () => {
    expect(parseGoDuration('-9223372036854775808ns')).toEqual({ success: true, data: -9223372036854775808 });
  });
});

describe("formatGoDuration (Go's Duration.String())", () => {
  it.each([
    [0, '0s'],
    [1, '1ns'],
    [999, '999ns'],
    [1_000, '1µs'],
    [1_500, '1.5µs'],
    [1e6, '1ms'],
    [1.5e6, '1.5ms'],
    [5e8, '500ms'],
    [1e9, '1s'],
    [1.5e9, '1.5s'],
    [1_000_000_001, '1.000000001s'],
    [16e9, '16s'],
    [60e9, '1m0s'],
    [61e9, '1m1s'],
    [90e9, '1m30s'],
    [3_600e9, '1h0m0s'],
    [5_400e9, '1h30m0s'],
    [3_600.5e9, '1h0m0.5s'],
    [86_400e9, '24h0m0s'],
    [-1e9, '-1s'],
    [-1.5e6, '-1.5ms'],
    [-3_600e9, '-1h0m0s'],
  ])('%d ns → %s', (ns, text) => {
    expect(formatGoDuration(ns)).toBe(text);
  });

  it('round-trips through parseGoDuration', () => {
    for (const ns of [0, 1, 1_500, 1.5e6, 1.5e9, 61e9, 3_600.5e9, 5_400e9, -1e9]) {
      expect(parseGoDuration(formatGoDuration(ns))).toEqual({ success: true, data: ns });
    }
  });
});
