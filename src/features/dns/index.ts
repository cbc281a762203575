import { defineFeature } from '../feature.js';
import { DNSSchema } from './schema.js';
import { dnsTranslation, DNSTrafficSchema } from './traffic.js';
import { dnsCluster } from './envoy.js';

export const dns = defineFeature({
  key: 'dns',
  errorPrefix: 'DNS',
  spec: {
    dns: DNSSchema.optional(),
  },
  traffic: DNSTrafficSchema,
  translation: dnsTranslation,
  cluster: dnsCluster,
  layer4: { tcp: 'any', udp: true },
});
