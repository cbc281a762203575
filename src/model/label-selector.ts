/**
 * Kubernetes `metav1.LabelSelector`: `matchLabels` AND `matchExpressions`. The CRD leaves
 * `operator` a free string; matching (`match/label-selector.ts`) treats an unknown operator as a
 * selector that matches nothing, as Kubernetes does.
 */
import * as z from 'zod';
import { k8sString, stringMap } from './crd.js';

export const LabelSelectorRequirementSchema = z.object({
  key: k8sString(),
  operator: k8sString(),
  values: z.array(z.string()).optional(),
});
export type LabelSelectorRequirement = z.infer<typeof LabelSelectorRequirementSchema>;

export const LabelSelectorSchema = z.object({
  matchExpressions: z.array(LabelSelectorRequirementSchema).optional(),
  matchLabels: stringMap().optional(),
});
export type LabelSelector = z.infer<typeof LabelSelectorSchema>;
