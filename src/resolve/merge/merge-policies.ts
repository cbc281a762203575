/**
 * `mergeType`: merge a route policy into its closest parent policy. Envoy Gateway merges the whole
 * policy objects as JSON; only `spec` matters for the result, so we merge specs.
 */
import { jsonMergePatch } from './json-merge.js';
import { strategicMergePatch } from './strategic-merge.js';

export type MergeType = 'StrategicMerge' | 'JSONMerge';

export type MergeOutcome = { ok: true; spec: Record<string, unknown> } | { ok: false; error: string };

export function mergeSpecs(parentSpec: unknown, routeSpec: unknown, mergeType: string): MergeOutcome {
  switch (mergeType) {
    case 'StrategicMerge':
      return { ok: true, spec: (strategicMergePatch({ spec: parentSpec }, { spec: routeSpec }) as { spec: Record<string, unknown> }).spec };
    case 'JSONMerge':
      return { ok: true, spec: jsonMergePatch(parentSpec, routeSpec) as Record<string, unknown> };
    default:
      return { ok: false, error: `error merging policies: unsupported merge type: ${mergeType}` };
  }
}
