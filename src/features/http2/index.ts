import { defineFeature } from '../feature.js';
import { http2SpecFields } from './spec.js';
import { http2Translation, HTTP2TrafficSchema } from './traffic.js';
import { http2Cluster } from './envoy.js';
import type { RouteFields } from '../feature.js';

/** Envoy Gateway keeps `useClientProtocol` on the IR route itself (HTTP routes only). */
const useClientProtocolRouteField: RouteFields = (spec) =>
  typeof spec.useClientProtocol === 'boolean' ? { useClientProtocol: spec.useClientProtocol } : undefined;

/**
 * The upstream HTTP protocol: `http2` settings, and `useClientProtocol` (speak to the backend in
 * the protocol the client used). Both land in the cluster's HTTP protocol options block.
 */
export const http2 = defineFeature({
  key: 'http2',
  errorPrefix: 'HTTP2',
  spec: http2SpecFields,
  traffic: HTTP2TrafficSchema,
  translation: http2Translation,
  routeFields: useClientProtocolRouteField,
  cluster: http2Cluster,
});
