/**
 * `timeout` → Envoy Gateway's IR `traffic.timeout`: `{tcp: {connectTimeout}, http:
 * {connectionIdleTimeout, maxConnectionDuration, requestTimeout, maxStreamDuration,
 * streamIdleTimeout}}`, durations in milliseconds.
 *
 * `tcp` appears only when `connectTimeout` is set and parses; `http` appears whenever the spec has
 * an `http` block (possibly `{}`).
 *
 * Errors (prefix `Timeout`): `invalid ConnectTimeout value %s`, `invalid ConnectionIdleTimeout
 * value %s`, `invalid MaxConnectionDuration value %s`, `invalid RequestTimeout value %s`,
 * `invalid MaxStreamDuration value %s`, `invalid StreamIdleTimeout value %s`. Envoy Gateway checks
 * all of them and joins the failures with `\n` under the one prefix, so they are returned as a
 * single error string.
 */
import * as z from 'zod';
import type { BackendTrafficPolicySpecInput } from '../../model/backend-traffic-policy.js';
import { durationMs, isRecord, rawText } from '../raw-values.js';
import type { FeatureOutcome, Translation } from '../feature.js';

/** `traffic.timeout`, every duration in milliseconds. */
export const TimeoutTrafficSchema = z.object({
  tcp: z.object({ connectTimeout: z.number().optional() }).optional(),
  http: z
    .object({
      connectionIdleTimeout: z.number().optional(),
      maxConnectionDuration: z.number().optional(),
      requestTimeout: z.number().optional(),
      maxStreamDuration: z.number().optional(),
      streamIdleTimeout: z.number().optional(),
    })
    .optional(),
});
export type TimeoutTraffic = z.infer<typeof TimeoutTrafficSchema>;

type TimeoutSpec = NonNullable<BackendTrafficPolicySpecInput['timeout']>;

const HTTP_FIELDS = [
  ['connectionIdleTimeout', 'ConnectionIdleTimeout'],
  ['maxConnectionDuration', 'MaxConnectionDuration'],
  ['requestTimeout', 'RequestTimeout'],
  ['maxStreamDuration', 'MaxStreamDuration'],
  ['streamIdleTimeout', 'StreamIdleTimeout'],
] as const;

/** Build `traffic.timeout` from `spec.timeout`; `errors` lists every invalid field in order. */
function buildTimeout(t: TimeoutSpec): { value: TimeoutTraffic; errors: string[] } {
  const value: TimeoutTraffic = {};
  const errors: string[] = [];
  const connect = isRecord(t.tcp) ? t.tcp.connectTimeout : undefined;
  if (connect !== undefined && connect !== null) {
    const d = durationMs(connect);
    if (d.success) value.tcp = { connectTimeout: d.data };
    else errors.push(`invalid ConnectTimeout value ${rawText(connect)}`);
  }
  if (isRecord(t.http)) {
    const http: NonNullable<TimeoutTraffic['http']> = {};
    for (const [key, goName] of HTTP_FIELDS) {
      const raw = t.http[key];
      if (raw === undefined || raw === null) continue;
      const d = durationMs(raw);
      if (d.success) http[key] = d.data;
      else errors.push(`invalid ${goName} value ${rawText(raw)}`);
    }
    value.http = http;
  }
  return { value, errors };
}

export const timeoutTranslation: Translation<TimeoutTraffic> = {
  build(spec): FeatureOutcome<TimeoutTraffic> {
    if (!isRecord(spec.timeout)) return {};
    const { value, errors } = buildTimeout(spec.timeout);
    return errors.length > 0 ? { errors: [errors.join('\n')] } : { value };
  },
};
