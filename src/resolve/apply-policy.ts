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
import type { ObjectRef } from './types.js';

/** One policy, through one target, applying to entries. */
export interface Application {
  via: AttachedPolicy;
  /** What it applies: its own translation, or (`mergeType`) its merge into `mergedInto`. */
  built: Built;
  /** Its own translation. */
  own: Built;
  level: TargetLevel;
  mergedInto?: AttachedPolicy;
  /** The policies list of an HTTP entry it claims: its policy alone (`PolicyRefs.alone`, shared). */
  alone: readonly ObjectRef[];
  /**
   * Its outcomes once looked up: applied by entry kind, and lost to each claim it met. An
   * application of a listener's slot is made once per flush and reaches every route on the
   * listener, so each is looked up once rather than once per route.
   */
  seen?: Seen;
}

/**
 * An application's outcomes looked up so far; each part made when first needed (most route
 * applications need one). What it loses to claims is kept for the last claim met, and in a Map
 * only once a second claim comes (a route's own application is made for one fold and meets one).
 */
interface Seen {
  applied: { [K in EntryKind]?: AppliedOutcome };
  lastClaim: AppliedOutcome | undefined;
  lostToLast: PolicyOutcome | undefined;
  lost: Map<AppliedOutcome, PolicyOutcome | undefined> | undefined;
  /** Per settings field a TCP/TLS or UDP entry takes: each leaf path it writes and the policy it credits there. */
  provenance: Map<string, ReadonlyArray<readonly [string, ObjectRef]>> | undefined;
}

export function applyPolicy(states: readonly RouteState[], app: Application, outcomes: OutcomeRecorder): void {
  const { via, built, own, level } = app;
  const ref = via.policy;
  const seen = (app.seen ??= { applied: {}, lastClaim: undefined, lostToLast: undefined, lost: undefined, provenance: undefined });
  for (const s of states) {
    if (s.protocol === 'http') {
      let outcome: PolicyOutcome | undefined;
      if (s.claim !== undefined) {
        outcome = lostOn(seen, s.claim, s.claimedBy!, app, outcomes);
      } else if (built.errors.length > 0) {
        s.directResponse = { statusCode: 500 };
        outcome = outcomes.invalid(via, own, 'http', built.errors, undefined);
      } else {
        outcome = s.claim = appliedAs(seen, app, 'http', outcomes);
        s.claimedBy = via;
        s.traffic = built.traffic;
        applyHttpRouteFields(s, built, own.routeFields, level);
        // The claim is the entry's first policy, and the only one: a list shared by every entry it claims.
        s.policies = app.alone;
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
      for (const [path, by] of fieldProvenance(seen, built, f, ref)) s.provenance[path] = by;
    }
    if (s.protocol === 'tcp') {
      // Frozen as the claiming policy's shared list is: results hand the entry's list out as it is.
      s.policies = Object.freeze([...s.policies, ref]);
      applyTcpRouteFields(s, built);
    }
    s.outcomes = outcomes.append(s.outcomes, appliedAs(seen, app, kind, outcomes));
  }
}

// Helpers over `seen`, not closures in `applyPolicy`: it runs once per route and slot in a fold,
// and two closures a call were a good part of what a resolver's change allocated.

/**
 * The leaf paths of field `f` of the application's settings, each with the policy it credits,
 * worked out once per application: a listener's slot reaches every route on the listener, and
 * each TCP entry spelled out the same paths again.
 */
function fieldProvenance(seen: Seen, built: Built, f: string, ref: ObjectRef): ReadonlyArray<readonly [string, ObjectRef]> {
  const known = (seen.provenance ??= new Map());
  let out = known.get(f);
  if (!out) known.set(f, (out = leafPaths((built.traffic as Record<string, unknown>)[f], f).map((path) => [path, built.provenance[path] ?? ref] as const)));
  return out;
}

function appliedAs(seen: Seen, app: Application, kind: EntryKind, outcomes: OutcomeRecorder): AppliedOutcome {
  return (seen.applied[kind] ??= outcomes.applied(app.via, app.own, kind, app.mergedInto));
}

/**
 * What the application loses to `claim` (held by `by`). A claim is one policy through one target
 * (outcomes are made once each), so it is the same on every entry it claimed; consecutive entries
 * mostly have the same claim.
 */
function lostOn(seen: Seen, claim: AppliedOutcome, by: AttachedPolicy, app: Application, outcomes: OutcomeRecorder): PolicyOutcome | undefined {
  if (claim === seen.lastClaim) return seen.lostToLast;
  let lost: PolicyOutcome | undefined;
  if (seen.lastClaim === undefined) lost = lostTo(claim, by, app, outcomes);
  else {
    const known = (seen.lost ??= new Map([[seen.lastClaim, seen.lostToLast]]));
    if (known.has(claim)) lost = known.get(claim);
    else known.set(claim, (lost = lostTo(claim, by, app, outcomes)));
  }
  seen.lastClaim = claim;
  seen.lostToLast = lost;
  return lost;
}

/** A policy reaching an HTTP entry `claim` holds (`by`: its policy and target): invalid, merged into it, or overridden — nothing when it is the claiming policy itself (through a more specific target). */
function lostTo(claim: AppliedOutcome, by: AttachedPolicy, app: Application, outcomes: OutcomeRecorder): PolicyOutcome | undefined {
  const { via, own, built } = app;
  if (claim.policy === via.policy) return undefined;
  if (built.errors.length > 0) return outcomes.invalid(via, own, 'http', built.errors, by);
  if (claim.mergedInto?.policy === via.policy) return outcomes.merged(via, own, 'http', by);
  return outcomes.overridden(via, own, 'http', by);
}
