/**
 * A route entry's public result: the entry's attachment facts, the rule's own Gateway API
 * settings, and what policies wrote. The small ref objects are shared (and frozen) per Gateway,
 * ListenerSet and route.
 */
import type { RouteInput } from '../admit/resources.js';
import type { ListenerContext } from '../match/resource-index.js';
import { deepFreeze, jsonEqual } from '../lang/json.js';
import { refMemo } from '../lang/ref-memo.js';
import { parseGoDuration } from '../values/duration.js';
import { NO_PROVENANCE, type RouteState } from './route-state.js';
import type { OutcomeRecorder } from './outcome-recorder.js';
import type { ObjectRef, RouteResult } from './types.js';

export type SharedRefs = ReturnType<typeof sharedRefs>;

/**
 * The small ref objects of route results, made (and frozen) once per Gateway, ListenerSet and
 * route. `weak`: kept across a resolver's changes (held weakly, so that replaced objects take their
 * refs with them), which makes an entry folded again compare by identity with its old result.
 */
export function sharedRefs(weak = false) {
  const objectRefs = refMemo<object, ObjectRef>(weak);
  const objectRef = (o: { metadata: { namespace?: string; name?: string } }): ObjectRef => {
    let ref = objectRefs.get(o);
    if (!ref) objectRefs.set(o, (ref = Object.freeze({ namespace: o.metadata.namespace!, name: o.metadata.name ?? '' })));
    return ref;
  };
  const routes = refMemo<RouteInput, RouteResult['route']>(weak);
  return {
    gateway: (l: ListenerContext) => objectRef(l.gateway),
    listenerSet: (l: ListenerContext) => (l.listenerSet ? objectRef(l.listenerSet) : undefined),
    route: (r: RouteInput) => {
      let ref = routes.get(r);
      if (!ref) routes.set(r, (ref = Object.freeze({ kind: r.kind, namespace: r.namespace, name: r.name })));
      return ref;
    },
  };
}

/** The refs every entry of one route on one listener shares, looked up once for all of them. */
export interface GroupRefs {
  gateway: ObjectRef;
  listenerSet: ObjectRef | undefined;
  route: RouteResult['route'];
}

export function groupRefs(refs: SharedRefs, listener: ListenerContext, route: RouteInput): GroupRefs {
  return { gateway: refs.gateway(listener), listenerSet: refs.listenerSet(listener), route: refs.route(route) };
}

/**
 * The result of entry `s`; `at`: the refs of its route and listener. `frozen`: the result will be
 * frozen whole (a resolver's). Either way it holds the entry's `policies` list, which is frozen and
 * shared (by every HTTP entry a policy claims): a copy per result was 73,000 arrays of one or two
 * refs at 20k routes, 3.4 MB of the result that the collector moved twice.
 */
export function toRouteResult(s: RouteState, at: GroupRefs, outcomes: OutcomeRecorder, frozen: boolean): RouteResult {
  // A resolver's result may share the frozen empty provenance; a snapshot's gets one of its own.
  const provenance = s.provenance === NO_PROVENANCE ? (frozen ? NO_PROVENANCE : {}) : s.provenance;
  const r = new ResultFields(at.gateway, s.listener.listener.name, at.route, s.ruleIndex, s.hostnames, s.policies as RouteResult['policies'], provenance, outcomes.list(s.outcomes));
  if (at.listenerSet) r.listenerSet = at.listenerSet;
  if (s.ruleName !== undefined) r.ruleName = s.ruleName;
  const rule = s.rule;
  if (rule?.matches) r.matches = rule.matches;
  const own = rule as { timeouts?: unknown; retry?: unknown } | undefined;
  if (s.route.kind === 'HTTPRoute' && own && (own.timeouts !== undefined || own.retry !== undefined)) Object.assign(r, gatewayApiRuleSettings(own));
  if (rule?.backendRefs) r.backendRefs = rule.backendRefs;
  if (s.traffic !== undefined) r.traffic = s.traffic;
  if (s.useClientProtocol !== undefined) r.useClientProtocol = s.useClientProtocol;
  if (s.directResponse) r.directResponse = s.directResponse;
  if (s.statName !== undefined) r.statName = s.statName;
  if (s.removeResponseHeaders !== undefined) r.removeResponseHeaders = [...s.removeResponseHeaders];
  return r;
}

