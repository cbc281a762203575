import { defineFeature } from '../feature.js';
import { requestBufferSpecFields } from './spec.js';
import { requestBufferTranslation, RequestBufferTrafficSchema } from './traffic.js';
import { requestBufferRoute } from './envoy.js';

export const requestBuffer = defineFeature({
  key: 'requestBuffer',
  errorPrefix: 'RequestBuffer',
  spec: requestBufferSpecFields,
  traffic: RequestBufferTrafficSchema,
  translation: requestBufferTranslation,
  route: requestBufferRoute,
  filters: [{ prefix: 'envoy.filters.http.buffer', rank: 12 }],
});
