import { defineFeature } from '../feature.js';
import { healthCheckSpecFields } from './spec.js';
import { healthCheckTranslation, HealthCheckTrafficSchema } from './traffic.js';
import { healthCheckCluster } from './envoy.js';

export const healthCheck = defineFeature({
  key: 'healthCheck',
  errorPrefix: 'HealthCheck',
  spec: healthCheckSpecFields,
  traffic: HealthCheckTrafficSchema,
  translation: healthCheckTranslation,
  cluster: healthCheckCluster,
  layer4: { tcp: 'any' },
});
