/**
 * Route and route-rule targets (passes 1 and 2). A rule target needs the rule's `name`
 * (`TargetNotFound` otherwise); the route or rule slot must be free (`Conflicted`). Without
 * `mergeType` the policy applies as translated; with it, it is merged per listener into that
 * listener's parent policy (`Merged` on the listener's ancestor), or applies alone where the
 * listener has none. Status goes on each managed parentRef's ancestor; a route policy is
 * `Overridden` by the rule policies of the same route.
 */
import type { PolicyInput } from '../admit/resources.js';
import type { PolicyTarget } from '../match/policy-targets.js';
import { nsName, routeKey } from '../match/resource-index.js';
import { notAttachedMessage } from '../match/route-detachment.js';
import type { ParentContext } from '../match/route-attachment.js';
import type { AttachedRoute } from '../match/route-entries.js';
import { GATEWAY_API_GROUP, isRouteKind } from '../model/kinds.js';
import { type AncestorRef, setAccepted, setCondition, setWarning } from './ancestor-status.js';
import { applyPolicy } from './apply-policy.js';
import { recordConflict, routeSlot } from './claims.js';
import { CONFLICT_SUFFIX, deprecationWarning } from './policy-conditions.js';
import type { ResolveContext } from './resolve-context.js';
import type { RouteState } from './route-state.js';
import { addScope, registerListenerSet, type Scope, type ScopeGraph } from './scope-graph.js';
import { conditionMessage } from './translate.js';

/** An attached route, and what policies targeting it need, gathered once. */
export interface TargetedRoute extends AttachedRoute<RouteState> {
  key: string;
  /** The ancestor a route-level policy reports on, per managed parentRef (once a policy targets it). */
  ancestors?: AncestorRef[];
  scope?: Scope;
  /** Whether its scope is recorded under its parents' scopes in the override graph. */
  scoped: boolean;
  /** The rule names rule-level policies attached to (for a route policy's Overridden message). */
  claimedRules?: Set<string>;
}

