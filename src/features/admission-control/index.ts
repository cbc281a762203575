import { defineFeature } from '../feature.js';
import { admissionControlSpecFields } from './spec.js';
import { admissionControlTranslation, AdmissionControlTrafficSchema } from './traffic.js';
import { admissionControlCluster } from './envoy.js';

export const admissionControl = defineFeature({
  key: 'admissionControl',
  errorPrefix: 'AdmissionControl',
  spec: admissionControlSpecFields,
  traffic: AdmissionControlTrafficSchema,
  translation: admissionControlTranslation,
  cluster: admissionControlCluster,
});
