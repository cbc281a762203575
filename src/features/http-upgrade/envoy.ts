/**
 * `traffic.httpUpgrade` → `RouteAction.upgrade_configs`.
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
import type { EmitContext } from '../../emit/emit-context.js';
import type { UpgradeConfig } from '../../emit/envoy-types/index.js';
import type { RouteEmission } from '../feature.js';
import { isHTTP2Route, routeAction } from '../../emit/route-parts.js';
import { EnvoyRules } from '../../emit/envoy-rules.js';
import type { HTTPUpgradeTraffic } from './traffic.js';

/** The upgrade configs of a route; undefined when it gets none. */
export function upgradeConfigs(value: readonly HTTPUpgradeTraffic[] | undefined, ctx: EmitContext): UpgradeConfig[] | undefined {
  if (isHTTP2Route(ctx)) return undefined;
  if (!value || value.length === 0) return ctx.traffic.requestBuffer ? undefined : [{ upgradeType: 'websocket' }];
  return value.map((u) => {
    const config: UpgradeConfig = { upgradeType: u.type };
    if (u.type === 'CONNECT' && u.connect?.terminate === true) config.connectConfig = {};
    return config;
  });
}

export const httpUpgradeRoute: RouteEmission<HTTPUpgradeTraffic[]> = {
  apply(route, value, ctx) {
    const action = routeAction(route);
    if (!action) return;
    const configs = upgradeConfigs(value, ctx);
    if (configs && configs.length > 0) action.upgradeConfigs = configs;
    else delete action.upgradeConfigs;
    if (configs?.some((c) => c.upgradeType.toUpperCase() === 'CONNECT')) {
      // A CONNECT request has no path: the connect matcher replaces the path specifier.
      const { prefix, path, safeRegex, pathSeparatedPrefix, connectMatcher, ...rest } = route.match;
      route.match = { ...rest, connectMatcher: {} };
    }
  },
  /** `UpgradeConfig.upgrade_type` must be a header value that is not empty (no NUL, CR or LF). */
  rejections(value) {
    const rules = new EnvoyRules();
    value.forEach((u, i) => {
      rules.minLength(`[${i}].type`, u.type, 1, 'UpgradeConfig.upgrade_type');
      rules.headerValue(`[${i}].type`, u.type, 'UpgradeConfig.upgrade_type');
    });
    return rules.found;
  },
};
