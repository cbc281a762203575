/**
 * `healthCheck` → Envoy Gateway's IR `traffic.healthCheck`: `active` (Envoy `health_checks`),
 * `passive` (outlier detection) and `panicThreshold`.
 *
 * Envoy Gateway reports no error for this feature; what it cannot parse it drops:
 * - active `timeout` / `interval` / `initialJitter` that fail to parse: only that field;
 * - passive `interval` / `baseEjectionTime` that fail to parse: the whole `passive` block.
 *
 * It applies no defaults of its own except the HTTP checker's `expectedStatuses` (`[200]`), which
 * it also de-duplicates and sorts; the HTTP method is upper-cased; `hostname` becomes `host`
 * (always present, `""` when unset); `healthCheckLog` becomes `backendHealthCheckLog`. Binary
 * payloads stay base64 (canonical standard encoding). Durations are milliseconds.
 */
import * as z from 'zod';
import type { BackendTrafficPolicySpecInput } from '../../model/backend-traffic-policy.js';
import { durationMs, durationMsOrUndefined, isRecord } from '../raw-values.js';
import type { FeatureOutcome, Translation } from '../feature.js';

/** A probe payload: text, or base64 bytes (standard encoding, padded), as the payload's `type` selects. */
export const HealthCheckPayloadTrafficSchema = z.object({
  text: z.string().optional(),
  binary: z.string().optional(),
});
export type HealthCheckPayloadTraffic = z.infer<typeof HealthCheckPayloadTrafficSchema>;

/** The HTTP probe; `host: ""` means "the route's hostname". */
export const HTTPHealthCheckerTrafficSchema = z.object({
  host: z.string(),
  path: z.string(),
  method: z.string().optional(),
  expectedStatuses: z.array(z.number()),
  retriableStatuses: z.array(z.number()).optional(),
  requestBody: HealthCheckPayloadTrafficSchema.optional(),
  expectedResponse: HealthCheckPayloadTrafficSchema.optional(),
});
export type HTTPHealthCheckerTraffic = z.infer<typeof HTTPHealthCheckerTrafficSchema>;

/** Where health-check events are logged, and which. */
export const BackendHealthCheckLogTrafficSchema = z.object({
  fileSinks: z.array(z.object({ path: z.string() })).optional(),
  alwaysLogHealthCheckFailures: z.boolean().optional(),
  alwaysLogHealthCheckSuccess: z.boolean().optional(),
});
export type BackendHealthCheckLogTraffic = z.infer<typeof BackendHealthCheckLogTrafficSchema>;

/** Active health checking; durations in milliseconds. */
export const ActiveHealthCheckTrafficSchema = z.object({
  timeout: z.number().optional(),
  interval: z.number().optional(),
  initialJitter: z.number().optional(),
  unhealthyThreshold: z.number().optional(),
  healthyThreshold: z.number().optional(),
  http: HTTPHealthCheckerTrafficSchema.optional(),
  tcp: z.object({ send: HealthCheckPayloadTrafficSchema.optional(), receive: HealthCheckPayloadTrafficSchema.optional() }).optional(),
  grpc: z.object({ service: z.string().optional() }).optional(),
  overrides: z.object({ port: z.number().optional() }).optional(),
  backendHealthCheckLog: BackendHealthCheckLogTrafficSchema.optional(),
});
export type ActiveHealthCheckTraffic = z.infer<typeof ActiveHealthCheckTrafficSchema>;

/** Passive health checking (outlier detection); durations in milliseconds. */
export const PassiveHealthCheckTrafficSchema = z.object({
  interval: z.number().optional(),
  baseEjectionTime: z.number().optional(),
  splitExternalLocalOriginErrors: z.boolean().optional(),
  consecutiveLocalOriginFailures: z.number().optional(),
  consecutiveGatewayErrors: z.number().optional(),
  consecutive5XxErrors: z.number().optional(),
  maxEjectionPercent: z.number().optional(),
  failurePercentageThreshold: z.number().optional(),
  alwaysEjectOneEndpoint: z.boolean().optional(),
});
export type PassiveHealthCheckTraffic = z.infer<typeof PassiveHealthCheckTrafficSchema>;

