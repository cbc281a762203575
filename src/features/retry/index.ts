import { defineFeature } from '../feature.js';
import { retrySpecFields } from './spec.js';
import { retryTranslation } from './traffic.js';
import { retryRoute } from './envoy.js';

export const retry = defineFeature({
  key: 'retry',
  errorPrefix: 'Retry',
  spec: retrySpecFields,
  translation: retryTranslation,
  route: retryRoute,
});
