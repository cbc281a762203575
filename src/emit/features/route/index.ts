/** The route features (`RouteFeature`), applied in this order to every emitted Envoy route. */
import type { RouteFeature } from '../../feature.js';

export const ROUTE_FEATURES: RouteFeature[] = [];
