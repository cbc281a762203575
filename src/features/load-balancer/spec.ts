/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import { LoadBalancerSchema } from './schema.js';

export const loadBalancerSpecFields = {
  loadBalancer: LoadBalancerSchema.optional(),
};
