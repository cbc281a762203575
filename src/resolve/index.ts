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
} from './types.js';
export { strategicMergePatch } from './merge/strategic-merge.js';
export { jsonMergePatch } from '../lang/json-merge-patch.js';
