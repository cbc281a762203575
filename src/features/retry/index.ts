import { defineFeature } from '../feature.js';
import { RetrySchema } from './schema.js';
import { retryTranslation, RetryTrafficSchema } from './traffic.js';
import { retryRoute } from './envoy.js';

export const retry = defineFeature({
  key: 'retry',
  errorPrefix: 'Retry',
  spec: {
    retry: RetrySchema.optional(),
  },
  traffic: RetryTrafficSchema,
  translation: retryTranslation,
  route: retryRoute,
});
