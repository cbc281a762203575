export {
  BackendTrafficPolicySchema,
  BackendTrafficPolicySpecSchema,
  type BackendTrafficPolicy,
  type BackendTrafficPolicyInput,
  type BackendTrafficPolicySpec,
  type BackendTrafficPolicySpecInput,
} from './backend-traffic-policy.js';
export { parseBackendTrafficPolicy, type ParseOptions, type ParseResult, type UnknownFieldsMode } from './parse.js';
export { backendTrafficPolicyJsonSchema } from './json-schema.js';
export { formatIssue, formatInvalid, type FieldError, type FieldErrorType, type ValidationIssue } from './issues.js';
export { KIND_RULES, type KindRule } from './envelope.js';
export * from '../values/index.js';
export { DurationSchema } from './duration.js';
export { QuantitySchema, type Quantity } from './quantity.js';
export { FractionSchema, type Fraction } from './fraction.js';
export { LabelSelectorSchema, LabelSelectorRequirementSchema, type LabelSelector, type LabelSelectorRequirement } from './label-selector.js';
export { ObjectMetaSchema, type ObjectMeta } from './object-meta.js';
export * from './policy-status.js';
export { GATEWAY_API_GROUP, ENVOY_GATEWAY_GROUP, ROUTE_KINDS, XROUTE_KINDS, POLICY_TARGET_KINDS, type RouteKind } from './kinds.js';
export * from './gateway-api.js';
export * from './targets.js';
export * from '../features/schemas.js';
export { LIMITS } from './limits.js';
