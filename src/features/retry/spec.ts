/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import { RetrySchema } from './schema.js';

export const retrySpecFields = {
  retry: RetrySchema.optional(),
};
