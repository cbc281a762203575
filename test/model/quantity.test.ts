import { describe, expect, it } from 'vitest';
import { parseWithSchema } from '../../src/model/parse.js';
import { QuantitySchema } from '../../src/model/quantity.js';
import { POSITIVE_QUANTITY_PATTERN, QUANTITY_PATTERN, parseQuantity, quantityAsInt64 } from '../../src/values/quantity.js';

/** The CRD's two string patterns on every BTP quantity field. */
const CRD_QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';
const CRD_POSITIVE_PATTERN = '^[1-9]+[0-9]*([EPTGMK]i|[EPTGMk])?$';

describe('parseQuantity (Kubernetes resource.Quantity → number)', () => {
  it.each([
    ['1', 1],
    ['100', 100],
    ['100M', 100e6],
    ['1k', 1e3],
    ['1.5k', 1_500],
    ['1M', 1e6],
    ['1G', 1e9],
    ['1T', 1e12],
    ['1P', 1e15],
    ['1E', 1e18], // a bare E is exa, not an exponent
    ['1Ki', 1_024],
    ['1Mi', 1_048_576],
    ['1Gi', 1_073_741_824],
    ['0.5Gi', 536_870_912],
    ['1Ti', 2 ** 40],
    ['1Ei', 2 ** 60],
    ['1e3', 1_000],
    ['1E3', 1_000],
    ['1e+3', 1_000],
    ['1e-3', 0.001],
    ['2.5e2', 250],
    ['500m', 0.5],
    ['1u', 1e-6],
    ['1n', 1e-9],
    ['+1', 1],
    ['-1', -1],
    ['-1.5Ki', -1_536],
    ['.5', 0.5],
    ['5.', 5],
    ['0', 0],
    ['0.0', 0],
    [12, 12],
    [0, 0],
    [-3, -3],
  ])('%j → %d', (input, value) => {
    expect(parseQuantity(input)).toEqual({ success: true, data: value });
  });

  it.each([[''], ['abc'], ['Gi'], ['1K'], ['1.2.3'], ['1e'], ['1Ki1'], ['1 Gi'], [' 1'], ['1 '], ['--1'], ['1KI'], ['1kb'], ['1mi'], ['0x10'], ['1,5']])(
    'rejects %j with an error quoting Kubernetes’ quantity syntax',
    (input) => {
      const r = parseQuantity(input);
      expect(r.success).toBe(false);
      expect(!r.success && r.error).toContain(`invalid quantity ${JSON.stringify(input)}`);
      expect(!r.success && r.error).toContain('quantities must match the regular expression');
    },
  );

  it.each([[null], [undefined], [true], [{}], [[1]]])('rejects the non-quantity %j', (input) => {
    const r = parseQuantity(input);
    expect(r.success).toBe(false);
    expect(!r.success && r.error).toMatch(/expected a string or an integer/);
  });

  it('rejects non-finite numbers', () => {
    expect(parseQuantity(Number.POSITIVE_INFINITY).success).toBe(false);
    expect(parseQuantity(Number.NaN).success).toBe(false);
  });
});

describe('quantityAsInt64 (resource.Quantity.AsInt64())', () => {
  it.each([
    ['12345678', 12_345_678],
    ['1Mi', 1_048_576],
    ['32Ki', 32_768],
    ['1.5k', 1_500], // a fraction that scales to a whole number is fine
    ['0.5Gi', 536_870_912],
    ['1e3', 1_000],
    ['2000m', 2],
    ['7Ei', 7 * 2 ** 60],
    ['9223372036854775807', 9_223_372_036_854_775_807],
    [4_294_967_295, 4_294_967_295],
    [0, 0],
    ['-5', -5],
  ])('%j → %d', (input, value) => {
    expect(quantityAsInt64(input)).toEqual({ success: true, data: value });
  });

  it.each([['500m'], ['1.5'], ['.5'], ['1n'], ['1u'], ['1e-3'], [1.5]])('fails on the fraction %j', (input) => {
    const r = quantityAsInt64(input);
    expect(r.success).toBe(false);
    expect(!r.success && r.error).toMatch(/not a whole number/);
  });

  it.each([['9223372036854775808'], ['8Ei'], ['10E'], ['1e19'], ['-9223372036854775809']])('fails on %j, beyond int64', (input) => {
    const r = quantityAsInt64(input);
    expect(r.success).toBe(false);
    expect(!r.success && r.error).toMatch(/does not fit in an int64/);
  });

  it('fails on syntax errors as parseQuantity does', () => {
    expect(quantityAsInt64('1K').success).toBe(false);
    expect(quantityAsInt64('').success).toBe(false);
  });
});

