/**
 * A resolver's change, made by diffing two Resolutions: what `createResolver` reports for one change
 * (route entries keyed by gateway / ListenerSet / listener / route / rule; policies by reference),
 * each list in the order of the Resolution it comes from.
 */
import type { PolicyResult, Resolution, RouteResult } from '../../../src/index.js';
import { jsonEqual } from '../../../src/lang/json.js';

export interface DiffedChange {
  routes: { added: RouteResult[]; changed: RouteResult[]; removed: RouteResult[] };
  policies: { changed: PolicyResult[]; removed: Array<PolicyResult['ref']> };
  diagnostics: [];
}

export const routeEntryKey = (r: RouteResult): string =>
  JSON.stringify([r.gateway.namespace, r.gateway.name, r.listenerSet?.namespace ?? null, r.listenerSet?.name ?? null, r.listener, r.route.kind, r.route.namespace, r.route.name, r.ruleIndex]);

const policyKey = (p: PolicyResult): string => `${p.ref.namespace}/${p.ref.name}`;

export function diffResolutions(before: Pick<Resolution, 'routes' | 'policies'>, after: Pick<Resolution, 'routes' | 'policies'>): DiffedChange {
  const old = new Map(before.routes.map((r) => [routeEntryKey(r), r]));
  const now = new Set(after.routes.map(routeEntryKey));
  const change: DiffedChange = { routes: { added: [], changed: [], removed: [] }, policies: { changed: [], removed: [] }, diagnostics: [] };
  for (const r of after.routes) {
    const was = old.get(routeEntryKey(r));
    if (!was) change.routes.added.push(r);
    else if (!jsonEqual(was, r)) change.routes.changed.push(r);
  }
  for (const r of before.routes) if (!now.has(routeEntryKey(r))) change.routes.removed.push(r);
  const oldPolicies = new Map(before.policies.map((p) => [policyKey(p), p]));
  const nowPolicies = new Set(after.policies.map(policyKey));
  for (const p of after.policies) {
    const was = oldPolicies.get(policyKey(p));
    if (!was || !jsonEqual(was.status, p.status)) change.policies.changed.push(p);
  }
  for (const p of before.policies) if (!nowPolicies.has(policyKey(p))) change.policies.removed.push(p.ref);
  return change;
}
