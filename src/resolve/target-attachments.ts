/**
 * What became of each policy's targets, recorded as the passes process them, for
 * `Resolution.attachments`: attached, conflicted, `sectionName` not found, or not found at all —
 * plus, per `targetSelector`, the namespaces where its labels matched objects it could not take.
 */
import type { PolicyInput } from '../admit/resources.js';
import type { PolicyTarget } from '../match/policy-targets.js';
import type { TargetFamilies } from '../match/target-families.js';
import type { PolicyAttachments, SelectorAttachment, TargetAttachment } from './policy-outcomes.js';
import { scopeOf, type PolicyRefs } from './policy-refs.js';
import type { ObjectRef } from './types.js';

export class TargetAttachments {
  private readonly byPolicy = new Map<ObjectRef, TargetAttachment[]>();

  constructor(private readonly refs: PolicyRefs) {}

  record(policy: PolicyInput, target: PolicyTarget, result: TargetAttachment['result'], message?: string): void {
    const ref = this.refs.policy(policy);
    let list = this.byPolicy.get(ref);
    if (!list) this.byPolicy.set(ref, (list = []));
    const a: TargetAttachment = { target: this.refs.target(target), result };
    const scope = scopeOf(target);
    if (scope) a.scope = scope;
    if (message !== undefined) a.message = message;
    list.push(a);
  }

  /** One record per policy name of the input, in input order. */
  list(policies: readonly PolicyInput[], families: TargetFamilies): PolicyAttachments[] {
    const out: PolicyAttachments[] = [];
    const seen = new Set<ObjectRef>();
    for (const p of policies) {
      const ref = this.refs.policy(p);
      if (seen.has(ref)) continue;
      seen.add(ref);
      const selectors: SelectorAttachment[] = [];
      const byIndex = new Map<number, SelectorAttachment>();
      (p.spec.targetSelectors ?? []).forEach((selector, index) => {
        if (selector === null || typeof selector !== 'object') return;
        const s: SelectorAttachment = { index, selector, skipped: [] };
        selectors.push(s);
        byIndex.set(index, s);
      });
      for (const m of families.missesOf(p)) byIndex.get(m.selector)?.skipped.push({ namespace: m.namespace, reason: m.reason, message: m.message });
      out.push({ policy: ref, targets: this.byPolicy.get(ref) ?? [], selectors });
    }
    return out;
  }
}
