/**
 * Route-result fields outside `traffic` (Envoy Gateway keeps them on the IR route itself), set by
 * features' `routeFields` parts. Each has its own rule of application:
 *
 * - `statName`: from the spec that shaped the route (for a merged policy, the merged spec), its
 *   operators substituted for each route entry; an HTTP route takes it with the policy that claims
 *   it, a TCP route from the first policy that has one.
 * - `removeResponseHeaders`: from the spec that shaped the route, HTTP routes only, and only when
 *   the policy attaches at route or rule level (Envoy Gateway strips the ORCA headers only there).
 * - `useClientProtocol`: from the applying policy's own spec (not a merged one), HTTP routes only.
 */
import type { BackendTrafficPolicySpecInput } from '../model/backend-traffic-policy.js';
import type { RouteFieldValues } from '../features/feature.js';
import { FEATURES } from '../features/registry.js';
import { routeStatName } from '../features/telemetry/traffic.js';
import type { RouteState } from './route-state.js';

/** What every feature's `routeFields` part sets from one spec. */
export function routeFieldsOf(spec: BackendTrafficPolicySpecInput): Partial<RouteFieldValues> {
  const out: Partial<RouteFieldValues> = {};
  for (const f of FEATURES) if (f.routeFields) Object.assign(out, f.routeFields(spec));
  return out;
}

/** Sets the fields on an HTTP route entry a policy claims. */
export function applyHttpRouteFields(s: RouteState, built: Partial<RouteFieldValues>, own: Partial<RouteFieldValues>, level: 'route' | 'gateway'): void {
  if (own.useClientProtocol !== undefined) s.useClientProtocol = own.useClientProtocol;
  if (built.statName !== undefined) s.statName = statNameFor(built.statName, s);
  if (level === 'route' && built.removeResponseHeaders !== undefined) s.removeResponseHeaders = built.removeResponseHeaders;
}

/** Sets the fields on a TCP route entry a policy fills (the first stat name wins). */
export function applyTcpRouteFields(s: RouteState, built: Partial<RouteFieldValues>): void {
  if (built.statName !== undefined && s.statName === undefined) s.statName = statNameFor(built.statName, s);
}

function statNameFor(template: string, s: RouteState): string {
  const route: { name: string; namespace: string; kind: string; ruleName?: string } = { name: s.route.name, namespace: s.route.namespace, kind: s.route.kind };
  if (s.ruleName !== undefined) route.ruleName = s.ruleName;
  return routeStatName(template, route);
}
