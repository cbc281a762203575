/**
 * Policies as the state follows them: their selectors filed where a candidate, a Namespace or a
 * ReferenceGrant can find them, their targets composed per pass, the objects those targets name
 * (so a change to one marks the policy), and the canonical object of a repeated name.
 */
import type { PolicyInput } from '../admit/resources.js';
import type { LabelSelector } from '../model/label-selector.js';
import { labelSelectorOf, namespaceSelectorMatches, targetObjectKey, targetRouteKey, type PolicyTarget } from '../match/policy-targets.js';
import { nsName } from '../match/resource-index.js';
import type { WatchedSelector } from '../match/selector-watch.js';
import { familyOfKind } from '../match/target-families.js';
import { isValidLabelSelector, matchesLabelSelector } from '../match/label-selector.js';
import { type StoredObject, type PolicyState, addTo, removeFrom, gatewayId, listenerSetId, routeId, isMerging, nothingWatched, NOTHING_WATCHED } from './state-records.js';
import { insertSorted, removeItem } from '../lang/sorted-list.js';
import type { ResolutionState } from './resolution-state.js';
import * as contender_tracking from './contender-tracking.js';
import * as selection_budget from './selection-budget.js';

export function markPolicy(rs: ResolutionState, p: PolicyState, what: 'targets' | 'contenders'): void {
  if (rs.dirtyPolicies.get(p) !== 'targets') rs.dirtyPolicies.set(p, what);
  if (what === 'targets') rs.families.forget(p.input);
}

export function markGroupStatus(rs: ResolutionState, p: PolicyState): void {
  rs.dirtyStatus.add(p.name);
}

export function translationChanged(rs: ResolutionState, input: PolicyInput): void {
  rs.translations.forget(input);
  const p = rs.byInput.get(input);
  if (!p) return;
  for (const { slot } of p.contenders) rs.dirtySlots.add(slot.key);
  markGroupStatus(rs, p);
}

export function addPolicy(rs: ResolutionState, stored: StoredObject, input: PolicyInput): void {
  const name = nsName(input.namespace, input.name);
  const p = {
    input,
    name,
    stored,
    order: { ts: input.creationTimestamp, ns: input.namespace, name: input.name, seq: stored.seq },
    passes: [[], [], [], [], [], []],
    listenerSetsMissing: [],
    firstPass: 7,
    contenders: [],
    watching: NOTHING_WATCHED,
    routeTargets: new Map(),
    mergeCounted: isMerging(input),
    matched: 0,
    refused: false,
    refusedRoom: 0,
  } as unknown as PolicyState;
  p.canonical = p;
  rs.byInput.set(input, p);
  rs.policyOrder.add(p);
  let group = rs.groups.get(name);
  if (!group) rs.groups.set(name, (group = { name, sources: [] }));
  insertSorted(group.sources, p, rs.policyBefore);
  watchSelectors(rs, p);
  markPolicy(rs, p, 'targets');
  rs.dirtyGroups.add(name);
}

export function removePolicy(rs: ResolutionState, p: PolicyState): void {
  rs.byInput.delete(p.input);
  rs.policyOrder.remove(p);
  const group = rs.groups.get(p.name)!;
  removeItem(group.sources, p);
  rs.dirtyPolicies.delete(p);
  selection_budget.releaseSelection(rs, p);
  rs.families.forget(p.input);
  rs.translations.forget(p.input);
  unwatchSelectors(rs, p);
  setPasses(rs, p, [[], [], [], [], [], []], []);
  contender_tracking.updateContenders(rs, p, true);
  rs.dirtyGroups.add(p.name);
  rs.dirtyStatus.add(p.name);
}

/** Files the policy's selectors, so that a candidate, a Namespace or a ReferenceGrant can find it. */
export function watchSelectors(rs: ResolutionState, p: PolicyState): void {
  const selectors = p.input.spec.targetSelectors ?? [];
  const watched: WatchedSelector[] = [];
  const namespaces: WatchedSelector[] = [];
  let cross = false;
  for (const sel of selectors) {
    if (!sel) continue;
    const labelSelector = labelSelectorOf(sel);
    const from = sel.namespaces?.from ?? '';
    const same = from === '' || from === 'Same';
    if (typeof sel.kind === 'string') watched.push(same ? { kind: sel.kind, namespace: p.input.namespace, selector: labelSelector } : { kind: sel.kind, selector: labelSelector });
    const family = familyOfKind(sel.kind);
    if (family) rs.selecting[family].add(p);
    if (!same) cross = true;
    if (from === 'Selector') {
      rs.namespaceSelecting.add(p);
      const nsSelector = sel.namespaces?.selector as LabelSelector | undefined;
      if (nsSelector) namespaces.push({ kind: 'Namespace', selector: nsSelector });
    }
    if (sel.kind === 'ListenerSet') rs.listenerSetTargeting.add(p);
  }
  rs.selectorWatch.watch(p, watched);
  rs.namespaceWatch.watch(p, namespaces);
  if (cross) addTo(rs.crossNamespace, p.input.namespace, p);
  const spec = p.input.spec as { targetRef?: { kind?: unknown }; targetRefs?: Array<{ kind?: unknown } | null> };
  if ([spec.targetRef, ...(spec.targetRefs ?? [])].some((r) => r?.kind === 'ListenerSet')) rs.listenerSetTargeting.add(p);
}

