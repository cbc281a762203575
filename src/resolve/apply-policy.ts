/**
 * Applying a policy's translated settings to the route entries it reaches, and recording its
 * outcome on each. An HTTP or GRPC entry is claimed whole by the first policy to reach it (passes
 * run most specific first): later policies are overridden there, or merged when the claiming
 * route policy merged them in. A policy that failed translation does not claim the entry but
 * makes Envoy answer it with a 500, and the next policy still claims it. TCP/TLS and UDP entries
 * are filled field by field instead: each policy sets only the fields still unset, among those
 * the route's protocol takes (`entry-fields.ts`), and counts as applied.
 */
import { entryKind, fieldsFor, type EntryKind, type TargetLevel } from './entry-fields.js';
import type { OutcomeRecorder } from './outcome-recorder.js';
import type { AppliedOutcome, AttachedPolicy, PolicyOutcome } from './policy-outcomes.js';
import { applyHttpRouteFields, applyTcpRouteFields } from './route-fields.js';
import { leafPaths, NO_PROVENANCE, type RouteState } from './route-state.js';
import type { Built } from './translation-cache.js';

/** One policy, through one target, applying to entries. */
export interface Application {
  via: AttachedPolicy;
  /** What it applies: its own translation, or (`mergeType`) its merge into `mergedInto`. */
  built: Built;
  /** Its own translation. */
  own: Built;
  level: TargetLevel;
  mergedInto?: AttachedPolicy;
  /**
   * Its outcomes once looked up: applied by entry kind, and lost to each claim it met. An
   * application of a listener's slot is made once per flush and reaches every route on the
   * listener, so each is looked up once rather than once per route.
   */
  seen?: Seen;
}

/** An application's outcomes looked up so far; each part made when first needed (most route applications need one). */
interface Seen {
  applied: { [K in EntryKind]?: AppliedOutcome };
  lost?: Map<AppliedOutcome, PolicyOutcome | undefined>;
}

export function applyPolicy(states: readonly RouteState[], app: Application, outcomes: OutcomeRecorder): void {
  const { via, built, own, level, mergedInto } = app;
  const ref = via.policy;
  const seen = (app.seen ??= { applied: {} });
  const appliedAs = (kind: EntryKind): AppliedOutcome => (seen.applied[kind] ??= outcomes.applied(via, own, kind, mergedInto));
  // A claim is one policy through one target (outcomes are made once each), so what this
  // application loses to it is the same on every entry it claimed.
  const lostOn = (claim: AppliedOutcome, by: AttachedPolicy): PolicyOutcome | undefined => {
    const lost = (seen.lost ??= new Map());
    if (lost.has(claim)) return lost.get(claim);
    const o = lostTo(claim, by, app, outcomes);
    lost.set(claim, o);
    return o;
  };
  let lastClaim: AppliedOutcome | undefined;
  let lostOutcome: PolicyOutcome | undefined;
  for (const s of states) {
    if (s.protocol === 'http') {
      let outcome: PolicyOutcome | undefined;
      if (s.claim !== undefined) {
        // Consecutive entries mostly have the same claim.
        if (s.claim !== lastClaim) lostOutcome = lostOn((lastClaim = s.claim), s.claimedBy!);
        outcome = lostOutcome;
      } else if (built.errors.length > 0) {
        s.directResponse = { statusCode: 500 };
        outcome = outcomes.invalid(via, own, 'http', built.errors, undefined);
      } else {
        outcome = s.claim = appliedAs('http');
        s.claimedBy = via;
        s.traffic = built.traffic;
        applyHttpRouteFields(s, built, own.routeFields, level);
        // The claim is the entry's first policy. A list made at its size: a pushed one keeps room for 16.
        s.policies = [ref];
        // Claimed whole and never written again: it can share the policy's provenance, as `traffic`.
        s.provenance = built.provenance;
      }
      if (outcome) s.outcomes = outcomes.append(s.outcomes, outcome);
      continue;
    }
    const kind = entryKind(s.protocol, level) as Exclude<EntryKind, 'http'>;
    const traffic = (s.traffic ??= {}) as Record<string, unknown>;
    const values = built.traffic as Record<string, unknown>;
    if (s.provenance === NO_PROVENANCE) s.provenance = {};
    for (const f of fieldsFor(kind)) {
      if (values[f] === undefined || traffic[f] !== undefined) continue;
      traffic[f] = values[f];
      for (const path of leafPaths(values[f], f)) s.provenance[path] = built.provenance[path] ?? ref;
    }
    if (s.protocol === 'tcp') {
      s.policies = [...s.policies, ref];
      applyTcpRouteFields(s, built);
    }
    s.outcomes = outcomes.append(s.outcomes, appliedAs(kind));
  }
}

/** A policy reaching an HTTP entry `claim` holds (`by`: its policy and target): invalid, merged into it, or overridden — nothing when it is the claiming policy itself (through a more specific target). */
function lostTo(claim: AppliedOutcome, by: AttachedPolicy, app: Application, outcomes: OutcomeRecorder): PolicyOutcome | undefined {
  const { via, own, built } = app;
  if (claim.policy === via.policy) return undefined;
  if (built.errors.length > 0) return outcomes.invalid(via, own, 'http', built.errors, by);
  if (claim.mergedInto?.policy === via.policy) return outcomes.merged(via, own, 'http', by);
  return outcomes.overridden(via, own, 'http', by);
}
