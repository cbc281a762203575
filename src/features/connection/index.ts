import { defineFeature } from '../feature.js';
import { backendConnectionSpecFields } from './spec.js';
import { backendConnectionTranslation, BackendConnectionTrafficSchema } from './traffic.js';
import { backendConnectionCluster } from './envoy.js';

export const backendConnection = defineFeature({
  key: 'backendConnection',
  errorPrefix: 'BackendConnection',
  spec: backendConnectionSpecFields,
  traffic: BackendConnectionTrafficSchema,
  translation: backendConnectionTranslation,
  cluster: backendConnectionCluster,
  layer4: { tcp: 'route' },
});
