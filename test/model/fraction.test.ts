import { describe, expect, it } from 'vitest';
import { FractionSchema } from '../../src/model/fraction.js';
import { fractionToPercent } from '../../src/values/fraction.js';
import { parseWithSchema } from '../../src/model/parse.js';

const RULE = 'numerator must be less than or equal to denominator';
const CEL_SKIPPED_MESSAGE = 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

const issuesOf = (input: unknown) => {
  const r = parseWithSchema(FractionSchema, input);
  return r.success ? [] : r.issues.map(({ server: _server, ...issue }) => issue);
};

describe('Gateway API Fraction', () => {
  it('defaults the denominator to 100 before the CEL rule runs', () => {
    const r = parseWithSchema(FractionSchema, { numerator: 25 });
    expect(r).toMatchObject({ success: true, data: { numerator: 25, denominator: 100 } });
  });

  it.each([
    [{ numerator: 0 }],
    [{ numerator: 100 }],
    [{ numerator: 1, denominator: 1 }],
    [{ numerator: 0, denominator: 1 }],
    [{ numerator: 2_147_483_647, denominator: 2_147_483_647 }],
  ])('accepts %j', (input) => {
    expect(issuesOf(input)).toEqual([]);
  });

  it('rejects numerator > denominator with the CRD message (explicit denominator)', () => {
    expect(issuesOf({ numerator: 3, denominator: 2 })).toEqual([{ path: '', message: RULE, code: 'cel' }]);
  });

  it('rejects numerator > the defaulted denominator of 100', () => {
    expect(issuesOf({ numerator: 101 })).toEqual([{ path: '', message: RULE, code: 'cel' }]);
  });

  it('requires the numerator, which blocks the CEL rule', () => {
    expect(issuesOf({ denominator: 10 })).toEqual([
      { path: 'numerator', message: 'Required value', code: 'required' },
      { path: '', message: CEL_SKIPPED_MESSAGE, code: 'celSkipped' },
    ]);
  });

  it('bounds the numerator at 0 and the denominator at 1', () => {
    expect(issuesOf({ numerator: -1 })).toContainEqual({
      path: 'numerator',
      message: 'Invalid value: -1: should be greater than or equal to 0',
      code: 'minimum',
    });
    expect(issuesOf({ numerator: 0, denominator: 0 })).toContainEqual({
      path: 'denominator',
      message: 'Invalid value: 0: should be greater than or equal to 1',
      code: 'minimum',
    });
  });

  it('does not bound either at the int32 maximum (the API server does not range-check `format: int32`)', () => {
    expect(issuesOf({ numerator: 1, denominator: 2_147_483_648 })).toEqual([]);
    expect(issuesOf({ numerator: 2_147_483_648, denominator: 2_147_483_648 })).toEqual([]);
    // Beyond int32, the CEL rule still compares the values.
    expect(issuesOf({ numerator: 2_147_483_649, denominator: 2_147_483_648 })).toEqual([{ path: '', message: RULE, code: 'cel' }]);
  });

  it('rejects a non-integer numerator as a type error, and then skips CEL', () => {
    const issues = issuesOf({ numerator: 1.5 });
    expect(issues).toContainEqual(expect.objectContaining({ path: 'numerator', code: 'type' }));
    expect(issues.map((i) => i.code)).toContain('celSkipped');
    expect(issues.map((i) => i.code)).not.toContain('cel');
  });

  it('rejects a string numerator as a type error', () => {
    expect(issuesOf({ numerator: '1' })).toContainEqual({
      path: 'numerator',
      message: 'Invalid value: "string": must be of type integer',
      code: 'type',
    });
  });
});

describe('fractionToPercent', () => {
  it.each([
    [{ numerator: 1, denominator: 4 }, 25],
    [{ numerator: 5 }, 5],
    [{ numerator: 0, denominator: 7 }, 0],
    [{ numerator: 3, denominator: 3 }, 100],
    [{ numerator: 1, denominator: 1000 }, 0.1],
  ])('%j → %d%%', (fraction, percent) => {
    expect(fractionToPercent(fraction)).toBeCloseTo(percent, 12);
  });
});
