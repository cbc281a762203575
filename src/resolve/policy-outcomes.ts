/**
 * What resolution records about each policy besides its status: its outcome on every route entry
 * it reaches ({@link PolicyOutcome}, in `RouteResult.outcomes`), and what became of each of its
 * targets ({@link PolicyAttachments}, in `Resolution.attachments`).
 *
 * Outcomes are shared, frozen data. Every value that depends only on the policy — its ref, its
 * target, its reason, the settings it would set — is made once per policy (and target, and
 * result), not once per entry: entries a policy reaches through one target with the same result
 * share one outcome object, and entries with the same outcomes in the same order share one
 * outcome list. At 20,000 routes an entry costs one pointer for its outcomes.
 */
import type { BackendTrafficPolicySpecInput } from '../model/backend-traffic-policy.js';
import type { ObjectRef, ResolvedTraffic } from './types.js';

/**
 * The scopes a policy can attach at, most specific first. This is the order of Envoy Gateway's
 * six translator passes, and an HTTP route entry takes its settings from the first policy that
 * reaches it in this order: a route rule, the route, the ListenerSet listener, the ListenerSet,
 * the Gateway listener, the Gateway.
 */
export const POLICY_SCOPES = ['RouteRule', 'Route', 'ListenerSetListener', 'ListenerSet', 'GatewayListener', 'Gateway'] as const;

/** One of {@link POLICY_SCOPES}. */
export type PolicyScope = (typeof POLICY_SCOPES)[number];

/** Each scope in words, as reasons use them (`route rule`, `Gateway listener`, …). */
export const SCOPE_NAMES = Object.freeze({
  RouteRule: 'route rule',
  Route: 'route',
  ListenerSetListener: 'ListenerSet listener',
  ListenerSet: 'ListenerSet',
  GatewayListener: 'Gateway listener',
  Gateway: 'Gateway',
} as const satisfies Record<PolicyScope, string>);

/** An object a policy targets: one of its `targetRefs` (always in the policy's namespace), or an object one of its `targetSelectors` picked. */
export interface PolicyTargetRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  /** A rule name (routes) or a listener name (Gateways, ListenerSets). */
  sectionName?: string;
  /** Index in `spec.targetSelectors` of the selector that picked the object; absent for a targetRef. */
  selector?: number;
}

/** A policy, through one of its targets, at that target's scope. */
export interface AttachedPolicy {
  policy: ObjectRef;
  target: PolicyTargetRef;
  scope: PolicyScope;
}

interface OutcomeBase extends AttachedPolicy {
  /** Why, in a sentence. */
  reason: string;
  /**
   * What this policy sets on such an entry on its own: its translated settings, restricted to
   * the fields the route's protocol takes. Absent when its translation failed on an HTTP route
   * (it then sets nothing but the 500). Compare with the entry's `traffic` and `provenance` to
   * see which of them are in effect.
   */
  traffic?: ResolvedTraffic;
}

/**
 * The policy shaped the entry: on an HTTP or GRPC route, the most specific policy that reaches it
 * (it claims the entry whole); on a TCP, TLS or UDP route, one of the policies that filled in
 * the settings more specific ones left unset.
 */
export interface AppliedOutcome extends OutcomeBase {
  outcome: 'applied';
  /** With `mergeType`: the parent policy it was merged into on this entry's listener. */
  mergedInto?: AttachedPolicy;
}

/** A route policy with `mergeType` claimed the entry and was merged on top of this (parent) policy: settings the route policy does not set come from here. */
export interface MergedOutcome extends OutcomeBase {
  outcome: 'merged';
  /** The route policy merged on top of this one. */
  mergedBy: AttachedPolicy;
}

/** A more specific policy had claimed the (HTTP or GRPC) entry: this one is replaced whole. */
export interface OverriddenOutcome extends OutcomeBase {
  outcome: 'overridden';
  by: AttachedPolicy;
}

/** Another policy (or an earlier target of this one) holds the same target: the same route rule, route, listener, ListenerSet or Gateway. This policy does not apply through it. */
export interface ConflictedOutcome extends OutcomeBase {
  outcome: 'conflicted';
  by: AttachedPolicy;
}

/**
 * Translation failed. If the policy was the first to reach the (HTTP or GRPC) entry, Envoy
 * answers every request on it with HTTP 500 (`RouteResult.directResponse`), and the next less
 * specific policy still sets its settings; otherwise `by` had claimed the entry already.
 */
export interface InvalidOutcome extends OutcomeBase {
  outcome: 'invalid';
  /** The translator's error, as in the `Accepted=False` condition with reason `Invalid`. */
  message: string;
  by?: AttachedPolicy;
}

/** One policy's part in one route entry. */
export type PolicyOutcome = AppliedOutcome | MergedOutcome | OverriddenOutcome | ConflictedOutcome | InvalidOutcome;

/**
 * What became of one target:
 * - `Attached`: the policy applies through it (its outcome on each entry is in `RouteResult.outcomes`);
 * - `Conflicted`: another policy holds the same target;
 * - `SectionNotFound`: the object has no rule or listener of that `sectionName` (`Accepted=False`, `TargetNotFound`);
 * - `NotFound`: no such object in the input, or (for a route) it attaches to no listener there.
 */
export interface TargetAttachment {
  target: PolicyTargetRef;
  /** Absent for a kind a BackendTrafficPolicy cannot target. */
  scope?: PolicyScope;
  result: 'Attached' | 'Conflicted' | 'SectionNotFound' | 'NotFound';
  /**
   * Why it did not attach, in a sentence. On an `Attached` route that no listener takes (Envoy
   * Gateway accepts a policy on any route whose parent it knows), why the route has no entries.
   */
  message?: string;
}

/** A namespace in which a selector's labels matched objects it could not take. */
export interface SkippedNamespace {
  namespace: string;
  /** `NamespaceNotSelected`: `namespaces.from: Selector` does not match the namespace; `NoReferenceGrant`: no ReferenceGrant there lets the policy's namespace target the object. */
  reason: 'NamespaceNotSelected' | 'NoReferenceGrant';
  message: string;
}

/** One of a policy's `targetSelectors` and where it found objects it could not take. */
export interface SelectorAttachment {
  /** Its index in `spec.targetSelectors` (as in {@link PolicyTargetRef.selector}). */
  index: number;
  /** The selector as written. */
  selector: NonNullable<BackendTrafficPolicySpecInput['targetSelectors']>[number];
  /**
   * Namespaces (other than the policy's own) where objects of the selector's kind matched its
   * labels but were not taken. A selector with `namespaces.from: Same` (the default) never looks
   * outside the policy's namespace, so it has none.
   */
  skipped: SkippedNamespace[];
}

/** Every target of one policy and what became of it. */
export interface PolicyAttachments {
  policy: ObjectRef;
  /** Its `targetRefs` (or `targetRef`), and the objects its `targetSelectors` picked, in the order resolution processed them (most specific scope first). */
  targets: TargetAttachment[];
  /** Its `targetSelectors`, in spec order. */
  selectors: SelectorAttachment[];
}
