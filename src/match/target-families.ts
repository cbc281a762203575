/**
 * Policies' targets. `targetSelectors` pick among one kind family at a time — routes attached to a
 * managed parent, Gateways, ListenerSets — so each family is indexed (`candidate-index.ts`) and
 * each policy's composed targets (`composeTargets`) are kept per family, until a candidate it may
 * pick, or the policy itself, changes (`forget`).
 */
import type { PolicyInput } from '../admit/resources.js';
import type { BackendTrafficPolicySpecInput } from '../model/backend-traffic-policy.js';
import { GATEWAY_API_GROUP, isRouteKind } from '../model/kinds.js';
import { indexCandidates, selectCandidates, updateCandidates, type CandidateIndex } from './candidate-index.js';
import { isValidLabelSelector } from './label-selector.js';
import { composeTargets, groupOf, labelSelectorOf, plainTargets, type PolicyTarget, type SelectableObject, type SelectorMiss } from './policy-targets.js';
import type { ResourceIndex } from './resource-index.js';
import { timestampMillis } from '../values/timestamp.js';

export type TargetFamily = 'routes' | 'gateways' | 'listenerSets';

/** The families in the order resolution first composes them (which orders a policy's selector misses). */
export const TARGET_FAMILIES: readonly TargetFamily[] = ['gateways', 'listenerSets', 'routes'];

/** The family a selector of `kind` picks from, if any. */
export function familyOfKind(kind: unknown): TargetFamily | undefined {
  if (kind === 'Gateway') return 'gateways';
  if (kind === 'ListenerSet') return 'listenerSets';
  return isRouteKind(kind) ? 'routes' : undefined;
}

type Compare = (a: SelectableObject, b: SelectableObject) => number;

export class TargetFamilies {
  private readonly candidates: Record<TargetFamily, CandidateIndex>;
  /**
   * A family's candidates given as a function (`reset`), indexed the first time a selector reads
   * the family: most clusters have no `targetSelectors`, or none of some kind, and a snapshot of
   * one then never indexes that family. Listing and indexing the 20,000 routes of the bench cluster
   * was 4–5% of a resolve's CPU in a profile; without its selector policies, the cluster resolved
   * 1–3% faster for not doing it.
   */
  private readonly unindexed: Partial<Record<TargetFamily, () => readonly SelectableObject[]>> = {};
  private readonly composed: Record<TargetFamily, Map<PolicyInput, { targets: PolicyTarget[]; matched: number }>> = { routes: new Map(), gateways: new Map(), listenerSets: new Map() };
  private readonly plainTargets = new Map<PolicyInput, PolicyTarget[]>();
  private readonly misses: Record<TargetFamily, Map<PolicyInput, Map<string, SelectorMiss>>> = { routes: new Map(), gateways: new Map(), listenerSets: new Map() };

  /** `initial`: each family's candidates in candidate order, which `compare` keeps for later ones. */
  constructor(
    private readonly index: ResourceIndex,
    initial: Record<TargetFamily, SelectableObject[]>,
    private readonly compare: Record<TargetFamily, Compare>,
  ) {
    this.candidates = {
      routes: indexCandidates(initial.routes, compare.routes),
      gateways: indexCandidates(initial.gateways, compare.gateways),
      listenerSets: indexCandidates(initial.listenerSets, compare.listenerSets),
    };
  }

  /** A policy's `targetRef(s)`, read once. */
  plain(policy: PolicyInput): PolicyTarget[] {
    let targets = this.plainTargets.get(policy);
    if (!targets) this.plainTargets.set(policy, (targets = plainTargets(policy)));
    return targets;
  }

  /**
   * A policy's targets among one kind family: its selectors' picks, then its plain refs; with how
   * many objects its selectors matched (`composeTargets`). `undefined` when they match more than
   * `limit`: what they picked is then not kept (nor where they missed), so only a policy within its
   * budget holds picks.
   */
  of(policy: PolicyInput, family: TargetFamily, limit = Infinity): { targets: PolicyTarget[]; matched: number } | undefined {
    if (!(policy.spec as { targetSelectors?: unknown[] }).targetSelectors?.length) return { targets: this.plain(policy), matched: 0 };
    const cache = this.composed[family];
    let composed = cache.get(policy);
    if (!composed) {
      this.misses[family].delete(policy);
      composed = composeTargets(policy, this.indexed(family), this.index, (m) => this.miss(policy, family, m), limit);
      if (!composed) {
        this.misses[family].delete(policy);
        return undefined;
      }
      cache.set(policy, composed);
    }
    if (composed.matched > limit) {
      this.forget(policy, family);
      return undefined;
    }
    return composed;
  }

