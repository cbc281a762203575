import { defineFeature } from '../feature.js';
import { DNSSchema } from './schema.js';
import { dnsTranslation } from './traffic.js';
import { dnsCluster } from './envoy.js';

export const dns = defineFeature({
  key: 'dns',
  errorPrefix: 'DNS',
  spec: {
    dns: DNSSchema.optional(),
  },
  translation: dnsTranslation,
  cluster: dnsCluster,
  layer4: { tcp: 'any', udp: true },
});
