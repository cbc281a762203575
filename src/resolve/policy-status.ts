/**
 * One policy's status and what became of each of its targets, as Envoy Gateway's passes write
 * them: its targets in pass order (route rules, routes, ListenerSet listeners, ListenerSets,
 * Gateway listeners, Gateways), each through the same steps.
 *
 * Route and rule targets: a rule target needs the rule's `name` (`TargetNotFound` otherwise); the
 * route or rule slot must be the policy's (`Conflicted`). Without `mergeType` the policy is
 * accepted (`Invalid` when its translation failed); with it, it is merged per listener into that
 * listener's parent policy (`Merged` on the listener's ancestor), or applies alone where the
 * listener has none. Status goes on each managed parentRef's ancestor; a route policy is
 * `Overridden` by the rule policies of the same route.
 *
 * Gateway and ListenerSet targets, whole or one listener: the object must exist; a `sectionName`
 * must name one of its listeners (`TargetNotFound`); the slot must be the policy's (`Conflicted`);
 * a ListenerSet's Gateway must exist; then the policy is accepted, `Invalid` when translation
 * failed, with the DeprecatedField warning and the Merged/Overridden lists.
 */
import { targetObjectKey, targetRouteKey, type PolicyTarget, type SelectorMiss } from '../match/policy-targets.js';
import { directListener, missingGatewayReason, nsName } from '../match/resource-index.js';
import { notAttachedMessage } from '../match/route-detachment.js';
import { GATEWAY_API_GROUP, isRouteKind } from '../model/kinds.js';
import type { PolicyAncestorStatus } from '../model/policy-status.js';
import { type AncestorRef, type AncestorStatusBuilder, finishAncestors, newStatusBuilder, setAccepted, setCondition, setWarning } from './ancestor-status.js';
import { conflictMessage } from './entry-fold.js';
import { deprecationWarning, setMergedAndOverridden } from './policy-conditions.js';
import type { PolicyAttachments, SelectorAttachment, TargetAttachment } from './policy-outcomes.js';
import { parentFor, type PolicyRecord, type ResolveContext, type TargetedRoute } from './resolve-context.js';
import type { Scope } from './scope-graph.js';
import { ownSlot, targetSlotKey, type Slot } from './slots.js';
import { conditionMessage } from './translate.js';

/** The policy objects of one name, in policy order; the canonical one (the first visited) acts for all. */
export interface PolicyGroup {
  name: string;
  sources: PolicyRecord[];
}

/** What a policy's targets come to. */
export interface PolicyFold {
  /** Its `status.ancestors` (`null` when no target produced one); undefined when no pass visits it (Envoy Gateway does not list it). */
  ancestors?: PolicyAncestorStatus[] | null;
  attachments: PolicyAttachments;
}

/** Per pass (1 to 6), the visited sources' targets: those of the passes the input runs. */
export function foldPolicy(ctx: ResolveContext, group: PolicyGroup, controllerName: string, now: string | undefined, missesOf: (p: PolicyRecord) => Iterable<SelectorMiss>): PolicyFold {
  const first = group.sources[0]!;
  const canonical = first.canonical;
  const b = newStatusBuilder(controllerName, canonical.input.generation);
  const targets: TargetAttachment[] = [];
  const record = (t: PolicyTarget, result: TargetAttachment['result'], message?: string) => {
    targets.push(ctx.refs.attachment(t, result, message));
  };
  // The warning is the canonical policy's, the same on every ancestor.
  const warning = deprecationWarning(canonical.input);
  let visited = false;
  for (let pass = 1; pass <= 6; pass++) {
    if ((pass === 3 || pass === 4) && !ctx.listenerSetPasses) {
      // Not a visit: a policy that only targets ListenerSets is then not listed, as in Envoy Gateway.
      if (pass === 3) for (const src of group.sources) for (const t of src.listenerSetsMissing) record(t, 'NotFound', `ListenerSet ${nsName(t.namespace, t.name)} is not in the input`);
      continue;
    }
    for (const src of group.sources) {
      const list = src.passes[pass - 1]!;
      if (list.length > 0) visited = true;
      for (const t of list) {
        if (pass <= 2) routeTarget(ctx, b, canonical, src, t, pass === 1, warning, record);
        else parentTarget(ctx, b, canonical, src, t, pass <= 4 ? 'ListenerSet' : 'Gateway', warning, record);
      }
    }
  }
  const selectors: SelectorAttachment[] = [];
  const byIndex = new Map<number, SelectorAttachment>();
  (first.input.spec.targetSelectors ?? []).forEach((selector, index) => {
    if (selector === null || typeof selector !== 'object') return;
    const s: SelectorAttachment = { index, selector, skipped: [] };
    selectors.push(s);
    byIndex.set(index, s);
  });
  for (const m of missesOf(first)) byIndex.get(m.selector)?.skipped.push({ namespace: m.namespace, reason: m.reason, message: m.message });
  const fold: PolicyFold = { attachments: { policy: ctx.refs.policy(canonical.input), targets, selectors } };
  if (visited) fold.ancestors = finishAncestors(b, now);
  return fold;
}

