/**
 * `timeout`: connection and request timeouts towards the backend. Some land on the cluster
 * (connect, idle, connection lifetime), others on the route (request, stream idle, stream
 * duration for xRoutes): the split matters when several policies merge.
 */
import * as z from 'zod';
import { DurationSchema } from '../../model/duration.js';

/** TCP-level timeouts: how long establishing an upstream connection may take. */
export const TCPTimeoutSchema = z.object({
  connectTimeout: DurationSchema.optional(),
});
export type TCPTimeout = z.infer<typeof TCPTimeoutSchema>;

/** HTTP-level timeouts for upstream connections and the requests on them. `maxStreamDuration: 0s` means no limit. */
export const HTTPTimeoutSchema = z.object({
  connectionIdleTimeout: DurationSchema.optional(),
  maxConnectionDuration: DurationSchema.optional(),
  requestTimeout: DurationSchema.optional(),
  maxStreamDuration: DurationSchema.optional(),
  streamIdleTimeout: DurationSchema.optional(),
});
export type HTTPTimeout = z.infer<typeof HTTPTimeoutSchema>;

/** Timeouts towards the backend, TCP and HTTP. */
export const TimeoutSchema = z.object({
  tcp: TCPTimeoutSchema.optional(),
  http: HTTPTimeoutSchema.optional(),
});
export type Timeout = z.infer<typeof TimeoutSchema>;
