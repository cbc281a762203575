/**
 * `tcpKeepalive`: TCP keepalive probes on upstream connections (the cluster's
 * `upstream_connection_options.tcp_keepalive`). Unset fields fall back to the OS defaults in
 * Envoy; Envoy Gateway documents 9 probes, 7200s idle time and 75s interval.
 */
import * as z from 'zod';
import { int32 } from '../../model/crd.js';
import { DurationSchema } from '../../model/duration.js';

/** Keepalive probing of idle upstream TCP connections. */
export const TCPKeepaliveSchema = z.object({
  probes: int32().optional(),
  idleTime: DurationSchema.optional(),
  interval: DurationSchema.optional(),
});
export type TCPKeepalive = z.infer<typeof TCPKeepaliveSchema>;
