import { defineFeature } from '../feature.js';
import { httpUpgradeSpecFields } from './spec.js';
import { httpUpgradeTranslation } from './traffic.js';
import { httpUpgradeRoute } from './envoy.js';

export const httpUpgrade = defineFeature({
  key: 'httpUpgrade',
  errorPrefix: 'HTTPUpgrade',
  spec: httpUpgradeSpecFields,
  translation: httpUpgradeTranslation,
  route: httpUpgradeRoute,
});
