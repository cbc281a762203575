/**
 * `traffic.timeout.http` → the route part of the timeouts: `RouteAction.timeout`, `idle_timeout`
 * and `max_stream_duration`. The cluster part (connect timeout, connection idle timeout, max
 * connection duration) is a cluster feature.
 *
 * Interplay with the Gateway API (`http-route-timeout` golden): an HTTPRoute rule
 * `timeouts.request` wins over the policy's `requestTimeout`. The stream idle timeout is, in
 * order: the policy's `streamIdleTimeout`; nothing when the listener (ClientTrafficPolicy) sets
 * its own stream idle timeout; `max(1h, t)` for an effective request timeout `t` (`0s` when
 * `t = 0s`, which disables both); otherwise nothing. The Gateway API and listener values are
 * not part of a Resolution: they come from `routeSettings(ctx)` when the emitter knows them.
 */
import type { RouteAction } from '../../emit/envoy-types/index.js';
import type { RouteEmission } from '../feature.js';
import { durationFromMs } from '../../emit/protojson.js';
import { type RouteEmitSettings, routeAction, routeSettings } from '../../emit/route-parts.js';
import type { TimeoutTraffic } from './traffic.js';

const ONE_HOUR_MS = 3_600_000;

/** Writes the route timeouts for a BTP `timeout` value (possibly absent) and the route's settings. */
function applyRouteTimeouts(action: RouteAction, value: TimeoutTraffic | undefined, settings: RouteEmitSettings): void {
  const http = value?.http ?? {};
  const requestTimeout = settings.gatewayApiRequestTimeout ?? http.requestTimeout;
  if (requestTimeout !== undefined) action.timeout = durationFromMs(requestTimeout);

  let idle: number | undefined;
  if (http.streamIdleTimeout !== undefined) idle = http.streamIdleTimeout;
  else if (settings.listenerStreamIdleTimeout !== undefined) idle = undefined;
  // A request timeout longer than the 1h default idle timeout would never fire: stretch the idle one.
  else if (requestTimeout !== undefined) idle = requestTimeout === 0 ? 0 : Math.max(ONE_HOUR_MS, requestTimeout);
  if (idle !== undefined) action.idleTimeout = durationFromMs(idle);

  if (http.maxStreamDuration !== undefined) action.maxStreamDuration = { maxStreamDuration: durationFromMs(http.maxStreamDuration) };
}

export const timeoutRoute: RouteEmission<TimeoutTraffic> = {
  apply(route, value, ctx) {
    const action = routeAction(route);
    if (action) applyRouteTimeouts(action, value, routeSettings(ctx));
  },
};
