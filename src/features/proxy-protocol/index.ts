import { defineFeature } from '../feature.js';
import { ProxyProtocolSchema } from './schema.js';
import { proxyProtocolTranslation } from './traffic.js';
import { proxyProtocolCluster } from './envoy.js';

export const proxyProtocol = defineFeature({
  key: 'proxyProtocol',
  errorPrefix: 'ProxyProtocol',
  spec: {
    proxyProtocol: ProxyProtocolSchema.optional(),
  },
  translation: proxyProtocolTranslation,
  cluster: proxyProtocolCluster,
  layer4: { tcp: 'any' },
});
