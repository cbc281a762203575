/**
 * `mergeType`: merge a route policy into its closest parent policy. Envoy Gateway merges the whole
 * policy objects as JSON; only `spec` matters for the result, so we merge specs.
 */
import { jsonMergePatch } from '../../lang/json-merge-patch.js';
import { type JsonObject, cloneJson, isRecord, setOwn } from '../../lang/json.js';
import { strategicMergePatch } from './strategic-merge.js';

export type MergeType = 'StrategicMerge' | 'JSONMerge';

export type MergeOutcome = { ok: true; spec: Record<string, unknown> } | { ok: false; error: string };

/**
 * Fields of the BackendTrafficPolicy Go types without `omitempty`: Envoy Gateway serialises them as
 * `null` when unset, so in a merge an unset one deletes the parent's value.
 */
const NULL_WHEN_UNSET: ReadonlyArray<readonly [readonly string[], readonly string[]]> = [
  [['healthCheck', 'active'], ['timeout', 'interval', 'unhealthyThreshold', 'healthyThreshold']],
  [['loadBalancer', 'slowStart'], ['window']],
  [['loadBalancer', 'endpointOverride'], ['extractFrom']],
  [['rateLimit', 'global'], ['rules']],
  [['rateLimit', 'local'], ['rules']],
];

/**
 * The route spec as Go serialises it for the merge: unset non-omitempty fields become `null`. A
 * copy, which the merges only read: one serves every parent a route policy merges into.
 */
export function asGoSerialises(spec: unknown): unknown {
  if (!isRecord(spec)) return spec;
  const out = cloneJson(spec) as JsonObject;
  for (const [path, keys] of NULL_WHEN_UNSET) {
    let node: unknown = out;
    for (const k of path) node = isRecord(node) && Object.prototype.hasOwnProperty.call(node, k) ? node[k] : undefined;
    if (!isRecord(node)) continue;
    for (const k of keys) if (!Object.prototype.hasOwnProperty.call(node, k)) setOwn(node, k, null);
  }
  return out;
}

/** Merges a route policy's spec, as `asGoSerialises` gives it, into its parent's. */
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
