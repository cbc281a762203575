/**
 * `http2` → Envoy Gateway's IR `traffic.http2`: upstream HTTP/2 protocol options.
 *
 * Output keys are the honest ones: `initialStreamWindowSize` is the policy's stream window and
 * `initialConnectionWindowSize` its connection window, both in bytes. (Envoy Gateway's IR JSON has
 * these two keys swapped; the conformance mapping swaps them back.)
 * `onInvalidMessage: TerminateStream` → `resetStreamOnError: true`, `TerminateConnection` →
 * `false`, anything else → unset. Keepalive durations are milliseconds.
 *
 * Errors (prefix `HTTP2`), all collected and joined with `\n` into one error, quantities printed in
 * Kubernetes' canonical form:
 * `invalid InitialStreamWindowSize value %s`,
 * `InitialStreamWindowSize value %s is out of range, must be between 65535 and 2147483647`,
 * the same two for `InitialConnectionWindowSize`, and
 * `invalid ConnectionKeepalive.Interval: %w`, `invalid ConnectionKeepalive.Timeout: %w`,
 * `invalid ConnectionKeepalive.IdleInterval: %w` (with Go's duration parse error).
 */
import * as z from 'zod';
import type { BackendTrafficPolicySpecInput } from '../../model/backend-traffic-policy.js';
import { durationMs, isRecord, quantityInt64, quantityString } from '../raw-values.js';
import type { FeatureOutcome, Translation } from '../feature.js';

export const MIN_HTTP2_WINDOW_SIZE = 65535;
export const MAX_HTTP2_WINDOW_SIZE = 2147483647;

/** `traffic.http2`: window sizes in bytes (honest names, see above), keepalive durations in milliseconds. */
export const HTTP2TrafficSchema = z.object({
  initialStreamWindowSize: z.number().optional(),
  initialConnectionWindowSize: z.number().optional(),
  maxConcurrentStreams: z.number().optional(),
  resetStreamOnError: z.boolean().optional(),
  connectionKeepalive: z
    .object({
      interval: z.number().optional(),
      timeout: z.number().optional(),
      intervalJitter: z.number().optional(),
      idleInterval: z.number().optional(),
    })
    .optional(),
});
export type HTTP2Traffic = z.infer<typeof HTTP2TrafficSchema>;

type HTTP2Spec = NonNullable<BackendTrafficPolicySpecInput['http2']>;

/** Build `traffic.http2` from `spec.http2`; `errors` lists every failure in Envoy Gateway's order. */
function buildHTTP2(h: HTTP2Spec): { value: HTTP2Traffic; errors: string[] } {
  const value: HTTP2Traffic = {};
  const errors: string[] = [];
  for (const [key, goName] of [
    ['initialStreamWindowSize', 'InitialStreamWindowSize'],
    ['initialConnectionWindowSize', 'InitialConnectionWindowSize'],
  ] as const) {
    const raw = h[key];
    if (raw === undefined || raw === null) continue;
    const n = quantityInt64(raw);
    if (!n.success) errors.push(`invalid ${goName} value ${quantityString(raw)}`);
    else if (n.data < MIN_HTTP2_WINDOW_SIZE || n.data > MAX_HTTP2_WINDOW_SIZE) {
      errors.push(
        `${goName} value ${quantityString(raw)} is out of range, must be between ${MIN_HTTP2_WINDOW_SIZE} and ${MAX_HTTP2_WINDOW_SIZE}`,
      );
    } else value[key] = n.data;
  }
  if (typeof h.maxConcurrentStreams === 'number') value.maxConcurrentStreams = h.maxConcurrentStreams;
  if (h.onInvalidMessage === 'TerminateStream') value.resetStreamOnError = true;
  else if (h.onInvalidMessage === 'TerminateConnection') value.resetStreamOnError = false;
  if (isRecord(h.connectionKeepalive)) {
    const k = h.connectionKeepalive;
    const ka: NonNullable<HTTP2Traffic['connectionKeepalive']> = {};
    const durations = [
      ['interval', 'Interval'],
      ['timeout', 'Timeout'],
    ] as const;
    for (const [key, goName] of durations) {
      if (k[key] === undefined || k[key] === null) continue;
      const d = durationMs(k[key]);
      if (d.success) ka[key] = d.data;
      else errors.push(`invalid ConnectionKeepalive.${goName}: ${d.error}`);
    }
    if (typeof k.intervalJitter === 'number') ka.intervalJitter = k.intervalJitter;
    if (k.idleInterval !== undefined && k.idleInterval !== null) {
      const d = durationMs(k.idleInterval);
      if (d.success) ka.idleInterval = d.data;
      else errors.push(`invalid ConnectionKeepalive.IdleInterval: ${d.error}`);
    }
    value.connectionKeepalive = ka;
  }
  return { value, errors };
}

export const http2Translation: Translation<HTTP2Traffic> = {
  build(spec): FeatureOutcome<HTTP2Traffic> {
    if (!isRecord(spec.http2)) return {};
    const { value, errors } = buildHTTP2(spec.http2);
    return errors.length > 0 ? { errors: [errors.join('\n')] } : { value };
  },
};
