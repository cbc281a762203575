import { defineFeature } from '../feature.js';
import { timeoutSpecFields } from './spec.js';
import { timeoutTranslation, TimeoutTrafficSchema } from './traffic.js';
import { timeoutRoute } from './envoy-route.js';
import { timeoutCluster } from './envoy-cluster.js';

export const timeout = defineFeature({
  key: 'timeout',
  errorPrefix: 'Timeout',
  spec: timeoutSpecFields,
  traffic: TimeoutTrafficSchema,
  translation: timeoutTranslation,
  route: timeoutRoute,
  cluster: timeoutCluster,
  layer4: { tcp: 'any' },
});
