/**
 * `connection`: per-connection buffering and preconnecting towards the backend (the cluster's
 * `per_connection_buffer_limit_bytes` and `preconnect_policy`).
 */
import * as z from 'zod';
import { int32 } from '../../model/crd.js';
import { QuantitySchema } from '../../model/quantity.js';
import { annotate } from '../../model/registry.js';

/**
 * Open upstream connections before they are needed. `predictivePercent` is only allowed with the
 * Random and RoundRobin load balancers (a rule on `spec`, since it spans two features).
 */
export const PreconnectPolicySchema = z.object({
  perEndpointPercent: int32({ minimum: 100, maximum: 300 }).optional(),
  predictivePercent: int32({ minimum: 100 }).optional(),
});
export type PreconnectPolicy = z.infer<typeof PreconnectPolicySchema>;

/** Connection settings towards the backend. */
export const BackendConnectionSchema = z.object({
  bufferLimit: QuantitySchema.optional(),
  socketBufferLimit: annotate(QuantitySchema.optional(), { description: 'Not implemented by Envoy Gateway yet (hidden in its docs).' }),
  preconnect: PreconnectPolicySchema.optional(),
});
export type BackendConnection = z.infer<typeof BackendConnectionSchema>;
