/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import { BackendTelemetrySchema } from './schema.js';

export const telemetrySpecFields = {
  telemetry: BackendTelemetrySchema.optional(),
};
