import { defineFeature } from '../feature.js';
import { backendConnectionSpecFields } from './spec.js';
import { backendConnectionTranslation } from './traffic.js';
import { backendConnectionCluster } from './envoy.js';

export const backendConnection = defineFeature({
  key: 'backendConnection',
  errorPrefix: 'BackendConnection',
  spec: backendConnectionSpecFields,
  translation: backendConnectionTranslation,
  cluster: backendConnectionCluster,
  layer4: { tcp: 'route' },
});
