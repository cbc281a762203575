import { defineFeature } from '../feature.js';
import { bandwidthLimitSpecFields } from './spec.js';
import { bandwidthLimitTranslation, BandwidthLimitTrafficSchema } from './traffic.js';
import { bandwidthLimitRoute } from './envoy.js';

export const bandwidthLimit = defineFeature({
  key: 'bandwidthLimit',
  errorPrefix: 'BandwidthLimit',
  spec: bandwidthLimitSpecFields,
  traffic: BandwidthLimitTrafficSchema,
  translation: bandwidthLimitTranslation,
  route: bandwidthLimitRoute,
  filters: [{ prefix: 'envoy.filters.http.bandwidth_limit', rank: 304 }],
});