  /** Where the policy's selectors matched labels but could not take the objects (from the families composed so far). */
  missesOf(policy: PolicyInput): SelectorMiss[] {
    const out: SelectorMiss[] = [];
    for (const family of TARGET_FAMILIES) for (const m of this.misses[family].get(policy)?.values() ?? []) out.push(m);
    return out;
  }

  /**
   * Whether a selector of the policy that takes namespaces by their labels (`namespaces.from:
   * Selector`) matches the labels of a candidate in `namespace`. A Namespace that comes or goes
   * changes what such a selector says of the objects in it (taken, or why not) and of no others,
   * so only these policies can change with it. A family no selector has read yet counts as a match.
   */
  picksByLabelIn(policy: PolicyInput, namespace: string): boolean {
    for (const sel of (policy.spec as BackendTrafficPolicySpecInput).targetSelectors ?? []) {
      if (!sel || sel.namespaces?.from !== 'Selector') continue;
      const family = familyOfKind(sel.kind);
      if (!family) continue;
      if (this.unindexed[family]) return true;
      const labelSelector = labelSelectorOf(sel);
      if (!isValidLabelSelector(labelSelector)) continue;
      const group = sel.group || GATEWAY_API_GROUP;
      if (selectCandidates(this.candidates[family], sel.kind, labelSelector, namespace).some((o) => o.group === group)) return true;
    }
    return false;
  }

  /** Drops what is known of a policy's targets: among one family, or all of them. */
  forget(policy: PolicyInput, family?: TargetFamily): void {
    for (const f of family ? [family] : TARGET_FAMILIES) {
      this.composed[f].delete(policy);
      this.misses[f].delete(policy);
    }
    if (!family) this.plainTargets.delete(policy);
  }

  /** Candidates went (`removed`) and came (`added`); the caller forgets the policies whose selectors may pick them. */
  update(family: TargetFamily, removed: readonly SelectableObject[], added: readonly SelectableObject[]): void {
    updateCandidates(this.indexed(family), removed, added);
  }

  /**
   * Indexes a family's candidates anew (given in candidate order), for many changes at once. Given
   * as a function, they are listed and indexed when a selector first reads the family; the caller
   * keeps what the function reads unchanged until then.
   */
  reset(family: TargetFamily, candidates: readonly SelectableObject[] | (() => readonly SelectableObject[])): void {
    if (typeof candidates === 'function') {
      this.unindexed[family] = candidates;
      return;
    }
    delete this.unindexed[family];
    this.candidates[family] = indexCandidates(candidates, this.compare[family]);
  }

  private indexed(family: TargetFamily): CandidateIndex {
    const list = this.unindexed[family];
    if (list) this.reset(family, list());
    return this.candidates[family];
  }

  private miss(policy: PolicyInput, family: TargetFamily, m: SelectorMiss): void {
    let byKey = this.misses[family].get(policy);
    if (!byKey) this.misses[family].set(policy, (byKey = new Map()));
    const key = `${m.selector}|${m.namespace}|${m.reason}`;
    if (!byKey.has(key)) byKey.set(key, m);
  }
}

/** A Gateway or ListenerSet as a selector candidate. */
export function selectable(o: { apiVersion?: string; metadata: { namespace?: string; name?: string; labels?: Record<string, string>; creationTimestamp?: unknown } }, kind: string): SelectableObject {
  return { group: groupOf(o.apiVersion, GATEWAY_API_GROUP), kind, namespace: o.metadata.namespace!, name: o.metadata.name ?? '', labels: o.metadata.labels, creationTimestamp: timestampMillis(o.metadata.creationTimestamp) };
}
