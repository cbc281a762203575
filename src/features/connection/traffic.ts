/**
 * `connection` → Envoy Gateway's IR `traffic.backendConnection`: `bufferLimit` in **bytes** and
 * `preconnect` (`perEndpointPercent`, `predictivePercent`). `connection: {}` gives `{}`.
 *
 * `socketBufferLimit` is not read by Envoy Gateway.
 *
 * Errors (prefix `BackendConnection`), with the quantity printed in Kubernetes' canonical form
 * (`1000G` → `1T`): `invalid BufferLimit value %s` when it is not a whole int64,
 * `BufferLimit value %s is out of range` outside 0..4294967295.
 */
import * as z from 'zod';
import type { BackendTrafficPolicySpecInput } from '../../model/backend-traffic-policy.js';
import { type Result, fail, ok } from '../../model/result.js';
import { UINT32_MAX, isRecord, quantityInt64, quantityString } from '../raw-values.js';
import type { FeatureOutcome, Translation } from '../feature.js';

/** `traffic.backendConnection`: `bufferLimit` in bytes, preconnect percentages as given. */
export const BackendConnectionTrafficSchema = z.object({
  bufferLimit: z.number().optional(),
  preconnect: z.object({ perEndpointPercent: z.number().optional(), predictivePercent: z.number().optional() }).optional(),
});
export type BackendConnectionTraffic = z.infer<typeof BackendConnectionTrafficSchema>;

type ConnectionSpec = NonNullable<BackendTrafficPolicySpecInput['connection']>;

/** Build `traffic.backendConnection` from `spec.connection`. */
function buildBackendConnection(c: ConnectionSpec): Result<BackendConnectionTraffic> {
  const out: BackendConnectionTraffic = {};
  if (c.bufferLimit !== undefined && c.bufferLimit !== null) {
    const n = quantityInt64(c.bufferLimit);
    if (!n.success) return fail(`invalid BufferLimit value ${quantityString(c.bufferLimit)}`);
    if (n.data < 0 || n.data > UINT32_MAX) return fail(`BufferLimit value ${quantityString(c.bufferLimit)} is out of range`);
    out.bufferLimit = n.data;
  }
  if (isRecord(c.preconnect)) {
    const p: NonNullable<BackendConnectionTraffic['preconnect']> = {};
    if (typeof c.preconnect.perEndpointPercent === 'number') p.perEndpointPercent = c.preconnect.perEndpointPercent;
    if (typeof c.preconnect.predictivePercent === 'number') p.predictivePercent = c.preconnect.predictivePercent;
    out.preconnect = p;
  }
  return ok(out);
}

export const backendConnectionTranslation: Translation<BackendConnectionTraffic> = {
  build(spec): FeatureOutcome<BackendConnectionTraffic> {
    if (!isRecord(spec.connection)) return {};
    const r = buildBackendConnection(spec.connection);
    return r.success ? { value: r.data } : { errors: [r.error] };
  },
};
