/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import { BackendConnectionSchema } from './schema.js';

export const backendConnectionSpecFields = {
  connection: BackendConnectionSchema.optional(),
};
