import { defineFeature } from '../feature.js';
import { TCPKeepaliveSchema } from './schema.js';
import { tcpKeepaliveTranslation } from './traffic.js';
import { tcpKeepaliveCluster } from './envoy.js';

export const tcpKeepalive = defineFeature({
  key: 'tcpKeepalive',
  errorPrefix: 'TCPKeepalive',
  spec: {
    tcpKeepalive: TCPKeepaliveSchema.optional(),
  },
  translation: tcpKeepaliveTranslation,
  cluster: tcpKeepaliveCluster,
  layer4: { tcp: 'any' },
});
