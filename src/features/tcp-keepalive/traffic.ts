/**
 * `tcpKeepalive` → Envoy Gateway's IR `traffic.tcpKeepalive`: `{probes, idleTime, interval}`.
 *
 * Envoy Gateway stores `idleTime` and `interval` as whole seconds (truncated, Go's
 * `uint32(d.Seconds())`); here they are milliseconds of those whole seconds (`1500ms` → `1000`).
 * `tcpKeepalive: {}` gives `{}` (Envoy then uses the OS defaults).
 *
 * Errors (prefix `TCPKeepalive`), first one only: `invalid IdleTime value %s`,
 * `invalid Interval value %s`.
 */
import * as z from 'zod';
import type { BackendTrafficPolicySpecInput } from '../../model/backend-traffic-policy.js';
import { type Result, fail, ok } from '../../model/result.js';
import { durationWholeSeconds, isRecord, rawText } from '../raw-values.js';
import type { FeatureOutcome, Translation } from '../feature.js';

/** `traffic.tcpKeepalive`: `idleTime` and `interval` in milliseconds, always whole seconds. */
export const TCPKeepaliveTrafficSchema = z.object({
  probes: z.number().optional(),
  idleTime: z.number().optional(),
  interval: z.number().optional(),
});
export type TCPKeepaliveTraffic = z.infer<typeof TCPKeepaliveTrafficSchema>;

type TCPKeepaliveSpec = NonNullable<BackendTrafficPolicySpecInput['tcpKeepalive']>;

/** Build `traffic.tcpKeepalive` from `spec.tcpKeepalive`. */
function buildTCPKeepalive(k: TCPKeepaliveSpec): Result<TCPKeepaliveTraffic> {
  const out: TCPKeepaliveTraffic = {};
  if (typeof k.probes === 'number') out.probes = k.probes;
  for (const [key, goName] of [
    ['idleTime', 'IdleTime'],
    ['interval', 'Interval'],
  ] as const) {
    const raw = k[key];
    if (raw === undefined || raw === null) continue;
    const s = durationWholeSeconds(raw);
    if (!s.success) return fail(`invalid ${goName} value ${rawText(raw)}`);
    out[key] = s.data * 1000;
  }
  return ok(out);
}

export const tcpKeepaliveTranslation: Translation<TCPKeepaliveTraffic> = {
  build(spec): FeatureOutcome<TCPKeepaliveTraffic> {
    if (!isRecord(spec.tcpKeepalive)) return {};
    const r = buildTCPKeepalive(spec.tcpKeepalive);
    return r.success ? { value: r.data } : { errors: [r.error] };
  },
};
