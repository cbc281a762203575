/**
 * Why each policy did or did not shape one route rule, for `btp explain`. Everything comes from
 * what the library returns:
 *
 * - a policy that reaches the rule has an outcome on its entry (`RouteResult.outcomes`): applied,
 *   merged, overridden, conflicted or invalid, with the target, the scope and the reason;
 * - who supplied each effective setting comes from the entry's `provenance`, and what a policy
 *   would have set from its outcome's `traffic`;
 * - a policy that names the route, its Gateway or its ListenerSet but does not reach the rule is
 *   explained from what became of its targets (`Resolution.attachments`): a `sectionName` that
 *   names nothing, another rule or listener, another namespace, a selector whose namespace
 *   selector or ReferenceGrant does not allow the object.
 *
 * The input objects are read only for each policy's source and the labels a selector matches.
 */
import {
  POLICY_SCOPES,
  SCOPE_NAMES,
  type PolicyAncestorStatus,
  type PolicyAttachments,
  type PolicyOutcome,
  type PolicyScope,
  type PolicyTargetRef,
  type Resolution,
  type RouteResult,
  type SelectorAttachment,
} from '../index.js';
import { settingRows } from './format-table.js';
import { objectName, type InputObject } from './read-inputs.js';
import { formatSetting } from './units.js';
import { matchesLabelSelector } from '../match/label-selector.js';
import { isRecord } from '../lang/json.js';

/** A scope in words, as `btp explain` prints it (`route rule`, `Gateway listener`, …). */
export type Scope = (typeof SCOPE_NAMES)[PolicyScope];

/** What a policy did to one rule, in `btp explain`'s words (see docs/cli.md). */
export type Outcome = PolicyOutcome['outcome'] | 'not attached';

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

interface Policy {
  namespace: string;
  name: string;
  source: string;
}

type Selector = SelectorAttachment['selector'];
type Fit = 'exact' | 'otherSection' | 'otherNamespace';

/** A target of a policy that names one of the entry's objects, and how well. */
interface Named {
  label: string;
  scope?: PolicyScope;
  fit: Fit;
  reason: string;
}

const idOf = (r: { namespace: string; name: string }) => `${r.namespace}/${r.name}`;
const rank = (scope: PolicyScope | undefined) => (scope ? POLICY_SCOPES.indexOf(scope) + 1 : 50);

/** `HTTPRoutes labelled a=b, c in (x, y) in namespaces labelled exposure=public`. */
function selectorLabel(s: Selector): string {
  type Terms = { matchLabels?: Record<string, string> | null; matchExpressions?: Array<{ key: string; operator: string; values?: string[] | null }> | null };
  const terms = (sel: Terms | null | undefined): string[] => [
    ...Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(sel?.matchExpressions ?? []).map((e) => `${e.key} ${e.operator}${e.values?.length ? ` (${e.values.join(', ')})` : ''}`),
  ];
  const own = terms(s as Terms);
  const from = s.namespaces?.from ?? 'Same';
  const where =
    from === 'All' ? ' in every namespace' :
    from === 'Selector' ? ` in namespaces labelled ${terms(s.namespaces?.selector as Terms | undefined).join(', ') || '(anything)'}` : ' in its own namespace';
  return `${s.kind}s${own.length > 0 ? ` labelled ${own.join(', ')}` : ''}${where}`;
}

/** `HTTPRoute shop/storefront, rule checkout`; a selector's pick is described by its selector. */
function targetLabel(t: PolicyTargetRef, attachments: PolicyAttachments | undefined): string {
  const selector = t.selector === undefined ? undefined : attachments?.selectors.find((s) => s.index === t.selector);
  if (selector) return selectorLabel(selector.selector);
  return `${t.kind} ${t.namespace}/${t.name}${t.sectionName ? `, ${t.kind.endsWith('Route') ? 'rule' : 'listener'} ${t.sectionName}` : ''}`;
}

const labelsOf = (o: InputObject | undefined): Record<string, string> => {
  const meta = isRecord(o?.value.metadata) ? o!.value.metadata : {};
  return isRecord(meta.labels) ? (meta.labels as Record<string, string>) : {};
};

