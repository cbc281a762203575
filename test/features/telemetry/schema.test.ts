import { describe, it, expect } from 'vitest';
import { parseSpec, validateSpec } from '../../model/helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);
const T = 'spec.telemetry.tracing';
const SKIPPED = ': celSkipped';
const FRACTIONS = ['samplingFraction', 'clientSamplingFraction', 'overallSamplingFraction'] as const;

describe('telemetry', () => {
  it('accepts every tracing and metrics field', () => {
    const telemetry = {
      tracing: {
        samplingFraction: { numerator: 1, denominator: 1000 },
        clientSamplingFraction: { numerator: 5, denominator: 10 },
        overallSamplingFraction: { numerator: 100, denominator: 100 },
        tags: { team: 'payments' },
        spanName: { client: '%REQ(:AUTHORITY)%', server: '%ROUTE_NAME%' },
      },
      metrics: { routeStatName: '%ROUTE_NAMESPACE%/%ROUTE_NAME%' },
    };
    expect(parseSpec({ telemetry }).telemetry).toEqual(telemetry);
  });

  it('defaults each fraction denominator to 100', () => {
    for (const f of FRACTIONS) expect(parseSpec({ telemetry: { tracing: { [f]: { numerator: 3 } } } }).telemetry.tracing[f]).toEqual({ numerator: 3, denominator: 100 });
  });

  it('rejects a fraction above 1 on each of the three fractions', () => {
    for (const f of FRACTIONS) {
      expect(validateSpec({ telemetry: { tracing: { [f]: { numerator: 101 } } } })).toEqual([
        { path: `${T}.${f}`, message: 'numerator must be less than or equal to denominator', code: 'cel' },
      ]);
    }
  });

  it('bounds fractions: numerator required (its absence blocks the fraction rule) and at least 0, denominator at least 1', () => {
    expect(validateSpec({ telemetry: { tracing: { samplingFraction: {} } } })).toEqual([
      { path: `${T}.samplingFraction.numerator`, message: 'Required value', code: 'required' },
      {
        path: '',
        message: 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
        code: 'celSkipped',
      },
    ]);
    // With the numerator present the rule runs (see also the tests above): failing, then passing.
    expect(errors({ telemetry: { tracing: { samplingFraction: { numerator: 11, denominator: 10 } } } })).toEqual([
      `${T}.samplingFraction: numerator must be less than or equal to denominator`,
    ]);
    expect(errors({ telemetry: { tracing: { samplingFraction: { numerator: 10, denominator: 10 } } } })).toEqual([]);
    expect(errors({ telemetry: { tracing: { samplingFraction: { numerator: -1 } } } })).toEqual([`${T}.samplingFraction.numerator: minimum`]);
    expect(errors({ telemetry: { tracing: { clientSamplingFraction: { numerator: 0, denominator: 0 } } } })).toEqual([
      `${T}.clientSamplingFraction.denominator: minimum`,
    ]);
  });

  it('defaults the deprecated customTags type to Literal', () => {
    const spec = parseSpec({
      telemetry: {
        tracing: {
          customTags: {
            env: { literal: { value: 'prod' } },
            pod: { type: 'Environment', environment: { name: 'POD_NAME', defaultValue: '-' } },
            user: { type: 'RequestHeader', requestHeader: { name: 'x-user' } },
          },
        },
      },
    });
    expect(spec.telemetry.tracing.customTags).toEqual({
      env: { type: 'Literal', literal: { value: 'prod' } },
      pod: { type: 'Environment', environment: { name: 'POD_NAME', defaultValue: '-' } },
      user: { type: 'RequestHeader', requestHeader: { name: 'x-user' } },
    });
  });

  it('does not tie a custom tag type to its sub-object (no such rule in the CRD)', () => {
    expect(errors({ telemetry: { tracing: { customTags: { a: { type: 'Environment', literal: { value: 'x' } } } } } })).toEqual([]);
  });

  it('validates custom tags: known types, and the required name or value of each source', () => {
    const C = `${T}.customTags`;
    expect(errors({ telemetry: { tracing: { customTags: { a: { type: 'Metadata' } } } } })).toEqual([`${C}.a.type: enum`, SKIPPED]);
    expect(errors({ telemetry: { tracing: { customTags: { a: { literal: {} } } } } })).toEqual([`${C}.a.literal.value: required`, SKIPPED]);
    expect(errors({ telemetry: { tracing: { customTags: { a: { type: 'Environment', environment: {} } } } } })).toEqual([
      `${C}.a.environment.name: required`,
      SKIPPED,
    ]);
    expect(errors({ telemetry: { tracing: { customTags: { a: { type: 'RequestHeader', requestHeader: {} } } } } })).toEqual([
      `${C}.a.requestHeader.name: required`,
      SKIPPED,
    ]);
  });

  it('requires both span names', () => {
    expect(errors({ telemetry: { tracing: { spanName: { client: 'c' } } } })).toEqual([`${T}.spanName.server: required`, SKIPPED]);
    expect(errors({ telemetry: { tracing: { spanName: { server: 's' } } } })).toEqual([`${T}.spanName.client: required`, SKIPPED]);
  });

  it('takes tags as a string map', () => {
    expect(errors({ telemetry: { tracing: { tags: { a: 1 } } } })).toEqual([`${T}.tags.a: type`, SKIPPED]);
  });
});
