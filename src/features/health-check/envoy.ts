/**
 * `traffic.healthCheck` → `Cluster.health_checks[0]` (active), `Cluster.outlier_detection`
 * (passive) and `Cluster.common_lb_config.healthy_panic_threshold`.
 *
 * Conversions Envoy Gateway makes and we copy: expected/retriable statuses become half-open
 * `Int64Range`s with consecutive codes merged (`200,201` → `[200,202)`); text payloads are
 * hex-encoded, binary ones stay base64 (protojson `bytes`); an empty HTTP host means the route's
 * hostname; the event log falls back to the EnvoyProxy's gateway-wide `healthCheckLog`;
 * `consecutiveGatewayErrors` and `failurePercentageThreshold` switch their enforcement to 100 %;
 * a panic threshold of 50 (Envoy's default) is left out.
 */
import type { EmitContext } from '../../emit/emit-context.js';
import type { HealthCheck, HealthCheckPayload, Int64Range, OutlierDetection } from '../../emit/envoy-types/index.js';
import type { ClusterEmission } from '../feature.js';
import { anyOf, duration, durationFromMs, hexOfText, int64 } from '../../emit/protojson.js';
import { isHttpCluster } from '../../emit/cluster-kinds.js';
import { EnvoyRules, UINT32_MAX } from '../../emit/envoy-rules.js';
import {
  BackendHealthCheckLogTrafficSchema,
  type ActiveHealthCheckTraffic,
  type BackendHealthCheckLogTraffic,
  type HealthCheckPayloadTraffic,
  type HealthCheckTraffic,
  type HTTPHealthCheckerTraffic,
  type PassiveHealthCheckTraffic,
} from './traffic.js';

/** Envoy's default healthy panic threshold: Envoy Gateway does not write it. */
const DEFAULT_PANIC_THRESHOLD = 50;

/** Codes → `[{start, end}]` half-open ranges, sorted, duplicates and consecutive codes merged; codes that are not whole numbers are left out. */
export function statusRanges(codes: readonly number[] | undefined): Int64Range[] {
  const sorted = [...new Set((codes ?? []).filter((c) => Number.isInteger(c)))].sort((a, b) => a - b);
  const ranges: Int64Range[] = [];
  let start: number | undefined;
  let end = 0;
  for (const code of sorted) {
    if (start !== undefined && code === end) {
      end = code + 1;
      continue;
    }
    if (start !== undefined) ranges.push({ start: int64(start), end: int64(end) });
    start = code;
    end = code + 1;
  }
  if (start !== undefined) ranges.push({ start: int64(start), end: int64(end) });
  return ranges;
}

/** A `HealthCheck.Payload`: text as hex, binary as base64 bytes. */
function payload(p: HealthCheckPayloadTraffic | undefined): HealthCheckPayload | undefined {
  if (!p) return undefined;
  if (p.text !== undefined) return { text: hexOfText(p.text) };
  if (p.binary !== undefined) return { binary: p.binary };
  return {};
}

function httpHealthCheck(http: HTTPHealthCheckerTraffic, ctx: EmitContext): NonNullable<HealthCheck['httpHealthCheck']> {
  const out: NonNullable<HealthCheck['httpHealthCheck']> = {};
  const host = httpHost(http, ctx);
  if (host !== '') out.host = host;
  if (http.path !== '') out.path = http.path;
  // `METHOD_UNSPECIFIED` is the zero value; any named method prints by name.
  if (http.method !== undefined && http.method !== '') out.method = http.method;
  const expected = statusRanges(http.expectedStatuses);
  if (expected.length > 0) out.expectedStatuses = expected;
  const retriable = statusRanges(http.retriableStatuses);
  if (retriable.length > 0) out.retriableStatuses = retriable;
  const send = payload(http.requestBody);
  if (send) out.send = send;
  const receive = payload(http.expectedResponse);
  if (receive) out.receive = [receive];
  return out;
}

/** The HTTP probe's Host: the policy's, else the route's first hostname (TCP routes have none). */
function httpHost(http: HTTPHealthCheckerTraffic, ctx: EmitContext): string {
  return http.host !== '' ? http.host : isHttpCluster(ctx) ? (ctx.route.hostnames[0] ?? '') : '';
}

function eventLog(hc: HealthCheck, log: BackendHealthCheckLogTraffic | undefined): void {
  if (!log) return;
  if (log.alwaysLogHealthCheckFailures === true) hc.alwaysLogHealthCheckFailures = true;
  if (log.alwaysLogHealthCheckSuccess === true) hc.alwaysLogHealthCheckSuccess = true;
  const sinks = log.fileSinks ?? [];
  if (sinks.length > 0) {
    hc.eventLogger = sinks.map((s) => ({
      name: 'envoy.health_check.event_sinks.file',
      typedConfig: anyOf('envoy.extensions.health_check.event_sinks.file.v3.HealthCheckEventFileSink', { eventLogPath: s.path }),
    }));
  }
}

