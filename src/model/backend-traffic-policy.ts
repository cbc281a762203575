/**
 * The BackendTrafficPolicy object (`gateway.envoyproxy.io/v1alpha1`): its `spec` assembled from the
 * targeting fields and every feature's own fields (`src/features/spec-shape.ts`), plus the ten CEL
 * rules the CRD puts on `spec` itself.
 */
import * as z from 'zod';
import { has, withRules } from './crd.js';
import { annotate } from './registry.js';
import { PolicyTargetReferenceSchema, TargetSelectorSchema } from './targets.js';
import { ObjectMetaSchema } from './object-meta.js';
import { PolicyStatusSchema } from './policy-status.js';
import { FEATURE_SPEC_SHAPE } from '../features/spec-shape.js';
import { GATEWAY_API_GROUP, POLICY_TARGET_KINDS, XROUTE_KINDS } from './kinds.js';

const ADMISSION_CONTROL_KINDS = ['Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute'];

const oneOf = (kinds: readonly string[]) => (kind: unknown) => typeof kind === 'string' && kinds.includes(kind);

/** Every target kind named by refs and selectors is in `kinds` (CEL `all(...)` over each list). */
function allTargetKindsIn(spec: BackendTrafficPolicySpecShape, kinds: readonly string[]): boolean {
  const inKinds = oneOf(kinds);
  return (
    (!has(spec.targetRef) || inKinds(spec.targetRef?.kind)) &&
    (!has(spec.targetRefs) || spec.targetRefs!.every((r) => inKinds(r.kind))) &&
    (!has(spec.targetSelectors) || spec.targetSelectors!.every((s) => inKinds(s.kind)))
  );
}

/**
 * The spec: how the policy targets (`targetRef(s)`, `targetSelectors`), how it merges
 * (`mergeType`), `routingType`, and every feature's own fields, from the feature registry.
 */
const SpecObject = z.object({
  targetRef: annotate(PolicyTargetReferenceSchema.optional(), {
    deprecated: true,
    description: 'Deprecated: use targetRefs or targetSelectors.',
  }),
  targetRefs: z.array(PolicyTargetReferenceSchema).optional(),
  targetSelectors: z.array(TargetSelectorSchema).optional(),
  mergeType: z.string().optional(),
  routingType: z.string().optional(),
  ...FEATURE_SPEC_SHAPE,
});
type BackendTrafficPolicySpecShape = z.output<typeof SpecObject>;

/** `spec` of a BackendTrafficPolicy, with the CRD's spec-level CEL rules. */
export const BackendTrafficPolicySpecSchema = withRules(
  SpecObject.extend({
    mergeType: withRules(z.string(), [
      { message: 'Replace is not a valid MergeType for BackendTrafficPolicySpec', test: (m) => m !== 'Replace' },
    ]).optional(),
  }),
  [
    {
      message: 'either targetRef or targetRefs must be used',
      test: (s) =>
        (has(s.targetRef) && !has(s.targetRefs)) ||
        (!has(s.targetRef) && has(s.targetRefs)) ||
        (has(s.targetSelectors) && s.targetSelectors!.length > 0),
    },
    {
      message: `this policy can only have a targetRef.group of ${GATEWAY_API_GROUP}`,
      test: (s) => !has(s.targetRef) || s.targetRef!.group === GATEWAY_API_GROUP,
    },
    {
      message: 'this policy can only have a targetRef.kind of Gateway/ListenerSet/HTTPRoute/GRPCRoute/TCPRoute/UDPRoute/TLSRoute',
      test: (s) => !has(s.targetRef) || oneOf(POLICY_TARGET_KINDS)(s.targetRef!.kind),
    },
    {
      message: `this policy can only have a targetRefs[*].group of ${GATEWAY_API_GROUP}`,
      test: (s) => !has(s.targetRefs) || s.targetRefs!.every((r) => r.group === GATEWAY_API_GROUP),
    },
    {
      message: 'this policy can only have a targetRefs[*].kind of Gateway/ListenerSet/HTTPRoute/GRPCRoute/TCPRoute/UDPRoute/TLSRoute',
      test: (s) => !has(s.targetRefs) || s.targetRefs!.every((r) => oneOf(POLICY_TARGET_KINDS)(r.kind)),
    },
    {
      message: 'mergeType can only be used with xRoute targets',
      test: (s) => !has(s.mergeType) || allTargetKindsIn(s, XROUTE_KINDS),
    },
    {
      message: 'either compression or compressor can be set, not both',
      test: (s) => !has(s.compression) || !has(s.compressor),
    },
    {
      message: 'requestBuffer cannot be used together with httpUpgrade',
      test: (s) => !has(s.requestBuffer) || !has(s.httpUpgrade) || s.httpUpgrade!.length === 0,
    },
    {
      message: 'admissionControl can only be used with HTTPRoute, GRPCRoute, Gateway, or ListenerSet targets',
      test: (s) => !has(s.admissionControl) || allTargetKindsIn(s, ADMISSION_CONTROL_KINDS),
    },
    {
      message: 'predictivePercent in preconnect policy only works with RoundRobin or Random load balancers',
      test: (s) =>
        !(has(s.connection?.preconnect?.predictivePercent) && !(has(s.loadBalancer?.type) && oneOf(['Random', 'RoundRobin'])(s.loadBalancer!.type))),
    },
  ],
);

/** A whole BackendTrafficPolicy object. */
export const BackendTrafficPolicySchema = z.object({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: ObjectMetaSchema.optional(),
  spec: BackendTrafficPolicySpecSchema,
  status: PolicyStatusSchema.optional(),
});

/** A BackendTrafficPolicy after validation: API-server defaults applied. */
export type BackendTrafficPolicy = z.output<typeof BackendTrafficPolicySchema>;
/** A BackendTrafficPolicy as written by a user (defaulted fields optional). */
export type BackendTrafficPolicyInput = z.input<typeof BackendTrafficPolicySchema>;
export type BackendTrafficPolicySpec = z.output<typeof BackendTrafficPolicySpecSchema>;
export type BackendTrafficPolicySpecInput = z.input<typeof BackendTrafficPolicySpecSchema>;
