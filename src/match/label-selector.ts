/**
 * Kubernetes label-selector matching (`metav1.LabelSelector`): `matchLabels` AND every
 * `matchExpressions` requirement. An invalid selector (unknown operator, `In` without values, …)
 * matches nothing, as `metav1.LabelSelectorAsSelector` fails for it.
 */
import type { LabelSelector, LabelSelectorRequirement } from '../model/label-selector.js';

type Labels = Readonly<Record<string, string>>;

const own = (labels: Labels, key: string): boolean => Object.prototype.hasOwnProperty.call(labels, key);

/** A requirement's `values`, as a list or (compiled) a set. */
type Values = { readonly size: number; has(value: string): boolean };

const listValues = (values: readonly string[]): Values => ({ size: values.length, has: (v) => values.includes(v) });

function requirementMatches(req: LabelSelectorRequirement, values: Values, labels: Labels): boolean | undefined {
  const present = own(labels, req.key);
  switch (req.operator) {
    case 'In':
      if (values.size === 0) return undefined;
      return present && values.has(labels[req.key]!);
    case 'NotIn':
      if (values.size === 0) return undefined;
      return !present || !values.has(labels[req.key]!);
    case 'Exists':
      if (values.size > 0) return undefined;
      return present;
    case 'DoesNotExist':
      if (values.size > 0) return undefined;
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
    if (requirementMatches(req, listValues(req.values ?? []), l) !== true) return false;
  }
  return true;
}

/**
 * `matchesLabelSelector` for one selector tried on many objects: each requirement's values go into
 * a set once, so a 1000-value `NotIn` costs one lookup per object, not a scan.
 */
export function labelSelectorMatcher(selector: LabelSelector | undefined): (labels: Labels | undefined) => boolean {
  const required = Object.entries(selector?.matchLabels ?? {});
  const requirements = (selector?.matchExpressions ?? []).map((req) => ({ req, values: new Set(req.values ?? []) as Values }));
  return (labels) => {
    const l = labels ?? {};
    for (const [key, value] of required) if (!own(l, key) || l[key] !== value) return false;
    for (const { req, values } of requirements) if (requirementMatches(req, values, l) !== true) return false;
    return true;
  };
}

/** Whether the selector is well-formed (known operators, values present exactly when required). */
export function isValidLabelSelector(selector: LabelSelector | undefined): boolean {
  return (selector?.matchExpressions ?? []).every((req) => requirementMatches(req, listValues(req.values ?? []), {}) !== undefined);
}
