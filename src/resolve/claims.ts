/**
 * Target slots and who holds them. A slot is one thing a policy can target: a Gateway, a Gateway
 * listener, a ListenerSet, a ListenerSet listener, a route, or a route rule. The first policy to
 * reach a slot (passes run most specific first, policies in order) holds it; any later policy
 * targeting the same slot is `Conflicted`. A Gateway and one of its listeners are different slots,
 * as are a route and one of its rules: those do not conflict, the more specific one overrides.
 */
import type { PolicyInput } from '../admit/resources.js';
import type { PolicyTarget } from '../match/policy-targets.js';
import { entryKind, type EntryKind, type TargetLevel } from './entry-fields.js';
import type { AttachedPolicy, ConflictedOutcome } from './policy-outcomes.js';
import type { ResolveContext } from './resolve-context.js';
import type { RouteState } from './route-state.js';

export type Slot = string;

export const gatewaySlot = (kind: 'Gateway' | 'ListenerSet', key: string, section: string | undefined): Slot => `${kind}|${key}|${section ?? ''}`;
export const routeSlot = (routeKey: string, rule: string | undefined): Slot => (rule === undefined ? `Route|${routeKey}` : `RouteRule|${routeKey}|${rule}`);

export class Claims<Holder> {
  private readonly held = new Map<Slot, Holder>();

  /** Takes the slot for `holder`; when another holder has it already, returns that one instead. */
  claim(slot: Slot, holder: Holder): { ok: true } | { ok: false; heldBy: Holder } {
    const heldBy = this.held.get(slot);
    if (heldBy !== undefined) return { ok: false, heldBy };
    this.held.set(slot, holder);
    return { ok: true };
  }
}

/**
 * A policy lost a slot: it does not apply through this target. Its outcome on each entry the
 * target would have reached (given in groups, e.g. per listener) is `conflicted`, naming the
 * holder; `message` is the condition's.
 */
export function recordConflict(
  ctx: ResolveContext,
  policy: PolicyInput,
  target: PolicyTarget,
  entryGroups: ReadonlyArray<readonly RouteState[]>,
  level: TargetLevel,
  heldBy: AttachedPolicy,
  message: string,
): void {
  ctx.attachments.record(policy, target, 'Conflicted', message);
  if (entryGroups.every((g) => g.length === 0)) return;
  const via = ctx.refs.attachedVia(policy, target);
  const own = ctx.translations.ownOf(policy);
  let kind: EntryKind | undefined;
  let o: ConflictedOutcome | undefined;
  for (const entries of entryGroups) {
    for (const s of entries) {
      const k = entryKind(s.protocol, level);
      if (k !== kind) o = ctx.outcomes.conflicted(via, own, (kind = k), heldBy, message);
      s.outcomes = ctx.outcomes.append(s.outcomes, o!);
    }
  }
}
