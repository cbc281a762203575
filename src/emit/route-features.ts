/**
 * The route features, in the order the emitter applies them to each Envoy route (after it has
 * built the route's match and action). Order matters only where one feature reads what another
 * wrote: `httpUpgrade` reads `requestBuffer` from the route's traffic, not from the route.
 *
 * The emitter runs every feature on every HTTP route, with `value` undefined when the traffic
 * lacks the key, because some route fields have non-BTP inputs: `httpUpgrade` writes the
 * websocket default, `retry` / `timeout` the HTTPRoute rule's own retry and timeout, `telemetry`
 * the route's stat prefix. Otherwise an absent or malformed value writes nothing.
 */
import type { RouteFeature } from './emit-context.js';
import { bandwidthLimitFeature } from '../features/bandwidth-limit/envoy.js';
import { compressionFeature } from '../features/compression/envoy.js';
import { faultInjectionFeature } from '../features/fault-injection/envoy.js';
import { globalRateLimitFeature } from '../features/rate-limit/envoy-global.js';
import { httpUpgradeFeature } from '../features/http-upgrade/envoy.js';
import { loadBalancerFeature } from '../features/load-balancer/envoy-route.js';
import { localRateLimitFeature } from '../features/rate-limit/envoy-local.js';
import { requestBufferFeature } from '../features/request-buffer/envoy.js';
import { responseOverrideFeature } from '../features/response-override/envoy.js';
import { retryFeature } from '../features/retry/envoy.js';
import { telemetryFeature } from '../features/telemetry/envoy.js';
import { timeoutFeature } from '../features/timeout/envoy-route.js';

export const ROUTE_FEATURES: RouteFeature[] = [
  retryFeature,
  timeoutFeature,
  loadBalancerFeature,
  localRateLimitFeature,
  globalRateLimitFeature,
  bandwidthLimitFeature,
  faultInjectionFeature,
  compressionFeature,
  responseOverrideFeature,
  requestBufferFeature,
  httpUpgradeFeature,
  telemetryFeature,
];

export { retryDropsRoute } from '../features/retry/envoy.js';
export type { RouteEmitSettings } from './route-parts.js';
