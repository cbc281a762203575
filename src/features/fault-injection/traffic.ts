/**
 * `faultInjection` → Envoy Gateway's IR `traffic.faultInjection`: `{delay?: {fixedDelay?,
 * percentage?}, abort?: {httpStatus?, grpcStatus?, percentage?}}`, `fixedDelay` in milliseconds.
 * `faultInjection: {}` gives `{}`.
 *
 * - `fixedDelay` is read with Go's `time.ParseDuration`, so `5.4s` (outside the CRD pattern) is
 *   5400 ms. When it does not parse, Envoy Gateway drops the **whole** feature, silently.
 * - Percentages are Go `float32`s: a value is rounded to the nearest float32 and written with the
 *   fewest digits that identify it (`33.3333333` → `33.333332`).
 * - No errors.
 */
import * as z from 'zod';
import type { BackendTrafficPolicySpecInput } from '../../model/backend-traffic-policy.js';
import { durationMs, isRecord } from '../raw-values.js';
import { float32 } from '../../lang/float32.js';
import type { FeatureOutcome, Translation } from '../feature.js';

/** `traffic.faultInjection`: `fixedDelay` in milliseconds, percentages as float32 values (0–100). */
export const FaultInjectionTrafficSchema = z.object({
  delay: z.object({ fixedDelay: z.number().optional(), percentage: z.number().optional() }).optional(),
  abort: z.object({ httpStatus: z.number().optional(), grpcStatus: z.number().optional(), percentage: z.number().optional() }).optional(),
});
export type FaultInjectionTraffic = z.infer<typeof FaultInjectionTrafficSchema>;

/** Build `traffic.faultInjection`; undefined when the delay cannot be parsed. */
function buildFaultInjection(spec: unknown): FaultInjectionTraffic | undefined {
  const fi = isRecord(spec) ? spec : {};
  const out: FaultInjectionTraffic = {};
  if (isRecord(fi.delay)) {
    const delay: NonNullable<FaultInjectionTraffic['delay']> = {};
    if (typeof fi.delay.percentage === 'number') delay.percentage = float32(fi.delay.percentage);
    if (fi.delay.fixedDelay !== undefined && fi.delay.fixedDelay !== null) {
      const d = durationMs(fi.delay.fixedDelay);
      if (!d.success) return undefined;
      delay.fixedDelay = d.data;
    }
    out.delay = delay;
  }
  if (isRecord(fi.abort)) {
    const abort: NonNullable<FaultInjectionTraffic['abort']> = {};
    if (typeof fi.abort.percentage === 'number') abort.percentage = float32(fi.abort.percentage);
    if (typeof fi.abort.grpcStatus === 'number') abort.grpcStatus = fi.abort.grpcStatus;
    if (typeof fi.abort.httpStatus === 'number') abort.httpStatus = fi.abort.httpStatus;
    out.abort = abort;
  }
  return out;
}

export const faultInjectionTranslation: Translation<FaultInjectionTraffic> = {
  build(spec: BackendTrafficPolicySpecInput): FeatureOutcome<FaultInjectionTraffic> {
    if (!isRecord(spec.faultInjection)) return {};
    const value = buildFaultInjection(spec.faultInjection);
    return value === undefined ? {} : { value };
  },
};
