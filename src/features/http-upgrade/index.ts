import { z } from 'zod';
import { defineFeature } from '../feature.js';
import { ProtocolUpgradeConfigSchema } from './schema.js';
import { httpUpgradeTranslation, HTTPUpgradeTrafficSchema } from './traffic.js';
import { httpUpgradeRoute } from './envoy.js';

export const httpUpgrade = defineFeature({
  key: 'httpUpgrade',
  errorPrefix: 'HTTPUpgrade',
  spec: {
    httpUpgrade: z.array(ProtocolUpgradeConfigSchema).optional(),
  },
  traffic: z.array(HTTPUpgradeTrafficSchema),
  translation: httpUpgradeTranslation,
  route: httpUpgradeRoute,
});
