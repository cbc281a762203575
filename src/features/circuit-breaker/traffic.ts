/**
 * `circuitBreaker` → Envoy Gateway's IR `traffic.circuitBreaker`.
 *
 * Every threshold is an int64 in the API that must fit a uint32 (0..4294967295). Out of range, in
 * this order, Envoy Gateway fails with the first of (prefix `CircuitBreaker`):
 * `invalid MaxConnections value %d`, `invalid MaxParallelRequests value %d`,
 * `invalid MaxPendingRequests value %d`, `invalid MaxParallelRetries value %d`,
 * `invalid MaxRequestsPerConnection value %d`.
 * An out-of-range `perEndpoint.maxConnections` is silently dropped (leaving `perEndpoint: {}`).
 *
 * No API-server defaults are applied (a raw `circuitBreaker: {}` stays `{}`); the retry budget's
 * `percent` becomes a percentage and `minRetryConcurrency` defaults to 3.
 */
import * as z from 'zod';
import type { BackendTrafficPolicySpecInput } from '../../model/backend-traffic-policy.js';
import { fractionToPercent } from '../../values/fraction.js';
import { type Result, fail, ok } from '../../model/result.js';
import { intText, isRecord, isUint32 } from '../raw-values.js';
import type { FeatureOutcome, Translation } from '../feature.js';

/** `traffic.circuitBreaker`: uint32 thresholds; the retry budget's `percent` as a percentage (0–100). */
export const CircuitBreakerTrafficSchema = z.object({
  maxConnections: z.number().optional(),
  maxPendingRequests: z.number().optional(),
  maxParallelRequests: z.number().optional(),
  maxParallelRetries: z.number().optional(),
  maxRequestsPerConnection: z.number().optional(),
  perEndpoint: z.object({ maxConnections: z.number().optional() }).optional(),
  retryBudget: z.object({ percent: z.number().optional(), minRetryConcurrency: z.number() }).optional(),
});
export type CircuitBreakerTraffic = z.infer<typeof CircuitBreakerTrafficSchema>;

type CircuitBreakerSpec = NonNullable<BackendTrafficPolicySpecInput['circuitBreaker']>;

const THRESHOLDS = [
  ['maxConnections', 'MaxConnections'],
  ['maxParallelRequests', 'MaxParallelRequests'],
  ['maxPendingRequests', 'MaxPendingRequests'],
  ['maxParallelRetries', 'MaxParallelRetries'],
  ['maxRequestsPerConnection', 'MaxRequestsPerConnection'],
] as const;

/** Build `traffic.circuitBreaker` from `spec.circuitBreaker`. */
function buildCircuitBreaker(cb: CircuitBreakerSpec): Result<CircuitBreakerTraffic> {
  const out: CircuitBreakerTraffic = {};
  for (const [key, goName] of THRESHOLDS) {
    const v = cb[key] as unknown;
    if (v === undefined || v === null) continue;
    if (!isUint32(v)) return fail(`invalid ${goName} value ${intText(v)}`);
    out[key] = v;
  }
  if (isRecord(cb.perEndpoint)) {
    const max = cb.perEndpoint.maxConnections as unknown;
    out.perEndpoint = isUint32(max) ? { maxConnections: max } : {};
  }
  if (isRecord(cb.retryBudget)) {
    const rb = cb.retryBudget;
    const budget: NonNullable<CircuitBreakerTraffic['retryBudget']> = {
      minRetryConcurrency: typeof rb.minRetryConcurrency === 'number' ? rb.minRetryConcurrency : 3,
    };
    if (isRecord(rb.percent) && typeof rb.percent.numerator === 'number') {
      budget.percent = fractionToPercent({
        numerator: rb.percent.numerator,
        denominator: typeof rb.percent.denominator === 'number' ? rb.percent.denominator : undefined,
      });
    }
    out.retryBudget = budget;
  }
  return ok(out);
}

export const circuitBreakerTranslation: Translation<CircuitBreakerTraffic> = {
  build(spec): FeatureOutcome<CircuitBreakerTraffic> {
    if (!isRecord(spec.circuitBreaker)) return {};
    const r = buildCircuitBreaker(spec.circuitBreaker);
    return r.success ? { value: r.data } : { errors: [r.error] };
  },
};
