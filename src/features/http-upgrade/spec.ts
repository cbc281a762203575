/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import * as z from 'zod';
import { ProtocolUpgradeConfigSchema } from './schema.js';

export const httpUpgradeSpecFields = {
  httpUpgrade: z.array(ProtocolUpgradeConfigSchema).optional(),
};
