/**
 * A policy's targets: plain `targetRef`/`targetRefs` (always in the policy's namespace) and
 * `targetSelectors` (by kind, group, labels and namespaces, cross-namespace only with a
 * ReferenceGrant), composed in Envoy Gateway's order.
 */
import type { BackendTrafficPolicySpecInput } from '../model/backend-traffic-policy.js';
import type { LabelSelector } from '../model/label-selector.js';
import type { PolicyInput } from '../admit/resources.js';
import { grantedNames } from './reference-grant.js';
import { scanCandidates, type CandidateIndex } from './candidate-index.js';
import { isValidLabelSelector, matchesLabelSelector } from './label-selector.js';
import { nsName, routeKey, type ResourceIndex } from './resource-index.js';
import { GATEWAY_API_GROUP } from '../model/kinds.js';

export const POLICY_GROUP = 'gateway.envoyproxy.io';
export const POLICY_KIND = 'BackendTrafficPolicy';

export interface PolicyTarget {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  sectionName?: string;
  fromSelector: boolean;
  /** Index in `spec.targetSelectors` of the selector that picked it. */
  selector?: number;
  /**
   * Its route key (`kind/namespace/name`), made by `targetRouteKey` when first asked: a route
   * target is looked up by it when its policy is counted, slotted and given its status.
   */
  routeKey: string | undefined;
  /**
   * Its object's key (`namespace/name`), made by `targetObjectKey` when first asked: a Gateway or
   * ListenerSet target is looked up by it when its policy is composed, slotted and given its status,
   * and a selector's picks live as long as their object, so a change that recomposes a policy of
   * 500 Gateway targets joins and hashes no key again.
   */
  objectKey: string | undefined;
  /** The key of the Gateway or ListenerSet slot it contends for (`targetSlotKey` in `resolve/slots.ts`), made once. */
  slotKey: string | undefined;
}

/** The route key of a target, made once per target. */
export const targetRouteKey = (t: PolicyTarget): string => (t.routeKey ??= routeKey(t.kind, t.namespace, t.name));

/** The object key (`namespace/name`) of a target, made once per target. */
export const targetObjectKey = (t: PolicyTarget): string => (t.objectKey ??= nsName(t.namespace, t.name));

/** A target a selector picked, with its object's `creationTimestamp` (which orders selector targets). */
export type PickedTarget = PolicyTarget & { creationTimestamp: number };

/** The target `obj` is as the pick of the policy's selector `selector` (one object per candidate and index). */
function pickedTarget(candidates: CandidateIndex, obj: SelectableObject, selector: number): PickedTarget {
  let bySelector = candidates.picks.get(obj);
  if (!bySelector) candidates.picks.set(obj, (bySelector = []));
  return (bySelector[selector] ??= { group: obj.group, kind: obj.kind, namespace: obj.namespace, name: obj.name, fromSelector: true, selector, routeKey: undefined, objectKey: undefined, slotKey: undefined, creationTimestamp: obj.creationTimestamp });
}

/** Objects of a selector's kind whose labels matched but which it could not take, per namespace. */
export interface SelectorMiss {
  /** Index in `spec.targetSelectors`. */
  selector: number;
  namespace: string;
  reason: 'NamespaceNotSelected' | 'NoReferenceGrant';
  message: string;
}

/** An object a selector may pick. */
export interface SelectableObject {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  labels: Record<string, string> | undefined;
  creationTimestamp: number;
}

type Spec = BackendTrafficPolicySpecInput;

/** `GetTargetRefs`: `targetRef` alone when set, else `targetRefs`; all-empty refs skipped. */
export function plainTargets(policy: PolicyInput): PolicyTarget[] {
  const spec = policy.spec as Spec;
  const refs = spec.targetRef ? [spec.targetRef] : (spec.targetRefs ?? []);
  const out: PolicyTarget[] = [];
  for (const ref of refs) {
    if (!ref || (!ref.group && !ref.kind && !ref.name && !ref.sectionName)) continue;
    const t: PolicyTarget = { group: ref.group ?? '', kind: ref.kind ?? '', namespace: policy.namespace, name: ref.name ?? '', fromSelector: false, routeKey: undefined, objectKey: undefined, slotKey: undefined };
    if (ref.sectionName) t.sectionName = ref.sectionName;
    out.push(t);
  }
  return out;
}

