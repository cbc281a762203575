/**
 * `httpUpgrade` → Envoy Gateway's IR `traffic.httpUpgrade`: `[{type, connect?: {terminate?}}]`, in
 * spec order (types as written, e.g. `websocket`, `spdy/3.1`, `CONNECT`).
 *
 * When `httpUpgrade` is unset, Envoy Gateway's xDS step still enables `websocket` on the route
 * (unless `requestBuffer` is set), but that default is not part of the IR `traffic` and is not
 * reproduced here: an unset or empty list omits the key. No errors (the conflict with
 * `requestBuffer` is reported by the RequestBuffer feature).
 */
import * as z from 'zod';
import type { BackendTrafficPolicySpecInput } from '../../model/backend-traffic-policy.js';
import { isRecord } from '../raw-values.js';
import type { FeatureOutcome, Translation } from '../feature.js';

/** One entry of `traffic.httpUpgrade` (a list in the policy's order): the upgrade type as written (`websocket`, `CONNECT`, …). */
export const HTTPUpgradeTrafficSchema = z.object({
  type: z.string(),
  connect: z.object({ terminate: z.boolean().optional() }).optional(),
});
export type HTTPUpgradeTraffic = z.infer<typeof HTTPUpgradeTrafficSchema>;

/** Build `traffic.httpUpgrade`; undefined for an unset or empty list. */
function buildHTTPUpgrade(list: unknown): HTTPUpgradeTraffic[] | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list.map((raw) => {
    const u = isRecord(raw) ? raw : {};
    const out: HTTPUpgradeTraffic = { type: typeof u.type === 'string' ? u.type : '' };
    if (isRecord(u.connect)) {
      out.connect = typeof u.connect.terminate === 'boolean' ? { terminate: u.connect.terminate } : {};
    }
    return out;
  });
}

export const httpUpgradeTranslation: Translation<HTTPUpgradeTraffic[]> = {
  build(spec: BackendTrafficPolicySpecInput): FeatureOutcome<HTTPUpgradeTraffic[]> {
    const value = buildHTTPUpgrade(spec.httpUpgrade);
    return value === undefined ? {} : { value };
  },
};
