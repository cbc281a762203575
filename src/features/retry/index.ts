import { defineFeature } from '../feature.js';
import { retrySpecFields } from './spec.js';
import { retryTranslation, RetryTrafficSchema } from './traffic.js';
import { retryRoute } from './envoy.js';

export const retry = defineFeature({
  key: 'retry',
  errorPrefix: 'Retry',
  spec: retrySpecFields,
  traffic: RetryTrafficSchema,
  translation: retryTranslation,
  route: retryRoute,
});