function namespacesMatch(
  sel: NonNullable<Spec['targetSelectors']>[number],
  objectNamespace: string,
  policyNamespace: string,
  index: ResourceIndex,
): boolean {
  const from = sel.namespaces?.from ?? '';
  switch (from) {
    case '':
    case 'Same':
      return objectNamespace === policyNamespace;
    case 'All':
      return true;
    case 'Selector':
      return namespaceSelectorMatches(sel, index.namespaceLabels.get(objectNamespace));
    default:
      return false;
  }
}

/** The label selector of a target selector: its `matchLabels` and `matchExpressions`. */
export function labelSelectorOf(sel: NonNullable<Spec['targetSelectors']>[number]): LabelSelector {
  const selector: LabelSelector = {};
  if (sel.matchLabels) selector.matchLabels = sel.matchLabels;
  if (sel.matchExpressions) selector.matchExpressions = sel.matchExpressions as LabelSelector['matchExpressions'];
  return selector;
}

/**
 * Whether a target selector's `namespaces.selector` picks a Namespace with these labels (none: a
 * Namespace without labels, or not in the input). An invalid selector picks nothing.
 */
export function namespaceSelectorMatches(sel: NonNullable<Spec['targetSelectors']>[number], labels: Readonly<Record<string, string>> | null | undefined): boolean {
  const selector = sel.namespaces?.selector as LabelSelector | undefined;
  if (!selector || !isValidLabelSelector(selector)) return false;
  // A Namespace with no labels at all never matches, not even an empty selector.
  return labels !== undefined && labels !== null && matchesLabelSelector(selector, labels);
}

/**
 * Targets picked by `targetSelectors` among `candidates` (one kind family), de-duplicated, in
 * candidate order per selector. Each selector only looks at the indexed objects that can match it.
 * `misses` hears of the namespaces where labels matched but the namespace or a ReferenceGrant did
 * not allow the object (once per selector and namespace). `matched`: the objects the selectors
 * matched by labels in the namespaces they look in, picked or missed. Past `limit` of those it stops,
 * with `undefined`: what is over a budget is not wanted, and going on would cost the budget's worth.
 */
function selectorTargets(
  policy: PolicyInput,
  candidates: CandidateIndex,
  index: ResourceIndex,
  misses: ((miss: SelectorMiss) => void) | undefined,
  limit: number,
): { picked: PickedTarget[]; matched: number } | undefined {
  const selectors = (policy.spec as Spec).targetSelectors ?? [];
  const out: PickedTarget[] = [];
  let matched = 0;
  // Candidates are unique per family (kind, namespace, name), so identity de-duplicates.
  const seen = new Set<SelectableObject>();
  for (let i = 0; i < selectors.length; i++) {
    const sel = selectors[i];
    if (!sel) continue;
    const group = sel.group || GATEWAY_API_GROUP;
    const labelSelector = labelSelectorOf(sel);
    if (!isValidLabelSelector(labelSelector)) continue;
    const from = sel.namespaces?.from ?? '';
    const sameNamespace = from === '' || from === 'Same';
    const namespaceOk = new Map<string, boolean>();
    /** What the ReferenceGrants of each namespace allow of the selector's kind. */
    const granted = new Map<string, ReturnType<typeof grantedNames>>();
    const ungranted = new Set<string>();
    const { list, keep } = scanCandidates(candidates, sel.kind, labelSelector, sameNamespace ? policy.namespace : undefined);
    for (const obj of list) {
      if (obj.group !== group || (keep && !keep(obj))) continue;
      // Every object a selector matches costs its work (a pick, or a miss to report), picked or not.
      if (matched++ === limit) return undefined;
      let nsOk = namespaceOk.get(obj.namespace);
      if (nsOk === undefined) {
        namespaceOk.set(obj.namespace, (nsOk = namespacesMatch(sel, obj.namespace, policy.namespace, index)));
        if (!nsOk) misses?.({ selector: i, namespace: obj.namespace, reason: 'NamespaceNotSelected', message: namespaceNotSelected(obj.namespace, index) });
      }
      if (!nsOk) continue;
      if (obj.namespace !== policy.namespace) {
        let allowed = granted.get(obj.namespace);
        if (allowed === undefined) granted.set(obj.namespace, (allowed = grantedNames(index.referenceGrants.get(obj.namespace), { group: POLICY_GROUP, kind: POLICY_KIND, namespace: policy.namespace }, obj.group, obj.kind)));
        if (!allowed.all && !allowed.names.has(obj.name)) {
          if (!ungranted.has(obj.namespace)) {
            ungranted.add(obj.namespace);
            misses?.({ selector: i, namespace: obj.namespace, reason: 'NoReferenceGrant', message: noReferenceGrant(obj, policy.namespace, index) });
          }
          continue;
        }
      }
      // Only a later selector can meet an object again: most policies have one.
      if (i > 0 && seen.has(obj)) continue;
      if (i < selectors.length - 1) seen.add(obj);
      out.push(pickedTarget(candidates, obj, i));
    }
  }
  return { picked: out, matched };
}

