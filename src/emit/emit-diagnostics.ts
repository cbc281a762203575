/** What `emitEnvoy` reports about its input: every route, listener, cluster part or feature it left out, and why. */
import type { ObjectRef, RouteEntryInput } from '../resolve/types.js';
import type { FeatureKey } from '../features/registry.js';

/** A finding of `emitEnvoy`. The configuration without the part it names still stands. */
export interface EmitDiagnostic {
  /** `error`: something was left out of the configuration; `warning`: a malformed value was ignored. */
  severity: 'error' | 'warning';
  /** Where in the `Resolution`: `routes[3]`, `routes[3].traffic.faultInjection.abort.httpStatus`. */
  path: string;
  message: string;
  /** The route rule concerned: `<kind>/<namespace>/<name>/rule/<index>` (the kind in lower case, as Envoy Gateway names routes). */
  route?: string;
  /** The gateway listener concerned: `<gwns>/<gw>/<listener>` (with `<lsns>/<ls>/` before the listener of a ListenerSet). */
  listener?: string;
  /** The cluster concerned. */
  cluster?: string;
  /** The feature (its `traffic` key) that was left out. */
  feature?: FeatureKey;
  /** The BackendTrafficPolicy that set the offending value, when the route's provenance says. */
  policy?: ObjectRef;
}

/** Reports a feature part that threw: it is left out of the route or cluster, the rest stands. */
export type FailureReport = (feature: FeatureKey, part: string, err: unknown) => void;

/** `<kind>/<namespace>/<name>/rule/<index>`: how a diagnostic names a route rule. */
export function routeRuleName(route: Pick<RouteEntryInput, 'route' | 'ruleIndex'>): string {
  const { kind, namespace, name } = route.route;
  return `${kind.toLowerCase()}/${namespace}/${name}/rule/${route.ruleIndex}`;
}
