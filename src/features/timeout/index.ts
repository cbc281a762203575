import { defineFeature } from '../feature.js';
import { TimeoutSchema } from './schema.js';
import { timeoutTranslation, TimeoutTrafficSchema } from './traffic.js';
import { timeoutRoute } from './envoy-route.js';
import { timeoutCluster } from './envoy-cluster.js';

export const timeout = defineFeature({
  key: 'timeout',
  errorPrefix: 'Timeout',
  spec: {
    timeout: TimeoutSchema.optional(),
  },
  traffic: TimeoutTrafficSchema,
  translation: timeoutTranslation,
  route: timeoutRoute,
  cluster: timeoutCluster,
  layer4: { tcp: 'any' },
});
