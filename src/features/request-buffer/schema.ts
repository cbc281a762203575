/**
 * `spec.requestBuffer`: Envoy's `buffer` HTTP filter on the route. The whole request body is
 * held before forwarding, and requests larger than `limit` get HTTP 413.
 */
import * as z from 'zod';
import { QuantitySchema } from '../../model/quantity.js';

/**
 * The buffer size. `limit` is not in the CRD's `required` list even though the Go field is not a
 * pointer, so a missing limit is accepted by the API server.
 */
export const RequestBufferSchema = z.object({
  limit: QuantitySchema.optional(),
});
export type RequestBuffer = z.infer<typeof RequestBufferSchema>;
