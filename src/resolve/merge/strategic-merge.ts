/**
 * Strategic merge patch of BackendTrafficPolicy objects, with the patch metadata of Envoy Gateway's
 * Go types: maps merge recursively and `null` deletes; lists are replaced wholesale, except
 * `spec.compression`, `spec.compressor` and `spec.httpUpgrade` (`patchStrategy=merge,
 * patchMergeKey=type`), whose items merge by `type`.
 */
import { strategicMerge } from '../../lang/strategic-merge-patch.js';

/** Paths (from the policy root) of the lists that merge by key, and their key. */
const BTP_KEYED_LISTS: Readonly<Record<string, string>> = {
  'spec.compression': 'type',
  'spec.compressor': 'type',
  'spec.httpUpgrade': 'type',
};

/** Strategic merge of two BackendTrafficPolicy objects (or `{ spec }` wrappers). */
export function strategicMergePatch(original: unknown, patch: unknown): unknown {
  return strategicMerge(original, patch, BTP_KEYED_LISTS);
}
