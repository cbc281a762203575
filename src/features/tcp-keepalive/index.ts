import { defineFeature } from '../feature.js';
import { TCPKeepaliveSchema } from './schema.js';
import { tcpKeepaliveTranslation, TCPKeepaliveTrafficSchema } from './traffic.js';
import { tcpKeepaliveCluster } from './envoy.js';

export const tcpKeepalive = defineFeature({
  key: 'tcpKeepalive',
  errorPrefix: 'TCPKeepalive',
  spec: {
    tcpKeepalive: TCPKeepaliveSchema.optional(),
  },
  traffic: TCPKeepaliveTrafficSchema,
  translation: tcpKeepaliveTranslation,
  cluster: tcpKeepaliveCluster,
  layer4: { tcp: 'any' },
});
