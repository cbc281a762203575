/**
 * How a BackendTrafficPolicy attaches to Gateway API objects: by name (`targetRef` / `targetRefs[]`,
 * Gateway API's `LocalPolicyTargetReferenceWithSectionName`) or by labels (`targetSelectors[]`,
 * Envoy Gateway's `TargetSelector`). Which kinds are allowed is decided by the spec-level rules in
 * `backend-traffic-policy.ts`, because the allowed set differs per policy type.
 */
import * as z from 'zod';
import { has, k8sEnum, k8sString, stringMap, withRules } from './crd.js';
import { LabelSelectorRequirementSchema, LabelSelectorSchema } from './label-selector.js';

/** Gateway API `Group`: empty (the core group) or a DNS subdomain. */
const GROUP_PATTERN = /^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Gateway API `Kind`: an UpperCamel-ish identifier. */
const KIND_PATTERN = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
/** Gateway API `SectionName`: a DNS subdomain (listener name or route rule name). */
const SECTION_NAME_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const group = () => k8sString({ maxLength: 253, pattern: GROUP_PATTERN });
const kind = () => k8sString({ minLength: 1, maxLength: 63, pattern: KIND_PATTERN });

/**
 * A reference to one object in the policy's own namespace, optionally narrowed to a section of it
 * (a Gateway listener, a ListenerSet listener or a named route rule). Used by `targetRef` and
 * `targetRefs[]`.
 */
export const PolicyTargetReferenceSchema = z.object({
  group: group(),
  kind: kind(),
  name: k8sString({ minLength: 1, maxLength: 253 }),
  sectionName: k8sString({ minLength: 1, maxLength: 253, pattern: SECTION_NAME_PATTERN }).optional(),
});
export type PolicyTargetReference = z.infer<typeof PolicyTargetReferenceSchema>;

export const TARGET_SELECTOR_NAMESPACES_FROM = ['Same', 'All', 'Selector'] as const;

/**
 * Which namespaces a target selector looks in: the policy's own (`Same`, the default), all of them,
 * or those whose labels match `selector`.
 */
export const TargetSelectorNamespacesSchema = withRules(
  z.object({
    from: k8sEnum(TARGET_SELECTOR_NAMESPACES_FROM).default('Same'),
    selector: LabelSelectorSchema.optional(),
  }),
  [{ message: 'selector must be specified when from is Selector', test: (self) => self.from !== 'Selector' || has(self.selector) }],
);
export type TargetSelectorNamespaces = z.infer<typeof TargetSelectorNamespacesSchema>;

/**
 * Attach the policy to every object of `kind` whose labels match (`matchLabels` AND
 * `matchExpressions`), instead of naming targets one by one. The group is always Gateway API's.
 */
export const TargetSelectorSchema = withRules(
  z.object({
    group: group().default('gateway.networking.k8s.io'),
    kind: kind(),
    matchLabels: stringMap().optional(),
    matchExpressions: z.array(LabelSelectorRequirementSchema).optional(),
    namespaces: TargetSelectorNamespacesSchema.optional(),
  }),
  [
    {
      message: 'group must be gateway.networking.k8s.io',
      test: (self) => (has(self.group) ? self.group === 'gateway.networking.k8s.io' : true),
    },
  ],
);
export type TargetSelector = z.infer<typeof TargetSelectorSchema>;