describe('QuantitySchema (the CRD int-or-string with both patterns)', () => {
  it('carries exactly the CRD patterns', () => {
    expect(QUANTITY_PATTERN.source).toBe(CRD_QUANTITY_PATTERN);
    expect(POSITIVE_QUANTITY_PATTERN.source).toBe(CRD_POSITIVE_PATTERN);
  });

  it.each([['1'], ['10'], ['12345678'], ['1k'], ['100M'], ['1G'], ['1T'], ['1P'], ['1E'], ['1Ki'], ['1Mi'], ['32Ki'], ['1Gi'], ['1Ti'], ['1Pi'], ['1Ei'], ['11Mi']])(
    'accepts the string %j (matches both patterns)',
    (input) => {
      expect(QuantitySchema.safeParse(input).success).toBe(true);
    },
  );

  it.each([
    ['1m', 'milli: generic pattern only'],
    ['500m', 'milli: generic pattern only'],
    ['0', 'zero: generic pattern only'],
    ['01', 'leading zero'],
    ['1.5k', 'fraction: generic pattern only'],
    ['0.5Gi', 'fraction: generic pattern only'],
    ['1e3', 'exponent: generic pattern only'],
    ['+1', 'sign: generic pattern only'],
    ['-1', 'negative: generic pattern only'],
    ['1K', 'uppercase K without i: neither pattern'],
    ['1n', 'nano: generic pattern only'],
    ['1u', 'micro: generic pattern only'],
    ['', 'empty'],
    ['abc', 'garbage'],
    ['1 Mi', 'space'],
  ])('rejects the string %j (%s)', (input) => {
    expect(QuantitySchema.safeParse(input).success).toBe(false);
  });

  it.each([[0], [1], [-1], [4_294_967_296], [Number.MAX_SAFE_INTEGER]])('accepts any integer, %d (patterns apply to strings only)', (input) => {
    expect(QuantitySchema.safeParse(input).success).toBe(true);
  });

  it.each([[1.5], [true], [null], [{}], [[]]])('rejects %j: neither an integer nor a string', (input) => {
    const r = parseWithSchema(QuantitySchema, input);
    expect(r.success).toBe(false);
    expect(!r.success && r.issues[0]?.code).toBe('type');
  });

  it("reports '1m' against EG's stricter pattern, as the API server does (CEL-test edge case)", () => {
    const r = parseWithSchema(QuantitySchema, '1m');
    expect(r.success).toBe(false);
    expect(!r.success && r.issues).toEqual([
      {
        path: '',
        code: 'pattern',
        message: `Invalid value: "1m": should match '${CRD_POSITIVE_PATTERN}'`,
        server: { field: '', type: 'Invalid value', value: '"1m"', detail: ` in body should match '${CRD_POSITIVE_PATTERN}'` },
      },
      // The two patterns are an allOf in the CRD: one failed.
      { path: '', code: 'allOf', message: '"" must validate all the schemas (allOf)', server: { field: '<nil>', type: 'Invalid value', value: '""', detail: '"" must validate all the schemas (allOf)' } },
    ]);
  });

  it('accepted strings have an int64 value (the translator can read every valid string)', () => {
    for (const input of ['1', '12345678', '1k', '1E', '1Ki', '1Ei', '11Mi']) {
      expect(quantityAsInt64(input).success).toBe(true);
    }
  });
});
