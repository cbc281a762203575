/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import * as z from 'zod';
import { HTTP2SettingsSchema } from './schema.js';

export const http2SpecFields = {
  http2: HTTP2SettingsSchema.optional(),
  useClientProtocol: z.boolean().optional(),
};
