import { defineFeature } from '../feature.js';
import { BackendConnectionSchema } from './schema.js';
import { backendConnectionTranslation, BackendConnectionTrafficSchema } from './traffic.js';
import { backendConnectionCluster } from './envoy.js';

export const backendConnection = defineFeature({
  key: 'backendConnection',
  errorPrefix: 'BackendConnection',
  spec: {
    connection: BackendConnectionSchema.optional(),
  },
  traffic: BackendConnectionTrafficSchema,
  translation: backendConnectionTranslation,
  cluster: backendConnectionCluster,
  layer4: { tcp: 'route' },
});
