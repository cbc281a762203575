/**
 * The per-(listener × route × rule) record that policies write to, in Envoy Gateway's IR terms:
 * HTTP/GRPC routes are claimed whole by the first policy that reaches them; TCP/TLS and UDP routes
 * are filled field by field.
 */
import type { RouteRule } from '../model/gateway-api.js';
import type { NewEntry, RouteEntry } from '../match/route-entries.js';
import type { OutcomeTrail } from './outcome-recorder.js';
import type { AppliedOutcome, AttachedPolicy } from './policy-outcomes.js';
import type { EntryNote, EntryPlace } from './state-records.js';
import type { Diagnostic, ObjectRef, RouteResult } from './types.js';

export interface RouteState extends RouteEntry {
  /**
   * The rule itself, read once: a result is made of its fields each time the entry folds, and a
   * change that folds a thousand entries walked to each rule through the route's object.
   */
  rule: RouteRule | undefined;
  traffic?: Record<string, unknown>;
  useClientProtocol?: boolean;
  policies: readonly ObjectRef[];
  directResponse?: { statusCode: number };
  statName?: string;
  /** Why a stat name's template gave none here (over its length budget); not part of the result. */
  statNameFinding?: Diagnostic;
  removeResponseHeaders?: readonly string[];
  provenance: Record<string, ObjectRef>;
  /** Every policy's outcome here, in the order they reached it (interned; `undefined`: none yet). */
  outcomes: OutcomeTrail | undefined;
  /** HTTP: the outcome of the policy that claimed the entry, and that policy through its target. */
  claim?: AppliedOutcome;
  claimedBy?: AttachedPolicy;
  /** The public result made of it by the last flush that folded it (kept across folds, to compare). */
  result?: RouteResult;
  /** Its place among its route's entries (where its result is listed). */
  index: number;
  /**
   * A resolver's place of the entry in the changes it reports, made the first time a change notes
   * it and kept for the entry's life (its route, rule, record and listener are fixed; a listener
   * context that replaces the entry's, reading the same, takes it over: `keptEntries`).
   */
  changePlace: EntryPlace | undefined;
  /** Its note in the change being flushed (a resolver's), dropped when the change is done. */
  note: EntryNote | undefined;
}

/** A route entry's policies until one reaches it (shared and frozen, as the lists policies write). */
export const NO_POLICIES: readonly ObjectRef[] = Object.freeze([]);

/** A route entry's provenance until a policy writes one (HTTP entries then share the policy's). */
export const NO_PROVENANCE: Record<string, ObjectRef> = Object.freeze({});

/**
 * A route entry with nothing written yet. Every field is set here, also those only a fold writes:
 * a field first written later moves each entry to another shape and an out-of-object property store.
 */
export const newRouteState: NewEntry<RouteState> = (listener, route, ruleIndex, ruleName, protocol, hostnames) => ({
  listener,
  route,
  ruleIndex,
  ruleName,
  protocol,
  hostnames,
  rule: route.object.spec.rules[ruleIndex],
  traffic: undefined,
  useClientProtocol: undefined,
  policies: NO_POLICIES,
  directResponse: undefined,
  statName: undefined,
  statNameFinding: undefined,
  removeResponseHeaders: undefined,
  provenance: NO_PROVENANCE,
  outcomes: undefined,
  claim: undefined,
  claimedBy: undefined,
  result: undefined,
  index: 0,
  changePlace: undefined,
  note: undefined,
});

/** Clears what policies wrote on an entry, before its slots are applied again. */
export function resetRouteState(s: RouteState): void {
  s.traffic = undefined;
  s.useClientProtocol = undefined;
  s.policies = NO_POLICIES;
  s.directResponse = undefined;
  s.statName = undefined;
  s.statNameFinding = undefined;
  s.removeResponseHeaders = undefined;
  s.provenance = NO_PROVENANCE;
  s.outcomes = undefined;
  s.claim = undefined;
  s.claimedBy = undefined;
}

/** Every leaf path of a JSON value: `a.b`, `list[0].c`. Empty objects and arrays count as leaves. */
export function leafPaths(value: unknown, prefix = ''): string[] {
  const out: string[] = [];
  collectLeafPaths(value, prefix, out);
  return out;
}

function collectLeafPaths(value: unknown, prefix: string, out: string[]): void {
  if (value === null || typeof value !== 'object') {
    if (prefix) out.push(prefix);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0 && prefix) out.push(prefix);
    for (let i = 0; i < value.length; i++) collectLeafPaths(value[i], `${prefix}[${i}]`, out);
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 0 && prefix) out.push(prefix);
  for (const k of keys) collectLeafPaths((value as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k, out);
}
