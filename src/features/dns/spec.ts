/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import { DNSSchema } from './schema.js';

export const dnsSpecFields = {
  dns: DNSSchema.optional(),
};
