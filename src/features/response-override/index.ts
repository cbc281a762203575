import { defineFeature } from '../feature.js';
import { responseOverrideSpecFields } from './spec.js';
import { responseOverrideTranslation, ResponseOverrideTrafficSchema } from './traffic.js';
import { responseOverrideRoute } from './envoy.js';

export const responseOverride = defineFeature({
  key: 'responseOverride',
  errorPrefix: 'ResponseOverride',
  spec: responseOverrideSpecFields,
  traffic: ResponseOverrideTrafficSchema,
  translation: responseOverrideTranslation,
  route: responseOverrideRoute,
  filters: [{ prefix: 'envoy.filters.http.custom_response', rank: 0 }],
});