/**
 * The CRD defaults of the fields Envoy requires on every health check. A policy read without the
 * API server's defaulting (a raw manifest) can lack them; Envoy Gateway never sees such a policy.
 */
const ACTIVE_DEFAULTS = { timeout: 1000, interval: 3000, unhealthyThreshold: 3, healthyThreshold: 1 } as const;

/** `envoy.config.core.v3.HealthCheck` from `healthCheck.active`; `gatewayLog` is the EnvoyProxy's log, used when the policy has none. */
function activeHealthCheck(active: ActiveHealthCheckTraffic, ctx: EmitContext, gatewayLog?: BackendHealthCheckLogTraffic): HealthCheck {
  const jitter = duration(active.initialJitter);
  const hc: HealthCheck = {
    timeout: durationFromMs(active.timeout ?? ACTIVE_DEFAULTS.timeout),
    interval: durationFromMs(active.interval ?? ACTIVE_DEFAULTS.interval),
    ...(jitter !== undefined ? { initialJitter: jitter } : {}),
    // UInt32Value wrappers: printed even when 0.
    unhealthyThreshold: active.unhealthyThreshold ?? ACTIVE_DEFAULTS.unhealthyThreshold,
    healthyThreshold: active.healthyThreshold ?? ACTIVE_DEFAULTS.healthyThreshold,
  };
  if (active.http) hc.httpHealthCheck = httpHealthCheck(active.http, ctx);
  else if (active.tcp) {
    const tcp: NonNullable<HealthCheck['tcpHealthCheck']> = {};
    const send = payload(active.tcp.send);
    if (send) tcp.send = send;
    const receive = payload(active.tcp.receive);
    if (receive) tcp.receive = [receive];
    hc.tcpHealthCheck = tcp;
  } else if (active.grpc) {
    hc.grpcHealthCheck = active.grpc.service ? { serviceName: active.grpc.service } : {};
  }
  eventLog(hc, active.backendHealthCheckLog ?? gatewayLog);
  return hc;
}

/** `envoy.config.cluster.v3.OutlierDetection` from `healthCheck.passive`. */
export function outlierDetection(passive: PassiveHealthCheckTraffic): OutlierDetection {
  const od: OutlierDetection = {};
  const interval = duration(passive.interval);
  if (interval !== undefined) od.interval = interval;
  const base = duration(passive.baseEjectionTime);
  if (base !== undefined) od.baseEjectionTime = base;
  // A plain bool: only true is printed.
  if (passive.splitExternalLocalOriginErrors === true) od.splitExternalLocalOriginErrors = true;
  if (passive.maxEjectionPercent !== undefined && passive.maxEjectionPercent > 0) od.maxEjectionPercent = passive.maxEjectionPercent;
  if (passive.consecutiveLocalOriginFailures !== undefined) od.consecutiveLocalOriginFailure = passive.consecutiveLocalOriginFailures;
  if (passive.consecutive5XxErrors !== undefined) od.consecutive5xx = passive.consecutive5XxErrors;
  if (passive.consecutiveGatewayErrors !== undefined) {
    od.consecutiveGatewayFailure = passive.consecutiveGatewayErrors;
    od.enforcingConsecutiveGatewayFailure = 100;
  }
  if (passive.failurePercentageThreshold !== undefined) {
    od.failurePercentageThreshold = passive.failurePercentageThreshold;
    od.enforcingFailurePercentage = 100;
  }
  if (passive.alwaysEjectOneEndpoint !== undefined) od.alwaysEjectOneHost = passive.alwaysEjectOneEndpoint;
  return od;
}

/** Whether a string is standard base64 (what protojson accepts for `bytes`). */
const isBase64 = (s: string): boolean => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0;

/**
 * What Envoy rejects in the health checks: a check needs a checker (HTTP, TCP or gRPC), `timeout`
 * and `interval` must be longer than 0 and the thresholds are `uint32`s; an HTTP probe needs a `path` (and `host` and `path` are header values:
 * no control characters); a text payload must not be empty and a binary one must be base64; an
 * event log needs a file path. In outlier detection `interval` and `base_ejection_time` must be
 * longer than 0, `max_ejection_percent` and `failure_percentage_threshold` are at most 100 and
 * every count is a `uint32`; the panic threshold is a percentage (0–100).
 */
