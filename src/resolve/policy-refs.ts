/**
 * The small frozen objects outcomes point to, made once per resolution (kept across a resolver's
 * changes, so that unchanged outcomes compare by identity): one ref per policy name,
 * one per target, one per (policy, target). Outcomes and outcome lists are built from them, so
 * identity comparisons (`a.policy === b.policy`) are name comparisons.
 */
import type { PolicyInput } from '../admit/resources.js';
import type { PolicyTarget } from '../match/policy-targets.js';
import { nsName } from '../match/resource-index.js';
import { isRouteKind } from '../model/kinds.js';
import { refMemo, type RefMemo } from '../lang/ref-memo.js';
import type { AttachedPolicy, PolicyScope, PolicyTargetRef, TargetAttachment } from './policy-outcomes.js';
import type { ObjectRef } from './types.js';

export class PolicyRefs {
  // Weak where the key is an object when the refs are kept across changes (a resolver), so that
  // they let go of the policies and targets that are gone; a snapshot's live as long as it does,
  // and plain Maps spare its collections the weak tables' extra work (a (policy, target) pair
  // each). `policies` holds one small ref per name ever seen.
  private readonly policies = new Map<string, ObjectRef>();
  private readonly byObject: RefMemo<PolicyInput, ObjectRef>;
  private readonly targets: RefMemo<PolicyTarget, PolicyTargetRef>;
  private readonly attached: RefMemo<ObjectRef, RefMemo<PolicyTargetRef, AttachedPolicy>>;
  private readonly lists: RefMemo<ObjectRef, readonly ObjectRef[]>;
  /** A resolver's last record of each target (`attachment`); a snapshot folds each policy once and keeps none. */
  private readonly attachments: RefMemo<PolicyTarget, TargetAttachment> | undefined;

  constructor(private readonly weak: boolean) {
    this.byObject = refMemo(weak);
    this.targets = refMemo(weak);
    this.attached = refMemo(weak);
    this.lists = refMemo(weak);
    if (weak) this.attachments = refMemo(weak);
  }

  /** How many policy names it has a ref for. */
  get names(): number {
    return this.policies.size;
  }

  /** One frozen ref per policy name (a repeated name is one policy). */
  policy(p: PolicyInput): ObjectRef {
    let ref = this.byObject.get(p);
    if (ref) return ref;
    const key = nsName(p.namespace, p.name);
    ref = this.policies.get(key);
    if (!ref) this.policies.set(key, (ref = Object.freeze({ namespace: p.namespace, name: p.name })));
    this.byObject.set(p, ref);
    return ref;
  }

  /**
   * The `policies` list of an entry its policy claimed, `[policy]`, one frozen list per policy: an
   * HTTP entry is claimed whole by one policy, so most entries' lists are one of these, and a
   * change that folds a thousand entries again makes none.
   */
  alone(policy: ObjectRef): readonly ObjectRef[] {
    let list = this.lists.get(policy);
    if (!list) this.lists.set(policy, (list = Object.freeze([policy])));
    return list;
  }

  target(t: PolicyTarget): PolicyTargetRef {
    let ref = this.targets.get(t);
    if (!ref) {
      const r: PolicyTargetRef = { group: t.group, kind: t.kind, namespace: t.namespace, name: t.name };
      if (t.sectionName !== undefined) r.sectionName = t.sectionName;
      if (t.selector !== undefined) r.selector = t.selector;
      this.targets.set(t, (ref = Object.freeze(r)));
    }
    return ref;
  }

  /**
   * What became of a target, for a policy's `attachments`. A resolver's record is frozen and is the
   * one of the last fold while it reads the same: a policy of 500 Gateway targets folded again
   * because one of them changed makes and freezes one record, not 500. (A selector's pick is one
   * target object for every policy whose selector at that index picks the object; the record
   * names no policy, so they may share it.)
   */
  attachment(t: PolicyTarget, result: TargetAttachment['result'], message: string | undefined): TargetAttachment {
    const last = this.attachments?.get(t);
    if (last !== undefined && last.result === result && last.message === message) return last;
    const a: TargetAttachment = { target: this.target(t), result };
    const scope = scopeOf(t);
    if (scope) a.scope = scope;
    if (message !== undefined) a.message = message;
    if (this.attachments) this.attachments.set(t, Object.freeze(a));
    return a;
  }

  /** The policy through a target of a kind it can attach to (`scopeOf` is defined). */
  attachedVia(p: PolicyInput, t: PolicyTarget): AttachedPolicy {
    const policy = this.policy(p);
    const target = this.target(t);
    let byTarget = this.attached.get(policy);
    if (!byTarget) this.attached.set(policy, (byTarget = refMemo(this.weak)));
    let a = byTarget.get(target);
    if (!a) byTarget.set(target, (a = Object.freeze({ policy, target, scope: scopeOf(t)! })));
    return a;
  }
}

/** The scope a target attaches at: its kind, narrowed to a rule or listener by `sectionName`. */
export function scopeOf(t: { kind: string; sectionName?: string }): PolicyScope | undefined {
  const section = t.sectionName !== undefined && t.sectionName !== '';
  if (isRouteKind(t.kind)) return section ? 'RouteRule' : 'Route';
  if (t.kind === 'ListenerSet') return section ? 'ListenerSetListener' : 'ListenerSet';
  if (t.kind === 'Gateway') return section ? 'GatewayListener' : 'Gateway';
  return undefined;
}
