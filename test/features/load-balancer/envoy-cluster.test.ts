import { describe, expect, it } from 'vitest';
import { clusterFor, lbPolicy, resolution, rule, emit } from '../../emit/core-support.js';
import type { PreferLocalTraffic } from '../../../src/features/load-balancer/traffic.js';

const T = 'type.googleapis.com/envoy.extensions.load_balancing_policies.';
const WEIGHTED = { localityLbConfig: { localityWeightedLbConfig: {} } };

describe('loadBalancer (cluster side)', () => {
  it('maps each type to its Envoy policy with weighted localities', () => {
    expect(lbPolicy(clusterFor({ loadBalancer: { roundRobin: {} } }))).toEqual({
      name: 'envoy.load_balancing_policies.round_robin',
      typedConfig: { '@type': `${T}round_robin.v3.RoundRobin`, ...WEIGHTED },
    });
    expect(lbPolicy(clusterFor({ loadBalancer: { random: {} } }))).toEqual({
      name: 'envoy.load_balancing_policies.random',
      typedConfig: { '@type': `${T}random.v3.Random`, ...WEIGHTED },
    });
    expect(lbPolicy(clusterFor({ loadBalancer: { leastRequest: { slowStart: { window: 60_000 } } } }))).toEqual({
      name: 'envoy.load_balancing_policies.least_request',
      typedConfig: { '@type': `${T}least_request.v3.LeastRequest`, ...WEIGHTED, slowStartConfig: { slowStartWindow: '60s' } },
    });
  });

  it('uses Maglev for consistent hashing, with the table size only when set', () => {
    expect(lbPolicy(clusterFor({ loadBalancer: { consistentHash: { sourceIP: true } } }))).toEqual({
      name: 'envoy.load_balancing_policies.maglev',
      typedConfig: { '@type': `${T}maglev.v3.Maglev` },
    });
    expect(lbPolicy(clusterFor({ loadBalancer: { consistentHash: { tableSize: 524287 } } })).typedConfig.tableSize).toBe('524287');
  });

  it('builds client-side weighted round robin from backend utilization', () => {
    const bu = {
      blackoutPeriod: 30_000,
      weightExpirationPeriod: 60_000,
      weightUpdatePeriod: 0,
      errorUtilizationPenaltyPercent: 57,
      metricNamesForComputingUtilization: ['cpu_utilization'],
      keepResponseHeaders: false,
      slowStart: { window: 45_000 },
      outOfBand: { reportingPeriod: 5_000, port: 9001, authority: 'orca.example.com' },
    };
    expect(lbPolicy(clusterFor({ loadBalancer: { backendUtilization: bu } }))).toEqual({
      name: 'envoy.load_balancing_policies.client_side_weighted_round_robin',
      typedConfig: {
        '@type': `${T}client_side_weighted_round_robin.v3.ClientSideWeightedRoundRobin`,
        blackoutPeriod: '30s',
        weightExpirationPeriod: '60s',
        slowStartConfig: { slowStartWindow: '45s' },
        errorUtilizationPenalty: 0.57,
        metricNamesForComputingUtilization: ['cpu_utilization'],
        enableOobLoadReport: true,
        oobReportingPeriod: '5s',
        oobReportingConfig: { portValue: 9001, authority: 'orca.example.com' },
      },
    });
  });

  it('wraps the configured type in override_host, falling back to the bare type', () => {
    expect(lbPolicy(clusterFor({ loadBalancer: { roundRobin: { slowStart: { window: 1000 } }, endpointOverride: { extractFrom: [{ header: 'x-host' }] } } }))).toEqual({
      name: 'envoy.load_balancing_policies.override_host',
      typedConfig: {
        '@type': `${T}override_host.v3.OverrideHost`,
        overrideHostSources: [{ header: 'x-host' }],
        fallbackPolicy: {
          policies: [{ typedExtensionConfig: { name: 'envoy.load_balancing_policies.round_robin', typedConfig: { '@type': `${T}round_robin.v3.RoundRobin` } } }],
        },
      },
    });
  });

  it('prefers the local zone with Envoy Gateway’s defaults', () => {
    const zoneAware = (preferLocal: PreferLocalTraffic) =>
      emit(resolution(rule({ traffic: { loadBalancer: { leastRequest: {}, preferLocal } } }))).clusters[0]!.loadBalancingPolicy.policies[0].typedExtensionConfig.typedConfig
        .localityLbConfig;
    expect(zoneAware({ minEndpointsThreshold: 3 })).toEqual({ zoneAwareLbConfig: { minClusterSize: '3' } });
    expect(zoneAware({ percentageEnabled: 90, force: {} })).toEqual({
      zoneAwareLbConfig: { minClusterSize: '6', routingEnabled: { value: 90 }, forceLocalZone: { minSize: 1 } },
    });
  });

  it('uses a backend’s own preferLocal when the policy has none', () => {
    const c = clusterFor(undefined, {}, { destinations: { 'httproute/default/web/rule/0': [{ preferLocal: { minEndpointsThreshold: 1, force: { minEndpointsInZoneThreshold: 2 } } }] } });
    expect(lbPolicy(c).typedConfig.localityLbConfig).toEqual({ zoneAwareLbConfig: { minClusterSize: '1', forceLocalZone: { minSize: 2 } } });
  });

  it('splits zone-aware clusters per backend, weighted in the route', () => {
    const out = emit(
      resolution(
        rule({
          backendRefs: [{ name: 'a', weight: 80 }, { name: 'b', weight: 20 }],
          traffic: { loadBalancer: { backendUtilization: { blackoutPeriod: 10_000, keepResponseHeaders: false }, weightedZones: [{ zone: 'z1', weight: 70 }] } },
        }),
      ),
    );
    expect(out.clusters.map((c) => c.name)).toEqual(['httproute/default/web/rule/0/backend/0', 'httproute/default/web/rule/0/backend/1']);
    expect(out.clusters[0]!.loadBalancingPolicy.policies[0].typedExtensionConfig).toEqual({
      name: 'envoy.load_balancing_policies.wrr_locality',
      typedConfig: {
        '@type': `${T}wrr_locality.v3.WrrLocality`,
        endpointPickingPolicy: {
          policies: [
            {
              typedExtensionConfig: {
                name: 'envoy.load_balancing_policies.client_side_weighted_round_robin',
                typedConfig: { '@type': `${T}client_side_weighted_round_robin.v3.ClientSideWeightedRoundRobin`, blackoutPeriod: '10s' },
              },
            },
          ],
        },
      },
    });
    const action = out.routeConfigurations[0]!.virtualHosts[0].routes[0].route;
    expect(action.cluster).toBeUndefined();
    expect(action.clusterNotFoundResponseCode).toBe('INTERNAL_SERVER_ERROR');
    expect(action.weightedClusters).toEqual({
      clusters: [
        { name: 'httproute/default/web/rule/0/backend/0', weight: 80 },
        { name: 'httproute/default/web/rule/0/backend/1', weight: 20 },
      ],
    });
  });

  it('keeps weighted localities on Maglev when zones carry weights', () => {
    const out = emit(resolution(rule({ traffic: { loadBalancer: { consistentHash: { sourceIP: true }, weightedZones: [{ zone: 'z', weight: 1 }] } } })));
    expect(out.clusters[0]!.loadBalancingPolicy.policies[0].typedExtensionConfig.typedConfig).toEqual({
      '@type': `${T}maglev.v3.Maglev`,
      localityWeightedLbConfig: {},
    });
  });
});
