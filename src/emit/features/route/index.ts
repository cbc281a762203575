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
import type { RouteFeature } from '../../feature.js';
import { bandwidthLimitFeature } from './bandwidth-limit.js';
import { compressionFeature } from './compression.js';
import { faultInjectionFeature } from './fault-injection.js';
import { globalRateLimitFeature } from './global-rate-limit.js';
import { httpUpgradeFeature } from './http-upgrade.js';
import { loadBalancerFeature } from './load-balancer.js';
import { localRateLimitFeature } from './local-rate-limit.js';
import { requestBufferFeature } from './request-buffer.js';
import { responseOverrideFeature } from './response-override.js';
import { retryFeature } from './retry.js';
import { telemetryFeature } from './telemetry.js';
import { timeoutFeature } from './timeout.js';

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

export { retryDropsRoute } from './retry.js';
export type { RouteEmitSettings } from './route-parts.js';
