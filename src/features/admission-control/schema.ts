/**
 * `spec.admissionControl`: client-side load shedding. Envoy's `admission_control` filter (placed
 * by the translator as an upstream HTTP filter on the cluster) tracks the backend's recent success
 * rate and rejects a growing share of requests when it drops, before they reach the backend.
 */
import * as z from 'zod';
import { has, int32, integer, k8sEnum, withRules } from '../../model/crd.js';
import { DurationSchema } from '../../model/duration.js';
import { parseGoDuration } from '../../values/duration.js';

/** gRPC status names (Envoy's `GrpcCriteria` codes), counted as successes when listed. */
export const GRPC_STATUS_NAMES = [
  'Ok',
  'Cancelled',
  'Unknown',
  'InvalidArgument',
  'DeadlineExceeded',
  'NotFound',
  'AlreadyExists',
  'PermissionDenied',
  'ResourceExhausted',
  'FailedPrecondition',
  'Aborted',
  'OutOfRange',
  'Unimplemented',
  'Internal',
  'Unavailable',
  'DataLoss',
  'Unauthenticated',
] as const;

/** Which responses count as successful when computing the success rate. */
export const AdmissionControlSuccessCriteriaSchema = z.object({
  http: z
    .object({
      statusCodes: z.array(integer({ minimum: 100, maximum: 599 })).optional(),
    })
    .optional(),
  grpc: z
    .object({
      statusCodes: z.array(k8sEnum(GRPC_STATUS_NAMES)).optional(),
    })
    .optional(),
});
export type AdmissionControlSuccessCriteria = z.infer<typeof AdmissionControlSuccessCriteriaSchema>;

// CEL's duration() parses with Go's time.ParseDuration; a string it cannot parse makes the rule
// error, which the API server reports as a failed rule.
const atLeastOneSecond = (d: string): boolean => {
  const ns = parseGoDuration(d);
  return ns.success && ns.data >= 1e9;
};

/**
 * `spec.admissionControl`. Unset fields take Envoy Gateway's defaults (30s window, 95% success
 * rate, aggression 1, 80% max rejection), which are documented but not schema defaults.
 */
export const AdmissionControlSchema = withRules(
  z.object({
    samplingWindow: DurationSchema.optional(),
    minSuccessRate: int32({ minimum: 1, maximum: 100 }).optional(),
    rejectionAggression: int32({ minimum: 1 }).optional(),
    minRequestRate: int32({ minimum: 0 }).optional(),
    maxRejectionPercent: int32({ minimum: 0, maximum: 100 }).optional(),
    successCriteria: AdmissionControlSuccessCriteriaSchema.optional(),
  }),
  [
    {
      message: 'minSuccessRate must be between 1 and 100',
      test: (a) => !has(a.minSuccessRate) || (a.minSuccessRate! >= 1 && a.minSuccessRate! <= 100),
    },
    {
      message: 'maxRejectionPercent must be between 0 and 100',
      test: (a) => !has(a.maxRejectionPercent) || (a.maxRejectionPercent! >= 0 && a.maxRejectionPercent! <= 100),
    },
    {
      message: 'samplingWindow must be at least 1s',
      test: (a) => !has(a.samplingWindow) || atLeastOneSecond(a.samplingWindow!),
    },
  ],
);
export type AdmissionControl = z.infer<typeof AdmissionControlSchema>;
