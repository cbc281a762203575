/**
 * The parent a route policy with `mergeType` merges into, per listener: the policy on that
 * ListenerSet listener, else on the whole ListenerSet, else on the whole Gateway (for a
 * ListenerSet's listener); the policy on that Gateway listener, else on the whole Gateway (for
 * one of the Gateway's own listeners). Per slot, the parent is the first policy (in policy
 * order) whose target resolves — conflicts play no part.
 */
import type { PolicyInput } from '../admit/resources.js';
import type { PolicyTarget } from '../match/policy-targets.js';
import { directListener, nsName, type ListenerContext, type ResourceIndex } from '../match/resource-index.js';
import type { TargetFamilies } from '../match/target-families.js';
import type { Scope } from './scope-graph.js';

/** A parent policy, with the target through which it holds its slot. */
interface Parent {
  policy: PolicyInput;
  target: PolicyTarget;
}

export class MergeParents {
  private readonly gatewayPolicy = new Map<string, Parent>();
  private readonly listenerSetPolicy = new Map<string, Parent>();

  constructor(index: ResourceIndex, targets: TargetFamilies) {
    for (const p of index.resources.policies) {
      for (const t of targets.of(p, 'gateways')) {
        if (t.kind !== 'Gateway') continue;
        const key = nsName(t.namespace, t.name);
        if (!index.gateways.has(key)) continue;
        if (t.sectionName && !directListener(index, key, t.sectionName)) continue;
        const slot = `${key}|${t.sectionName ?? ''}`;
        if (!this.gatewayPolicy.has(slot)) this.gatewayPolicy.set(slot, { policy: p, target: t });
      }
      for (const t of targets.of(p, 'listenerSets')) {
        if (t.kind !== 'ListenerSet') continue;
        const key = nsName(t.namespace, t.name);
        const ls = index.listenerSets.get(key);
        if (!ls) continue;
        if (t.sectionName && !ls.spec.listeners.some((l) => l.name === t.sectionName)) continue;
        const slot = `${key}|${t.sectionName ?? ''}`;
        if (!this.listenerSetPolicy.has(slot)) this.listenerSetPolicy.set(slot, { policy: p, target: t });
      }
    }
  }

  /** The closest parent policy of a route on one listener, and the scope it holds. */
  parentFor(listener: ListenerContext): (Parent & { scope: Scope }) | undefined {
    const name = listener.listener.name;
    if (listener.listenerSet) {
      const lsKey = nsName(listener.listenerSet.metadata.namespace!, listener.listenerSet.metadata.name ?? '');
      const onListener = this.listenerSetPolicy.get(`${lsKey}|${name}`);
      if (onListener) return { ...onListener, scope: { kind: 'ListenerSetListener', key: lsKey, section: name } };
      const onSet = this.listenerSetPolicy.get(`${lsKey}|`);
      if (onSet) return { ...onSet, scope: { kind: 'ListenerSet', key: lsKey } };
      const onGateway = this.gatewayPolicy.get(`${listener.gatewayKey}|`);
      if (onGateway) return { ...onGateway, scope: { kind: 'Gateway', key: listener.gatewayKey } };
      return undefined;
    }
    const onListener = this.gatewayPolicy.get(`${listener.gatewayKey}|${name}`);
    if (onListener) return { ...onListener, scope: { kind: 'GatewayListener', key: listener.gatewayKey, section: name } };
    const onGateway = this.gatewayPolicy.get(`${listener.gatewayKey}|`);
    if (onGateway) return { ...onGateway, scope: { kind: 'Gateway', key: listener.gatewayKey } };
    return undefined;
  }
}
