import { z } from 'zod';
import { annotate } from '../../model/registry.js';
import { defineFeature } from '../feature.js';
import { CompressionSchema } from './schema.js';
import { compressionTranslation, CompressionEntryTrafficSchema } from './traffic.js';
import { compressionRoute } from './envoy.js';

export const compression = defineFeature({
  key: 'compression',
  errorPrefix: 'Compression',
  spec: {
    compression: annotate(z.array(CompressionSchema).optional(), { deprecated: true, description: 'Deprecated: use compressor.' }),
    compressor: z.array(CompressionSchema).optional(),
  },
  traffic: z.array(CompressionEntryTrafficSchema),
  translation: compressionTranslation,
  route: compressionRoute,
  filters: [{ prefix: 'envoy.filters.http.compressor', rank: 308 }],
});
