/**
 * Gateway and ListenerSet targets, whole or one listener (passes 3 to 6). Both kinds take the
 * same steps in the same order: the object must exist; a `sectionName` must name one of its
 * listeners (`TargetNotFound`); the slot must be free (`Conflicted`); a ListenerSet's Gateway must
 * exist; then the policy applies to every entry on the listeners and gets `Accepted`, `Invalid`
 * when translation failed, the DeprecatedField warning and the Merged/Overridden lists.
 */
import type { PolicyInput } from '../admit/resources.js';
import type { PolicyTarget } from '../match/policy-targets.js';
import { directListener, nsName, type ListenerContext } from '../match/resource-index.js';
import { GATEWAY_API_GROUP } from '../model/kinds.js';
import { type AncestorRef, setAccepted, setCondition, setWarning } from './ancestor-status.js';
import { applyPolicy } from './apply-policy.js';
import { gatewaySlot, recordConflict } from './claims.js';
import { CONFLICT_SUFFIX, deprecationWarning, setMergedAndOverridden } from './policy-conditions.js';
import type { ResolveContext } from './resolve-context.js';
import { addScope, registerListenerSet, type Scope } from './scope-graph.js';
import { conditionMessage } from './translate.js';

export function processParentTarget(ctx: ResolveContext, policy: PolicyInput, target: PolicyTarget, kind: 'Gateway' | 'ListenerSet'): void {
  const { index } = ctx;
  const key = nsName(target.namespace, target.name);
  const listenerSet = kind === 'ListenerSet' ? index.listenerSets.get(key) : undefined;
  if (kind === 'Gateway' ? !index.gateways.has(key) : !listenerSet) {
    ctx.attachments.record(policy, target, 'NotFound', `${kind} ${key} is not in the input`);
    return;
  }
  const section = target.sectionName;
  const ancestor: AncestorRef = { group: GATEWAY_API_GROUP, kind, namespace: target.namespace, name: target.name, ...(section ? { sectionName: section } : {}) };
  const b = ctx.statuses.of(policy);
  if (section && !(listenerSet ? listenerSet.spec.listeners.some((l) => l.name === section) : directListener(index, key, section))) {
    const message = `No section name ${section} found for ${kind} ${key}`;
    setCondition(b, ancestor, { type: 'Accepted', status: 'False', reason: 'TargetNotFound', message });
    ctx.attachments.record(policy, target, 'SectionNotFound', message);
    return;
  }
  let listeners: ListenerContext[];
  if (kind === 'Gateway') listeners = section ? [directListener(index, key, section)!] : (index.gatewayListeners.get(key) ?? []);
  else {
    // Only a ListenerSet its Gateway accepted has listeners here.
    const all = index.listenerSetListeners.get(key) ?? [];
    listeners = section ? all.filter((l) => l.listener.name === section) : all;
  }
  // The entries, listener by listener (not concatenated: a Gateway may have tens of thousands).
  const entries = listeners.map((l) => ctx.entriesByListener.get(l.irName) ?? []);
  const via = ctx.refs.attachedVia(policy, target);
  const claim = ctx.claims.claim(gatewaySlot(kind, key, section), via);
  if (!claim.ok) {
    const message = `${conflictTarget(kind, target, key)}, ${CONFLICT_SUFFIX}`;
    setCondition(b, ancestor, { type: 'Accepted', status: 'False', reason: 'Conflicted', message });
    recordConflict(ctx, policy, target, entries, 'gateway', claim.heldBy, message);
    return;
  }
  const gatewayKey = listenerSet ? index.listenerSetParent.get(key)! : key;
  if (!index.gateways.has(gatewayKey)) {
    ctx.attachments.record(policy, target, 'NotFound', `the Gateway of ListenerSet ${key}, ${gatewayKey}, is not in the input`);
    return;
  }
  ctx.attachments.record(policy, target, 'Attached');
  const { overrides } = ctx.graphs;
  let scope: Scope;
  if (kind === 'Gateway') {
    scope = section ? { kind: 'GatewayListener', key, section } : { kind: 'Gateway', key };
    if (section) addScope(overrides, { kind: 'Gateway', key }, scope);
  } else {
    scope = section ? { kind: 'ListenerSetListener', key, section } : { kind: 'ListenerSet', key };
    if (section) registerListenerSet(overrides, gatewayKey, key);
    addScope(overrides, section ? { kind: 'ListenerSet', key } : { kind: 'Gateway', key: gatewayKey }, scope);
  }
  const own = ctx.translations.ownOf(policy);
  if (own.errors.length > 0) setCondition(b, ancestor, { type: 'Accepted', status: 'False', reason: 'Invalid', message: conditionMessage(own.errors) });
  const app = { via, built: own, own, level: 'gateway' } as const;
  for (const onListener of entries) applyPolicy(onListener, app, ctx.outcomes);
  setAccepted(b, ancestor);
  // Envoy Gateway writes a ListenerSet policy's warning after Merged and Overridden, a Gateway
  // policy's before them (processBackendTrafficPolicyForListenerSet and ...ForGateway in
  // internal/gatewayapi/backendtrafficpolicy.go).
  const warningLast = kind === 'ListenerSet';
  const warning = deprecationWarning(policy);
  if (warning && !warningLast) setWarning(b, ancestor, 'DeprecatedField', warning);
  setMergedAndOverridden(b, ancestor, scope, ctx.graphs);
  if (warning && warningLast) setWarning(b, ancestor, 'DeprecatedField', warning);
}

/**
 * The object of a conflict message, as Envoy Gateway words it: a Gateway listener is named
 * `ns/name/section`, a ListenerSet listener `name/section`, a whole Gateway or ListenerSet `name`.
 */
function conflictTarget(kind: 'Gateway' | 'ListenerSet', target: PolicyTarget, key: string): string {
  if (!target.sectionName) return `Unable to target ${kind} ${target.name}`;
  return `Unable to target Listener ${kind === 'Gateway' ? key : target.name}/${target.sectionName}`;
}
