/**
 * `retry`: the route's retry policy (Envoy `RouteAction.retry_policy`). When unset, Envoy Gateway
 * configures no retries; when `retryOn` is unset it applies its own default triggers.
 */
import * as z from 'zod';
import { int32, integer, k8sEnum } from '../../model/crd.js';
import { DurationSchema } from '../../model/duration.js';

export const RETRY_TRIGGERS = [
  '5xx',
  'gateway-error',
  'reset',
  'reset-before-request',
  'connect-failure',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
] as const;

/** One condition that makes a request eligible for a retry (Envoy's `x-envoy-retry-on` / `x-envoy-retry-grpc-on` values). */
export const RetryTriggerSchema = k8sEnum(RETRY_TRIGGERS);
export type RetryTrigger = z.infer<typeof RetryTriggerSchema>;

/**
 * What to retry on. `httpStatusCodes` only matter together with the `retriable-status-codes`
 * trigger.
 */
export const RetryOnSchema = z.object({
  triggers: z.array(RetryTriggerSchema).optional(),
  httpStatusCodes: z.array(integer({ minimum: 100, maximum: 599 })).optional(),
});
export type RetryOn = z.infer<typeof RetryOnSchema>;

/** Exponential back-off between attempts; Envoy defaults `maxInterval` to 10x `baseInterval`. */
export const BackOffPolicySchema = z.object({
  baseInterval: DurationSchema.optional(),
  maxInterval: DurationSchema.optional(),
});
export type BackOffPolicy = z.infer<typeof BackOffPolicySchema>;

/** Per-attempt settings: each attempt's timeout and the back-off between attempts. */
export const PerRetryPolicySchema = z.object({
  timeout: DurationSchema.optional(),
  backOff: BackOffPolicySchema.optional(),
});
export type PerRetryPolicy = z.infer<typeof PerRetryPolicySchema>;

/** The retry policy of the route. */
export const RetrySchema = z.object({
  numRetries: int32({ minimum: 0 }).default(2),
  numAttemptsPerPriority: int32().optional(),
  retryOn: RetryOnSchema.optional(),
  perRetry: PerRetryPolicySchema.optional(),
});
export type Retry = z.infer<typeof RetrySchema>;