/** Whether a slot is held through this very target. */
function heldThrough(slot: Slot<PolicyRecord>, source: PolicyRecord, t: PolicyTarget): boolean {
  const holder = slot.contenders[0];
  return holder !== undefined && holder.source === source && holder.target === t;
}

type Record = (t: PolicyTarget, result: TargetAttachment['result'], message?: string) => void;

function routeTarget(ctx: ResolveContext, b: AncestorStatusBuilder, policy: PolicyRecord, source: PolicyRecord, target: PolicyTarget, isRule: boolean, warning: string | undefined, record: Record): void {
  const attached = ctx.routes.get(targetRouteKey(target));
  if (!attached) {
    missingRoute(ctx, target, record);
    return;
  }
  const { route, contexts, ancestors } = attached;
  const section = target.sectionName;
  if (isRule && !route.object.spec.rules.some((r) => r.name !== undefined && r.name === section)) {
    const message = `No section name ${section} found for ${route.kind} ${route.namespace}/${route.name}`;
    for (const a of ancestors) setCondition(b, a, { type: 'Accepted', status: 'False', reason: 'TargetNotFound', message });
    record(target, 'SectionNotFound', message);
    return;
  }
  // The route's route and rule slots, filed under its route slot's key: one lookup finds the
  // target's slot and the rules other policies hold.
  const owned = ctx.slotsByOwner.get(attached.slotKey);
  const slot = ownSlot(owned, isRule ? section : undefined);
  if (!slot || !heldThrough(slot, source, target)) {
    const message = conflictMessage(slot!, route.name, route.kind);
    for (const a of ancestors) setCondition(b, a, { type: 'Accepted', status: 'False', reason: 'Conflicted', message });
    record(target, 'Conflicted', message);
    return;
  }
  // Envoy Gateway accepts a policy on a route it manages even when no listener takes the route;
  // the attachment then says why it reaches no route entry.
  record(target, 'Attached', attached.entries.length === 0 ? notAttachedMessage(route, ctx.index) : undefined);
  const own = ctx.translations.ownOf(policy.input);
  const mergeType = (policy.input.spec as { mergeType?: unknown }).mergeType;
  if (typeof mergeType !== 'string' || mergeType === '') {
    if (own.errors.length > 0) {
      for (const a of ancestors) setCondition(b, a, { type: 'Accepted', status: 'False', reason: 'Invalid', message: conditionMessage(own.errors) });
    }
  } else {
    for (const c of contexts) {
      for (const listener of c.listeners) {
        const parent = parentFor(ctx, listener);
        const perListener: AncestorRef = listener.listenerSet
          ? { group: GATEWAY_API_GROUP, kind: 'ListenerSet', namespace: listener.listenerSet.metadata.namespace!, name: listener.listenerSet.metadata.name ?? '', sectionName: listener.listener.name }
          : { group: GATEWAY_API_GROUP, kind: 'Gateway', namespace: listener.gateway.metadata.namespace!, name: listener.gateway.metadata.name ?? '', sectionName: listener.listener.name };
        if (!parent) {
          if (own.errors.length > 0) setCondition(b, perListener, { type: 'Accepted', status: 'False', reason: 'Invalid', message: conditionMessage(own.errors) });
          continue;
        }
        const built = ctx.translations.mergedOf(policy.input, parent.source.input, mergeType);
        if (built.errors.length > 0) {
          setCondition(b, perListener, { type: 'Accepted', status: 'False', reason: 'Invalid', message: conditionMessage(built.errors) });
        } else {
          setCondition(b, perListener, { type: 'Merged', status: 'True', reason: 'Merged', message: `Merged with policy ${parent.source.input.namespace}/${parent.source.input.name}` });
        }
      }
    }
  }
  for (const a of ancestors) setAccepted(b, a);
  if (warning) for (const a of ancestors) setWarning(b, a, 'DeprecatedField', warning);
  if (!isRule) {
    const rules = claimedRules(owned, attached);
    if (rules.length > 0) {
      for (const a of ancestors) setCondition(b, a, { type: 'Overridden', status: 'True', reason: 'Overridden', message: `This policy is being overridden by other backendTrafficPolicy for these route rules: [${rules.join(' ')}]` });
    }
  }
}

