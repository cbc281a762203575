import { defineFeature } from '../feature.js';
import { tcpKeepaliveSpecFields } from './spec.js';
import { tcpKeepaliveTranslation, TCPKeepaliveTrafficSchema } from './traffic.js';
import { tcpKeepaliveCluster } from './envoy.js';

export const tcpKeepalive = defineFeature({
  key: 'tcpKeepalive',
  errorPrefix: 'TCPKeepalive',
  spec: tcpKeepaliveSpecFields,
  traffic: TCPKeepaliveTrafficSchema,
  translation: tcpKeepaliveTranslation,
  cluster: tcpKeepaliveCluster,
  layer4: { tcp: 'any' },
});
