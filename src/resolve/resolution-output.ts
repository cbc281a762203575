/**
 * The Resolution read off the state: route results in route-kind and route order, policies in the
 * order Envoy Gateway's passes first visit them, attachments in policy order, and the findings of
 * admission, listeners, the entry and selection limits, capped conflicts, repeated names and
 * stat-name budgets.
 */
import { ROUTE_KINDS } from '../model/kinds.js';
import { listenerDiagnostic } from '../match/listener-readiness.js';
import { nsName } from '../match/resource-index.js';
import { overLimitMessage } from '../match/route-entries.js';
import type { Diagnostic, PolicyResult, RejectedObject, RouteResult } from './types.js';
import type { PolicyAttachments } from './policy-outcomes.js';
import { type StoredObject, type PolicyState, type Group, rebase, gatewayId, listenerSetId } from './state-records.js';
import type { ResolutionState } from './resolution-state.js';
import * as change_flush from './change-flush.js';
import { refusedSelections } from './selection-budget.js';

/** Route results, in route-kind order, then route order, then listener and rule. */
export function routes(rs: ResolutionState): RouteResult[] {
  if (rs.cached.routes) return rs.cached.routes;
  // The routes' findings are read in the same walk: the entries are many, and reading each one
  // again for `diagnostics` costs as much as reading it the first time.
  const out: RouteResult[] = [];
  const overLimit: Diagnostic[] = [];
  const statNames = new Set<Diagnostic>();
  for (const kind of ROUTE_KINDS) {
    for (const record of rs.routesByKind.get(kind)!.list) {
      if (record.overLimit !== undefined) {
        const r = record.input;
        overLimit.push({ severity: 'error', path: '', message: overLimitMessage(r, record.overLimit), object: { kind: r.kind, namespace: r.namespace, name: r.name } });
      }
      if (!record.targeted) continue;
      for (const s of record.targeted.entries) {
        out.push(s.result!);
        if (s.statNameFinding) statNames.add(s.statNameFinding);
      }
    }
  }
  rs.cached.routeFindings = { overLimit, statNames };
  return (rs.cached.routes = out);
}

/** Policies as Envoy Gateway lists them: in the order its passes first visit them. */
export function policies(rs: ResolutionState): PolicyResult[] {
  if (rs.cached.policies) return rs.cached.policies;
  const visited: Group[] = [];
  for (const g of rs.groups.values()) if (g.result) visited.push(g);
  visited.sort((a, b) => change_flush.comparePolicyPlaces(rs, a.place!, b.place!));
  return (rs.cached.policies = visited.map((g) => g.result!));
}

/** What became of every policy's targets, one record per name, in policy order. */
export function attachments(rs: ResolutionState): PolicyAttachments[] {
  if (rs.cached.attachments) return rs.cached.attachments;
  const out: PolicyAttachments[] = [];
  const seen = new Set<string>();
  for (const p of rs.policyOrder.list) {
    if (seen.has(p.name)) continue;
    seen.add(p.name);
    const fold = rs.groups.get(p.name)?.fold;
    if (fold) out.push(fold.attachments);
  }
  return (rs.cached.attachments = out);
}

/** The path of an object in the input: where it was read, or its position among the objects held. */
export function pathsOf(rs: ResolutionState): (stored: StoredObject) => string {
  if (!rs.live) return (stored) => stored.path ?? '';
  const positions = new Map<StoredObject, number>();
  let i = 0;
  for (const s of rs.store.values()) positions.set(s, i++);
  return (stored) => `[${positions.get(stored)}]`;
}

