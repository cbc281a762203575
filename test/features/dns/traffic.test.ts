import { describe, expect, it } from 'vitest';
import { dnsTranslation } from '../../../src/features/dns/traffic.js';
import { expectNeverThrows, run } from '../../resolve/traffic/cluster-helpers.js';

const dns = (value: unknown) => run(dnsTranslation, { dns: value });

describe('dns', () => {
  it('names the settings after the policy and converts the refresh rate', () => {
    expect(run(dnsTranslation, {})).toEqual({});
    expect(dns({})).toEqual({ value: { name: 'ns/policy' } });
    expect(dns({ dnsRefreshRate: '5s', respectDnsTtl: false, lookupFamily: 'IPv6' })).toEqual({
      value: { name: 'ns/policy', dnsRefreshRate: 5000, respectDnsTtl: false, lookupFamily: 'IPv6' },
    });
  });

  it('silently drops a refresh rate that does not parse', () => {
    expect(dns({ dnsRefreshRate: 'often', respectDnsTtl: true })).toEqual({ value: { name: 'ns/policy', respectDnsTtl: true } });
  });

  it('never throws on a raw spec', () => {
    expectNeverThrows(dnsTranslation, 'dns');
  });
});
