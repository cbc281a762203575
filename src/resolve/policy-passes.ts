/**
 * The six passes of Envoy Gateway's translator, most specific scope first: (1) route rules,
 * (2) routes, (3) ListenerSet listeners, (4) ListenerSets, (5) Gateway listeners, (6) Gateways.
 * Each pass walks every policy in order and processes its targets of that scope, so a more
 * specific policy always reaches an entry before a less specific one.
 *
 * How targets are classified follows the translator too: passes 1, 3 and 5 take plain
 * `targetRef(s)` with a `sectionName` only (selectors never carry one), and every non-Gateway
 * kind with a `sectionName` is tried as a route rule in pass 1. Passes 3 and 4 run only when the
 * input has ListenerSets.
 */
import type { PolicyInput } from '../admit/resources.js';
import { nsName } from '../match/resource-index.js';
import { processParentTarget } from './parent-targets.js';
import type { ResolveContext } from './resolve-context.js';
import { processRouteTarget } from './route-targets.js';
import type { Diagnostic } from './types.js';

/** Runs the passes; returns the policies visited (the first object of each name), in visiting order. */
export function runPasses(ctx: ResolveContext, diagnostics: Diagnostic[]): PolicyInput[] {
  const { targets } = ctx;
  const policies = ctx.index.resources.policies;
  const visit = visitor(diagnostics);
  for (const p of policies) for (const t of targets.plain(p)) if (t.kind !== 'Gateway' && t.sectionName) visit(p, (c) => processRouteTarget(ctx, c, t, true));
  for (const p of policies) for (const t of targets.of(p, 'routes')) if (t.kind !== 'Gateway' && !t.sectionName) visit(p, (c) => processRouteTarget(ctx, c, t, false));
  if (ctx.index.resources.listenerSets.length > 0) {
    for (const p of policies) for (const t of targets.plain(p)) if (t.kind === 'ListenerSet' && t.sectionName) visit(p, (c) => processParentTarget(ctx, c, t, 'ListenerSet'));
    for (const p of policies) for (const t of targets.of(p, 'listenerSets')) if (t.kind === 'ListenerSet' && !t.sectionName) visit(p, (c) => processParentTarget(ctx, c, t, 'ListenerSet'));
  } else {
    // Not a visit: a policy that only targets ListenerSets is then not listed, as in Envoy Gateway.
    for (const p of policies) for (const t of targets.plain(p)) if (t.kind === 'ListenerSet') ctx.attachments.record(p, t, 'NotFound', `ListenerSet ${nsName(t.namespace, t.name)} is not in the input`);
  }
  for (const p of policies) for (const t of targets.plain(p)) if (t.kind === 'Gateway' && t.sectionName) visit(p, (c) => processParentTarget(ctx, c, t, 'Gateway'));
  for (const p of policies) for (const t of targets.of(p, 'gateways')) if (t.kind === 'Gateway' && !t.sectionName) visit(p, (c) => processParentTarget(ctx, c, t, 'Gateway'));
  return visit.seen;
}

/**
 * Policies are identified by namespace/name: when the input repeats a name, Envoy Gateway keeps
 * the first object it handled and processes the later one's targets with it.
 */
function visitor(diagnostics: Diagnostic[]) {
  const seen: PolicyInput[] = [];
  const byName = new Map<string, PolicyInput>();
  /** The policy each input object stands for, once visited. */
  const canonicalOf = new Map<PolicyInput, PolicyInput>();
  const duplicateReported = new Set<string>();
  const visit = (policy: PolicyInput, process: (canonical: PolicyInput) => void): void => {
    const known = canonicalOf.get(policy);
    if (known) return process(known);
    const key = nsName(policy.namespace, policy.name);
    let canonical = byName.get(key);
    if (!canonical) {
      canonical = policy;
      byName.set(key, policy);
      seen.push(policy);
    } else if (canonical !== policy && !duplicateReported.has(key)) {
      duplicateReported.add(key);
      diagnostics.push({
        severity: 'warning',
        path: '',
        message: `BackendTrafficPolicy ${key} appears more than once; the first one's spec is used for every target, as Envoy Gateway does`,
        object: { kind: 'BackendTrafficPolicy', namespace: policy.namespace, name: policy.name },
      });
    }
    canonicalOf.set(policy, canonical);
    process(canonical);
  };
  return Object.assign(visit, { seen });
}
