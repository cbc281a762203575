/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import { HealthCheckSchema } from './schema.js';

export const healthCheckSpecFields = {
  healthCheck: HealthCheckSchema.optional(),
};
