/**
 * A route entry's public result: the entry's attachment facts, the rule's own Gateway API
 * settings, and what policies wrote. The small ref objects are shared (and frozen) per Gateway,
 * ListenerSet and route.
 */
import type { RouteInput } from '../admit/resources.js';
import type { ListenerContext } from '../match/resource-index.js';
import { jsonEqual } from '../lang/json.js';
import { parseGoDuration } from '../values/duration.js';
import { NO_PROVENANCE, type RouteState } from './route-state.js';
import type { OutcomeRecorder } from './outcome-recorder.js';
import type { ObjectRef, RouteResult } from './types.js';

export type SharedRefs = ReturnType<typeof sharedRefs>;

/** The small ref objects of route results, made (and frozen) once per Gateway, ListenerSet and route. */
export function sharedRefs() {
  const objectRefs = new Map<object, ObjectRef>();
  const objectRef = (o: { metadata: { namespace?: string; name?: string } }): ObjectRef => {
    let ref = objectRefs.get(o);
    if (!ref) objectRefs.set(o, (ref = Object.freeze({ namespace: o.metadata.namespace!, name: o.metadata.name ?? '' })));
    return ref;
  };
  const routes = new Map<RouteInput, RouteResult['route']>();
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

/** The result of entry `s`; `at`: the refs of its route and listener. */
export function toRouteResult(s: RouteState, at: GroupRefs, outcomes: OutcomeRecorder): RouteResult {
  const r: RouteResult = {
    gateway: at.gateway,
    listener: s.listener.listener.name,
    route: at.route,
    ruleIndex: s.ruleIndex,
    hostnames: s.hostnames,
    policies: s.policies,
    provenance: s.provenance === NO_PROVENANCE ? {} : s.provenance,
    outcomes: outcomes.list(s.outcomes),
  };
  if (at.listenerSet) r.listenerSet = at.listenerSet;
  if (s.ruleName !== undefined) r.ruleName = s.ruleName;
  const rule = s.route.object.spec.rules[s.ruleIndex];
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

/** Every field a route result can have: `sameRouteResult` compares these. */
const RESULT_FIELDS = [
  'gateway',
  'listener',
  'listenerSet',
  'route',
  'ruleIndex',
  'ruleName',
  'hostnames',
  'timeout',
  'retry',
  'matches',
  'backendRefs',
  'policies',
  'traffic',
  'useClientProtocol',
  'directResponse',
  'statName',
  'removeResponseHeaders',
  'provenance',
  'outcomes',
] as const satisfies ReadonlyArray<keyof RouteResult>;
// A field added to RouteResult and not listed above fails to compile here.
const everyFieldListed: Exclude<keyof RouteResult, (typeof RESULT_FIELDS)[number]> extends never ? true : never = true;
void everyFieldListed;

/**
 * `jsonEqual` for two results of `toRouteResult`, which never sets a field to `undefined`. A
 * resolver compares every entry a change folds again (a Gateway-wide change: about a thousand),
 * and most fields of an unchanged result are the very same objects (refs, traffic, outcomes,
 * matches), so each field is compared by identity first and walked only when that fails.
 */
export function sameRouteResult(a: RouteResult, b: RouteResult): boolean {
  for (const f of RESULT_FIELDS) {
    const x = a[f];
    const y = b[f];
    if (x !== y && !jsonEqual(x, y)) return false;
  }
  return true;
}