function healthCheckRejections(value: HealthCheckTraffic) {
  const rules = new EnvoyRules();
  const a = value.active;
  if (a) {
    rules.check('active', a.http !== undefined || a.tcp !== undefined || a.grpc !== undefined, 'HealthCheck.health_checker is required (an HTTP, TCP or gRPC check)');
    rules.duration('active.timeout', a.timeout, 'HealthCheck.timeout');
    rules.duration('active.interval', a.interval, 'HealthCheck.interval');
    rules.integer('active.unhealthyThreshold', a.unhealthyThreshold, 0, UINT32_MAX, 'HealthCheck.unhealthy_threshold');
    rules.integer('active.healthyThreshold', a.healthyThreshold, 0, UINT32_MAX, 'HealthCheck.healthy_threshold');
    const payloadRules = (field: string, p: HealthCheckPayloadTraffic | undefined) => {
      if (p?.text !== undefined) rules.minLength(`${field}.text`, p.text, 1, 'HealthCheck.Payload.text');
      else if (p?.binary !== undefined) rules.check(`${field}.binary`, isBase64(p.binary), `HealthCheck.Payload.binary must be base64, got ${JSON.stringify(p.binary.slice(0, 60))}`);
    };
    if (a.http) {
      rules.minLength('active.http.path', a.http.path, 1, 'HttpHealthCheck.path');
      rules.headerValue('active.http.path', a.http.path, 'HttpHealthCheck.path', true);
      rules.headerValue('active.http.host', a.http.host, 'HttpHealthCheck.host', true);
      payloadRules('active.http.requestBody', a.http.requestBody);
      payloadRules('active.http.expectedResponse', a.http.expectedResponse);
    } else if (a.tcp) {
      payloadRules('active.tcp.send', a.tcp.send);
      payloadRules('active.tcp.receive', a.tcp.receive);
    }
    (a.backendHealthCheckLog?.fileSinks ?? []).forEach((s, i) =>
      rules.minLength(`active.backendHealthCheckLog.fileSinks[${i}].path`, s.path, 1, 'HealthCheckEventFileSink.event_log_path'),
    );
  }
  const p = value.passive;
  if (p) {
    rules.duration('passive.interval', p.interval, 'OutlierDetection.interval');
    rules.duration('passive.baseEjectionTime', p.baseEjectionTime, 'OutlierDetection.base_ejection_time');
    if (p.maxEjectionPercent !== undefined && p.maxEjectionPercent > 0) {
      rules.integer('passive.maxEjectionPercent', p.maxEjectionPercent, 0, 100, 'OutlierDetection.max_ejection_percent');
    }
    rules.integer('passive.consecutiveLocalOriginFailures', p.consecutiveLocalOriginFailures, 0, UINT32_MAX, 'OutlierDetection.consecutive_local_origin_failure');
    rules.integer('passive.consecutive5XxErrors', p.consecutive5XxErrors, 0, UINT32_MAX, 'OutlierDetection.consecutive_5xx');
    rules.integer('passive.consecutiveGatewayErrors', p.consecutiveGatewayErrors, 0, UINT32_MAX, 'OutlierDetection.consecutive_gateway_failure');
    rules.integer('passive.failurePercentageThreshold', p.failurePercentageThreshold, 0, 100, 'OutlierDetection.failure_percentage_threshold');
  }
  if (value.panicThreshold !== DEFAULT_PANIC_THRESHOLD) rules.number('panicThreshold', value.panicThreshold, 0, 100, 'CommonLbConfig.healthy_panic_threshold');
  return rules.found;
}

/** The EnvoyProxy's gateway-wide health-check log (`EmitOptions.healthCheckLog`), when it has the shape of a policy's. */
function gatewayHealthCheckLog(ctx: EmitContext): BackendHealthCheckLogTraffic | undefined {
  const parsed = ctx.options?.healthCheckLog === undefined ? undefined : BackendHealthCheckLogTrafficSchema.safeParse(ctx.options.healthCheckLog);
  return parsed?.success ? parsed.data : undefined;
}

export const healthCheckCluster: ClusterEmission<HealthCheckTraffic> = {
  apply(cluster, value, ctx) {
    if (value.active) cluster.healthChecks = [activeHealthCheck(value.active, ctx, gatewayHealthCheckLog(ctx))];
    if (value.passive) cluster.outlierDetection = outlierDetection(value.passive);
    if (value.panicThreshold !== undefined && value.panicThreshold !== DEFAULT_PANIC_THRESHOLD) {
      cluster.commonLbConfig.healthyPanicThreshold = { value: value.panicThreshold };
    }
  },
  rejections: healthCheckRejections,
};
