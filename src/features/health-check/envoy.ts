/**
 * `traffic.healthCheck` → `Cluster.health_checks[0]` (active), `Cluster.outlier_detection`
 * (passive) and `Cluster.common_lb_config.healthy_panic_threshold` (envoy-mapping §1.7).
 *
 * Conversions Envoy Gateway makes and we copy: expected/retriable statuses become half-open
 * `Int64Range`s with consecutive codes merged (`200,201` → `[200,202)`); text payloads are
 * hex-encoded, binary ones stay base64 (protojson `bytes`); an empty HTTP host means the route's
 * hostname; the event log falls back to the EnvoyProxy's gateway-wide `healthCheckLog`;
 * `consecutiveGatewayErrors` and `failurePercentageThreshold` switch their enforcement to 100 %;
 * a panic threshold of 50 (Envoy's default) is left out.
 */
import type { EmitContext, JsonObject } from '../../emit/emit-context.js';
import type { ClusterEmission } from '../feature.js';
import { anyOf, duration, finiteNumber, hexOfText, int64 } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';
import { isHttpCluster } from '../../emit/cluster-kinds.js';

/** Envoy's default healthy panic threshold: Envoy Gateway does not write it. */
const DEFAULT_PANIC_THRESHOLD = 50;

/** Sorted codes → `[{start, end}]` half-open ranges, consecutive codes merged. */
export function statusRanges(codes: unknown): JsonObject[] {
  if (!Array.isArray(codes)) return [];
  const sorted = [...new Set(codes.filter((c): c is number => typeof c === 'number' && Number.isInteger(c)))].sort((a, b) => a - b);
  const ranges: JsonObject[] = [];
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
function payload(p: unknown): JsonObject | undefined {
  if (!isRecord(p)) return undefined;
  if (typeof p.text === 'string') return { text: hexOfText(p.text) };
  if (typeof p.binary === 'string') return { binary: p.binary };
  return {};
}

function httpHealthCheck(http: JsonObject, ctx: EmitContext): JsonObject {
  const out: JsonObject = {};
  // TCP routes have no hostname to fall back to.
  const fallback = isHttpCluster(ctx) ? (ctx.route.hostnames[0] ?? '') : '';
  const host = typeof http.host === 'string' && http.host !== '' ? http.host : fallback;
  if (host !== '') out.host = host;
  if (typeof http.path === 'string' && http.path !== '') out.path = http.path;
  // `METHOD_UNSPECIFIED` is the zero value; any named method prints by name.
  if (typeof http.method === 'string' && http.method !== '') out.method = http.method;
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

function eventLog(hc: JsonObject, log: unknown): void {
  if (!isRecord(log)) return;
  if (log.alwaysLogHealthCheckFailures === true) hc.alwaysLogHealthCheckFailures = true;
  if (log.alwaysLogHealthCheckSuccess === true) hc.alwaysLogHealthCheckSuccess = true;
  const sinks = Array.isArray(log.fileSinks) ? log.fileSinks.filter((s): s is JsonObject => isRecord(s) && typeof s.path === 'string') : [];
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

/** `envoy.config.core.v3.HealthCheck` from `healthCheck.active`. */
export function activeHealthCheck(active: JsonObject, ctx: EmitContext): JsonObject {
  const hc: JsonObject = {};
  for (const key of ['timeout', 'interval'] as const) hc[key] = duration(active[key]) ?? duration(ACTIVE_DEFAULTS[key]);
  const jitter = duration(active.initialJitter);
  if (jitter !== undefined) hc.initialJitter = jitter;
  // UInt32Value wrappers: printed even when 0.
  for (const key of ['unhealthyThreshold', 'healthyThreshold'] as const) hc[key] = finiteNumber(active[key]) ?? ACTIVE_DEFAULTS[key];
  if (isRecord(active.http)) hc.httpHealthCheck = httpHealthCheck(active.http, ctx);
  else if (isRecord(active.tcp)) {
    const tcp: JsonObject = {};
    const send = payload(active.tcp.send);
    if (send) tcp.send = send;
    const receive = payload(active.tcp.receive);
    if (receive) tcp.receive = [receive];
    hc.tcpHealthCheck = tcp;
  } else if (isRecord(active.grpc)) {
    hc.grpcHealthCheck = typeof active.grpc.service === 'string' && active.grpc.service !== '' ? { serviceName: active.grpc.service } : {};
  }
  eventLog(hc, active.backendHealthCheckLog ?? ctx.options?.healthCheckLog);
  return hc;
}

/** `envoy.config.cluster.v3.OutlierDetection` from `healthCheck.passive`. */
export function outlierDetection(passive: JsonObject): JsonObject {
  const od: JsonObject = {};
  const interval = duration(passive.interval);
  if (interval !== undefined) od.interval = interval;
  const base = duration(passive.baseEjectionTime);
  if (base !== undefined) od.baseEjectionTime = base;
  // A plain bool: only true is printed.
  if (passive.splitExternalLocalOriginErrors === true) od.splitExternalLocalOriginErrors = true;
  const maxEjection = finiteNumber(passive.maxEjectionPercent);
  if (maxEjection !== undefined && maxEjection > 0) od.maxEjectionPercent = maxEjection;
  const localOrigin = finiteNumber(passive.consecutiveLocalOriginFailures);
  if (localOrigin !== undefined) od.consecutiveLocalOriginFailure = localOrigin;
  const fiveXx = finiteNumber(passive.consecutive5XxErrors);
  if (fiveXx !== undefined) od.consecutive5xx = fiveXx;
  const gateway = finiteNumber(passive.consecutiveGatewayErrors);
  if (gateway !== undefined) {
    od.consecutiveGatewayFailure = gateway;
    od.enforcingConsecutiveGatewayFailure = 100;
  }
  const failurePercentage = finiteNumber(passive.failurePercentageThreshold);
  if (failurePercentage !== undefined) {
    od.failurePercentageThreshold = failurePercentage;
    od.enforcingFailurePercentage = 100;
  }
  if (typeof passive.alwaysEjectOneEndpoint === 'boolean') od.alwaysEjectOneHost = passive.alwaysEjectOneEndpoint;
  return od;
}

export const healthCheckCluster: ClusterEmission = {
  apply(cluster, value, ctx) {
    if (!isRecord(value)) return;
    if (isRecord(value.active)) cluster.healthChecks = [activeHealthCheck(value.active, ctx)];
    if (isRecord(value.passive)) cluster.outlierDetection = outlierDetection(value.passive);
    const panic = finiteNumber(value.panicThreshold);
    if (panic !== undefined && panic !== DEFAULT_PANIC_THRESHOLD) {
      const common = isRecord(cluster.commonLbConfig) ? cluster.commonLbConfig : (cluster.commonLbConfig = {} as JsonObject);
      (common as JsonObject).healthyPanicThreshold = { value: panic };
    }
  },
};
