/** What the processing of one policy target reads and writes: the indexes and the state built so far. */
import type { ResourceIndex } from '../match/resource-index.js';
import type { TargetFamilies } from '../match/target-families.js';
import type { Claims } from './claims.js';
import type { MergeParents } from './merge-parents.js';
import type { OutcomeRecorder } from './outcome-recorder.js';
import type { PolicyStatuses } from './policy-conditions.js';
import type { AttachedPolicy } from './policy-outcomes.js';
import type { PolicyRefs } from './policy-refs.js';
import type { TargetedRoute } from './route-targets.js';
import type { RouteState } from './route-state.js';
import type { ScopeGraph } from './scope-graph.js';
import type { TargetAttachments } from './target-attachments.js';
import type { TranslationCache } from './translation-cache.js';

export interface ResolveContext {
  readonly index: ResourceIndex;
  readonly targets: TargetFamilies;
  /** Attached routes by `routeKey`. */
  readonly routes: ReadonlyMap<string, TargetedRoute>;
  /** Route entries by listener `irName`. */
  readonly entriesByListener: ReadonlyMap<string, RouteState[]>;
  /** Who holds each target slot. */
  readonly claims: Claims<AttachedPolicy>;
  readonly statuses: PolicyStatuses;
  /** Which scopes are recorded under which: `overrides` for the Overridden lists, `merged` for the Merged ones. */
  readonly graphs: { readonly overrides: ScopeGraph; readonly merged: ScopeGraph };
  readonly translations: TranslationCache;
  readonly mergeParents: MergeParents;
  readonly refs: PolicyRefs;
  /** Each policy's outcome per entry, and what became of each target. */
  readonly outcomes: OutcomeRecorder;
  readonly attachments: TargetAttachments;
}