/**
 * Whether one of the policy's `namespaces.selector`s matches a Namespace with `before` labels and
 * not one with `after`, or the other way round: only then can the Namespace's new labels change
 * what the policy selects.
 */
export function namespaceSelectionFlips(p: PolicyState, before: Readonly<Record<string, string>> | undefined, after: Readonly<Record<string, string>> | undefined): boolean {
  for (const sel of p.input.spec.targetSelectors ?? []) {
    if (sel?.namespaces?.from === 'Selector' && namespaceSelectorMatches(sel, before) !== namespaceSelectorMatches(sel, after)) return true;
  }
  return false;
}

/**
 * Whether one of the policy's selectors of objects of `kind` matches `before` labels and not
 * `after` ones, or the other way round: only then can an object's new labels change what the
 * policy picks (which selector picks an object is part of the target, so each is compared).
 */
export function labelSelectionFlips(p: PolicyState, kind: string, before: Readonly<Record<string, string>> | undefined, after: Readonly<Record<string, string>> | undefined): boolean {
  return someLabelSelector(p, kind, (selector) => matchesLabelSelector(selector, before) !== matchesLabelSelector(selector, after));
}

/** Whether a selector of the policy for `kind` matches `labels`: one it could pick, or find and not take. */
export function labelSelectionPicks(p: PolicyState, kind: string, labels: Readonly<Record<string, string>> | undefined): boolean {
  return someLabelSelector(p, kind, (selector) => matchesLabelSelector(selector, labels));
}

function someLabelSelector(p: PolicyState, kind: string, test: (selector: LabelSelector) => boolean): boolean {
  for (const sel of p.input.spec.targetSelectors ?? []) {
    if (sel?.kind !== kind) continue;
    const selector = labelSelectorOf(sel);
    // An invalid selector picks nothing, whatever the labels.
    if (isValidLabelSelector(selector) && test(selector)) return true;
  }
  return false;
}

export function unwatchSelectors(rs: ResolutionState, p: PolicyState): void {
  for (const family of ['routes', 'gateways', 'listenerSets'] as const) rs.selecting[family].delete(p);
  rs.selectorWatch.unwatch(p);
  rs.namespaceWatch.unwatch(p);
  rs.namespaceSelecting.delete(p);
  removeFrom(rs.crossNamespace, p.input.namespace, p);
  rs.listenerSetTargeting.delete(p);
}

/** A policy's targets per pass, from its plain refs and its selectors' picks. */
export function composePasses(rs: ResolutionState, p: PolicyState): void {
  const plain = rs.families.plain(p.input);
  const lsPasses = rs.listenerSetCount > 0;
  const picked = selection_budget.targetsWithinBudget(rs, p, lsPasses);
  const passes: PolicyTarget[][] = [
    plain.filter((t) => t.kind !== 'Gateway' && t.sectionName),
    picked.routes.filter((t) => t.kind !== 'Gateway' && !t.sectionName),
    lsPasses ? plain.filter((t) => t.kind === 'ListenerSet' && t.sectionName) : [],
    lsPasses ? picked.listenerSets.filter((t) => t.kind === 'ListenerSet' && !t.sectionName) : [],
    plain.filter((t) => t.kind === 'Gateway' && t.sectionName),
    picked.gateways.filter((t) => t.kind === 'Gateway' && !t.sectionName),
  ];
  setPasses(rs, p, passes, lsPasses ? [] : plain.filter((t) => t.kind === 'ListenerSet'));
}

