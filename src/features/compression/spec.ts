/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import * as z from 'zod';
import { annotate } from '../../model/registry.js';
import { CompressionSchema } from './schema.js';

export const compressionSpecFields = {
  compression: annotate(z.array(CompressionSchema).optional(), { deprecated: true, description: 'Deprecated: use compressor.' }),
  compressor: z.array(CompressionSchema).optional(),
};
