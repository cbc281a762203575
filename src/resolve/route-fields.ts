/**
 * Route-result fields outside `traffic` (Envoy Gateway keeps them on the IR route itself), set by
 * features' `routeFields` parts. Each has its own rule of application:
 *
 * - `statName`: from the spec that shaped the route (for a merged policy, the merged spec), its
 *   operators substituted once per route rule (`RouteStatNames`, within `LIMITS.maxStatNameLength`);
 *   an HTTP route takes it with the policy that claims it, a TCP route from the first policy that
 *   has one.
 * - `removeResponseHeaders`: from the spec that shaped the route, HTTP routes only, and only when
 *   the policy attaches at route or rule level (Envoy Gateway strips the ORCA headers only there).
 * - `useClientProtocol`: from the applying policy's own spec (not a merged one), HTTP routes only.
 */
import type { RouteInput } from '../admit/resources.js';
import type { BackendTrafficPolicySpecInput } from '../model/backend-traffic-policy.js';
import { LIMITS } from '../model/limits.js';
import type { RouteFieldValues } from '../features/feature.js';
import { FEATURES } from '../features/registry.js';
import { routeStatName } from '../features/telemetry/traffic.js';
import type { RouteState } from './route-state.js';
import type { Diagnostic, ObjectRef } from './types.js';

/** What every feature's `routeFields` part sets from one spec. */
export function routeFieldsOf(spec: BackendTrafficPolicySpecInput): Partial<RouteFieldValues> {
  const out: Partial<RouteFieldValues> = {};
  for (const f of FEATURES) if (f.routeFields) Object.assign(out, f.routeFields(spec));
  return out;
}

/**
 * The stat names one policy's `routeStatName` template gives: substituted once per route rule (a
 * route on 64 listeners shares one string), and not at all past `LIMITS.maxStatNameLength`: such a
 * route gets no stat name, and one finding (`findingFor`) names the policy and the route. The
 * finding is kept, not reported here: it is in the resolution's diagnostics while an entry the
 * template shapes holds it, so a resolution that follows changes reports what holds now.
 */
export class RouteStatNames {
  private readonly names = new Map<RouteInput, Map<string | undefined, string | undefined>>();
  private readonly findings = new Map<RouteInput, Diagnostic>();

  constructor(
    readonly template: string,
    private readonly policy: ObjectRef,
  ) {}

  of(route: RouteInput, ruleName: string | undefined): string | undefined {
    let byRule = this.names.get(route);
    if (!byRule) this.names.set(route, (byRule = new Map()));
    if (byRule.has(ruleName)) return byRule.get(ruleName);
    const target = { name: route.name, namespace: route.namespace, kind: route.kind, ...(ruleName === undefined ? {} : { ruleName }) };
    const name = routeStatName(this.template, target, LIMITS.maxStatNameLength);
    byRule.set(ruleName, name);
    return name;
  }

  /** The one finding of `route` (the same object every time, so a caller can count it once). */
  findingFor(route: RouteInput): Diagnostic {
    let finding = this.findings.get(route);
    if (!finding) {
      const { namespace, name: policyName } = this.policy;
      finding = {
        severity: 'error',
        path: '',
        message:
          `BackendTrafficPolicy ${namespace}/${policyName}: the stat name of ${route.kind} ${route.namespace}/${route.name} (telemetry.metrics.routeStatName, ` +
          `its operators substituted) would be longer than ${LIMITS.maxStatNameLength} characters; the route gets no stat name`,
        object: { kind: 'BackendTrafficPolicy', namespace, name: policyName },
      };
      this.findings.set(route, finding);
    }
    return finding;
  }
}

/** What a translated policy sets outside `traffic`: the fields, and its stat names when it has a template. */
export interface BuiltRouteFields {
  routeFields: Partial<RouteFieldValues>;
  statNames?: RouteStatNames;
}

/** Sets the fields on an HTTP route entry a policy claims. */
export function applyHttpRouteFields(s: RouteState, built: BuiltRouteFields, own: Partial<RouteFieldValues>, level: 'route' | 'gateway'): void {
  if (own.useClientProtocol !== undefined) s.useClientProtocol = own.useClientProtocol;
  if (built.statNames) setStatName(s, built.statNames);
  if (level === 'route' && built.routeFields.removeResponseHeaders !== undefined) s.removeResponseHeaders = built.routeFields.removeResponseHeaders;
}

/** Sets the fields on a TCP route entry a policy fills (the first stat name wins). */
export function applyTcpRouteFields(s: RouteState, built: BuiltRouteFields): void {
  if (built.statNames && s.statName === undefined) setStatName(s, built.statNames);
}

function setStatName(s: RouteState, names: RouteStatNames): void {
  s.statName = names.of(s.route, s.ruleName);
  s.statNameFinding = s.statName === undefined ? names.findingFor(s.route) : undefined;
}
