import { defineFeature } from '../feature.js';
import { BackendTelemetrySchema } from './schema.js';
import { telemetryRouteFields, telemetryTranslation, TelemetryTrafficSchema } from './traffic.js';
import { telemetryRoute } from './envoy.js';

export const telemetry = defineFeature({
  key: 'telemetry',
  errorPrefix: 'Telemetry',
  spec: {
    telemetry: BackendTelemetrySchema.optional(),
  },
  traffic: TelemetryTrafficSchema,
  translation: telemetryTranslation,
  routeFields: telemetryRouteFields,
  route: telemetryRoute,
});
