import { describe, expect, it } from 'vitest';
import { loadBalancerTranslation } from '../../../src/features/load-balancer/traffic.js';
import { expectNeverThrows, run } from '../../resolve/traffic/cluster-helpers.js';

const lb = (loadBalancer: unknown) => run(loadBalancerTranslation, { loadBalancer });

describe('loadBalancer', () => {
  it('is absent when unset', () => {
    expect(run(loadBalancerTranslation, {})).toEqual({});
  });

  it('sets exactly one policy member from type', () => {
    expect(lb({ type: 'Random' })).toEqual({ value: { random: {} } });
    expect(lb({ type: 'RoundRobin' })).toEqual({ value: { roundRobin: {} } });
    expect(lb({ type: 'LeastRequest' })).toEqual({ value: { leastRequest: {} } });
  });

  it('turns the slow-start window into milliseconds (RoundRobin, LeastRequest, BackendUtilization)', () => {
    expect(lb({ type: 'LeastRequest', slowStart: { window: '300s' } })).toEqual({ value: { leastRequest: { slowStart: { window: 300_000 } } } });
    expect(lb({ type: 'RoundRobin', slowStart: { window: '1m30s' } })).toEqual({ value: { roundRobin: { slowStart: { window: 90_000 } } } });
    expect(lb({ type: 'RoundRobin', slowStart: {} })).toEqual({ value: { roundRobin: {} } });
    // Not a slow-start type: ignored (the CRD rejects it anyway).
    expect(lb({ type: 'Random', slowStart: { window: '1s' } })).toEqual({ value: { random: {} } });
  });

  it('reports an unparsable slow-start window with Go\'s own error', () => {
    expect(lb({ type: 'RoundRobin', slowStart: { window: 'soon' } })).toEqual({ errors: ['time: invalid duration "soon"'] });
    expect(lb({ type: 'LeastRequest', slowStart: { window: '5x' } })).toEqual({ errors: ['time: unknown unit "x" in duration "5x"'] });
  });

  describe('consistentHash', () => {
    const ch = (consistentHash: unknown) => lb({ type: 'ConsistentHash', consistentHash });

    it('maps each hash type to its IR member', () => {
      expect(ch({ type: 'SourceIP' })).toEqual({ value: { consistentHash: { sourceIP: true } } });
      expect(ch({ type: 'Header', header: { name: 'x-user' } })).toEqual({ value: { consistentHash: { headers: [{ name: 'x-user' }] } } });
      expect(ch({ type: 'Headers', headers: [{ name: 'a' }, { name: 'b' }] })).toEqual({
        value: { consistentHash: { headers: [{ name: 'a' }, { name: 'b' }] } },
      });
      expect(ch({ type: 'QueryParams', queryParams: [{ name: 'q' }] })).toEqual({ value: { consistentHash: { queryParams: [{ name: 'q' }] } } });
      expect(ch({ type: 'Cookie', cookie: { name: 'c', ttl: '1h', attributes: { SameSite: 'Strict' } } })).toEqual({
        value: { consistentHash: { cookie: { name: 'c', ttl: 3_600_000, attributes: { SameSite: 'Strict' } } } },
      });
      expect(ch({ type: 'Cookie', cookie: { name: 'c' } })).toEqual({ value: { consistentHash: { cookie: { name: 'c' } } } });
    });

    it('keeps tableSize only when set (no API-server default 65537 on a raw spec)', () => {
      expect(ch({ type: 'SourceIP', tableSize: 524287 })).toEqual({ value: { consistentHash: { sourceIP: true, tableSize: 524287 } } });
      expect(ch({ type: 'SourceIP', tableSize: 5000011 })).toEqual({ value: { consistentHash: { sourceIP: true, tableSize: 5000011 } } });
      expect(ch({ type: 'SourceIP', tableSize: 2 })).toEqual({ value: { consistentHash: { sourceIP: true, tableSize: 2 } } });
      expect(ch({ tableSize: 65537 })).toEqual({ value: { consistentHash: { tableSize: 65537 } } });
    });

    it('rejects a table size that is not a prime ≤ 5000011', () => {
      for (const size of [1024, 5000012, 5000017, 1, 0, -7, 9]) {
        expect(ch({ type: 'SourceIP', tableSize: size })).toEqual({ errors: [`ConsistentHash: invalid TableSize value ${size}`] });
      }
    });

    it('checks the table size before anything else', () => {
      expect(ch({ tableSize: 1024 })).toEqual({ errors: ['ConsistentHash: invalid TableSize value 1024'] });
    });
  });

  describe('backendUtilization', () => {
    it('converts its periods to milliseconds and always states keepResponseHeaders', () => {
      expect(
        lb({
          type: 'BackendUtilization',
          slowStart: { window: '300s' },
          backendUtilization: {
            blackoutPeriod: '10s',
            weightExpirationPeriod: '60s',
            weightUpdatePeriod: '500ms',
            errorUtilizationPenaltyPercent: 100,
            metricNamesForComputingUtilization: ['cpu_utilization'],
            outOfBand: { reportingPeriod: '5s', port: 9001, authority: 'orca.example.com' },
          },
        }),
      ).toEqual({
        value: {
          backendUtilization: {
            blackoutPeriod: 10_000,
            weightExpirationPeriod: 60_000,
            weightUpdatePeriod: 500,
            errorUtilizationPenaltyPercent: 100,
            metricNamesForComputingUtilization: ['cpu_utilization'],
            keepResponseHeaders: false,
            outOfBand: { reportingPeriod: 5000, port: 9001, authority: 'orca.example.com' },
            slowStart: { window: 300_000 },
          },
        },
      });
      expect(lb({ type: 'BackendUtilization', backendUtilization: { keepResponseHeaders: true, outOfBand: {} } })).toEqual({
        value: { backendUtilization: { keepResponseHeaders: true, outOfBand: {} } },
      });
    });

    it('reports unparsable periods with the value and Go\'s error', () => {
      const bu = (backendUtilization: unknown) => lb({ type: 'BackendUtilization', backendUtilization });
      expect(bu({ blackoutPeriod: '10x' })).toEqual({ errors: ['invalid BlackoutPeriod value 10x: time: unknown unit "x" in duration "10x"'] });
      expect(bu({ weightExpirationPeriod: 'a' })).toEqual({ errors: ['invalid WeightExpirationPeriod value a: time: invalid duration "a"'] });
      expect(bu({ weightUpdatePeriod: '1' })).toEqual({ errors: ['invalid WeightUpdatePeriod value 1: time: missing unit in duration "1"'] });
      expect(bu({ outOfBand: { reportingPeriod: '' } })).toEqual({ errors: ['invalid OutOfBand ReportingPeriod value : time: invalid duration ""'] });
    });
  });

  it('adds zone-aware settings and endpoint override beside the policy', () => {
    expect(
      lb({
        type: 'RoundRobin',
        zoneAware: { preferLocal: { force: { minEndpointsInZoneThreshold: 1 }, minEndpointsThreshold: 3, percentageEnabled: 50 } },
        endpointOverride: { extractFrom: [{ header: 'x-custom-host' }] },
      }),
    ).toEqual({
      value: {
        roundRobin: {},
        preferLocal: { force: { minEndpointsInZoneThreshold: 1 }, minEndpointsThreshold: 3, percentageEnabled: 50 },
        endpointOverride: { extractFrom: [{ header: 'x-custom-host' }] },
      },
    });
    expect(
      lb({
        type: 'BackendUtilization',
        backendUtilization: {},
        zoneAware: { weightedZones: [{ zone: 'a', weight: 80 }, { zone: 'b', weight: 20 }] },
      }),
    ).toEqual({
      value: { backendUtilization: { keepResponseHeaders: false }, weightedZones: [{ zone: 'a', weight: 80 }, { zone: 'b', weight: 20 }] },
    });
  });

  it('produces nothing for a type Envoy Gateway does not translate', () => {
    expect(lb({ type: 'DynamicModule', dynamicModule: { name: 'm', lbPolicyName: 'p' } })).toEqual({});
    expect(lb({ type: 'Fancy' })).toEqual({});
  });

  it('never throws on a raw spec', () => {
    expectNeverThrows(loadBalancerTranslation, 'loadBalancer');
  });
});
