/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import { RateLimitSpecSchema } from './schema.js';

export const rateLimitSpecFields = {
  rateLimit: RateLimitSpecSchema.optional(),
};
