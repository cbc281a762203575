/**
 * `traffic.timeout.http` → the route part of the timeouts (envoy-mapping §1.5): `RouteAction.timeout`,
 * `idle_timeout` and `max_stream_duration`. The cluster part (connect timeout, connection idle
 * timeout, max connection duration) is a cluster feature.
 *
 * Interplay with the Gateway API (`http-route-timeout` golden): an HTTPRoute rule
 * `timeouts.request` wins over the policy's `requestTimeout`. The stream idle timeout is, in
 * order: the policy's `streamIdleTimeout`; nothing when the listener (ClientTrafficPolicy) sets
 * its own stream idle timeout; `max(1h, t)` for an effective request timeout `t` (`0s` when
 * `t = 0s`, which disables both); otherwise nothing. The Gateway API and listener values are
 * not part of a Resolution: they come from `routeSettings(ctx)` when the emitter knows them.
 */
import type { JsonObject } from '../../emit/emit-context.js';
import type { RouteEmission } from '../feature.js';
import { durationFromMs, finiteNumber } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';
import { type RouteEmitSettings, routeAction, routeSettings } from '../../emit/route-parts.js';

const ONE_HOUR_MS = 3_600_000;

/** Writes the route timeouts for a BTP `timeout` value (possibly absent) and the route's settings. */
export function applyRouteTimeouts(action: JsonObject, value: unknown, settings: RouteEmitSettings): void {
  const http = isRecord(value) && isRecord(value.http) ? value.http : {};
  const gatewayApi = finiteNumber(settings.gatewayApiRequestTimeout);
  const requestTimeout = gatewayApi ?? finiteNumber(http.requestTimeout);
  if (requestTimeout !== undefined) action.timeout = durationFromMs(requestTimeout);

  const streamIdle = finiteNumber(http.streamIdleTimeout);
  let idle: number | undefined;
  if (streamIdle !== undefined) idle = streamIdle;
  else if (finiteNumber(settings.listenerStreamIdleTimeout) !== undefined) idle = undefined;
  // A request timeout longer than the 1h default idle timeout would never fire: stretch the idle one.
  else if (requestTimeout !== undefined) idle = requestTimeout === 0 ? 0 : Math.max(ONE_HOUR_MS, requestTimeout);
  if (idle !== undefined) action.idleTimeout = durationFromMs(idle);

  const maxStream = finiteNumber(http.maxStreamDuration);
  if (maxStream !== undefined) action.maxStreamDuration = { maxStreamDuration: durationFromMs(maxStream) };
}

export const timeoutRoute: RouteEmission = {
  apply(route, value, ctx) {
    const action = routeAction(route);
    if (action) applyRouteTimeouts(action, value, routeSettings(ctx));
  },
};
