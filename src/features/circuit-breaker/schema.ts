/**
 * `circuitBreaker`: the backend cluster's circuit-breaker thresholds (Envoy `circuit_breakers`):
 * caps on connections, pending and parallel requests and retries, per cluster and per endpoint,
 * and an adaptive retry budget.
 */
import * as z from 'zod';
import { int32, int64 } from '../../model/crd.js';
import { FractionSchema } from '../../model/fraction.js';

/** A Go `uint32` threshold, exposed as int64 in the CRD. */
const uint32 = () => int64({ minimum: 0, maximum: 4294967295 });

/** Thresholds applied to each endpoint separately (Envoy `per_host_thresholds`). */
export const PerEndpointCircuitBreakersSchema = z.object({
  maxConnections: uint32().default(1024),
});
export type PerEndpointCircuitBreakers = z.infer<typeof PerEndpointCircuitBreakersSchema>;

/**
 * Limit concurrent retries to a share (`percent`) of active requests, but always allow
 * `minRetryConcurrency` (Envoy Gateway's default is 3). Takes precedence over `maxParallelRetries`.
 */
export const RetryBudgetSchema = z.object({
  percent: FractionSchema,
  minRetryConcurrency: int32().optional(),
});
export type RetryBudget = z.infer<typeof RetryBudgetSchema>;

/** Circuit-breaker thresholds of the backend cluster. */
export const CircuitBreakerSchema = z.object({
  maxConnections: uint32().default(1024),
  maxPendingRequests: uint32().default(1024),
  maxParallelRequests: uint32().default(1024),
  maxParallelRetries: uint32().default(1024),
  maxRequestsPerConnection: uint32().optional(),
  perEndpoint: PerEndpointCircuitBreakersSchema.optional(),
  retryBudget: RetryBudgetSchema.optional(),
});
export type CircuitBreaker = z.infer<typeof CircuitBreakerSchema>;
