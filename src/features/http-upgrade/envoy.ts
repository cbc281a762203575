/**
 * `traffic.httpUpgrade` → `RouteAction.upgrade_configs` (envoy-mapping §1.19).
 *
 * Envoy Gateway allows websocket upgrades on every HTTP route by default, so this feature also
 * runs for routes without the key (`value` undefined): it then writes `[websocket]`, unless the
 * route buffers requests (`requestBuffer`: an upgraded stream cannot be buffered). Routes Envoy
 * Gateway treats as HTTP/2 (GRPCRoutes) get no upgrade configs at all.
 *
 * With a list, each entry becomes `{upgrade_type}` as written; `CONNECT` with `terminate` also
 * gets `connect_config: {}` (Envoy terminates the tunnel and forwards the payload). Any CONNECT
 * entry makes the route match CONNECT requests (`connect_matcher`, which replaces the path
 * matcher: a CONNECT request has no path); header and query matchers stay.
 */
import type { EmitContext, JsonObject } from '../../emit/emit-context.js';
import type { RouteEmission } from '../feature.js';
import { isRecord } from '../../lang/json.js';
import { isHTTP2Route, list, routeAction } from '../../emit/route-parts.js';

/** `RouteMatch` path specifiers (the `oneof` a connect matcher replaces). */
const PATH_SPECIFIERS = ['prefix', 'path', 'safeRegex', 'connectMatcher', 'pathSeparatedPrefix', 'pathMatchPolicy'];

/** The upgrade configs of a route; undefined when it gets none. */
export function upgradeConfigs(value: unknown, ctx: EmitContext): JsonObject[] | undefined {
  if (isHTTP2Route(ctx)) return undefined;
  const entries = list(value).filter(isRecord);
  if (entries.length === 0) return isRecord(ctx.traffic.requestBuffer) ? undefined : [{ upgradeType: 'websocket' }];
  return entries.flatMap((u) => {
    if (typeof u.type !== 'string') return [];
    const config: JsonObject = { upgradeType: u.type };
    if (u.type === 'CONNECT' && isRecord(u.connect) && u.connect.terminate === true) config.connectConfig = {};
    return [config];
  });
}

export const httpUpgradeRoute: RouteEmission = {
  apply(route, value, ctx) {
    const action = routeAction(route);
    if (!action) return;
    const configs = upgradeConfigs(value, ctx);
    if (configs && configs.length > 0) action.upgradeConfigs = configs;
    else delete action.upgradeConfigs;
    if (configs?.some((c) => typeof c.upgradeType === 'string' && c.upgradeType.toUpperCase() === 'CONNECT') && isRecord(route.match)) {
      for (const key of PATH_SPECIFIERS) delete route.match[key];
      route.match.connectMatcher = {};
    }
  },
};
