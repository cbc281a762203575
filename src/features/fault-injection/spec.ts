/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import { FaultInjectionSchema } from './schema.js';

export const faultInjectionSpecFields = {
  faultInjection: FaultInjectionSchema.optional(),
};
