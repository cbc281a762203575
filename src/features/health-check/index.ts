import { defineFeature } from '../feature.js';
import { HealthCheckSchema } from './schema.js';
import { healthCheckTranslation, HealthCheckTrafficSchema } from './traffic.js';
import { healthCheckCluster } from './envoy.js';

export const healthCheck = defineFeature({
  key: 'healthCheck',
  errorPrefix: 'HealthCheck',
  spec: {
    healthCheck: HealthCheckSchema.optional(),
  },
  traffic: HealthCheckTrafficSchema,
  translation: healthCheckTranslation,
  cluster: healthCheckCluster,
  layer4: { tcp: 'any' },
});
