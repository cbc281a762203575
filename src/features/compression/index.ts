import * as z from 'zod';
import { defineFeature } from '../feature.js';
import { compressionSpecFields } from './spec.js';
import { compressionTranslation, CompressionEntryTrafficSchema } from './traffic.js';
import { compressionRoute } from './envoy.js';

export const compression = defineFeature({
  key: 'compression',
  errorPrefix: 'Compression',
  spec: compressionSpecFields,
  traffic: z.array(CompressionEntryTrafficSchema),
  translation: compressionTranslation,
  route: compressionRoute,
  filters: [{ prefix: 'envoy.filters.http.compressor', rank: 308 }],
});