/** Sets a policy's pass lists, keeping the indexes of what its targets name up to date. */
export function setPasses(rs: ResolutionState, p: PolicyState, passes: PolicyTarget[][], listenerSetsMissing: PolicyTarget[]): void {
  p.passes = passes;
  p.listenerSetsMissing = listenerSetsMissing;
  p.firstPass = 7;
  for (let i = 0; i < 6; i++) {
    if (passes[i]!.length > 0) {
      p.firstPass = i + 1;
      break;
    }
  }
  // A snapshot sets each policy's passes once: nothing takes its counts back, and no later change
  // looks for it by the objects its targets name. The routes its targets name are scoped as its
  // contenders are made (`updateContenders`), which looks them up anyway.
  if (!rs.live) return;
  const watching = nothingWatched();
  const routeTargets = new Map<string, number>();
  passes.forEach((list, i) => {
    for (const t of list) {
      if (i <= 1) {
        const rk = targetRouteKey(t);
        watching.routes.add(rk);
        routeTargets.set(rk, (routeTargets.get(rk) ?? 0) + 1);
      } else (i <= 3 ? watching.listenerSets : watching.gateways).add(targetObjectKey(t));
    }
  });
  // Only what differs from before is filed or counted anew: a policy composed again mostly names
  // what it named (a route picked by twenty selector policies, deleted, had each of them take out
  // and put back all its hundred targets in these shared indexes).
  refile(rs, p, p.watching.routes, watching.routes, routeId);
  refile(rs, p, p.watching.listenerSets, watching.listenerSets, listenerSetId);
  refile(rs, p, p.watching.gateways, watching.gateways, gatewayId);
  for (const [rk, n] of p.routeTargets) {
    const now = routeTargets.get(rk) ?? 0;
    if (now === n) continue;
    countRouteTargets(rs, rk, now - n);
    if (p.mergeCounted) countIn(rs.mergingTargetCount, rk, now - n);
  }
  for (const [rk, n] of routeTargets) {
    if (p.routeTargets.has(rk)) continue;
    countRouteTargets(rs, rk, n);
    if (p.mergeCounted) countIn(rs.mergingTargetCount, rk, n);
  }
  p.routeTargets = routeTargets;
  p.watching = watching;
}

/** Files the policy under the objects it names now and not before, and takes it out of those it named before and not now. */
function refile(rs: ResolutionState, p: PolicyState, before: ReadonlySet<string>, after: ReadonlySet<string>, id: (key: string) => string): void {
  for (const k of before) if (!after.has(k)) removeFrom(rs.policiesByObject, id(k), p);
  for (const k of after) if (!before.has(k)) addTo(rs.policiesByObject, id(k), p);
}

function countIn(counts: Map<string, number>, rk: string, delta: number): void {
  const after = (counts.get(rk) ?? 0) + delta;
  if (after === 0) counts.delete(rk);
  else counts.set(rk, after);
}

/** Counts the policy's route targets among the merging ones, or takes them out, as its canonical now merges or not. */
function countAsMerging(rs: ResolutionState, p: PolicyState, merging: boolean): void {
  if (p.mergeCounted === merging) return;
  for (const [rk, n] of p.routeTargets) countIn(rs.mergingTargetCount, rk, merging ? n : -n);
  p.mergeCounted = merging;
}

export function countRouteTargets(rs: ResolutionState, rk: string, delta: number): void {
  const before = rs.routeTargetCount.get(rk) ?? 0;
  countIn(rs.routeTargetCount, rk, delta);
  if ((before === 0) !== (before + delta === 0)) rs.dirtyScoping.add(rk);
}

export function flushPolicies(rs: ResolutionState): void {
  // Canonical objects of repeated names (a harness snapshot): the first one visited.
  const dirty = [...rs.dirtyPolicies];
  rs.dirtyPolicies.clear();
  const orderChanged = new Set<PolicyState>();
  for (const [p, what] of dirty) {
    if (!rs.byInput.has(p.input)) continue;
    if (what === 'targets') rs.families.forget(p.input);
    composePasses(rs, p);
    rs.dirtyGroups.add(p.name);
    markGroupStatus(rs, p);
  }
  if (selection_budget.needsReselection(rs, dirty.length > 0)) {
    const composed = new Set(dirty.map(([p]) => p));
    for (const p of selection_budget.reselectInOrder(rs, (q) => composePasses(rs, q))) {
      rs.dirtyGroups.add(p.name);
      markGroupStatus(rs, p);
      if (!composed.has(p)) dirty.push([p, 'contenders']);
    }
  }
  for (const name of rs.dirtyGroups) {
    const group = rs.groups.get(name);
    if (!group) continue;
    if (group.sources.length === 0) continue;
    let canonical = group.sources[0]!;
    for (const s of group.sources) if (s.firstPass < canonical.firstPass) canonical = s;
    for (const s of group.sources) {
      if (s.canonical !== canonical) orderChanged.add(s);
      s.canonical = canonical;
      if (rs.live) countAsMerging(rs, s, isMerging(canonical.input));
    }
    rs.dirtyStatus.add(name);
  }
  rs.dirtyGroups.clear();
  for (const [p] of dirty) if (rs.byInput.has(p.input)) contender_tracking.updateContenders(rs, p, orderChanged.has(p));
  for (const p of orderChanged) if (!rs.dirtyPolicies.has(p) && !dirty.some(([q]) => q === p)) contender_tracking.updateContenders(rs, p, true);
}
