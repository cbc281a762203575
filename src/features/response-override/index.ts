import { z } from 'zod';
import { defineFeature } from '../feature.js';
import { ResponseOverrideSchema } from './schema.js';
import { responseOverrideTranslation, ResponseOverrideTrafficSchema } from './traffic.js';
import { responseOverrideRoute } from './envoy.js';

export const responseOverride = defineFeature({
  key: 'responseOverride',
  errorPrefix: 'ResponseOverride',
  spec: {
    responseOverride: z.array(ResponseOverrideSchema).optional(),
  },
  traffic: ResponseOverrideTrafficSchema,
  translation: responseOverrideTranslation,
  route: responseOverrideRoute,
  filters: [{ prefix: 'envoy.filters.http.custom_response', rank: 0 }],
});
