/**
 * `resolvePolicies`: which BackendTrafficPolicies shape every route rule on every gateway listener,
 * the effective settings, and the status Envoy Gateway would write on each policy.
 *
 * The algorithm follows Envoy Gateway's translator (internal/gatewayapi/backendtrafficpolicy.go):
 * policies are visited in six passes, most specific scope first (route rule, route, ListenerSet
 * listener, ListenerSet, Gateway listener, Gateway); the first policy to reach an HTTP route claims
 * it whole, TCP routes are filled field by field, and a route policy with `mergeType` is merged
 * into the closest parent policy per listener. The steps live in `resolution-state.ts`, which also
 * follows changes (`createResolver`); this resolves one input with it.
 */
import { describeThrown } from '../model/limits.js';
import { LIMITS, newValueBudget, type ResolutionLimits } from '../model/limits.js';
import { flatten } from '../read/input.js';
import { readWithinLimits } from '../read/limits.js';
import { ResolutionState } from './resolution-state.js';
import type { Diagnostic, Resolution, ResolveInput, ResolveOptions } from './types.js';

export { DEFAULT_CONTROLLER_NAME } from './resolution-state.js';

/**
 * Resolve a set of manifests. Never throws and never mutates `input`: malformed objects become
 * `diagnostics` (or an `Accepted=False` condition) and the rest still resolves.
 */
export function resolvePolicies(input: ResolveInput, options: ResolveOptions = {}): Resolution {
  return resolveWithin(input, options, LIMITS);
}

/** `resolvePolicies` with other limits on what it makes (not exported from the package: for the tests). */
export function resolveWithin(input: ResolveInput, options: ResolveOptions, limits: ResolutionLimits): Resolution {
  try {
    return resolve(input, options, limits);
  } catch (err) {
    const diagnostics: Diagnostic[] = [{ severity: 'error', path: '', message: `internal error during resolution: ${describeThrown(err)}` }];
    return { policies: [], routes: [], diagnostics, rejected: [], attachments: [] };
  }
}

function resolve(input: unknown, options: unknown, limits: ResolutionLimits): Resolution {
  const state = new ResolutionState(options, false, [], limits);
  // Reading findings (flattening, limits) come first, then admission's, as if in two passes.
  const reading: Diagnostic[] = [];
  const admission: Diagnostic[] = [];
  // One value budget for the input: the items flattening skips and the objects it copies.
  const budget = newValueBudget();
  state.put(readWithinLimits(flatten(input, reading, budget), reading, budget), admission);
  state.flush(false);
  return {
    policies: state.policies(),
    routes: state.routes(),
    diagnostics: state.diagnostics([...reading, ...admission]),
    rejected: state.rejected(),
    attachments: state.attachments(),
  };
}
