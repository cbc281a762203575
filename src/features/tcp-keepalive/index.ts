import { defineFeature } from '../feature.js';
import { tcpKeepaliveSpecFields } from './spec.js';
import { tcpKeepaliveTranslation } from './traffic.js';
import { tcpKeepaliveCluster } from './envoy.js';

export const tcpKeepalive = defineFeature({
  key: 'tcpKeepalive',
  errorPrefix: 'TCPKeepalive',
  spec: tcpKeepaliveSpecFields,
  translation: tcpKeepaliveTranslation,
  cluster: tcpKeepaliveCluster,
  layer4: { tcp: 'any' },
});
