import * as z from 'zod';
import { defineFeature } from '../feature.js';
import { httpUpgradeSpecFields } from './spec.js';
import { httpUpgradeTranslation, HTTPUpgradeTrafficSchema } from './traffic.js';
import { httpUpgradeRoute } from './envoy.js';

export const httpUpgrade = defineFeature({
  key: 'httpUpgrade',
  errorPrefix: 'HTTPUpgrade',
  spec: httpUpgradeSpecFields,
  traffic: z.array(HTTPUpgradeTrafficSchema),
  translation: httpUpgradeTranslation,
  route: httpUpgradeRoute,
});
