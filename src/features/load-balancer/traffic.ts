/**
 * `loadBalancer` → Envoy Gateway's IR `traffic.loadBalancer`.
 *
 * Exactly one policy member is set from `type` (`roundRobin`, `leastRequest`, `random`,
 * `consistentHash`, `backendUtilization`); zone-aware settings (`preferLocal`, `weightedZones`)
 * and `endpointOverride` sit beside it. Slow start applies to RoundRobin, LeastRequest and
 * BackendUtilization only. Durations are milliseconds.
 *
 * Errors (prefix `LoadBalancer`):
 * - `ConsistentHash: invalid TableSize value %d` — the table size must be a prime ≤ 5000011;
 * - the raw Go parse error of `slowStart.window` (`time: invalid duration "…"`);
 * - `invalid BlackoutPeriod value %s: %w`, `invalid WeightExpirationPeriod value %s: %w`,
 *   `invalid WeightUpdatePeriod value %s: %w`, `invalid OutOfBand ReportingPeriod value %s: %w`.
 * Envoy Gateway stops at the first error.
 *
 * A `type` Envoy Gateway has no translation for (`DynamicModule`, or an unknown string) yields no
 * load balancer at all.
 */
import * as z from 'zod';
import type { BackendTrafficPolicySpecInput } from '../../model/backend-traffic-policy.js';
import { type Result, fail, ok } from '../../model/result.js';
import { durationMs, intText, isRecord, rawText } from '../raw-values.js';
import type { FeatureOutcome, RouteFields, Translation } from '../feature.js';

export const MAX_CONSISTENT_HASH_TABLE_SIZE = 5000011;

/** Slow start: the ramp-up `window` in milliseconds. */
export const SlowStartTrafficSchema = z.object({
  window: z.number().optional(),
});
export type SlowStartTraffic = z.infer<typeof SlowStartTrafficSchema>;

/** What a consistent-hash (Maglev) balancer hashes on; the cookie `ttl` in milliseconds. */
export const ConsistentHashTrafficSchema = z.object({
  sourceIP: z.boolean().optional(),
  headers: z.array(z.object({ name: z.string() })).optional(),
  cookie: z.object({ name: z.string(), ttl: z.number().optional(), attributes: z.record(z.string(), z.string()).optional() }).optional(),
  queryParams: z.array(z.object({ name: z.string() })).optional(),
  tableSize: z.number().optional(),
});
export type ConsistentHashTraffic = z.infer<typeof ConsistentHashTrafficSchema>;

/** Client-side weighted round robin from the backends' load reports; periods in milliseconds. */
export const BackendUtilizationTrafficSchema = z.object({
  blackoutPeriod: z.number().optional(),
  weightExpirationPeriod: z.number().optional(),
  weightUpdatePeriod: z.number().optional(),
  errorUtilizationPenaltyPercent: z.number().optional(),
  metricNamesForComputingUtilization: z.array(z.string()).optional(),
  keepResponseHeaders: z.boolean(),
  outOfBand: z.object({ reportingPeriod: z.number().optional(), port: z.number().optional(), authority: z.string().optional() }).optional(),
  slowStart: SlowStartTrafficSchema.optional(),
});
export type BackendUtilizationTraffic = z.infer<typeof BackendUtilizationTrafficSchema>;

/** Zone-aware routing that prefers endpoints in the local zone. */
export const PreferLocalTrafficSchema = z.object({
  force: z.object({ minEndpointsInZoneThreshold: z.number().optional() }).optional(),
  minEndpointsThreshold: z.number().optional(),
  percentageEnabled: z.number().optional(),
});
export type PreferLocalTraffic = z.infer<typeof PreferLocalTrafficSchema>;

/** `traffic.loadBalancer`: one balancer member, plus zone-aware settings and endpoint override beside it. */
export const LoadBalancerTrafficSchema = z.object({
  roundRobin: z.object({ slowStart: SlowStartTrafficSchema.optional() }).optional(),
  leastRequest: z.object({ slowStart: SlowStartTrafficSchema.optional() }).optional(),
  random: z.object({}).optional(),
  consistentHash: ConsistentHashTrafficSchema.optional(),
  backendUtilization: BackendUtilizationTrafficSchema.optional(),
  preferLocal: PreferLocalTrafficSchema.optional(),
  weightedZones: z.array(z.object({ zone: z.string(), weight: z.number() })).optional(),
  endpointOverride: z.object({ extractFrom: z.array(z.object({ header: z.string().optional() })) }).optional(),
});
export type LoadBalancerTraffic = z.infer<typeof LoadBalancerTrafficSchema>;