/** Explains entries of one resolution. */
export class Explainer {
  private readonly policies: Policy[] = [];
  private readonly attachments: Map<string, PolicyAttachments>;
  private readonly statuses: Map<string, PolicyAncestorStatus[] | null>;

  constructor(private readonly objects: readonly InputObject[], resolution: Resolution) {
    const seen = new Set<string>();
    for (const o of objects) {
      if (o.kind !== 'BackendTrafficPolicy') continue;
      const { namespace, name } = objectName(o.value);
      if (seen.has(`${namespace}/${name}`)) continue; // Envoy Gateway uses the first object of a name
      seen.add(`${namespace}/${name}`);
      this.policies.push({ namespace, name, source: o.source });
    }
    this.attachments = new Map(resolution.attachments.map((a) => [idOf(a.policy), a]));
    this.statuses = new Map(resolution.policies.map((p) => [idOf(p.ref), p.status.ancestors]));
  }

  private find(kind: string, namespace: string, name: string): InputObject | undefined {
    return this.objects.find((o) => o.kind === kind && objectName(o.value).namespace === namespace && objectName(o.value).name === name);
  }

  /** Every policy that reaches the entry, or names its route, Gateway or ListenerSet, most specific first. */
  explain(e: RouteResult): PolicyExplanation[] {
    const out: PolicyExplanation[] = [];
    for (const p of this.policies) {
      const id = idOf(p);
      const status = (this.statuses.get(id) ?? []).filter((a) => this.concerns(a.ancestorRef, e));
      const base = { namespace: p.namespace, name: p.name, source: p.source, status, supplied: [], lost: [] };
      // The first outcome is through the policy's most specific target.
      const outcome = e.outcomes.find((o) => o.policy.namespace === p.namespace && o.policy.name === p.name);
      if (outcome) {
        out.push({ ...base, target: targetLabel(outcome.target, this.attachments.get(id)), scope: SCOPE_NAMES[outcome.scope], ...this.reaching(id, e, outcome) });
        continue;
      }
      const named = this.named(this.attachments.get(id), e);
      if (!named) continue;
      out.push({ ...base, target: named.label, ...(named.scope ? { scope: SCOPE_NAMES[named.scope] } : {}), outcome: 'not attached', reason: named.reason });
    }
    const order = (x: PolicyExplanation) => (x.outcome === 'not attached' ? 100 : 0) + rank(POLICY_SCOPES.find((s) => SCOPE_NAMES[s] === x.scope));
    return out.sort((a, b) => order(a) - order(b));
  }

  private concerns(a: PolicyAncestorStatus['ancestorRef'], e: RouteResult): boolean {
    const ns = a.namespace;
    if ((a.kind ?? 'Gateway') === 'Gateway') return a.name === e.gateway.name && (ns === undefined || ns === e.gateway.namespace);
    return e.listenerSet !== undefined && a.name === e.listenerSet.name && (ns === undefined || ns === e.listenerSet.namespace);
  }

  private reaching(id: string, e: RouteResult, o: PolicyOutcome): Pick<PolicyExplanation, 'outcome' | 'reason' | 'supplied' | 'lost'> {
    const supplied = Object.entries(e.provenance).filter(([, r]) => idOf(r) === id).map(([path]) => path);
    const own = settingRows(o.traffic ?? {}, {}, formatSetting);
    const general = (path: string) => path.replace(/\[\d+\]/g, '[]');
    const inEffect = new Set(supplied.map(general));
    const notInEffect = (path: string) => !inEffect.has(general(path)) && ![...inEffect].some((s) => s.startsWith(`${general(path)}[]`));
    const lost = (keep: (path: string) => boolean) => own.filter((row) => keep(row.path)).map((row) => ({ path: row.path, value: row.raw }));
    const http = e.route.kind === 'HTTPRoute' || e.route.kind === 'GRPCRoute';
    switch (o.outcome) {
      case 'applied':
        return { outcome: 'applied', reason: o.reason, supplied, lost: http ? [] : lost(notInEffect) };
      case 'merged':
      case 'invalid':
        return { outcome: o.outcome, reason: o.reason, supplied, lost: lost(notInEffect) };
      case 'overridden':
      case 'conflicted':
        return { outcome: o.outcome, reason: o.reason, supplied, lost: lost(() => true) };
    }
  }

