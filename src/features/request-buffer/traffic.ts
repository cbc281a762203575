/**
 * `requestBuffer` → Envoy Gateway's IR `traffic.requestBuffer`: `{limit}` in **bytes** (`4Mi` →
 * 4194304; an absent limit is 0, Go's zero quantity).
 *
 * Errors (prefix `RequestBuffer`), checked in this order:
 * - `limit must be convertible to an int64` (not a whole number, or beyond int64);
 * - `limit value <q> is out of range, must be between 0 and 4294967295`, `<q>` being the quantity
 *   in Kubernetes' canonical form (`5000Mi`, `5G`);
 * - `requestBuffer cannot be used together with httpUpgrade` (a non-empty `httpUpgrade`).
 */
import * as z from 'zod';
import type { BackendTrafficPolicySpecInput } from '../../model/backend-traffic-policy.js';
import { UINT32_MAX, isRecord, quantityInt64, quantityString } from '../raw-values.js';
import type { FeatureOutcome, Translation } from '../feature.js';

/** `traffic.requestBuffer`: the `limit` in bytes. */
export const RequestBufferTrafficSchema = z.object({
  limit: z.number(),
});
export type RequestBufferTraffic = z.infer<typeof RequestBufferTrafficSchema>;

export const requestBufferTranslation: Translation<RequestBufferTraffic> = {
  build(spec: BackendTrafficPolicySpecInput): FeatureOutcome<RequestBufferTraffic> {
    if (!isRecord(spec.requestBuffer)) return {};
    const raw = spec.requestBuffer.limit;
    let limit = 0;
    if (raw !== undefined && raw !== null) {
      const n = quantityInt64(raw);
      if (!n.success) return { errors: ['limit must be convertible to an int64'] };
      if (n.data < 0 || n.data > UINT32_MAX) {
        return { errors: [`limit value ${quantityString(raw)} is out of range, must be between 0 and 4294967295`] };
      }
      limit = n.data;
    }
    if (Array.isArray(spec.httpUpgrade) && spec.httpUpgrade.length > 0) {
      return { errors: ['requestBuffer cannot be used together with httpUpgrade'] };
    }
    return { value: { limit } };
  },
};
