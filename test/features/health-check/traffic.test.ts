import { describe, expect, it } from 'vitest';
import { healthCheckTranslation } from '../../../src/features/health-check/traffic.js';
import { expectNeverThrows, run } from '../../resolve/traffic/cluster-helpers.js';

const hc = (healthCheck: unknown) => run(healthCheckTranslation, { healthCheck });

describe('healthCheck', () => {
  it('is absent when unset, {} when empty', () => {
    expect(run(healthCheckTranslation, {})).toEqual({});
    expect(hc({})).toEqual({ value: {} });
  });

  it('copies panicThreshold', () => {
    expect(hc({ panicThreshold: 66 })).toEqual({ value: { panicThreshold: 66 } });
    expect(hc({ panicThreshold: 0 })).toEqual({ value: { panicThreshold: 0 } });
  });

  describe('active', () => {
    it('HTTP: defaults expectedStatuses to [200], host to "", converts durations', () => {
      expect(hc({ active: { type: 'HTTP', http: { path: '/healthz' }, interval: '5s', timeout: '1s', unhealthyThreshold: 3, healthyThreshold: 1 } })).toEqual({
        value: {
          active: { timeout: 1000, interval: 5000, unhealthyThreshold: 3, healthyThreshold: 1, http: { host: '', path: '/healthz', expectedStatuses: [200] } },
        },
      });
    });

    it('HTTP: de-duplicates and sorts statuses, upper-cases the method, renames hostname to host', () => {
      expect(
        hc({
          active: {
            type: 'HTTP',
            initialJitter: '100ms',
            http: { path: '/h', hostname: 'svc.local', method: 'post', expectedStatuses: [300, 200, 200], retriableStatuses: [503, 429] },
          },
        }),
      ).toEqual({
        value: {
          active: {
            initialJitter: 100,
            http: { host: 'svc.local', path: '/h', method: 'POST', expectedStatuses: [200, 300], retriableStatuses: [429, 503] },
          },
        },
      });
    });

    it('keeps payloads as text or canonical base64', () => {
      expect(
        hc({
          active: {
            type: 'HTTP',
            http: { path: '/', method: 'POST', requestBody: { type: 'Text', text: 'ping' }, expectedResponse: { type: 'Binary', binary: 'RXZlcnl0aGluZyBPSw==' } },
          },
        }).value?.active?.http,
      ).toEqual({ host: '', path: '/', method: 'POST', expectedStatuses: [200], requestBody: { text: 'ping' }, expectedResponse: { binary: 'RXZlcnl0aGluZyBPSw==' } });
      expect(hc({ active: { type: 'TCP', tcp: { send: { type: 'Binary', binary: 'cGlu\nZw==' }, receive: { type: 'Text', text: 'pong' } } } })).toEqual({
        value: { active: { tcp: { send: { binary: 'cGluZw==' }, receive: { text: 'pong' } } } },
      });
    });

    it('GRPC: the grpc block is optional', () => {
      expect(hc({ active: { type: 'GRPC', grpc: { service: 'foo' }, overrides: { port: 9090 } } })).toEqual({
        value: { active: { grpc: { service: 'foo' }, overrides: { port: 9090 } } },
      });
      expect(hc({ active: { type: 'GRPC' } })).toEqual({ value: { active: { grpc: {} } } });
    });

    it('drops only the active duration that does not parse', () => {
      expect(hc({ active: { type: 'TCP', tcp: {}, timeout: 'soon', interval: '3s' } })).toEqual({ value: { active: { interval: 3000, tcp: {} } } });
    });

    it('maps healthCheckLog to backendHealthCheckLog', () => {
      const log = (healthCheckLog: unknown) => hc({ active: { type: 'GRPC', healthCheckLog } }).value?.active?.backendHealthCheckLog;
      expect(log({})).toEqual({ fileSinks: [{ path: '/dev/stdout' }], alwaysLogHealthCheckFailures: true, alwaysLogHealthCheckSuccess: true });
      expect(log({ matches: ['Failure', 'HealthyTransition'], sinks: [{ type: 'File', file: { path: '/var/log/hc.log' } }] })).toEqual({
        fileSinks: [{ path: '/var/log/hc.log' }],
        alwaysLogHealthCheckFailures: true,
      });
      expect(log({ matches: ['FailureSeriesStart', 'Success'] })).toEqual({ fileSinks: [{ path: '/dev/stdout' }], alwaysLogHealthCheckSuccess: true });
    });
  });

  describe('passive', () => {
    it('copies what is set and converts durations', () => {
      expect(
        hc({
          passive: {
            baseEjectionTime: '160s',
            interval: '2s',
            maxEjectionPercent: 100,
            consecutive5XxErrors: 5,
            consecutiveGatewayErrors: 0,
            consecutiveLocalOriginFailures: 5,
            splitExternalLocalOriginErrors: false,
            failurePercentageThreshold: 90,
            alwaysEjectOneEndpoint: true,
          },
        }),
      ).toEqual({
        value: {
          passive: {
            baseEjectionTime: 160_000,
            interval: 2000,
            maxEjectionPercent: 100,
            consecutive5XxErrors: 5,
            consecutiveGatewayErrors: 0,
            consecutiveLocalOriginFailures: 5,
            splitExternalLocalOriginErrors: false,
            failurePercentageThreshold: 90,
            alwaysEjectOneEndpoint: true,
          },
        },
      });
    });

    it('drops the whole block when interval or baseEjectionTime does not parse', () => {
      expect(hc({ passive: { interval: 'x', maxEjectionPercent: 10 }, panicThreshold: 5 })).toEqual({ value: { panicThreshold: 5 } });
      expect(hc({ passive: { baseEjectionTime: '3', maxEjectionPercent: 10 } })).toEqual({ value: {} });
    });
  });

  it('never throws on a raw spec', () => {
    expectNeverThrows(healthCheckTranslation, 'healthCheck');
  });
});
