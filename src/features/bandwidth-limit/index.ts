import { defineFeature } from '../feature.js';
import { BandwidthLimitSpecSchema } from './schema.js';
import { bandwidthLimitTranslation, BandwidthLimitTrafficSchema } from './traffic.js';
import { bandwidthLimitRoute } from './envoy.js';

export const bandwidthLimit = defineFeature({
  key: 'bandwidthLimit',
  errorPrefix: 'BandwidthLimit',
  spec: {
    bandwidthLimit: BandwidthLimitSpecSchema.optional(),
  },
  traffic: BandwidthLimitTrafficSchema,
  translation: bandwidthLimitTranslation,
  route: bandwidthLimitRoute,
  filters: [{ prefix: 'envoy.filters.http.bandwidth_limit', rank: 304 }],
});
