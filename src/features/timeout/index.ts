import { defineFeature } from '../feature.js';
import { timeoutSpecFields } from './spec.js';
import { timeoutTranslation } from './traffic.js';
import { timeoutRoute } from './envoy-route.js';
import { timeoutCluster } from './envoy-cluster.js';

export const timeout = defineFeature({
  key: 'timeout',
  errorPrefix: 'Timeout',
  spec: timeoutSpecFields,
  translation: timeoutTranslation,
  route: timeoutRoute,
  cluster: timeoutCluster,
  layer4: { tcp: 'any' },
});
