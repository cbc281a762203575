import { defineFeature } from '../feature.js';
import { compressionSpecFields } from './spec.js';
import { compressionTranslation } from './traffic.js';
import { compressionRoute } from './envoy.js';

export const compression = defineFeature({
  key: 'compression',
  errorPrefix: 'Compression',
  spec: compressionSpecFields,
  translation: compressionTranslation,
  route: compressionRoute,
  filters: [{ prefix: 'envoy.filters.http.compressor', rank: 308 }],
});
