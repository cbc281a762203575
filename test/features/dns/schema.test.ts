import { describe, it, expect } from 'vitest';
import { DNS_LOOKUP_FAMILIES } from '../../../src/features/dns/schema.js';
import { parseSpec, validateSpec } from '../../model/helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);
const D = 'spec.dns';

describe('dns', () => {
  it('accepts every lookup family', () => {
    for (const lookupFamily of DNS_LOOKUP_FAMILIES) expect(errors({ dns: { lookupFamily } })).toEqual([]);
  });

  it('keeps the settings as given, without defaults', () => {
    expect(parseSpec({ dns: {} }).dns).toEqual({});
    expect(parseSpec({ dns: { dnsRefreshRate: '5s', respectDnsTtl: false, lookupFamily: 'IPv6Preferred' } }).dns).toEqual({
      dnsRefreshRate: '5s',
      respectDnsTtl: false,
      lookupFamily: 'IPv6Preferred',
    });
  });

  it('rejects an unknown lookup family', () => {
    expect(errors({ dns: { lookupFamily: 'Auto' } })).toEqual([`${D}.lookupFamily: enum`, ': celSkipped']);
  });

  it('checks dnsRefreshRate as a Duration and respectDnsTtl as a boolean', () => {
    expect(errors({ dns: { dnsRefreshRate: '30' } })).toEqual([`${D}.dnsRefreshRate: pattern`]);
    expect(errors({ dns: { respectDnsTtl: 'true' } })).toEqual([`${D}.respectDnsTtl: type`, ': celSkipped']);
  });
});
