/**
 * Gateway API `PolicyStatus`: one entry per ancestor (usually a Gateway or one of its listeners),
 * each with the conditions a controller wrote. Input status is accepted and ignored: Envoy Gateway
 * rebuilds it from scratch on every translation.
 */
import * as z from 'zod';
import { ParentReferenceSchema } from './gateway-api.js';

export const ConditionSchema = z.looseObject({
  type: z.string(),
  status: z.enum(['True', 'False', 'Unknown']),
  reason: z.string(),
  message: z.string(),
  lastTransitionTime: z.union([z.string(), z.date()]).nullable().optional(),
  observedGeneration: z.number().int().optional(),
});
export type Condition = z.infer<typeof ConditionSchema>;

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
