import { defineFeature } from '../feature.js';
import { dnsSpecFields } from './spec.js';
import { dnsTranslation, DNSTrafficSchema } from './traffic.js';
import { dnsCluster } from './envoy.js';

export const dns = defineFeature({
  key: 'dns',
  errorPrefix: 'DNS',
  spec: dnsSpecFields,
  traffic: DNSTrafficSchema,
  translation: dnsTranslation,
  cluster: dnsCluster,
  layer4: { tcp: 'any', udp: true },
});
