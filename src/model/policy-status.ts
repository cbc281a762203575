/**
 * Gateway API `PolicyStatus`: one entry per ancestor (usually a Gateway or one of its listeners),
 * each with the conditions a controller wrote. Input status is accepted and ignored: Envoy Gateway
 * rebuilds it from scratch on every translation.
 */
import { z } from 'zod';

export const ConditionSchema = z.looseObject({
  type: z.string(),
  status: z.enum(['True', 'False', 'Unknown']),
  reason: z.string(),
  message: z.string(),
  lastTransitionTime: z.union([z.string(), z.date()]).nullable().optional(),
  observedGeneration: z.number().int().optional(),
});
export type Condition = z.infer<typeof ConditionSchema>;

export const ParentReferenceSchema = z.looseObject({
  group: z.string().optional(),
  kind: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string(),
  sectionName: z.string().optional(),
  port: z.number().int().optional(),
});
export type ParentReference = z.infer<typeof ParentReferenceSchema>;

export const PolicyAncestorStatusSchema = z.looseObject({
  ancestorRef: ParentReferenceSchema,
  controllerName: z.string(),
  conditions: z.array(ConditionSchema),
});
export type PolicyAncestorStatus = z.infer<typeof PolicyAncestorStatusSchema>;

export const PolicyStatusSchema = z.looseObject({
  ancestors: z.array(PolicyAncestorStatusSchema).nullable().optional(),
});
export type PolicyStatus = z.infer<typeof PolicyStatusSchema>;
