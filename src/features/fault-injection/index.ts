import { defineFeature } from '../feature.js';
import { FaultInjectionSchema } from './schema.js';
import { faultInjectionTranslation, FaultInjectionTrafficSchema } from './traffic.js';
import { faultInjectionRoute } from './envoy.js';

export const faultInjection = defineFeature({
  key: 'faultInjection',
  errorPrefix: 'FaultInjection',
  spec: {
    faultInjection: FaultInjectionSchema.optional(),
  },
  traffic: FaultInjectionTrafficSchema,
  translation: faultInjectionTranslation,
  route: faultInjectionRoute,
  filters: [{ prefix: 'envoy.filters.http.fault', rank: 2 }],
});