/** Findings of admission (a followed state: from the objects held), then of resolution. */
export function diagnostics(rs: ResolutionState, admission?: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const pathOf = pathsOf(rs);
  if (admission) for (const d of admission) out.push(d);
  else for (const s of rs.store.values()) for (const d of s.admitted.diagnostics) out.push(rebase(d, pathOf(s)));
  // Listeners not programmed: each Gateway's own, in order, then those of each attached ListenerSet.
  const gateways = [...rs.gatewayRecords.values()].map((l) => l[0]!).sort((a, b) => rs.compare(a.order, b.order));
  for (const g of gateways) {
    const key = nsName(g.gateway.metadata.namespace!, g.gateway.metadata.name ?? '');
    // Another controller's Gateway: said once, since everything on it reads "not in the input" otherwise.
    if (rs.index.foreignGateways.has(key)) {
      const { className, controllerName } = rs.index.foreignGateways.get(key)!;
      const message = `its GatewayClass ${className} is programmed by ${controllerName}, not by this controller (${rs.controllerName}): its listeners, the routes on them and the policies that target it are not resolved`;
      out.push({ severity: 'warning', path: pathOf(g.stored), message, object: { kind: 'Gateway', namespace: g.gateway.metadata.namespace!, name: g.gateway.metadata.name ?? '' } });
    }
    for (const u of rs.owners.get(gatewayId(key))?.listeners.unready ?? []) out.push(listenerDiagnostic(u, pathOf(g.stored)));
  }
  const listenerSets = [...rs.listenerSetRecords.values()].map((l) => l[0]!).sort((a, b) => rs.compare(a.order, b.order));
  for (const l of listenerSets) for (const u of rs.owners.get(listenerSetId(nsName(l.listenerSet.metadata.namespace!, l.listenerSet.metadata.name ?? '')))?.listeners.unready ?? []) out.push(listenerDiagnostic(u, pathOf(l.stored)));
  if (!rs.cached.routeFindings) routes(rs);
  const { overLimit, statNames } = rs.cached.routeFindings!;
  for (const d of overLimit) out.push(d);
  for (const d of refusedSelections(rs)) out.push(d);
  for (const d of cappedConflicts(rs)) out.push(d);
  // A name the input repeats (harness snapshot): the first one visited acts for all.
  const repeated: Array<{ p: PolicyState; firstPass: number }> = [];
  for (const g of rs.groups.values()) {
    const canonical = g.sources[0]!.canonical;
    let dup: PolicyState | undefined;
    for (const s of g.sources) if (s !== canonical && s.firstPass < 7 && (!dup || s.firstPass < dup.firstPass)) dup = s;
    if (dup) repeated.push({ p: dup, firstPass: dup.firstPass });
  }
  repeated.sort((a, b) => a.firstPass - b.firstPass || rs.compare(a.p.order, b.p.order));
  for (const { p } of repeated) {
    out.push({
      severity: 'warning',
      path: '',
      message: `BackendTrafficPolicy ${p.name} appears more than once; the first one's spec is used for every target, as Envoy Gateway does`,
      object: { kind: 'BackendTrafficPolicy', namespace: p.input.namespace, name: p.input.name },
    });
  }
  // Stat names over their budget: one finding per policy translation and route, in route order.
  for (const d of statNames) out.push(d);
  for (const d of rs.optionFindings) out.push(d);
  return out;
}

/**
 * A warning for each slot whose conflicted contenders its route entries do not all list
 * (`LIMITS.maxConflictedOutcomes`), in slot key order: the slots are few, and their order in the
 * state depends on the changes that made them.
 */
function cappedConflicts(rs: ResolutionState): Diagnostic[] {
  const found: Array<{ key: string; d: Diagnostic }> = [];
  for (const slot of rs.slots.values()) {
    const losers = slot.contenders.length - 1;
    if (losers <= rs.limits.maxConflictedOutcomes) continue;
    let object: Diagnostic['object'];
    let what: string;
    if (slot.kind === 'Route' || slot.kind === 'RouteRule') {
      const route = rs.routeOfKey.get(slot.owner)?.input;
      if (!route) continue;
      object = { kind: route.kind, namespace: route.namespace, name: route.name };
      what = `${route.kind} ${nsName(route.namespace, route.name)}${slot.kind === 'RouteRule' ? ` rule ${slot.section}` : ''}`;
    } else {
      if (!(slot.kind === 'Gateway' ? rs.index.gateways : rs.index.listenerSets).has(slot.owner)) continue;
      const slash = slot.owner.indexOf('/');
      object = { kind: slot.kind, namespace: slot.owner.slice(0, slash), name: slot.owner.slice(slash + 1) };
      what = `${slot.kind} ${slot.owner}${slot.section ? ` listener ${slot.section}` : ''}`;
    }
    const message = `${losers} policy targets conflict on ${what} after the one that holds it: each route entry it reaches lists the oldest ${rs.limits.maxConflictedOutcomes} of them as conflicted (the limit), and the policies' statuses name every one`;
    found.push({ key: slot.key, d: { severity: 'warning', path: '', message, object } });
  }
  found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return found.map((f) => f.d);
}

/** Objects the API server refused, in input order. */
export function rejected(rs: ResolutionState): RejectedObject[] {
  const out: RejectedObject[] = [];
  const pathOf = pathsOf(rs);
  for (const s of rs.store.values()) if (s.admitted.rejected) out.push(rs.live ? { ...s.admitted.rejected, path: pathOf(s) } : s.admitted.rejected);
  return out;
}