function namespaceNotSelected(namespace: string, index: ResourceIndex): string {
  return `namespace ${namespace} does not match its namespaces.selector${index.namespaceLabels.has(namespace) ? '' : ' (no Namespace object for it in the input)'}`;
}

function noReferenceGrant(obj: { kind: string; namespace: string }, policyNamespace: string, index: ResourceIndex): string {
  const fromPolicyNamespace = (index.referenceGrants.get(obj.namespace) ?? []).some((g) => g.spec.from.some((f) => f.group === POLICY_GROUP && f.kind === POLICY_KIND && f.namespace === policyNamespace));
  const article = /^[AEFHILMNORSX]/.test(obj.kind) ? 'an' : 'a'; // as the kind is spoken: an HTTPRoute, a GRPCRoute
  return `selecting ${article} ${obj.kind} in another namespace needs a ReferenceGrant in ${obj.namespace} from BackendTrafficPolicies in ${policyNamespace}, and ${fromPolicyNamespace ? `those there do not allow this ${obj.kind}` : 'there is none'}`;
}

/**
 * `composePolicyTargetRefs`: selector targets ordered by the target's creationTimestamp, then the
 * plain refs that are not already among them (plain refs are not de-duplicated among themselves).
 * `undefined` when the selectors match more than `limit` objects (`selectorTargets`).
 */
export function composeTargets(policy: PolicyInput, candidates: CandidateIndex, index: ResourceIndex, misses?: (miss: SelectorMiss) => void, limit = Infinity): { targets: PolicyTarget[]; matched: number } | undefined {
  if (!(policy.spec as Spec).targetSelectors?.length) return { targets: plainTargets(policy), matched: 0 };
  const selected = selectorTargets(policy, candidates, index, misses, limit);
  if (!selected) return undefined;
  const { matched } = selected;
  // The selector targets keep their `creationTimestamp` (an extra field no caller reads).
  const out: PolicyTarget[] = selected.picked.sort((a, b) => a.creationTimestamp - b.creationTimestamp);
  const plain = plainTargets(policy);
  if (plain.length === 0) return { targets: out, matched };
  const selectedKeys = new Set(out.map((t) => `${t.kind}|${t.namespace}|${t.name}`));
  for (const t of plain) {
    if (t.sectionName === undefined && selectedKeys.has(`${t.kind}|${t.namespace}|${t.name}`)) continue;
    out.push(t);
  }
  return { targets: out, matched };
}

/** API group from an `apiVersion` (`gateway.networking.k8s.io/v1` → `gateway.networking.k8s.io`). */
export function groupOf(apiVersion: string | undefined, fallback: string): string {
  if (!apiVersion) return fallback;
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return '';
  // The usual group is the fallback: kept once, not cut out of every object's apiVersion.
  return slash === fallback.length && apiVersion.startsWith(fallback) ? fallback : apiVersion.slice(0, slash);
}
