/**
 * The status conditions target processing writes on a policy's ancestors, in Envoy Gateway's
 * words: one status builder per policy, the DeprecatedField warning, and the Merged and
 * Overridden lists of the scopes that merge into or override a policy's scope.
 */
import type { PolicyInput } from '../admit/resources.js';
import type { PolicyAncestorStatus } from '../model/policy-status.js';
import { type AncestorRef, type AncestorStatusBuilder, finishAncestors, newStatusBuilder, setCondition } from './ancestor-status.js';
import { directChildren, formatScopes, withDescendants, type Scope, type ScopeGraph } from './scope-graph.js';
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

/** Each policy's ancestor status, built as its targets are processed. */
export class PolicyStatuses {
  private readonly builders = new Map<PolicyInput, AncestorStatusBuilder>();

  constructor(private readonly controllerName: string) {}

  of(policy: PolicyInput): AncestorStatusBuilder {
    let b = this.builders.get(policy);
    if (!b) this.builders.set(policy, (b = newStatusBuilder(this.controllerName, policy.generation)));
    return b;
  }

  /** `status.ancestors` as Envoy Gateway writes it; `null` when no target produced an ancestor. */
  finish(policy: PolicyInput, now: string | undefined): PolicyAncestorStatus[] | null {
    const b = this.builders.get(policy);
    return b ? finishAncestors(b, now) : null;
  }
}

/** The DeprecatedField warning: `spec.targetRef` and a non-empty `spec.compression`, in key order. */
export function deprecationWarning(policy: PolicyInput): string | undefined {
  const spec = policy.spec as { targetRef?: unknown; compression?: unknown[] };
  const parts: string[] = [];
  if (Array.isArray(spec.compression) && spec.compression.length > 0) parts.push('spec.compression is deprecated, use spec.compressor instead');
  if (spec.targetRef !== undefined && spec.targetRef !== null) parts.push('spec.targetRef is deprecated, use spec.targetRefs instead');
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/**
 * `Merged` lists the route scopes merged into this scope's policy; `Overridden` the more specific
 * scopes under it (for a whole Gateway or ListenerSet, also those under its listeners), less the
 * merged ones.
 */
export function setMergedAndOverridden(b: AncestorStatusBuilder, ancestor: AncestorRef, scope: Scope, graphs: { overrides: ScopeGraph; merged: ScopeGraph }): void {
  const mergedSet = directChildren(graphs.merged, scope);
  if (mergedSet.size > 0) {
    setCondition(b, ancestor, { type: 'Merged', status: 'True', reason: 'Merged', message: `This policy is being merged by other backendTrafficPolicies for ${formatScopes(mergedSet.values())}` });
  }
  const overridden = withDescendants(graphs.overrides, scope);
  for (const k of mergedSet.keys()) overridden.delete(k);
  if (overridden.size > 0) {
    setCondition(b, ancestor, { type: 'Overridden', status: 'True', reason: 'Overridden', message: `This policy is being overridden by other backendTrafficPolicies for ${formatScopes(overridden.values())}` });
  }
}
