export { resolvePolicies, DEFAULT_CONTROLLER_NAME } from './resolve-policies.js';
export type { Diagnostic, ObjectRef, PolicyResult, Profile, RejectedObject, Resolution, ResolveOptions, ResolvedTraffic, RouteResult } from './types.js';
export { strategicMergePatch } from './merge/strategic-merge.js';
export { jsonMergePatch } from '../lang/json-merge-patch.js';
