/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import { BandwidthLimitSpecSchema } from './schema.js';

export const bandwidthLimitSpecFields = {
  bandwidthLimit: BandwidthLimitSpecSchema.optional(),
};
