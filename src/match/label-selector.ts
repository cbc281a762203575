/**
 * Kubernetes label-selector matching (`metav1.LabelSelector`): `matchLabels` AND every
 * `matchExpressions` requirement. An invalid selector (unknown operator, `In` without values, …)
 * matches nothing, as `metav1.LabelSelectorAsSelector` fails for it.
 */
import type { LabelSelector, LabelSelectorRequirement } from '../model/label-selector.js';

type Labels = Readonly<Record<string, string>>;

const own = (labels: Labels, key: string): boolean => Object.prototype.hasOwnProperty.call(labels, key);

function requirementMatches(req: LabelSelectorRequirement, labels: Labels): boolean | undefined {
  const values = req.values ?? [];
  const present = own(labels, req.key);
  switch (req.operator) {
    case 'In':
      if (values.length === 0) return undefined;
      return present && values.includes(labels[req.key]!);
    case 'NotIn':
      if (values.length === 0) return undefined;
      return !present || !values.includes(labels[req.key]!);
    case 'Exists':
      if (values.length > 0) return undefined;
      return present;
    case 'DoesNotExist':
      if (values.length > 0) return undefined;
      return !present;
    default:
      return undefined;
  }
}

/** Whether `labels` satisfy `selector`; an empty selector matches everything. */
export function matchesLabelSelector(selector: LabelSelector | undefined, labels: Labels | undefined): boolean {
  const l = labels ?? {};
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) {
    if (!own(l, key) || l[key] !== value) return false;
  }
  for (const req of selector?.matchExpressions ?? []) {
    if (requirementMatches(req, l) !== true) return false;
  }
  return true;
}

/** Whether the selector is well-formed (known operators, values present exactly when required). */
export function isValidLabelSelector(selector: LabelSelector | undefined): boolean {
  return (selector?.matchExpressions ?? []).every((req) => requirementMatches(req, {}) !== undefined);
}
