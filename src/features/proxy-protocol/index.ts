import { defineFeature } from '../feature.js';
import { ProxyProtocolSchema } from './schema.js';
import { proxyProtocolTranslation, ProxyProtocolTrafficSchema } from './traffic.js';
import { proxyProtocolCluster } from './envoy.js';

export const proxyProtocol = defineFeature({
  key: 'proxyProtocol',
  errorPrefix: 'ProxyProtocol',
  spec: {
    proxyProtocol: ProxyProtocolSchema.optional(),
  },
  traffic: ProxyProtocolTrafficSchema,
  translation: proxyProtocolTranslation,
  cluster: proxyProtocolCluster,
  layer4: { tcp: 'any' },
});
