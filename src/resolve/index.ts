export { resolvePolicies, DEFAULT_CONTROLLER_NAME } from './resolve-policies.js';
export type {
  Diagnostic,
  KubernetesObject,
  ObjectRef,
  PolicyResult,
  Profile,
  RejectedObject,
  Resolution,
  ResolveInput,
  ResolveOptions,
  ResolvedTraffic,
  ResourceBundle,
  RouteResult,
  RouteEntryInput,
  RoutesInput,
} from './types.js';
export { strategicMergePatch } from './merge/strategic-merge.js';
export { jsonMergePatch } from '../lang/json-merge-patch.js';
export { POLICY_SCOPES, SCOPE_NAMES } from './policy-outcomes.js';
export type {
  AppliedOutcome,
  AttachedPolicy,
  ConflictedOutcome,
  InvalidOutcome,
  MergedOutcome,
  OverriddenOutcome,
  PolicyAttachments,
  PolicyOutcome,
  PolicyScope,
  PolicyTargetRef,
  SelectorAttachment,
  SkippedNamespace,
  TargetAttachment,
} from './policy-outcomes.js';
export { createResolver } from './resolver.js';
export type { ObjectKey, Resolver, ResolverChange, WatchEvent, WatchEventType } from './resolver.js';
