import { defineFeature } from '../feature.js';
import { faultInjectionSpecFields } from './spec.js';
import { faultInjectionTranslation, FaultInjectionTrafficSchema } from './traffic.js';
import { faultInjectionRoute } from './envoy.js';

export const faultInjection = defineFeature({
  key: 'faultInjection',
  errorPrefix: 'FaultInjection',
  spec: faultInjectionSpecFields,
  traffic: FaultInjectionTrafficSchema,
  translation: faultInjectionTranslation,
  route: faultInjectionRoute,
  filters: [{ prefix: 'envoy.filters.http.fault', rank: 2 }],
});
