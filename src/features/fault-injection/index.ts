import { defineFeature } from '../feature.js';
import { faultInjectionSpecFields } from './spec.js';
import { faultInjectionTranslation } from './traffic.js';
import { faultInjectionRoute } from './envoy.js';

export const faultInjection = defineFeature({
  key: 'faultInjection',
  errorPrefix: 'FaultInjection',
  spec: faultInjectionSpecFields,
  translation: faultInjectionTranslation,
  route: faultInjectionRoute,
  filters: [{ prefix: 'envoy.filters.http.fault', rank: 2 }],
});
