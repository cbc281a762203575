import { describe, expect, it } from 'vitest';
import { statusRanges } from '../../../src/features/health-check/envoy.js';
import { clusterFor, emit, resolution, rule } from '../../emit/core-support.js';

describe('healthCheck (active)', () => {
  it('builds an HTTP health check with merged status ranges and hex text payloads', () => {
    const c = clusterFor({
      healthCheck: {
        active: {
          timeout: 500,
          interval: 3_000,
          unhealthyThreshold: 3,
          healthyThreshold: 1,
          http: { host: '', path: '/healthz', method: 'POST', expectedStatuses: [200, 201, 300], retriableStatuses: [503, 429], requestBody: { text: 'ping' }, expectedResponse: { binary: 'cG9uZw==' } },
        },
      },
    }, { hostnames: ['www.example.com'] });
    expect(c.healthChecks).toEqual([
      {
        timeout: '0.500s',
        interval: '3s',
        unhealthyThreshold: 3,
        healthyThreshold: 1,
        httpHealthCheck: {
          host: 'www.example.com',
          path: '/healthz',
          method: 'POST',
          expectedStatuses: [{ start: '200', end: '202' }, { start: '300', end: '301' }],
          retriableStatuses: [{ start: '429', end: '430' }, { start: '503', end: '504' }],
          send: { text: '70696e67' },
          receive: [{ binary: 'cG9uZw==' }],
        },
      },
    ]);
  });

  it('uses the policy’s host over the route hostname', () => {
    const c = clusterFor({ healthCheck: { active: { http: { host: 'health.example.com', path: '/', expectedStatuses: [200] } } } }, { hostnames: ['a.example.com'] });
    expect(c.healthChecks[0].httpHealthCheck.host).toBe('health.example.com');
  });

  it('builds TCP and gRPC checkers', () => {
    expect(clusterFor({ healthCheck: { active: { tcp: {} } } }).healthChecks[0].tcpHealthCheck).toEqual({});
    expect(clusterFor({ healthCheck: { active: { tcp: { send: { text: 'a' }, receive: { binary: 'Yg==' } } } } }).healthChecks[0].tcpHealthCheck).toEqual({
      send: { text: '61' },
      receive: [{ binary: 'Yg==' }],
    });
    expect(clusterFor({ healthCheck: { active: { grpc: { service: 'svc' } } } }).healthChecks[0].grpcHealthCheck).toEqual({ serviceName: 'svc' });
    expect(clusterFor({ healthCheck: { active: { grpc: {} } } }).healthChecks[0].grpcHealthCheck).toEqual({});
  });

  it('fills the fields Envoy requires from the CRD defaults when a raw policy lacks them', () => {
    expect(clusterFor({ healthCheck: { active: { tcp: {} } } }).healthChecks[0]).toEqual({
      timeout: '1s',
      interval: '3s',
      unhealthyThreshold: 3,
      healthyThreshold: 1,
      tcpHealthCheck: {},
    });
  });

  it('logs events to the policy’s sinks, else to the gateway-wide health-check log', () => {
    const own = clusterFor({
      healthCheck: { active: { tcp: {}, backendHealthCheckLog: { fileSinks: [{ path: '/a.log' }], alwaysLogHealthCheckFailures: true, alwaysLogHealthCheckSuccess: false } } },
    }).healthChecks[0];
    expect(own.alwaysLogHealthCheckFailures).toBe(true);
    expect(own.alwaysLogHealthCheckSuccess).toBeUndefined();
    expect(own.eventLogger).toEqual([
      {
        name: 'envoy.health_check.event_sinks.file',
        typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.health_check.event_sinks.file.v3.HealthCheckEventFileSink', eventLogPath: '/a.log' },
      },
    ]);
    const gateway = clusterFor({ healthCheck: { active: { tcp: {} } } }, {}, { healthCheckLog: { fileSinks: [{ path: '/gw.log' }], alwaysLogHealthCheckSuccess: true } }).healthChecks[0];
    expect(gateway.alwaysLogHealthCheckSuccess).toBe(true);
    expect(gateway.eventLogger[0].typedConfig.eventLogPath).toBe('/gw.log');
  });
});

describe('healthCheck (passive) and panic threshold', () => {
  it('builds outlier detection, enforcing gateway errors and failure percentage at 100 %', () => {
    const c = clusterFor({
      healthCheck: {
        passive: {
          interval: 2_000,
          baseEjectionTime: 180_000,
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
    expect(c.outlierDetection).toEqual({
      interval: '2s',
      baseEjectionTime: '180s',
      maxEjectionPercent: 100,
      consecutive5xx: 5,
      consecutiveGatewayFailure: 0,
      enforcingConsecutiveGatewayFailure: 100,
      consecutiveLocalOriginFailure: 5,
      failurePercentageThreshold: 90,
      enforcingFailurePercentage: 100,
      alwaysEjectOneHost: true,
    });
  });

  it('omits a zero max ejection percent and a panic threshold of 50', () => {
    const c = clusterFor({ healthCheck: { passive: { maxEjectionPercent: 0 }, panicThreshold: 50 } });
    expect(c.outlierDetection).toEqual({});
    expect(c.commonLbConfig).toEqual({});
    expect(clusterFor({ healthCheck: { panicThreshold: 66 } }).commonLbConfig).toEqual({ healthyPanicThreshold: { value: 66 } });
  });
});

describe('statusRanges', () => {
  it('sorts, de-duplicates and merges consecutive codes into half-open ranges', () => {
    expect(statusRanges([201, 200, 200, 204, 205, 206])).toEqual([
      { start: '200', end: '202' },
      { start: '204', end: '207' },
    ]);
    expect(statusRanges([])).toEqual([]);
    expect(statusRanges(undefined)).toEqual([]);
    expect(statusRanges([200.5, 200])).toEqual([{ start: '200', end: '201' }]);
  });

  it('a malformed list never reaches it: the emitter leaves the health check out and says why', () => {
    const out = emit(resolution(rule({ traffic: { healthCheck: { active: { http: { host: '', path: '/', expectedStatuses: 'x' } } } } as never })));
    expect(out.clusters[0]!.healthChecks).toBeUndefined();
    expect(out.diagnostics).toMatchObject([{ severity: 'error', path: 'routes[0].traffic.healthCheck.active.http.expectedStatuses', feature: 'healthCheck' }]);
  });
});
