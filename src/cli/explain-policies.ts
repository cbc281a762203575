/**
 * Why each policy did or did not shape one route rule, for `btp explain`. Derived from what the
 * library returns, not from a second implementation of it:
 *
 * - whether a policy *reaches* the rule at all is answered by resolving the input with that policy
 *   alone (`resolvePolicies` again, on the same objects minus the other policies);
 * - who supplied each effective setting comes from the rule's `provenance`;
 * - why a reaching policy lost comes from its status (`Conflicted`, `Invalid`) and from the rule
 *   (`policies`, `directResponse`);
 * - why a policy that names the route, its Gateway or its ListenerSet does not reach it comes from
 *   its targets and its status (`TargetNotFound`, another namespace, a missing ReferenceGrant).
 */
import { resolvePolicies, type PolicyAncestorStatus, type Resolution, type ResolveOptions, type RouteResult } from '../index.js';
import { settingRows } from './format-table.js';
import { objectName, type InputObject } from './read-inputs.js';
import { formatSetting } from './units.js';
import { matchesLabelSelector } from '../match/label-selector.js';
import { isRecord } from '../lang/json.js';

/** How specific a target is; lower wins (the translator's six passes). */
export type Scope = 'route rule' | 'route' | 'ListenerSet listener' | 'ListenerSet' | 'Gateway listener' | 'Gateway';
const SCOPE_RANK: Record<Scope, number> = { 'route rule': 1, route: 2, 'ListenerSet listener': 3, ListenerSet: 4, 'Gateway listener': 5, Gateway: 6 };

/** What a policy did to one rule, in `btp explain`'s words (see docs/cli.md). */
export type Outcome = 'applied' | 'merged' | 'overridden' | 'conflicted' | 'invalid' | 'not attached';

/** One policy's part in one (listener × route × rule) entry. */
export interface PolicyExplanation {
  namespace: string;
  name: string;
  source: string;
  outcome: Outcome;
  /** The target through which the policy reaches (or was meant to reach) the rule, e.g. `HTTPRoute shop/storefront, rule checkout`. */
  target?: string;
  scope?: Scope;
  /** Why, in a sentence. */
  reason: string;
  /** Settings of this policy in effect here (leaf paths). */
  supplied: string[];
  /** Settings this policy would set here on its own, but which do not apply. */
  lost: Array<{ path: string; value: unknown }>;
  /** Its status conditions on the ancestors of this rule's Gateway or ListenerSet. */
  status: PolicyAncestorStatus[];
}

interface Target {
  kind: string;
  name: string;
  namespace: string;
  sectionName?: string;
  selector?: Selector;
}

interface Selector {
  kind: string;
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
  namespaces?: { from?: string; selector?: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> } };
}

