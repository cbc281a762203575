import { defineFeature } from '../feature.js';
import { telemetrySpecFields } from './spec.js';
import { telemetryRouteFields, telemetryTranslation, TelemetryTrafficSchema } from './traffic.js';
import { telemetryRoute } from './envoy.js';

export const telemetry = defineFeature({
  key: 'telemetry',
  errorPrefix: 'Telemetry',
  spec: telemetrySpecFields,
  traffic: TelemetryTrafficSchema,
  translation: telemetryTranslation,
  routeFields: telemetryRouteFields,
  route: telemetryRoute,
});
