/**
 * The budget of objects that `targetSelectors` match (`LIMITS.maxSelectorMatches`, as the state's
 * `limits` say), over all policies together: each one a target picked (with a status, a slot
 * contender and outcomes) or an object its namespace selector or a missing ReferenceGrant kept out
 * (a miss to report).
 * Selectors multiply: n policies whose selectors each match the same n routes make n² of them.
 * Policies are granted their matches in policy order; one whose matches would take the total past
 * the budget picks nothing (its `targetRefs` still apply) and is named in the diagnostics, and
 * later policies that fit still pick.
 *
 * A state within the budget grants every policy, so a change composes only its own policies, each
 * with what is left. A change that crosses the budget, or any change while a policy is refused,
 * walks the grants in policy order (`reselectInOrder`) and composes again only the policies whose
 * grant moves; a refused policy stops matching where its budget ends, so the work stays within
 * the budget.
 */
import type { PolicyInput } from '../admit/resources.js';
import type { PolicyTarget } from '../match/policy-targets.js';
import type { TargetFamily } from '../match/target-families.js';
import type { Diagnostic } from './types.js';
import type { PolicyState } from './state-records.js';
import type { ResolutionState } from './resolution-state.js';

/**
 * What the state holds of the budget: the matches granted, the policies refused, whether grants
 * must be worked out again in order, and (while `reselectInOrder` walks) the matches granted to
 * the policies before the one being composed.
 */
export interface SelectionBudget {
  total: number;
  refused: number;
  recheck: boolean;
  elders: number | undefined;
}

export const newSelectionBudget = (): SelectionBudget => ({ total: 0, refused: 0, recheck: false, elders: undefined });

const selects = (input: PolicyInput): boolean => ((input.spec as { targetSelectors?: unknown[] }).targetSelectors?.length ?? 0) > 0;

/**
 * A policy's targets in the families its passes read (`listenerSets` only when `withListenerSets`),
 * its selectors' matches counted against what the budget has left for it; only its plain refs when
 * they do not fit. What is left: in a state within the budget, what no other policy matched; while
 * `reselectInOrder` walks, what no older policy matched.
 */
export function targetsWithinBudget(rs: ResolutionState, p: PolicyState, withListenerSets: boolean): Record<TargetFamily, PolicyTarget[]> {
  const budget = rs.selection;
  const room = rs.limits.maxSelectorMatches - (budget.elders ?? budget.total - p.matched);
  let left = room;
  giveBack(budget, p);
  const { input } = p;
  const plain = rs.families.plain(input);
  const out: Record<TargetFamily, PolicyTarget[]> = { routes: plain, listenerSets: plain, gateways: plain };
  if (!selects(input)) return out;
  let matched = 0;
  for (const family of withListenerSets ? FAMILIES_WITH_LISTENER_SETS : FAMILIES) {
    const composed = rs.families.of(input, family, left);
    if (!composed) {
      // Refused: nothing it matched is kept, and the grants are worked out again in policy order
      // (the policies that took the budget may come after it).
      rs.families.forget(input);
      p.refused = true;
      p.refusedRoom = room;
      budget.refused++;
      budget.recheck = true;
      return { routes: plain, listenerSets: plain, gateways: plain };
    }
    out[family] = composed.targets;
    left -= composed.matched;
    matched += composed.matched;
  }
  p.matched = matched;
  budget.total += matched;
  return out;
}

/** The families in the order a policy's passes compose them. */
const FAMILIES: readonly TargetFamily[] = ['routes', 'gateways'];
const FAMILIES_WITH_LISTENER_SETS: readonly TargetFamily[] = ['routes', 'listenerSets', 'gateways'];

/** A policy's grant goes back to the budget: its matches, and its refusal. */
function giveBack(budget: SelectionBudget, p: PolicyState): void {
  budget.total -= p.matched;
  p.matched = 0;
  if (p.refused) {
    p.refused = false;
    budget.refused--;
  }
}

/** A policy goes: its matches go back to the budget, and a refused policy may fit now. */
export function releaseSelection(rs: ResolutionState, p: PolicyState): void {
  giveBack(rs.selection, p);
  if (rs.selection.refused > 0) rs.selection.recheck = true;
}

/**
 * Whether the grants must be worked out again after the policies of a change were composed: one
 * was refused, one went while others were refused, or one changed while others are refused (what
 * it matches now may let them in, or keep them out).
 */
export function needsReselection(rs: ResolutionState, changed: boolean): boolean {
  return rs.selection.recheck || (changed && rs.selection.refused > 0);
}

/**
 * The grants worked out in policy order: a policy keeps its matches while they fit in what its
 * elders left, and is composed again (`compose`: its passes, through `targetsWithinBudget`) when
 * it no longer fits, or was refused with less room than it has now. Returns those, for their
 * contenders and statuses to follow; the others keep theirs, so a change past the budget costs
 * the walk and the policies it moves.
 */
export function reselectInOrder(rs: ResolutionState, compose: (p: PolicyState) => void): PolicyState[] {
  const budget = rs.selection;
  const again: PolicyState[] = [];
  let elders = 0;
  for (const p of rs.policyOrder.list) {
    if (!rs.byInput.has(p.input) || !selects(p.input)) continue;
    const room = rs.limits.maxSelectorMatches - elders;
    if (!p.refused && p.matched <= room) {
      elders += p.matched;
      continue;
    }
    // Refused with as much room or more, and not changed since (a change composes it anew):
    // it would match as far and be refused again, at the cost of that much matching.
    if (p.refused && room <= p.refusedRoom) continue;
    budget.elders = elders;
    compose(p);
    again.push(p);
    elders += p.matched;
  }
  budget.elders = undefined;
  budget.recheck = false;
  return again;
}

/** An error for each refused policy, in policy order. */
export function refusedSelections(rs: ResolutionState): Diagnostic[] {
  if (rs.selection.refused === 0) return [];
  const out: Diagnostic[] = [];
  for (const p of rs.policyOrder.list) {
    if (!p.refused || !rs.byInput.has(p.input)) continue;
    const { namespace, name } = p.input;
    out.push({
      severity: 'error',
      path: '',
      message: `BackendTrafficPolicy ${namespace}/${name}: its targetSelectors would take the objects that all policies' selectors match past ${rs.limits.maxSelectorMatches} (older policies first); they pick nothing, and only its targetRefs apply`,
      object: { kind: 'BackendTrafficPolicy', namespace, name },
    });
  }
  return out;
}
