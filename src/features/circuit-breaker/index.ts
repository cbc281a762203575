import { defineFeature } from '../feature.js';
import { CircuitBreakerSchema } from './schema.js';
import { circuitBreakerTranslation, CircuitBreakerTrafficSchema } from './traffic.js';
import { circuitBreakerCluster } from './envoy.js';

export const circuitBreaker = defineFeature({
  key: 'circuitBreaker',
  errorPrefix: 'CircuitBreaker',
  spec: {
    circuitBreaker: CircuitBreakerSchema.optional(),
  },
  traffic: CircuitBreakerTrafficSchema,
  translation: circuitBreakerTranslation,
  cluster: circuitBreakerCluster,
  layer4: { tcp: 'any' },
});