/** `traffic.healthCheck`. */
export const HealthCheckTrafficSchema = z.object({
  active: ActiveHealthCheckTrafficSchema.optional(),
  passive: PassiveHealthCheckTrafficSchema.optional(),
  panicThreshold: z.number().optional(),
});
export type HealthCheckTraffic = z.infer<typeof HealthCheckTrafficSchema>;

type HealthCheckSpec = NonNullable<BackendTrafficPolicySpecInput['healthCheck']>;
type ActiveSpec = NonNullable<HealthCheckSpec['active']>;

const isSet = <T>(v: T | null | undefined): v is T => v !== undefined && v !== null;

/** Go `strings.ToUpper`, approximately: characters whose upper case is one character. */
function toUpper(s: string): string {
  // ASCII (every method name in practice) upper-cases letter for letter: no per-character walk.
  if (/^[\x00-\x7f]*$/.test(s)) return s.toUpperCase();
  return Array.from(s, (c) => {
    const u = c.toUpperCase();
    return Array.from(u).length === 1 ? u : c;
  }).join('');
}

/** De-duplicated, ascending (Go `sets.NewInt(...).List()`). */
function statusSet(codes: unknown): number[] {
  if (!Array.isArray(codes)) return [];
  return [...new Set(codes.filter((c): c is number => typeof c === 'number'))].sort((a, b) => a - b);
}

/** Base64 → bytes → base64 (what Go's `[]byte` JSON round trip prints); the input if it does not decode. */
function canonicalBase64(b64: string): string {
  try {
    return btoa(atob(b64.replace(/[\r\n]/g, '')));
  } catch {
    return b64;
  }
}

function payload(p: unknown): HealthCheckPayloadTraffic | undefined {
  if (!isRecord(p)) return undefined;
  const out: HealthCheckPayloadTraffic = {};
  if (p.type === 'Text') {
    if (typeof p.text === 'string') out.text = p.text;
  } else if (p.type === 'Binary') {
    if (typeof p.binary === 'string') {
      const canonical = canonicalBase64(p.binary);
      if (canonical !== '') out.binary = canonical;
    }
  }
  return out;
}

function buildHTTP(h: unknown): HTTPHealthCheckerTraffic | undefined {
  if (!isRecord(h)) return undefined;
  const out: HTTPHealthCheckerTraffic = {
    host: typeof h.hostname === 'string' ? h.hostname : '',
    path: typeof h.path === 'string' ? h.path : '',
    expectedStatuses: [],
  };
  if (typeof h.method === 'string') out.method = toUpper(h.method);
  const expected = statusSet(h.expectedStatuses);
  out.expectedStatuses = expected.length > 0 ? expected : [200];
  const retriable = statusSet(h.retriableStatuses);
  if (retriable.length > 0) out.retriableStatuses = retriable;
  const body = payload(h.requestBody);
  if (body) out.requestBody = body;
  const expectedResponse = payload(h.expectedResponse);
  if (expectedResponse) out.expectedResponse = expectedResponse;
  return out;
}