interface Policy {
  namespace: string;
  name: string;
  source: string;
  object: InputObject;
  targets: Target[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const refName = (r: { namespace: string; name: string }) => `${r.namespace}/${r.name}`;

/** A policy's targets as written: `targetRef` alone when set (it wins), else `targetRefs`; then `targetSelectors`. */
function targetsOf(value: Record<string, unknown>, namespace: string): Target[] {
  const spec = isRecord(value.spec) ? value.spec : {};
  const refs = isRecord(spec.targetRef) ? [spec.targetRef] : Array.isArray(spec.targetRefs) ? spec.targetRefs : [];
  const out: Target[] = [];
  for (const r of refs) {
    if (!isRecord(r)) continue;
    const t: Target = { kind: str(r.kind) ?? '', name: str(r.name) ?? '', namespace };
    const section = str(r.sectionName);
    if (section) t.sectionName = section;
    out.push(t);
  }
  for (const s of Array.isArray(spec.targetSelectors) ? spec.targetSelectors : []) {
    if (!isRecord(s)) continue;
    out.push({ kind: str(s.kind) ?? '', name: '', namespace, selector: s as unknown as Selector });
  }
  return out;
}

function labelsMatch(selector: Pick<Selector, 'matchLabels' | 'matchExpressions'> | undefined, labels: Record<string, string>): boolean {
  return matchesLabelSelector(selector, labels);
}

/** `HTTPRoutes labelled a=b, c in (x, y) in namespaces labelled exposure=public`. */
function selectorLabel(s: Selector): string {
  const terms = (sel: Pick<Selector, 'matchLabels' | 'matchExpressions'> | undefined): string[] => [
    ...Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(sel?.matchExpressions ?? []).map((e) => `${e.key} ${e.operator}${e.values?.length ? ` (${e.values.join(', ')})` : ''}`),
  ];
  const own = terms(s);
  const from = s.namespaces?.from ?? 'Same';
  const where =
    from === 'All' ? ' in every namespace' :
    from === 'Selector' ? ` in namespaces labelled ${terms(s.namespaces?.selector).join(', ') || '(anything)'}` : ' in its own namespace';
  return `${s.kind}s${own.length > 0 ? ` labelled ${own.join(', ')}` : ''}${where}`;
}

const article = (word: string) => (/^[AEFHILMNORSX]/.test(word) ? 'an' : 'a');

const labelsOf = (o: InputObject | undefined): Record<string, string> => {
  const meta = isRecord(o?.value.metadata) ? o!.value.metadata : {};
  return isRecord(meta.labels) ? (meta.labels as Record<string, string>) : {};
};

const sameEntry = (a: RouteResult, b: RouteResult) =>
  a.gateway.namespace === b.gateway.namespace && a.gateway.name === b.gateway.name && a.listener === b.listener &&
  a.listenerSet?.namespace === b.listenerSet?.namespace && a.listenerSet?.name === b.listenerSet?.name &&
  a.route.kind === b.route.kind && a.route.namespace === b.route.namespace && a.route.name === b.route.name && a.ruleIndex === b.ruleIndex;

/** Explains entries of one resolution; solo resolutions are computed once per policy, on demand. */
export class Explainer {
  private readonly policies: Policy[] = [];
  private readonly others: InputObject[];
  private readonly solo = new Map<string, Resolution>();
  private readonly statuses: Map<string, PolicyAncestorStatus[] | null>;

  constructor(private readonly objects: readonly InputObject[], private readonly resolution: Resolution, private readonly options: ResolveOptions) {
    const seen = new Set<string>();
    for (const o of objects) {
      if (o.kind !== 'BackendTrafficPolicy') continue;
      const { namespace, name } = objectName(o.value);
      if (seen.has(`${namespace}/${name}`)) continue; // Envoy Gateway uses the first object of a name
      seen.add(`${namespace}/${name}`);
      this.policies.push({ namespace, name, source: o.source, object: o, targets: targetsOf(o.value, namespace) });
    }
    this.others = objects.filter((o) => o.kind !== 'BackendTrafficPolicy');
    this.statuses = new Map(resolution.policies.map((p) => [`${p.ref.namespace}/${p.ref.name}`, p.status.ancestors]));
  }

  private find(kind: string, namespace: string, name: string): InputObject | undefined {
    return this.objects.find((o) => o.kind === kind && objectName(o.value).namespace === namespace && objectName(o.value).name === name);
  }

  /** The entry of `e` in a resolution of the input with `p` as its only policy. */
  private soloEntry(p: Policy, e: RouteResult): RouteResult | undefined {
    const id = `${p.namespace}/${p.name}`;
    let r = this.solo.get(id);
    if (!r) this.solo.set(id, (r = resolvePolicies([...this.others.map((o) => o.value), p.object.value], this.options)));
    return r.routes.find((x) => sameEntry(x, e));
  }

  /** Every policy that reaches the entry, or names its route, Gateway or ListenerSet, most specific first. */
  explain(e: RouteResult): PolicyExplanation[] {
    const route = this.find(e.route.kind, e.route.namespace, e.route.name);
    const gateway = this.find('Gateway', e.gateway.namespace, e.gateway.name);
    const listenerSet = e.listenerSet ? this.find('ListenerSet', e.listenerSet.namespace, e.listenerSet.name) ?? this.find('XListenerSet', e.listenerSet.namespace, e.listenerSet.name) : undefined;
    const out: PolicyExplanation[] = [];
    for (const p of this.policies) {
      const relevant = this.relevantTarget(p, e, route, gateway, listenerSet);
      if (!relevant) continue;
      const solo = this.soloEntry(p, e);
      const reaches = solo !== undefined && (solo.policies.some((x) => x.namespace === p.namespace && x.name === p.name) || solo.directResponse !== undefined);
      const status = (this.statuses.get(`${p.namespace}/${p.name}`) ?? []).filter((a) => this.concerns(a.ancestorRef, e));
      const base = { namespace: p.namespace, name: p.name, source: p.source, status, target: relevant.label } as const;
      const explanation = reaches
        ? this.reaching(p, e, solo!, relevant.scope, status)
        : this.notReaching(p, e, relevant, status);
      if (!explanation) continue;
      out.push({ ...base, ...(relevant.scope ? { scope: relevant.scope } : {}), supplied: [], lost: [], ...explanation });
    }
    const rank = (x: PolicyExplanation) => (x.outcome === 'not attached' ? 100 : 0) + (x.scope ? SCOPE_RANK[x.scope] : 50);
    return out.sort((a, b) => rank(a) - rank(b));
  }

  private concerns(a: PolicyAncestorStatus['ancestorRef'], e: RouteResult): boolean {
    const ns = a.namespace;
    if ((a.kind ?? 'Gateway') === 'Gateway') return a.name === e.gateway.name && (ns === undefined || ns === e.gateway.namespace);
    return e.listenerSet !== undefined && a.name === e.listenerSet.name && (ns === undefined || ns === e.listenerSet.namespace);
  }

  /**
   * The target of `p` that concerns the entry: the most specific one that names its route (any
   * rule), Gateway or ListenerSet, or a selector of one of their kinds whose labels match.
   */
  private relevantTarget(
    p: Policy,
    e: RouteResult,
    route: InputObject | undefined,
    gateway: InputObject | undefined,
    listenerSet: InputObject | undefined,
  ): { label: string; scope?: Scope; target: Target; fit: 'exact' | 'otherSection' | 'otherNamespace' } | undefined {
    const found: Array<{ label: string; scope?: Scope; target: Target; fit: 'exact' | 'otherSection' | 'otherNamespace' }> = [];
    for (const t of p.targets) {
      if (t.selector) {
        const object = t.kind === e.route.kind ? route : t.kind === 'Gateway' ? gateway : t.kind === 'ListenerSet' ? listenerSet : undefined;
        if (!object || !labelsMatch(t.selector, labelsOf(object))) continue;
        const scope: Scope = t.kind === 'Gateway' ? 'Gateway' : t.kind === 'ListenerSet' ? 'ListenerSet' : 'route';
        found.push({ label: selectorLabel(t.selector), scope, target: t, fit: 'exact' });
        continue;
      }
      const match = (kind: string, ref: { namespace: string; name: string } | undefined, section: string | undefined, sectionScope: Scope, wholeScope: Scope) => {
        if (!ref || t.kind !== kind || t.name !== ref.name) return;
        const label = `${kind} ${t.namespace}/${t.name}${t.sectionName ? `, ${kind.endsWith('Route') ? 'rule' : 'listener'} ${t.sectionName}` : ''}`;
        if (t.namespace !== ref.namespace) found.push({ label, target: t, fit: 'otherNamespace' });
        else if (t.sectionName === undefined) found.push({ label, scope: wholeScope, target: t, fit: 'exact' });
        else if (t.sectionName === section) found.push({ label, scope: sectionScope, target: t, fit: 'exact' });
        else found.push({ label, scope: sectionScope, target: t, fit: 'otherSection' });
      };
      match(e.route.kind, e.route, e.ruleName, 'route rule', 'route');
      match('ListenerSet', e.listenerSet, e.listener, 'ListenerSet listener', 'ListenerSet');
      match('XListenerSet', e.listenerSet, e.listener, 'ListenerSet listener', 'ListenerSet');
      match('Gateway', e.listenerSet ? undefined : e.gateway, e.listener, 'Gateway listener', 'Gateway');
      if (e.listenerSet) match('Gateway', e.gateway, undefined, 'Gateway listener', 'Gateway');
    }
    const order = (f: (typeof found)[number]) => (f.fit === 'exact' ? 0 : 10) + (f.scope ? SCOPE_RANK[f.scope] : 9);
    return found.sort((a, b) => order(a) - order(b))[0];
  }

  private reaching(p: Policy, e: RouteResult, solo: RouteResult, scope: Scope | undefined, status: PolicyAncestorStatus[]): Pick<PolicyExplanation, 'outcome' | 'reason' | 'supplied' | 'lost'> {
    const id = `${p.namespace}/${p.name}`;
    const supplied = Object.entries(e.provenance).filter(([, r]) => refName(r) === id).map(([path]) => path);
    const own = settingRows(solo.traffic ?? {}, {}, formatSetting);
    const lostRows = (keep: (path: string) => boolean) =>
      own.filter((row) => keep(row.path)).map((row) => ({ path: row.path, value: row.raw }));
    const inEffect = new Set(supplied.map((s) => s.replace(/\[\d+\]/g, '[]')));
    const notInEffect = (path: string) => !inEffect.has(path.replace(/\[\d+\]/g, '[]')) && ![...inEffect].some((s) => s.startsWith(`${path.replace(/\[\d+\]/g, '[]')}[]`));
    const conditions = (this.statuses.get(id) ?? []).flatMap((a) => a.conditions.map((c) => ({ a, c })));
    const invalid = conditions.find(({ c }) => c.type === 'Accepted' && c.status === 'False' && c.reason === 'Invalid');
    const conflicted = status.flatMap((a) => a.conditions).find((c) => c.type === 'Accepted' && c.status === 'False' && c.reason === 'Conflicted');
    const winners = e.policies.map(refName).filter((w) => w !== id);

    if (e.policies.some((x) => refName(x) === id)) {
      const tcp = !(e.route.kind === 'HTTPRoute' || e.route.kind === 'GRPCRoute');
      const merged = [...new Set(Object.values(e.provenance).map(refName))].filter((x) => x !== id && !e.policies.some((w) => refName(w) === x));
      let reason = `the most specific policy that reaches this rule${scope ? ` (scope: ${scope})` : ''}`;
      if (tcp) reason = `fills in the settings that more specific policies left unset${scope ? ` (scope: ${scope})` : ''}`;
      if (merged.length > 0) reason += `; its mergeType merges it into ${merged.join(', ')}`;
      return { outcome: 'applied', reason, supplied, lost: tcp ? lostRows(notInEffect) : [] };
    }
    if (invalid) {
      const effect = e.directResponse
        ? `; Envoy answers every request on this rule with HTTP ${e.directResponse.statusCode}`
        : winners.length > 0 ? `; ${winners.join(', ')} had already claimed this rule` : '';
      return { outcome: 'invalid', reason: `Envoy Gateway could not translate it: ${invalid.c.message}${effect}`, supplied, lost: lostRows(notInEffect) };
    }
    if (conflicted) {
      const rivals = this.rivals(p, e, scope);
      const by = rivals.length > 0 ? ` ${rivals.join(', ')} got there first (${this.options.order === 'input' ? 'earlier in the input' : 'older: policies are ordered by creationTimestamp, then namespace and name'})` : '';
      return { outcome: 'conflicted', reason: `${conflicted.message}.${by}`, supplied, lost: lostRows(() => true) };
    }
    if (supplied.length > 0) {
      return {
        outcome: 'merged',
        reason: `${winners.join(', ') || 'the route policy'} sets mergeType, so it is merged on top of this policy; settings it does not set come from here`,
        supplied,
        lost: lostRows(notInEffect),
      };
    }
    const by = winners.length > 0 ? winners.join(', ') : 'a more specific policy';
    const lost = lostRows(() => true);
    const what = lost.length === 0 ? 'it sets nothing here anyway' : 'none of its settings apply here';
    return { outcome: 'overridden', reason: `${by} is more specific and replaces it whole on this rule: ${what}`, supplied, lost };
  }

  /** Accepted policies that reach the entry through a target of the same scope. */
  private rivals(p: Policy, e: RouteResult, scope: Scope | undefined): string[] {
    const route = this.find(e.route.kind, e.route.namespace, e.route.name);
    const gateway = this.find('Gateway', e.gateway.namespace, e.gateway.name);
    const out: string[] = [];
    for (const q of this.policies) {
      if (q === p) continue;
      const t = this.relevantTarget(q, e, route, gateway, undefined);
      if (!t || t.fit !== 'exact' || t.scope !== scope) continue;
      const conflictedToo = (this.statuses.get(`${q.namespace}/${q.name}`) ?? [])
        .filter((a) => this.concerns(a.ancestorRef, e))
        .some((a) => a.conditions.some((c) => c.reason === 'Conflicted'));
      if (!conflictedToo) out.push(`${q.namespace}/${q.name}`);
    }
    return out;
  }

  private notReaching(
    p: Policy,
    e: RouteResult,
    relevant: { label: string; scope?: Scope; target: Target; fit: 'exact' | 'otherSection' | 'otherNamespace' },
    status: PolicyAncestorStatus[],
  ): Pick<PolicyExplanation, 'outcome' | 'reason'> | undefined {
    const t = relevant.target;
    const notFound = status.flatMap((a) => a.conditions).find((c) => c.reason === 'TargetNotFound');
    if (notFound) return { outcome: 'not attached', reason: notFound.message };
    if (relevant.fit === 'otherNamespace') {
      const where = t.kind.endsWith('Route') ? e.route.namespace : t.kind === 'Gateway' ? e.gateway.namespace : e.listenerSet?.namespace;
      return { outcome: 'not attached', reason: `targetRefs only name objects in the policy's own namespace (${p.namespace}); this ${t.kind} is in ${where}` };
    }
    if (relevant.fit === 'otherSection') {
      const what = t.kind.endsWith('Route') ? 'rule' : 'listener';
      return { outcome: 'not attached', reason: `it targets ${what} ${t.sectionName} only, not this one` };
    }
    if (t.selector) {
      const objectNamespace = t.kind === 'Gateway' ? e.gateway.namespace : t.kind === 'ListenerSet' ? e.listenerSet?.namespace ?? '' : e.route.namespace;
      const from = t.selector.namespaces?.from ?? 'Same';
      if (objectNamespace !== p.namespace) {
        if (from === 'Same') return { outcome: 'not attached', reason: `its selector matches the labels but looks only in its own namespace (${p.namespace}; namespaces.from: Same)` };
        if (from === 'Selector') {
          const ns = this.find('Namespace', objectNamespace, objectNamespace) ?? this.objects.find((o) => o.kind === 'Namespace' && objectName(o.value).name === objectNamespace);
          if (!ns || Object.keys(labelsOf(ns)).length === 0 || !labelsMatch(t.selector.namespaces?.selector, labelsOf(ns))) {
            return { outcome: 'not attached', reason: `namespace ${objectNamespace} does not match its namespaces.selector${ns ? '' : ' (no Namespace object for it in the input)'}` };
          }
        }
        const granted = this.objects.some((o) => {
          if (o.kind !== 'ReferenceGrant' || objectName(o.value).namespace !== objectNamespace) return false;
          const spec = isRecord(o.value.spec) ? o.value.spec : {};
          const from = Array.isArray(spec.from) ? spec.from : [];
          return from.some((f) => isRecord(f) && f.kind === 'BackendTrafficPolicy' && f.namespace === p.namespace);
        });
        if (!granted) {
          return {
            outcome: 'not attached',
            reason: `selecting ${article(t.kind)} ${t.kind} in another namespace needs a ReferenceGrant in ${objectNamespace} from BackendTrafficPolicies in ${p.namespace}, and there is none`,
          };
        }
      }
      return { outcome: 'not attached', reason: 'its targetSelectors do not select this object' };
    }
    if (this.statuses.get(`${p.namespace}/${p.name}`) === undefined && !this.resolution.policies.some((x) => x.ref.namespace === p.namespace && x.ref.name === p.name)) {
      return { outcome: 'not attached', reason: 'resolution ignored it (see the diagnostics)' };
    }
    return { outcome: 'not attached', reason: 'it does not reach this rule' };
  }
}
