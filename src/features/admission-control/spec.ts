/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import { AdmissionControlSchema } from './schema.js';

export const admissionControlSpecFields = {
  admissionControl: AdmissionControlSchema.optional(),
};
