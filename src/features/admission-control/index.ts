import { defineFeature } from '../feature.js';
import { AdmissionControlSchema } from './schema.js';
import { admissionControlTranslation, AdmissionControlTrafficSchema } from './traffic.js';
import { admissionControlCluster } from './envoy.js';

export const admissionControl = defineFeature({
  key: 'admissionControl',
  errorPrefix: 'AdmissionControl',
  spec: {
    admissionControl: AdmissionControlSchema.optional(),
  },
  traffic: AdmissionControlTrafficSchema,
  translation: admissionControlTranslation,
  cluster: admissionControlCluster,
});
