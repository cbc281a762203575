/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import { CircuitBreakerSchema } from './schema.js';

export const circuitBreakerSpecFields = {
  circuitBreaker: CircuitBreakerSchema.optional(),
};
