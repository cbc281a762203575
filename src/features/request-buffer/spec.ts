/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import { RequestBufferSchema } from './schema.js';

export const requestBufferSpecFields = {
  requestBuffer: RequestBufferSchema.optional(),
};
