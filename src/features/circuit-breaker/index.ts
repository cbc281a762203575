import { defineFeature } from '../feature.js';
import { circuitBreakerSpecFields } from './spec.js';
import { circuitBreakerTranslation, CircuitBreakerTrafficSchema } from './traffic.js';
import { circuitBreakerCluster } from './envoy.js';

export const circuitBreaker = defineFeature({
  key: 'circuitBreaker',
  errorPrefix: 'CircuitBreaker',
  spec: circuitBreakerSpecFields,
  traffic: CircuitBreakerTrafficSchema,
  translation: circuitBreakerTranslation,
  cluster: circuitBreakerCluster,
  layer4: { tcp: 'any' },
});
