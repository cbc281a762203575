/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import * as z from 'zod';
import { ResponseOverrideSchema } from './schema.js';

export const responseOverrideSpecFields = {
  responseOverride: z.array(ResponseOverrideSchema).optional(),
};