/**
 * A route result's fields every result has, set by a constructor rather than written as an object
 * literal. The engine sizes a literal's object to the fields written in it, so the optional fields
 * `toRouteResult` adds after (three on a typical HTTP entry) went to a second, separate store, one
 * more allocation per result; a constructor's objects are sized to the fields they end up with.
 * Its prototype is `Object.prototype`, so a result is a plain object like any literal (same keys, in
 * the same order). A resolver's label flip that rewrites a thousand entries kept 26% less alive
 * through a young-generation collection.
 */
function resultFields(
  this: RouteResult,
  gateway: ObjectRef,
  listener: string,
  route: RouteResult['route'],
  ruleIndex: number,
  hostnames: string[],
  policies: ObjectRef[],
  provenance: Record<string, ObjectRef>,
  outcomes: RouteResult['outcomes'],
): void {
  this.gateway = gateway;
  this.listener = listener;
  this.route = route;
  this.ruleIndex = ruleIndex;
  this.hostnames = hostnames;
  this.policies = policies;
  this.provenance = provenance;
  this.outcomes = outcomes;
}
resultFields.prototype = Object.prototype;
const ResultFields = resultFields as unknown as new (...fields: Parameters<typeof resultFields>) => RouteResult;

/** The rule's own Gateway API timeout and retry, which Envoy Gateway lets win over a BTP's. */
function gatewayApiRuleSettings(rule: { timeouts?: unknown; retry?: unknown }): Pick<RouteResult, 'timeout' | 'retry'> {
  const out: Pick<RouteResult, 'timeout' | 'retry'> = {};
  const ms = (v: unknown): number | undefined => {
    if (typeof v !== 'string') return undefined;
    const d = parseGoDuration(v);
    return d.success ? d.data / 1e6 : undefined;
  };
  const request = ms((rule.timeouts as { request?: unknown } | undefined)?.request);
  if (request !== undefined) out.timeout = request;
  const retry = rule.retry as { attempts?: unknown; backoff?: unknown; codes?: unknown } | undefined;
  if (retry !== null && typeof retry === 'object') {
    const r: NonNullable<RouteResult['retry']> = {};
    if (typeof retry.attempts === 'number') r.numRetries = retry.attempts;
    const backoff = ms(retry.backoff);
    if (backoff !== undefined) r.perRetry = { backOff: { baseInterval: backoff } };
    if (Array.isArray(retry.codes) && retry.codes.length > 0) r.retryOn = { httpStatusCodes: retry.codes.filter((c): c is number => typeof c === 'number') };
    out.retry = r;
  }
  return out;
}

/**
 * Freezes a result of `toRouteResult` all through, as a resolver keeps it. Only the fields that
 * can hold a part not frozen yet are walked: the refs are frozen where `sharedRefs` makes them, the
 * outcomes where the recorder makes them, and the rest are strings and numbers. (A resolver freezes
 * every result a change makes; a generic walk asked each of a dozen fields whether it was frozen.)
 * The mapped type makes the list complete: a field added to RouteResult and not here fails to
 * compile; `null` marks a field that is frozen (or not an object) wherever it is made.
 */
const FIELD_PARTS: { readonly [K in keyof RouteResult]-?: ((r: RouteResult) => unknown) | null } = {
  gateway: null,
  listener: null,
  listenerSet: null,
  route: null,
  ruleIndex: null,
  ruleName: null,
  hostnames: (r) => r.hostnames,
  timeout: null,
  retry: (r) => r.retry,
  matches: (r) => r.matches,
  backendRefs: (r) => r.backendRefs,
  policies: (r) => r.policies,
  traffic: (r) => r.traffic,
  useClientProtocol: null,
  directResponse: (r) => r.directResponse,
  statName: null,
  removeResponseHeaders: (r) => r.removeResponseHeaders,
  provenance: (r) => r.provenance,
  outcomes: null,
};
const PARTS = Object.values(FIELD_PARTS).filter((read) => read !== null);