  /**
   * The target of a policy that names the entry's route (any rule), Gateway or ListenerSet — or
   * a selector of one of their kinds whose labels match it — the most specific, best fitting one.
   */
  private named(attachments: PolicyAttachments | undefined, e: RouteResult): Named | undefined {
    if (!attachments) return undefined;
    const found: Named[] = [];
    for (const { target: t, result, message } of attachments.targets) {
      if (t.selector !== undefined) continue;
      const match = (kinds: readonly string[], ref: { namespace: string; name: string } | undefined, section: string | undefined, rule: boolean): void => {
        if (!ref || !kinds.includes(t.kind) || t.name !== ref.name) return;
        const label = targetLabel(t, attachments);
        const scope = t.sectionName ? (rule ? 'RouteRule' : t.kind === 'Gateway' ? 'GatewayListener' : 'ListenerSetListener') : rule ? 'Route' : t.kind === 'Gateway' ? 'Gateway' : 'ListenerSet';
        if (t.namespace !== ref.namespace) {
          const reason = `targetRefs only name objects in the policy's own namespace (${t.namespace}); this ${t.kind} is in ${ref.namespace}`;
          found.push({ label, fit: 'otherNamespace', reason });
        } else if (result === 'SectionNotFound') {
          found.push({ label, scope, fit: 'otherSection', reason: message ?? '' });
        } else if (t.sectionName === undefined || t.sectionName === section) {
          found.push({ label, scope, fit: 'exact', reason: message ?? 'it does not reach this rule' });
        } else {
          found.push({ label, scope, fit: 'otherSection', reason: `it targets ${rule ? 'rule' : 'listener'} ${t.sectionName} only, not this one` });
        }
      };
      match([e.route.kind], e.route, e.ruleName, true);
      match(['ListenerSet', 'XListenerSet'], e.listenerSet, e.listener, false);
      match(['Gateway'], e.gateway, e.listenerSet ? undefined : e.listener, false);
    }
    for (const s of attachments.selectors) {
      const named = this.selected(attachments, s, e);
      if (named) found.push(named);
    }
    const order = (f: Named) => (f.fit === 'exact' ? 0 : 10) + (f.scope ? rank(f.scope) : 9);
    return found.sort((a, b) => order(a) - order(b))[0];
  }

  /** A selector that matches the labels of the entry's route, Gateway or ListenerSet, and why it did not take it. */
  private selected(attachments: PolicyAttachments, s: SelectorAttachment, e: RouteResult): Named | undefined {
    const kind = s.selector.kind;
    const ref = kind === e.route.kind ? e.route : kind === 'Gateway' ? e.gateway : kind === 'ListenerSet' ? e.listenerSet : undefined;
    if (!ref) return undefined;
    const object = this.find(kind, ref.namespace, ref.name);
    if (!object || !matchesLabelSelector(s.selector as Parameters<typeof matchesLabelSelector>[0], labelsOf(object))) return undefined;
    const scope: PolicyScope = kind === 'Gateway' ? 'Gateway' : kind === 'ListenerSet' ? 'ListenerSet' : 'Route';
    const named = { label: selectorLabel(s.selector), scope, fit: 'exact' as const };
    const policyNamespace = attachments.policy.namespace;
    if (ref.namespace !== policyNamespace) {
      const from = s.selector.namespaces?.from ?? 'Same';
      if (from === 'Same') return { ...named, reason: `its selector matches the labels but looks only in its own namespace (${policyNamespace}; namespaces.from: Same)` };
      const skipped = s.skipped.find((x) => x.namespace === ref.namespace);
      if (skipped) return { ...named, reason: skipped.message };
    }
    return { ...named, reason: 'its targetSelectors do not select this object' };
  }
}
