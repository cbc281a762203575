/**
 * The conditions target processing writes on a policy's ancestors beyond Accepted, in Envoy
 * Gateway's words: the DeprecatedField warning, and the Merged and Overridden lists of the
 * scopes that merge into or override a policy's scope.
 */
import type { PolicyInput } from '../admit/resources.js';
import { type AncestorRef, type AncestorStatusBuilder, setCondition } from './ancestor-status.js';
import type { Scope, ScopeGraphs } from './scope-graph.js';
import type { Diagnostic } from './types.js';
import { isRfc3339 } from '../values/timestamp.js';

/**
 * The `lastTransitionTime` of every condition, from `options.now`: a valid `Date` (as
 * `toISOString()`), or an RFC 3339 string (as given). Anything else — an invalid `Date`, another
 * string, a number, another object, `null` — gets a warning and no time; only `undefined` is
 * silently none. Only strings come out, so nothing of the caller's is returned by reference.
 */
export function conditionTime(now: unknown, diagnostics: Diagnostic[]): string | undefined {
  if (now === undefined) return undefined;
  if (now instanceof Date && !Number.isNaN(now.getTime())) return now.toISOString();
  if (typeof now === 'string' && isRfc3339(now)) return now;
  const shown = now instanceof Date ? 'an invalid Date' : typeof now === 'string' ? JSON.stringify(now.length > 64 ? `${now.slice(0, 64)}…` : now) : now === null ? 'null' : typeof now === 'object' ? 'an object that is not a Date' : `${typeof now} ${String(now)}`;
  diagnostics.push({ severity: 'warning', path: 'options.now', message: `options.now is ${shown}, not a valid Date or an RFC 3339 string such as 2025-01-31T12:00:00Z; conditions get no lastTransitionTime` });
  return undefined;
}

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
