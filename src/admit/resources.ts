/**
 * The admitted objects resolution works on: each kind parsed into its model, namespaced, with
 * its identity and order.
 */
import type { BackendTrafficPolicySpecInput } from '../model/backend-traffic-policy.js';
import type { Route } from '../model/gateway-api.js';
import type { RouteKind } from '../model/kinds.js';

/** A policy as resolution sees it: identity, order, and the raw spec the translator reads. */
export interface PolicyInput {
  namespace: string;
  name: string;
  generation?: number;
  creationTimestamp: number;
  /** The spec without unknown fields, NOT defaulted: Envoy Gateway's translator reads it like this. */
  spec: BackendTrafficPolicySpecInput;
  /** Position in the input (for `order: 'input'` and stable ties). */
  index: number;
}

export interface RouteInput {
  kind: RouteKind;
  object: Route;
  namespace: string;
  name: string;
  creationTimestamp: number;
}
