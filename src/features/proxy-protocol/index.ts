import { defineFeature } from '../feature.js';
import { proxyProtocolSpecFields } from './spec.js';
import { proxyProtocolTranslation, ProxyProtocolTrafficSchema } from './traffic.js';
import { proxyProtocolCluster } from './envoy.js';

export const proxyProtocol = defineFeature({
  key: 'proxyProtocol',
  errorPrefix: 'ProxyProtocol',
  spec: proxyProtocolSpecFields,
  traffic: ProxyProtocolTrafficSchema,
  translation: proxyProtocolTranslation,
  cluster: proxyProtocolCluster,
  layer4: { tcp: 'any' },
});
