/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import { TimeoutSchema } from './schema.js';

export const timeoutSpecFields = {
  timeout: TimeoutSchema.optional(),
};
