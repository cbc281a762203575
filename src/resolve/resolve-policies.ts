/**
 * `resolvePolicies`: which BackendTrafficPolicies shape every route rule on every gateway listener,
 * the effective settings, and the status Envoy Gateway would write on each policy.
 *
 * The algorithm follows Envoy Gateway's translator (internal/gatewayapi/backendtrafficpolicy.go):
 * policies are visited in six passes, most specific scope first (route rule, route, ListenerSet
 * listener, ListenerSet, Gateway listener, Gateway); the first policy to reach an HTTP route claims
 * it whole, TCP routes are filled field by field, and a route policy with `mergeType` is merged
 * into the closest parent policy per listener. This file only wires the steps together:
 * admission, indexes and route attachment (`match/`), then the passes (`policy-passes.ts`).
 */
import { admitResources } from '../admit/admit.js';
import { matchesLabelSelector } from '../match/label-selector.js';
import { buildIndex } from '../match/resource-index.js';
import { listenerDiagnostics } from '../match/listener-readiness.js';
import { attachRoutes } from '../match/route-entries.js';
import { TargetFamilies } from '../match/target-families.js';
import type { LabelSelector } from '../model/label-selector.js';
import { describeThrown } from '../model/limits.js';
import { Claims } from './claims.js';
import { MergeParents } from './merge-parents.js';
import { OutcomeRecorder } from './outcome-recorder.js';
import { conditionTime, PolicyStatuses } from './policy-conditions.js';
import type { AttachedPolicy } from './policy-outcomes.js';
import { runPasses } from './policy-passes.js';
import { PolicyRefs } from './policy-refs.js';
import type { ResolveContext } from './resolve-context.js';
import { sharedRefs, toRouteResult } from './route-result.js';
import { newRouteState } from './route-state.js';
import type { TargetedRoute } from './route-targets.js';
import { newScopeGraph } from './scope-graph.js';
import { TargetAttachments } from './target-attachments.js';
import { TranslationCache } from './translation-cache.js';
import type { Diagnostic, PolicyResult, Resolution, ResolveInput, ResolveOptions } from './types.js';

export const DEFAULT_CONTROLLER_NAME = 'gateway.envoyproxy.io/gatewayclass-controller';

/**
 * Resolve a set of manifests. Never throws and never mutates `input`: malformed objects become
 * `diagnostics` (or an `Accepted=False` condition) and the rest still resolves.
 */
export function resolvePolicies(input: ResolveInput, options: ResolveOptions = {}): Resolution {
  try {
    return resolve(input, options !== null && typeof options === 'object' ? options : {});
  } catch (err) {
    const diagnostics: Diagnostic[] = [{ severity: 'error', path: '', message: `internal error during resolution: ${describeThrown(err)}` }];
    return { policies: [], routes: [], diagnostics, rejected: [], attachments: [] };
  }
}

function resolve(input: unknown, options: ResolveOptions): Resolution {
  const diagnostics: Diagnostic[] = [];
  // Admission applies the profile: `admitted.options` are the options it implies, overrides included.
  const admitted = admitResources(input, options, diagnostics);
  const index = buildIndex(admitted.resources, (sel, labels) => matchesLabelSelector(sel as LabelSelector | undefined, labels), admitted.options.namespaces === 'declared');
  for (const d of listenerDiagnostics(index)) diagnostics.push(d);

  const attachment = attachRoutes(index, newRouteState);
  for (const { route, message } of attachment.ignored) {
    diagnostics.push({ severity: 'error', path: '', message, object: { kind: route.kind, namespace: route.namespace, name: route.name } });
  }
  const routes = new Map<string, TargetedRoute>();
  for (const [key, a] of attachment.routes) routes.set(key, { route: a.route, contexts: a.contexts, entries: a.entries, key, scoped: false });
  const targets = new TargetFamilies(index, [...attachment.routes.values()].map((a) => a.route));

  const refs = new PolicyRefs();
  const ctx: ResolveContext = {
    index,
    targets,
    routes,
    entriesByListener: attachment.byListener,
    claims: new Claims<AttachedPolicy>(),
    statuses: new PolicyStatuses(options.controllerName ?? DEFAULT_CONTROLLER_NAME),
    graphs: { overrides: newScopeGraph(), merged: newScopeGraph() },
    translations: new TranslationCache(index, diagnostics),
    mergeParents: new MergeParents(index, targets),
    refs,
    outcomes: new OutcomeRecorder(admitted.options.order),
    attachments: new TargetAttachments(refs),
  };
  const visited = runPasses(ctx, diagnostics);

  const now = conditionTime(options.now, diagnostics);
  const policies: PolicyResult[] = visited.map((p) => ({
    ref: { group: 'gateway.envoyproxy.io', kind: 'BackendTrafficPolicy', namespace: p.namespace, name: p.name },
    status: { ancestors: ctx.statuses.finish(p, now) },
  }));
  const shared = sharedRefs();
  const routeResults = attachment.entries.map((s) => toRouteResult(s, shared));
  return { policies, routes: routeResults, diagnostics, rejected: admitted.rejected, attachments: ctx.attachments.list(index.resources.policies, targets) };
}
