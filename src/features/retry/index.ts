import { defineFeature } from '../feature.js';
import { RetrySchema } from './schema.js';
import { retryTranslation } from './traffic.js';
import { retryRoute } from './envoy.js';

export const retry = defineFeature({
  key: 'retry',
  errorPrefix: 'Retry',
  spec: {
    retry: RetrySchema.optional(),
  },
  translation: retryTranslation,
  route: retryRoute,
});
