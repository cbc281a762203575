/**
 * `spec.faultInjection`: deliberately delays or fails a share of a route's requests (Envoy's
 * `fault` HTTP filter, per route), to test how clients cope with a slow or failing backend.
 */
import * as z from 'zod';
import { has, int32, withRules } from '../../model/crd.js';
import { DurationSchema } from '../../model/duration.js';

/** Holds matching requests for `fixedDelay` before forwarding them. */
export const FaultInjectionDelaySchema = z.object({
  fixedDelay: DurationSchema,
  /** Share of requests affected, in percent; a float (Envoy keeps 4 decimal places). */
  percentage: z.number().default(100),
});
export type FaultInjectionDelay = z.infer<typeof FaultInjectionDelaySchema>;

/** Answers matching requests directly with an HTTP status or a gRPC status, never reaching the backend. */
export const FaultInjectionAbortSchema = withRules(
  z.object({
    httpStatus: int32({ minimum: 200, maximum: 600 }).optional(),
    grpcStatus: int32({ minimum: 0, maximum: 16 }).optional(),
    percentage: z.number().default(100),
  }),
  [
    {
      message: 'httpStatus and grpcStatus cannot be simultaneously defined.',
      test: (a) => !(has(a.httpStatus) && has(a.grpcStatus)),
    },
    { message: 'httpStatus and grpcStatus are set at least one.', test: (a) => has(a.httpStatus) || has(a.grpcStatus) },
  ],
);
export type FaultInjectionAbort = z.infer<typeof FaultInjectionAbortSchema>;

/** `spec.faultInjection`: a delay, an abort, or both. */
export const FaultInjectionSchema = withRules(
  z.object({
    delay: FaultInjectionDelaySchema.optional(),
    abort: FaultInjectionAbortSchema.optional(),
  }),
  [{ message: 'Delay and abort faults are set at least one.', test: (f) => has(f.delay) || has(f.abort) }],
);
export type FaultInjection = z.infer<typeof FaultInjectionSchema>;
