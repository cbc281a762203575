/**
 * `http2`: HTTP/2 protocol options for upstream connections (flow-control windows, stream limit,
 * what to do on a protocol error, and HTTP/2 PING keepalive).
 */
import * as z from 'zod';
import { has, int32, withRules } from '../../model/crd.js';
import { DurationSchema } from '../../model/duration.js';
import { parseGoDuration } from '../../values/duration.js';
import { QuantitySchema } from '../../model/quantity.js';

/** CEL `duration(a) < duration(b)`; a string CEL cannot parse is an evaluation error (fails). */
function durationLess(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const x = parseGoDuration(a);
  const y = parseGoDuration(b);
  return x.success && y.success && x.data < y.data;
}

/**
 * HTTP/2 PING keepalive: a PING every `interval` (± `intervalJitter` percent), or after
 * `idleInterval` of silence; the connection is closed when a PING goes unanswered for `timeout`.
 */
export const HTTP2ConnectionKeepaliveSchema = withRules(
  z.object({
    interval: DurationSchema.optional(),
    timeout: DurationSchema.optional(),
    intervalJitter: int32({ minimum: 0, maximum: 100 }).optional(),
    idleInterval: DurationSchema.optional(),
  }),
  [
    {
      message: 'timeout must be less than interval',
      test: (self) => !has(self.timeout) || !has(self.interval) || durationLess(self.timeout, self.interval),
    },
  ],
);
export type HTTP2ConnectionKeepalive = z.infer<typeof HTTP2ConnectionKeepaliveSchema>;

/**
 * Upstream HTTP/2 settings. `onInvalidMessage` is a free string in the CRD; Envoy Gateway knows
 * `TerminateConnection` (its default) and `TerminateStream` and ignores anything else.
 */
export const HTTP2SettingsSchema = z.object({
  initialStreamWindowSize: QuantitySchema.optional(),
  initialConnectionWindowSize: QuantitySchema.optional(),
  maxConcurrentStreams: int32({ minimum: 1, maximum: 2147483647 }).optional(),
  onInvalidMessage: z.string().optional(),
  connectionKeepalive: HTTP2ConnectionKeepaliveSchema.optional(),
});
export type HTTP2Settings = z.infer<typeof HTTP2SettingsSchema>;
