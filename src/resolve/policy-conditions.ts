/**
 * The conditions target processing writes on a policy's ancestors beyond Accepted, in Envoy
 * Gateway's words: the DeprecatedField warning, and the Merged and Overridden lists of the
 * scopes that merge into or override a policy's scope.
 */
import type { PolicyInput } from '../admit/resources.js';
import { type AncestorRef, type AncestorStatusBuilder, setCondition } from './ancestor-status.js';
import type { Scope, ScopeGraphs } from './scope-graph.js';

export const CONFLICT_SUFFIX = 'another BackendTrafficPolicy has already attached to it';

/** The DeprecatedField warning: `spec.targetRef` and a non-empty `spec.compression`, in key order. */
export function deprecationWarning(policy: PolicyInput): string | undefined {
  const spec = policy.spec as { targetRef?: unknown; compression?: unknown[] };
  const parts: string[] = [];
  if (Array.isArray(spec.compression) && spec.compression.length > 0) parts.push('spec.compression is deprecated, use spec.compressor instead');
  if (spec.targetRef !== undefined && spec.targetRef !== null) parts.push('spec.targetRef is deprecated, use spec.targetRefs instead');
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** The Merged and Overridden conditions of the policy holding `scope`. */
export function setMergedAndOverridden(b: AncestorStatusBuilder, ancestor: AncestorRef, scope: Scope, graphs: ScopeGraphs): void {
  const { merged, overridden } = graphs.messagesOf(scope);
  if (merged !== undefined) setCondition(b, ancestor, { type: 'Merged', status: 'True', reason: 'Merged', message: merged });
  if (overridden !== undefined) setCondition(b, ancestor, { type: 'Overridden', status: 'True', reason: 'Overridden', message: overridden });
}