export function processRouteTarget(ctx: ResolveContext, policy: PolicyInput, target: PolicyTarget, isRule: boolean): void {
  const attached = ctx.routes.get(routeKey(target.kind, target.namespace, target.name));
  if (!attached) {
    recordMissingRoute(ctx, policy, target);
    return;
  }
  const { route, contexts } = attached;
  const ancestors = (attached.ancestors ??= contexts.map((c) => c.ancestorRef as AncestorRef));
  const routeScope = (attached.scope ??= { kind: 'Route', key: nsName(route.namespace, route.name), routeKind: route.kind });
  if (!attached.scoped) {
    // Recorded before the checks below, so a conflicted policy's route still counts as overriding.
    // Recording it once is enough: the graphs are sets.
    attached.scoped = true;
    for (const c of contexts) addScope(ctx.graphs.overrides, parentScopeOf(c, ctx.graphs.overrides), routeScope);
  }
  const b = ctx.statuses.of(policy);
  const section = target.sectionName;

  if (isRule && !route.object.spec.rules.some((r) => r.name !== undefined && r.name === section)) {
    const message = `No section name ${section} found for ${route.kind} ${route.namespace}/${route.name}`;
    for (const a of ancestors) setCondition(b, a, { type: 'Accepted', status: 'False', reason: 'TargetNotFound', message });
    ctx.attachments.record(policy, target, 'SectionNotFound', message);
    return;
  }
  const via = ctx.refs.attachedVia(policy, target);
  const entries = isRule ? attached.entries.filter((s) => s.ruleName === section) : attached.entries;
  const claim = ctx.claims.claim(routeSlot(attached.key, isRule ? section : undefined), via);
  if (!claim.ok) {
    const message = isRule ? `Unable to target RouteRule ${route.name}/${section}, ${CONFLICT_SUFFIX}` : `Unable to target ${route.kind} ${route.name}, ${CONFLICT_SUFFIX}`;
    for (const a of ancestors) setCondition(b, a, { type: 'Accepted', status: 'False', reason: 'Conflicted', message });
    recordConflict(ctx, policy, target, [entries], 'route', claim.heldBy, message);
    return;
  }
  if (isRule) (attached.claimedRules ??= new Set()).add(section!);
  // Envoy Gateway accepts a policy on a route it manages even when no listener takes the route;
  // the attachment then says why it reaches no route entry.
  ctx.attachments.record(policy, target, 'Attached', entries.length === 0 ? notAttachedMessage(route, ctx.index) : undefined);

  const own = ctx.translations.ownOf(policy);
  const mergeType = (policy.spec as { mergeType?: unknown }).mergeType;
  if (typeof mergeType !== 'string' || mergeType === '') {
    if (own.errors.length > 0) {
      for (const a of ancestors) setCondition(b, a, { type: 'Accepted', status: 'False', reason: 'Invalid', message: conditionMessage(own.errors) });
    }
    applyPolicy(entries, { via, built: own, own, level: 'route' }, ctx.outcomes);
  } else {
    for (const c of contexts) {
      for (const listener of c.listeners) {
        const onListener = entries.filter((s) => s.listener.irName === listener.irName);
        const parent = ctx.mergeParents.parentFor(listener);
        const perListener: AncestorRef = listener.listenerSet
          ? { group: GATEWAY_API_GROUP, kind: 'ListenerSet', namespace: listener.listenerSet.metadata.namespace!, name: listener.listenerSet.metadata.name ?? '', sectionName: listener.listener.name }
          : { group: GATEWAY_API_GROUP, kind: 'Gateway', namespace: listener.gateway.metadata.namespace!, name: listener.gateway.metadata.name ?? '', sectionName: listener.listener.name };
        if (!parent) {
          if (own.errors.length > 0) setCondition(b, perListener, { type: 'Accepted', status: 'False', reason: 'Invalid', message: conditionMessage(own.errors) });
          applyPolicy(onListener, { via, built: own, own, level: 'route' }, ctx.outcomes);
          continue;
        }
        const built = ctx.translations.mergedOf(policy, parent.policy, mergeType);
        if (built.errors.length > 0) {
          setCondition(b, perListener, { type: 'Accepted', status: 'False', reason: 'Invalid', message: conditionMessage(built.errors) });
        } else {
          setCondition(b, perListener, { type: 'Merged', status: 'True', reason: 'Merged', message: `Merged with policy ${parent.policy.namespace}/${parent.policy.name}` });
          addScope(ctx.graphs.merged, parent.scope, routeScope);
        }
        applyPolicy(onListener, { via, built, own, level: 'route', mergedInto: ctx.refs.attachedVia(parent.policy, parent.target) }, ctx.outcomes);
      }
    }
  }
  for (const a of ancestors) setAccepted(b, a);
  const warning = deprecationWarning(policy);
  if (warning) for (const a of ancestors) setWarning(b, a, 'DeprecatedField', warning);
  const rules = attached.claimedRules;
  if (!isRule && rules && rules.size > 0) {
    const list = [...rules].sort(byteOrder).join(' ');
    for (const a of ancestors) setCondition(b, a, { type: 'Overridden', status: 'True', reason: 'Overridden', message: `This policy is being overridden by other backendTrafficPolicy for these route rules: [${list}]` });
  }
}

/**
 * Every non-Gateway kind is tried as a route here (pass 1 takes any kind with a `sectionName`), so
 * a ListenerSet is left to its own passes; anything else that is not an attached route is not found.
 */
function recordMissingRoute(ctx: ResolveContext, policy: PolicyInput, target: PolicyTarget): void {
  if (target.kind === 'ListenerSet') return;
  const what = `${target.kind} ${target.namespace}/${target.name}`;
  let message: string;
  if (!isRouteKind(target.kind)) message = `a BackendTrafficPolicy cannot target a ${target.kind || 'target without a kind'}`;
  else {
    const route = ctx.index.routes.get(routeKey(target.kind, target.namespace, target.name));
    message = route ? notAttachedMessage(route, ctx.index) : `${what} is not in the input`;
  }
  ctx.attachments.record(policy, target, 'NotFound', message);
}

/** The scope a route is recorded under for one parentRef: the Gateway or ListenerSet, or its listener named by `sectionName`. */
function parentScopeOf(c: ParentContext, overrides: ScopeGraph): Scope {
  const section = c.parentRef.sectionName;
  if (c.listenerSetKey) {
    registerListenerSet(overrides, c.gatewayKey, c.listenerSetKey);
    return section ? { kind: 'ListenerSetListener', key: c.listenerSetKey, section } : { kind: 'ListenerSet', key: c.listenerSetKey };
  }
  return section ? { kind: 'GatewayListener', key: c.gatewayKey, section } : { kind: 'Gateway', key: c.gatewayKey };
}

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
