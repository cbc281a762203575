/**
 * A policy's targets, read once per resolution. `targetSelectors` pick among one kind family at a
 * time — routes attached to a managed parent, Gateways, ListenerSets — so each family is indexed
 * once and each policy's composed targets (`composeTargets`) are kept per family.
 */
import type { PolicyInput, RouteInput } from '../admit/resources.js';
import { GATEWAY_API_GROUP } from '../model/kinds.js';
import { indexCandidates, type CandidateIndex } from './candidate-index.js';
import { composeTargets, groupOf, plainTargets, type PolicyTarget, type SelectableObject, type SelectorMiss } from './policy-targets.js';
import type { ResourceIndex } from './resource-index.js';
import { timestampMillis } from '../values/timestamp.js';

export type TargetFamily = 'routes' | 'gateways' | 'listenerSets';

export class TargetFamilies {
  private readonly candidates: Record<TargetFamily, CandidateIndex>;
  private readonly composed: Record<TargetFamily, Map<PolicyInput, PolicyTarget[]>> = { routes: new Map(), gateways: new Map(), listenerSets: new Map() };
  private readonly plainTargets = new Map<PolicyInput, PolicyTarget[]>();
  private readonly misses = new Map<PolicyInput, Map<string, SelectorMiss>>();

  /** `routes`: the routes selectors may pick (those attached to a managed parent). */
  constructor(private readonly index: ResourceIndex, routes: Iterable<RouteInput>) {
    const routeCandidates: SelectableObject[] = [];
    for (const r of routes) {
      routeCandidates.push({
        group: groupOf(r.object.apiVersion, GATEWAY_API_GROUP),
        kind: r.kind,
        namespace: r.namespace,
        name: r.name,
        labels: r.object.metadata.labels,
        creationTimestamp: r.creationTimestamp,
      });
    }
    this.candidates = {
      routes: indexCandidates(routeCandidates),
      gateways: indexCandidates([...index.gateways.values()].map((gw) => selectable(gw, 'Gateway'))),
      listenerSets: indexCandidates([...index.listenerSets.values()].map((ls) => selectable(ls, 'ListenerSet'))),
    };
  }

  /** A policy's `targetRef(s)`, read once. */
  plain(policy: PolicyInput): PolicyTarget[] {
    let targets = this.plainTargets.get(policy);
    if (!targets) this.plainTargets.set(policy, (targets = plainTargets(policy)));
    return targets;
  }

  /** A policy's targets among one kind family: its selectors' picks, then its plain refs. */
  of(policy: PolicyInput, family: TargetFamily): PolicyTarget[] {
    if (!(policy.spec as { targetSelectors?: unknown[] }).targetSelectors?.length) return this.plain(policy);
    const cache = this.composed[family];
    let targets = cache.get(policy);
    if (!targets) cache.set(policy, (targets = composeTargets(policy, this.candidates[family], this.index, (m) => this.miss(policy, m))));
    return targets;
  }

  /** Where the policy's selectors matched labels but could not take the objects (from the families composed so far). */
  missesOf(policy: PolicyInput): Iterable<SelectorMiss> {
    return this.misses.get(policy)?.values() ?? [];
  }

  private miss(policy: PolicyInput, m: SelectorMiss): void {
    let byKey = this.misses.get(policy);
    if (!byKey) this.misses.set(policy, (byKey = new Map()));
    const key = `${m.selector}|${m.namespace}|${m.reason}`;
    if (!byKey.has(key)) byKey.set(key, m);
  }
}

function selectable(o: { apiVersion?: string; metadata: { namespace?: string; name?: string; labels?: Record<string, string>; creationTimestamp?: unknown } }, kind: string): SelectableObject {
  const t = timestampMillis(o.metadata.creationTimestamp);
  return { group: groupOf(o.apiVersion, GATEWAY_API_GROUP), kind, namespace: o.metadata.namespace!, name: o.metadata.name ?? '', labels: o.metadata.labels, creationTimestamp: t };
}