function buildHealthCheckLog(l: unknown): BackendHealthCheckLogTraffic {
  const log = isRecord(l) ? l : {};
  const out: BackendHealthCheckLogTraffic = {};
  const sinks = Array.isArray(log.sinks) ? log.sinks : [];
  const paths = sinks
    .filter((s) => isRecord(s) && s.type === 'File' && isRecord(s.file) && typeof s.file.path === 'string')
    .map((s) => ({ path: (s as { file: { path: string } }).file.path }));
  // "When omitted, events are written to /dev/stdout."
  out.fileSinks = paths.length > 0 ? paths : [{ path: '/dev/stdout' }];
  const matches = Array.isArray(log.matches) ? log.matches : [];
  if (matches.length === 0) {
    // "When omitted or empty, all events are logged."
    out.alwaysLogHealthCheckFailures = true;
    out.alwaysLogHealthCheckSuccess = true;
  } else {
    // FailureSeriesStart and HealthyTransition are Envoy's default events: no flag needed.
    if (matches.includes('Failure')) out.alwaysLogHealthCheckFailures = true;
    if (matches.includes('Success')) out.alwaysLogHealthCheckSuccess = true;
  }
  return out;
}

function buildActive(a: ActiveSpec): ActiveHealthCheckTraffic {
  const out: ActiveHealthCheckTraffic = {};
  for (const key of ['timeout', 'interval', 'initialJitter'] as const) {
    if (!isSet(a[key])) continue;
    const d = durationMsOrUndefined(a[key]);
    if (d !== undefined) out[key] = d;
  }
  if (isSet(a.unhealthyThreshold)) out.unhealthyThreshold = a.unhealthyThreshold;
  if (isSet(a.healthyThreshold)) out.healthyThreshold = a.healthyThreshold;
  switch (a.type) {
    case 'HTTP': {
      const http = buildHTTP(a.http);
      if (http) out.http = http;
      break;
    }
    case 'TCP':
      if (isRecord(a.tcp)) {
        const tcp: NonNullable<ActiveHealthCheckTraffic['tcp']> = {};
        const send = payload(a.tcp.send);
        if (send) tcp.send = send;
        const receive = payload(a.tcp.receive);
        if (receive) tcp.receive = receive;
        out.tcp = tcp;
      }
      break;
    case 'GRPC':
      // `grpc` is optional for GRPC: an empty checker probes the whole server.
      out.grpc = isRecord(a.grpc) && typeof a.grpc.service === 'string' ? { service: a.grpc.service } : {};
      break;
  }
  if (isRecord(a.overrides)) out.overrides = isSet(a.overrides.port) ? { port: a.overrides.port } : {};
  if (isSet(a.healthCheckLog)) out.backendHealthCheckLog = buildHealthCheckLog(a.healthCheckLog);
  return out;
}

function buildPassive(p: NonNullable<HealthCheckSpec['passive']>): PassiveHealthCheckTraffic | undefined {
  const out: PassiveHealthCheckTraffic = {};
  for (const key of ['interval', 'baseEjectionTime'] as const) {
    if (!isSet(p[key])) continue;
    const d = durationMs(p[key]);
    if (!d.success) return undefined; // the whole passive block is dropped
    out[key] = d.data;
  }
  const copied = [
    'splitExternalLocalOriginErrors',
    'consecutiveLocalOriginFailures',
    'consecutiveGatewayErrors',
    'consecutive5XxErrors',
    'maxEjectionPercent',
    'failurePercentageThreshold',
    'alwaysEjectOneEndpoint',
  ] as const;
  for (const key of copied) if (isSet(p[key])) (out as Record<string, unknown>)[key] = p[key];
  return out;
}

/** Build `traffic.healthCheck` from `spec.healthCheck`. */
function buildHealthCheck(hc: HealthCheckSpec): HealthCheckTraffic {
  const out: HealthCheckTraffic = {};
  if (isRecord(hc.active)) out.active = buildActive(hc.active);
  if (isRecord(hc.passive)) {
    const passive = buildPassive(hc.passive);
    if (passive) out.passive = passive;
  }
  if (isSet(hc.panicThreshold)) out.panicThreshold = hc.panicThreshold;
  return out;
}

export const healthCheckTranslation: Translation<HealthCheckTraffic> = {
  build(spec): FeatureOutcome<HealthCheckTraffic> {
    if (!isRecord(spec.healthCheck)) return {};
    return { value: buildHealthCheck(spec.healthCheck) };
  },
};