type LoadBalancerSpec = NonNullable<BackendTrafficPolicySpecInput['loadBalancer']>;

/** Deterministic primality (the values reaching it are ≤ 5000011). */
function isPrime(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

function buildConsistentHash(lb: LoadBalancerSpec): Result<ConsistentHashTraffic> {
  const ch: Partial<NonNullable<LoadBalancerSpec['consistentHash']>> = isRecord(lb.consistentHash) ? lb.consistentHash : {};
  const out: ConsistentHashTraffic = {};
  if (ch.tableSize !== undefined && ch.tableSize !== null) {
    const size = ch.tableSize as unknown;
    if (typeof size !== 'number' || size > MAX_CONSISTENT_HASH_TABLE_SIZE || !isPrime(size)) {
      return fail(`ConsistentHash: invalid TableSize value ${intText(size)}`);
    }
    out.tableSize = size;
  }
  switch (ch.type) {
    case 'SourceIP':
      out.sourceIP = true;
      break;
    case 'Header':
      // Deprecated single header: becomes a one-element `headers`.
      if (isRecord(ch.header)) out.headers = [{ name: rawText(ch.header.name ?? '') }];
      break;
    case 'Headers':
      if (Array.isArray(ch.headers) && ch.headers.length > 0) out.headers = ch.headers.map((h) => ({ name: rawText(h?.name ?? '') }));
      break;
    case 'Cookie':
      if (isRecord(ch.cookie)) {
        const cookie: NonNullable<ConsistentHashTraffic['cookie']> = { name: rawText(ch.cookie.name ?? '') };
        if (ch.cookie.ttl !== undefined && ch.cookie.ttl !== null) {
          // EG keeps the raw Duration; a TTL Go cannot parse has no millisecond form and is left out.
          const ttl = durationMs(ch.cookie.ttl);
          if (ttl.success) cookie.ttl = ttl.data;
        }
        if (isRecord(ch.cookie.attributes) && Object.keys(ch.cookie.attributes).length > 0) {
          cookie.attributes = { ...(ch.cookie.attributes as Record<string, string>) };
        }
        out.cookie = cookie;
      }
      break;
    case 'QueryParams':
      if (Array.isArray(ch.queryParams) && ch.queryParams.length > 0) out.queryParams = ch.queryParams.map((q) => ({ name: rawText(q?.name ?? '') }));
      break;
  }
  return ok(out);
}

function buildSlowStart(lb: LoadBalancerSpec): Result<SlowStartTraffic | undefined> {
  const window = isRecord(lb.slowStart) ? lb.slowStart.window : undefined;
  if (window === undefined || window === null) return ok(undefined);
  const d = durationMs(window);
  return d.success ? ok({ window: d.data }) : d;
}

function buildBackendUtilization(lb: LoadBalancerSpec): Result<BackendUtilizationTraffic> {
  const bu = isRecord(lb.backendUtilization) ? lb.backendUtilization : undefined;
  const out: BackendUtilizationTraffic = { keepResponseHeaders: bu?.keepResponseHeaders === true };
  if (!bu) return ok(out);
  const periods = [
    ['blackoutPeriod', 'BlackoutPeriod'],
    ['weightExpirationPeriod', 'WeightExpirationPeriod'],
    ['weightUpdatePeriod', 'WeightUpdatePeriod'],
  ] as const;
  for (const [key, goName] of periods) {
    const raw = bu[key];
    if (raw === undefined || raw === null) continue;
    const d = durationMs(raw);
    if (!d.success) return fail(`invalid ${goName} value ${rawText(raw)}: ${d.error}`);
    out[key] = d.data;
  }
  if (bu.errorUtilizationPenaltyPercent !== undefined && bu.errorUtilizationPenaltyPercent !== null) {
    out.errorUtilizationPenaltyPercent = bu.errorUtilizationPenaltyPercent;
  }
  if (Array.isArray(bu.metricNamesForComputingUtilization) && bu.metricNamesForComputingUtilization.length > 0) {
    out.metricNamesForComputingUtilization = [...bu.metricNamesForComputingUtilization];
  }
  if (isRecord(bu.outOfBand)) {
    const oob = bu.outOfBand;
    const o: NonNullable<BackendUtilizationTraffic['outOfBand']> = {};
    if (oob.reportingPeriod !== undefined && oob.reportingPeriod !== null) {
      const d = durationMs(oob.reportingPeriod);
      if (!d.success) return fail(`invalid OutOfBand ReportingPeriod value ${rawText(oob.reportingPeriod)}: ${d.error}`);
      o.reportingPeriod = d.data;
    }
    if (oob.port !== undefined && oob.port !== null) o.port = oob.port;
    if (oob.authority !== undefined && oob.authority !== null) o.authority = oob.authority;
    out.outOfBand = o;
  }
  return ok(out);
}

/** Build `traffic.loadBalancer` from `spec.loadBalancer`. */
function buildLoadBalancer(lb: LoadBalancerSpec): Result<LoadBalancerTraffic | undefined> {
  let out: LoadBalancerTraffic;
  switch (lb.type) {
    case 'ConsistentHash': {
      const ch = buildConsistentHash(lb);
      if (!ch.success) return ch;
      out = { consistentHash: ch.data };
      break;
    }
    case 'LeastRequest':
    case 'RoundRobin': {
      const ss = buildSlowStart(lb);
      if (!ss.success) return ss;
      const member = ss.data ? { slowStart: ss.data } : {};
      out = lb.type === 'LeastRequest' ? { leastRequest: member } : { roundRobin: member };
      break;
    }
    case 'Random':
      out = { random: {} };
      break;
    case 'BackendUtilization': {
      const bu = buildBackendUtilization(lb);
      if (!bu.success) return bu;
      const ss = buildSlowStart(lb);
      if (!ss.success) return ss;
      if (ss.data) bu.data.slowStart = ss.data;
      out = { backendUtilization: bu.data };
      break;
    }
    default:
      // DynamicModule (not translated by Envoy Gateway) or an unknown type.
      return ok(undefined);
  }

  const za = isRecord(lb.zoneAware) ? lb.zoneAware : undefined;
  if (za && isRecord(za.preferLocal)) {
    const pl = za.preferLocal;
    const p: PreferLocalTraffic = {};
    if (isRecord(pl.force)) {
      p.force = {};
      if (pl.force.minEndpointsInZoneThreshold !== undefined && pl.force.minEndpointsInZoneThreshold !== null) {
        p.force.minEndpointsInZoneThreshold = pl.force.minEndpointsInZoneThreshold;
      }
    }
    if (pl.minEndpointsThreshold !== undefined && pl.minEndpointsThreshold !== null) p.minEndpointsThreshold = pl.minEndpointsThreshold;
    if (pl.percentageEnabled !== undefined && pl.percentageEnabled !== null) p.percentageEnabled = pl.percentageEnabled;
    out.preferLocal = p;
  }
  if (za && Array.isArray(za.weightedZones) && za.weightedZones.length > 0) {
    out.weightedZones = za.weightedZones.map((z) => ({ zone: rawText(z?.zone ?? ''), weight: z?.weight ?? 0 }));
  }
  if (isRecord(lb.endpointOverride)) {
    const from = Array.isArray(lb.endpointOverride.extractFrom) ? lb.endpointOverride.extractFrom : [];
    out.endpointOverride = {
      extractFrom: from.map((e) => (isRecord(e) && e.header !== undefined && e.header !== null ? { header: e.header } : {})),
    };
  }
  return ok(out);
}

export const loadBalancerTranslation: Translation<LoadBalancerTraffic> = {
  build(spec): FeatureOutcome<LoadBalancerTraffic> {
    if (!isRecord(spec.loadBalancer)) return {};
    const r = buildLoadBalancer(spec.loadBalancer);
    if (!r.success) return { errors: [r.error] };
    return r.data ? { value: r.data } : {};
  },
};

/** ORCA load-report headers a BackendUtilization balancer strips unless told to keep them. */
const ORCA_RESPONSE_HEADERS: readonly string[] = Object.freeze(['endpoint-load-metrics', 'endpoint-load-metrics-bin']);

/**
 * A BackendUtilization balancer reads the backends' ORCA load reports from response headers;
 * Envoy Gateway has Envoy strip them from the response unless `keepResponseHeaders` is set.
 */
export const loadBalancerRouteFields: RouteFields = (spec) => {
  const lb = spec.loadBalancer as { type?: unknown; backendUtilization?: { keepResponseHeaders?: unknown } } | undefined;
  return isRecord(lb) && lb.type === 'BackendUtilization' && lb.backendUtilization?.keepResponseHeaders !== true
    ? { removeResponseHeaders: ORCA_RESPONSE_HEADERS }
    : undefined;
};