/** The rule names rule-level policies attached to, sorted (for a route policy's Overridden message); `owned`: the route's slots. */
export function claimedRules(owned: ReadonlySet<Slot<PolicyRecord>> | undefined, attached: TargetedRoute): string[] {
  let held: Set<string> | undefined;
  for (const slot of owned ?? []) if (slot.kind === 'RouteRule' && slot.contenders.length > 0) (held ??= new Set()).add(slot.section!);
  if (!held) return [];
  const names = new Set<string>();
  for (const r of attached.route.object.spec.rules) if (r.name !== undefined && held.has(r.name)) names.add(r.name);
  return [...names].sort(byteOrder);
}

/**
 * Every non-Gateway kind is tried as a route in passes 1 and 2 (pass 1 takes any kind with a
 * `sectionName`), so a ListenerSet is left to its own passes; anything else that is not an
 * attached route is not found.
 */
function missingRoute(ctx: ResolveContext, target: PolicyTarget, record: Record): void {
  if (target.kind === 'ListenerSet') return;
  const what = `${target.kind} ${target.namespace}/${target.name}`;
  let message: string;
  if (!isRouteKind(target.kind)) message = `a BackendTrafficPolicy cannot target a ${target.kind || 'target without a kind'}`;
  else {
    const route = ctx.index.routes.get(targetRouteKey(target));
    message = route ? notAttachedMessage(route, ctx.index) : `${what} is not in the input`;
  }
  record(target, 'NotFound', message);
}

function parentTarget(ctx: ResolveContext, b: AncestorStatusBuilder, policy: PolicyRecord, source: PolicyRecord, target: PolicyTarget, kind: 'Gateway' | 'ListenerSet', warning: string | undefined, record: Record): void {
  const { index } = ctx;
  const key = targetObjectKey(target);
  const listenerSet = kind === 'ListenerSet' ? index.listenerSets.get(key) : undefined;
  if (kind === 'Gateway' ? !index.gateways.has(key) : !listenerSet) {
    record(target, 'NotFound', `${kind} ${key} ${kind === 'Gateway' ? missingGatewayReason(index, key) : 'is not in the input'}`);
    return;
  }
  const section = target.sectionName;
  const ancestor: AncestorRef = { group: GATEWAY_API_GROUP, kind, namespace: target.namespace, name: target.name, ...(section ? { sectionName: section } : {}) };
  if (section && !(listenerSet ? listenerSet.spec.listeners.some((l) => l.name === section) : directListener(index, key, section))) {
    const message = `No section name ${section} found for ${kind} ${key}`;
    setCondition(b, ancestor, { type: 'Accepted', status: 'False', reason: 'TargetNotFound', message });
    record(target, 'SectionNotFound', message);
    return;
  }
  const slot = ctx.slots.get(targetSlotKey(target));
  if (!slot || !heldThrough(slot, source, target)) {
    const message = conflictMessage(slot!);
    setCondition(b, ancestor, { type: 'Accepted', status: 'False', reason: 'Conflicted', message });
    record(target, 'Conflicted', message);
    return;
  }
  const gatewayKey = listenerSet ? index.listenerSetParent.get(key)! : key;
  if (!index.gateways.has(gatewayKey)) {
    record(target, 'NotFound', `the Gateway of ListenerSet ${key}, ${gatewayKey}, ${missingGatewayReason(index, gatewayKey)}`);
    return;
  }
  record(target, 'Attached');
  const scope: Scope =
    kind === 'Gateway' ? (section ? { kind: 'GatewayListener', key, section } : { kind: 'Gateway', key }) : section ? { kind: 'ListenerSetListener', key, section } : { kind: 'ListenerSet', key };
  const own = ctx.translations.ownOf(policy.input);
  if (own.errors.length > 0) setCondition(b, ancestor, { type: 'Accepted', status: 'False', reason: 'Invalid', message: conditionMessage(own.errors) });
  setAccepted(b, ancestor);
  // Envoy Gateway writes a ListenerSet policy's warning after Merged and Overridden, a Gateway
  // policy's before them (processBackendTrafficPolicyForListenerSet and ...ForGateway in
  // internal/gatewayapi/backendtrafficpolicy.go).
  const warningLast = kind === 'ListenerSet';
  if (warning && !warningLast) setWarning(b, ancestor, 'DeprecatedField', warning);
  setMergedAndOverridden(b, ancestor, scope, ctx.scopes);
  if (warning && warningLast) setWarning(b, ancestor, 'DeprecatedField', warning);
}

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
