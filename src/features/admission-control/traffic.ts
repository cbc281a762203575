/**
 * `admissionControl` → Envoy Gateway's IR `traffic.admissionControl` (Envoy's admission_control,
 * installed as an upstream filter on the cluster).
 *
 * Fields are copied as set, with no defaults (Envoy's apply: 30s window, 95% success rate,
 * aggression 1, rps 0, 80% max rejection); `samplingWindow` is milliseconds and is silently
 * dropped when it does not parse. `successCriteria.{http,grpc}.statusCodes` are copied as written
 * (gRPC codes by name). No errors.
 */
import * as z from 'zod';
import { durationMsOrUndefined, isRecord } from '../raw-values.js';
import type { FeatureOutcome, Translation } from '../feature.js';

/** `traffic.admissionControl`: fields as set, `samplingWindow` in milliseconds, gRPC codes by name. */
export const AdmissionControlTrafficSchema = z.object({
  samplingWindow: z.number().optional(),
  minSuccessRate: z.number().optional(),
  rejectionAggression: z.number().optional(),
  minRequestRate: z.number().optional(),
  maxRejectionPercent: z.number().optional(),
  successCriteria: z
    .object({
      http: z.object({ statusCodes: z.array(z.number()).optional() }).optional(),
      grpc: z.object({ statusCodes: z.array(z.string()).optional() }).optional(),
    })
    .optional(),
});
export type AdmissionControlTraffic = z.infer<typeof AdmissionControlTrafficSchema>;

export const admissionControlTranslation: Translation<AdmissionControlTraffic> = {
  build(spec): FeatureOutcome<AdmissionControlTraffic> {
    const ac = spec.admissionControl;
    if (!isRecord(ac)) return {};
    const out: AdmissionControlTraffic = {};
    if (ac.samplingWindow !== undefined && ac.samplingWindow !== null) {
      const ms = durationMsOrUndefined(ac.samplingWindow);
      if (ms !== undefined) out.samplingWindow = ms;
    }
    for (const key of ['minSuccessRate', 'rejectionAggression', 'minRequestRate', 'maxRejectionPercent'] as const) {
      const v = ac[key];
      if (typeof v === 'number') out[key] = v;
    }
    if (isRecord(ac.successCriteria)) {
      const sc: NonNullable<AdmissionControlTraffic['successCriteria']> = {};
      const { http, grpc } = ac.successCriteria;
      if (isRecord(http)) sc.http = Array.isArray(http.statusCodes) && http.statusCodes.length > 0 ? { statusCodes: [...http.statusCodes] } : {};
      if (isRecord(grpc)) sc.grpc = Array.isArray(grpc.statusCodes) && grpc.statusCodes.length > 0 ? { statusCodes: [...grpc.statusCodes] } : {};
      out.successCriteria = sc;
    }
    return { value: out };
  },
};