export function freezeRouteResult(r: RouteResult): void {
  Object.freeze(r);
  for (const read of PARTS) deepFreeze(read(r));
}

const same = (x: unknown, y: unknown): boolean => x === y || jsonEqual(x, y);

/** The last two values of a field compared, and the answer. */
interface LastPair {
  x: unknown;
  y: unknown;
  equal: boolean;
}

/**
 * The last answer for each of the fields that hold a policy's settings, for the comparisons of one
 * flush. Entries a change folds again share their old parts and their new ones: a Gateway policy
 * edited gives 65,000 entries of a one-Gateway cluster the same new `traffic` in place of the
 * same old one, and each comparison walked the two to their first difference. What is compared is
 * frozen (translations, interned outcome lists), so an answer holds for the flush; the memo is
 * dropped with it, keeping nothing alive.
 */
export interface ResultComparison {
  policies: LastPair;
  traffic: LastPair;
  provenance: LastPair;
  outcomes: LastPair;
}

export const newResultComparison = (): ResultComparison => ({
  policies: { x: undefined, y: undefined, equal: true },
  traffic: { x: undefined, y: undefined, equal: true },
  provenance: { x: undefined, y: undefined, equal: true },
  outcomes: { x: undefined, y: undefined, equal: true },
});

function sameAs(last: LastPair | undefined, x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (last === undefined) return jsonEqual(x, y);
  if (last.x !== x || last.y !== y) {
    last.x = x;
    last.y = y;
    last.equal = jsonEqual(x, y);
  }
  return last.equal;
}

type FieldCheck = (a: RouteResult, b: RouteResult, memo: ResultComparison | undefined) => boolean;

/**
 * One check per field of a route result (the mapped type makes the list complete: a field added to
 * RouteResult and not here fails to compile). Each reads its field by name: a read by a computed
 * name over a dozen names and several result shapes is a slow, generic lookup.
 */
const FIELD_CHECKS: { readonly [K in keyof RouteResult]-?: FieldCheck } = {
  gateway: (a, b) => same(a.gateway, b.gateway),
  listener: (a, b) => a.listener === b.listener,
  listenerSet: (a, b) => same(a.listenerSet, b.listenerSet),
  route: (a, b) => same(a.route, b.route),
  ruleIndex: (a, b) => a.ruleIndex === b.ruleIndex,
  ruleName: (a, b) => a.ruleName === b.ruleName,
  hostnames: (a, b) => same(a.hostnames, b.hostnames),
  timeout: (a, b) => same(a.timeout, b.timeout),
  retry: (a, b) => same(a.retry, b.retry),
  matches: (a, b) => same(a.matches, b.matches),
  backendRefs: (a, b) => same(a.backendRefs, b.backendRefs),
  policies: (a, b, m) => sameAs(m?.policies, a.policies, b.policies),
  traffic: (a, b, m) => sameAs(m?.traffic, a.traffic, b.traffic),
  useClientProtocol: (a, b) => a.useClientProtocol === b.useClientProtocol,
  directResponse: (a, b) => same(a.directResponse, b.directResponse),
  statName: (a, b) => a.statName === b.statName,
  removeResponseHeaders: (a, b) => same(a.removeResponseHeaders, b.removeResponseHeaders),
  provenance: (a, b, m) => sameAs(m?.provenance, a.provenance, b.provenance),
  outcomes: (a, b, m) => sameAs(m?.outcomes, a.outcomes, b.outcomes),
};
const CHECKS = Object.values(FIELD_CHECKS);

/**
 * `jsonEqual` for two results of `toRouteResult`, which never sets a field to `undefined`. A
 * resolver compares every entry a change folds again (a Gateway-wide change: about a thousand),
 * and most fields of an unchanged result are the very same objects (refs, traffic, outcomes,
 * matches), so each field is compared by identity first and walked only when that fails.
 * `memo`: the flush's last answers for the settings fields (`ResultComparison`).
 */
export function sameRouteResult(a: RouteResult, b: RouteResult, memo?: ResultComparison): boolean {
  for (const check of CHECKS) if (!check(a, b, memo)) return false;
  return true;
}
