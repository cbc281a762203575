/**
 * Resolution as state that follows changes: the admitted objects, the indexes, the attached
 * routes and their entries, the slots with their contenders, each policy's status — and, for each
 * of them, what it depends on, so that a change recomputes only what it can affect:
 *
 * - an object put again that changes nothing resolution reads (a new resourceVersion, a policy's
 *   labels, the very object held) changes nothing;
 * - an object changes the index entries it is (a Namespace's labels, a Secret, a Gateway's
 *   listeners), and those mark the routes that attach through them and the policies that
 *   target them or select among them (a selector only when it matches the old labels and not the
 *   new, or the reverse; a Namespace that comes or goes, the namespace selectors that match the
 *   labels of an object in it);
 * - a route is attached again: its entries, its candidacy for selectors, and, when they changed,
 *   the facts its policies see;
 * - a policy's targets are composed again: its contenders move between slots;
 * - a slot whose contenders moved recomputes the entries it reaches (a route's, or every entry on
 *   a listener), the statuses of the contenders that held it before and hold it now, and the
 *   scopes it records;
 * - the Overridden and Merged lists change with the scopes recorded under a Gateway or ListenerSet.
 *
 * The parts, one file each: what is held (`state-records.ts`), the objects and the index entries
 * they are (`object-store.ts`), Gateways and ListenerSets (`owner-tracking.ts`), routes
 * (`route-tracking.ts`), policies and their targets (`policy-tracking.ts`), slots and contenders
 * (`contender-tracking.ts`), the last steps of a flush and what changed (`change-flush.ts`), and
 * the Resolution read off the state (`resolution-output.ts`). This class holds the fields they
 * share and runs a flush in order.
 *
 * The same code resolves a whole input at once (everything is new) and a change to it; the result
 * depends only on the objects held, not on the order of the changes that led there. Objects are
 * ordered as the profile says: by creationTimestamp (then namespace and name), or in the order
 * they were first given — each object keeps its place when it changes, and a deleted one given
 * again comes last.
 */
import { effectiveOptions, type EffectiveOptions } from '../admit/profile.js';
import type { PolicyInput } from '../admit/resources.js';
import type { Secret } from '../model/gateway-api.js';
import { ROUTE_KINDS } from '../model/kinds.js';
import { OrderedList } from '../lang/ordered-list.js';
import type { KeyPairFindings } from '../match/listener-readiness.js';
import type { SelectableObject } from '../match/policy-targets.js';
import { emptyIndex, type ListenerContext, type ResourceIndex } from '../match/resource-index.js';
import { SelectorWatch } from '../match/selector-watch.js';
import { TargetFamilies, type TargetFamily } from '../match/target-families.js';
import type { InputEntry } from '../read/limits.js';
import { KeptOutcomes, OutcomeRecorder } from './outcome-recorder.js';
import { PolicyRefs } from './policy-refs.js';
import type { TargetedRoute } from './resolve-context.js';
import { sharedRefs, type SharedRefs } from './route-result.js';
import { ScopeGraphs } from './scope-graph.js';
import { newSelectionBudget } from './selection-budget.js';
import { LIMITS, type ResolutionLimits } from '../model/limits.js';
import type { Slot } from './slots.js';
import { TranslationCache } from './translation-cache.js';
import { readResolveOptions } from './resolve-options.js';
import { append } from '../lang/append.js';
import type { Diagnostic, PolicyResult, RejectedObject, RouteResult } from './types.js';
import type { PolicyAttachments } from './policy-outcomes.js';
import { DEFAULT_CONTROLLER_NAME, type StoredObject, type Order, type GatewayRecord, type ListenerSetRecord, type Candidate, type RouteRecord, type PolicyState, type Group, type OwnerState, type EntryPlace, type PolicyPlace, type StateChange, type DirtyListeners } from './state-records.js';
import * as object_store from './object-store.js';
import * as policy_tracking from './policy-tracking.js';
import * as contender_tracking from './contender-tracking.js';
import * as owner_tracking from './owner-tracking.js';
import * as route_tracking from './route-tracking.js';
import * as change_flush from './change-flush.js';
import * as resolution_output from './resolution-output.js';

export { DEFAULT_CONTROLLER_NAME, PATH_PLACEHOLDER, rebase, type EntryPlace, type PolicyPlace, type StateChange, type StoredObject } from './state-records.js';

/** The resolution state (see the file comment); its parts are in the files it imports, which read its fields. */
export class ResolutionState {
  readonly options: EffectiveOptions;
  readonly controllerName: string;
  readonly now: string | undefined;
  /** What is wrong with the options, reported after everything else. */
  readonly optionFindings: Diagnostic[] = [];
  seq = 0;
  readonly store = new Map<string, StoredObject>();
  readonly index: ResourceIndex;

  // Objects by what they are, several per key only when the input repeats a name (a snapshot in the harness profile).
  readonly gatewayRecords = new Map<string, GatewayRecord[]>();
  readonly listenerSetRecords = new Map<string, ListenerSetRecord[]>();
  readonly routeRecords = new Map<string, RouteRecord[]>();
  /** Every route record of each kind, in order. */
  readonly routesByKind = new Map<string, OrderedList<RouteRecord>>(ROUTE_KINDS.map((k) => [k, new OrderedList<RouteRecord>((a, b) => this.compare(a.order, b.order))]));
  readonly groups = new Map<string, Group>();
  readonly policyOrder = new OrderedList<PolicyState>((a, b) => this.compare(a.order, b.order));
  readonly byInput = new Map<PolicyInput, PolicyState>();
  readonly namespaceObjects = new Map<string, StoredObject[]>();
  readonly gatewayClassObjects = new Map<string, StoredObject[]>();
  readonly secretObjects = new Map<string, StoredObject[]>();
  readonly configMapObjects = new Map<string, StoredObject[]>();
  readonly grantObjects = new Map<string, StoredObject[]>();
  listenerSetCount = 0;

  // Derived state.
  readonly owners = new Map<string, OwnerState>();
  readonly attached = new Map<string, TargetedRoute>();
  /** Listener contexts replaced by one whose entries read the same (`keepUnchangedListeners`). */
  readonly listenerSuccessors = new WeakMap<ListenerContext, ListenerContext>();
  readonly slots = new Map<string, Slot<PolicyState>>();
  readonly families: TargetFamilies;
  readonly translations: TranslationCache;
  readonly scopes = new ScopeGraphs();
  refs: PolicyRefs;
  outcomes: OutcomeRecorder;
  /** Outcomes (and what each translation would set), kept across changes so that unchanged outcomes compare by identity. */
  readonly keptOutcomes: KeptOutcomes;
  readonly shared: SharedRefs;

  /** Selector candidates by family and id (`routeId`, `gatewayId`, `listenerSetId`). */
  readonly candidates: Record<TargetFamily, Map<string, Candidate>> = { routes: new Map(), gateways: new Map(), listenerSets: new Map() };
  /** Candidates changed since the families were last told, with what the family index holds of each. */
  readonly pendingCandidates = new Map<string, { family: TargetFamily; before: Candidate | undefined }>();
  /** Policies with a selector of each family. */
  readonly selecting: Record<TargetFamily, Set<PolicyState>> = { routes: new Set(), gateways: new Set(), listenerSets: new Set() };

  /** The record whose attachment is live, per route key (the first of the key, once attached). */
  readonly routeOfKey = new Map<string, RouteRecord>();
  totalEntries = 0;
  overLimitCount = 0;
  /** The objects selectors matched, against their budget. */
  readonly selection = newSelectionBudget();

  // What depends on what.
  readonly routesByOwner = new Map<string, Set<RouteRecord>>();
  readonly routesByNamespace = new Map<string, Set<RouteRecord>>();
  readonly listenerSetsByParent = new Map<string, Set<string>>();
  readonly listenerSetsByNamespace = new Map<string, Set<string>>();
  readonly ownersBySecret = new Map<string, Set<string>>();
  readonly ownersByGrants = new Map<string, Set<string>>();
  readonly policiesByObject = new Map<string, Set<PolicyState>>();
  readonly routeTargetCount = new Map<string, number>();
  /**
   * The same count for the policies whose canonical's spec sets `mergeType` (`mergeCounted`): the
   * routes that can have a merging holder. A change on a Gateway or ListenerSet slot looks for
   * merging holders on these routes only, not on each route of its listeners.
   */
  readonly mergingTargetCount = new Map<string, number>();
  readonly selectorWatch = new SelectorWatch<PolicyState>();
  readonly namespaceWatch = new SelectorWatch<PolicyState>();
  readonly namespaceSelecting = new Set<PolicyState>();
  readonly crossNamespace = new Map<string, Set<PolicyState>>();
  readonly listenerSetTargeting = new Set<PolicyState>();
  readonly routesOnListener = new Map<string, Set<RouteRecord>>();
  readonly routesAcceptedOn = new Map<string, Set<RouteRecord>>();
  /** Slots by owner: `Route|<route key>` (route and rule slots), `Gateway|ns/name`, `ListenerSet|ns/name`. */
  readonly slotsByOwner = new Map<string, Set<Slot<PolicyState>>>();

  // What a change has marked.
  readonly dirtyOwners = new Set<string>();
  readonly dirtyRoutes = new Set<string>();
  readonly dirtyPolicies = new Map<PolicyState, 'targets' | 'contenders'>();
  readonly dirtyGroups = new Set<string>();
  readonly dirtySlots = new Set<string>();
  readonly dirtyEntries = new Map<RouteRecord, DirtyListeners>();
  readonly dirtyScoping = new Set<string>();
  readonly dirtyMerges = new Set<string>();
  readonly dirtyHolders = new Set<string>();
  readonly dirtyStatus = new Set<string>();
  /** The labels each Namespace changed since the last flush had before (`null`: none of its name). */
  readonly namespacesBefore = new Map<string, Record<string, string> | undefined | null>();
  /** Namespaces whose ReferenceGrants changed since the last flush, and the Namespaces those grants allow from. */
  readonly grantsChanged = new Set<string>();
  readonly grantSourcesChanged = new Set<string>();
  /** GatewayClasses changed since the last flush. */
  readonly classesChanged = new Set<string>();
  /** Each TLS Secret's key pair, checked once however many listeners (and Gateway changes) read it. */
  readonly keyPairs = new WeakMap<Secret, KeyPairFindings>();
  change: StateChange | undefined;

  cached: { routes?: RouteResult[]; routeFindings?: { overLimit: Diagnostic[]; statNames: Set<Diagnostic> }; policies?: PolicyResult[]; attachments?: PolicyAttachments[] } = {};

  constructor(
    /** As the caller gave them: read here once, into a copy (`readResolveOptions`). */
    givenOptions: unknown,
    /** Keep each object's copy and report what each change did (a resolver), or resolve one input (a snapshot). */
    readonly live: boolean,
    /** What was wrong with the options when they were read before (a resolver's, read once for all its states). */
    optionFindings: readonly Diagnostic[] = [],
    /** The limits on what it makes: `LIMITS`' (the tests pass smaller ones). */
    readonly limits: ResolutionLimits = LIMITS,
  ) {
    append(this.optionFindings, optionFindings);
    const resolveOptions = readResolveOptions(givenOptions, this.optionFindings);
    this.options = effectiveOptions(resolveOptions);
    this.controllerName = resolveOptions.controllerName ?? DEFAULT_CONTROLLER_NAME;
    this.now = resolveOptions.now as string | undefined;
    this.index = emptyIndex(this.options.namespaces === 'declared');
    this.keptOutcomes = new KeptOutcomes(live);
    this.outcomes = new OutcomeRecorder(this.options.order, this.keptOutcomes);
    this.translations = new TranslationCache(this.index);
    this.shared = sharedRefs(live);
    this.refs = new PolicyRefs(live);
    const byOrder = (a: SelectableObject, b: SelectableObject) => this.compare((a as Candidate).order, (b as Candidate).order);
    this.families = new TargetFamilies(this.index, { routes: [], gateways: [], listenerSets: [] }, { routes: byOrder, gateways: byOrder, listenerSets: byOrder });
  }

  // ---------------------------------------------------------------- objects

  compare(a: Order, b: Order): number {
    // One object's order (a route's entries share their route's): no strings to compare.
    if (a === b) return 0;
    if (this.options.order === 'creationTimestamp') {
      if (a.ts !== b.ts) return a.ts < b.ts ? -1 : 1;
      if (a.ns !== b.ns) return a.ns < b.ns ? -1 : 1;
      if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    }
    return a.seq - b.seq;
  }

  readonly policyBefore = (a: PolicyState, b: PolicyState): number => this.compare(a.order, b.order);

  /** The objects held, in input order (first given first). */
  storedObjects(): IterableIterator<StoredObject> {
    return this.store.values();
  }

  /**
   * Takes objects (boundary copies, admitted one by one): each replaces the one of its key, which
   * keeps its place. In a snapshot of the harness profile a repeated key is a second object (the
   * first one counts), as Envoy Gateway's loader reads files; `diagnostics` hears of admission
   * findings in input order.
   */
  put(entries: Iterable<InputEntry>, diagnostics?: Diagnostic[]): void {
    object_store.put(this, entries, diagnostics);
  }

  /** Removes the objects of these keys. */
  remove(keys: Iterable<string>): void {
    object_store.remove(this, keys);
  }

  // ---------------------------------------------------------------- flushing a change

  /** Recomputes everything the changes since the last flush can affect. */
  flush(track: boolean): StateChange | undefined {
    this.change = track ? { entries: [], released: new Map(), noted: [], policies: new Map() } : undefined;
    // Refs are kept while they name about as many policies as there are, so that results of a
    // change compare by identity with those before it; made afresh when old names pile up.
    if (this.refs.names > 2 * this.groups.size + 1024) this.refs = new PolicyRefs(this.live);
    this.outcomes = new OutcomeRecorder(this.options.order, this.keptOutcomes);
    this.cached = {};
    object_store.flushGrants(this);
    object_store.flushGatewayClasses(this);
    object_store.flushNamespaces(this);
    owner_tracking.flushOwners(this);
    route_tracking.flushRoutes(this);
    owner_tracking.flushCandidates(this);
    policy_tracking.flushPolicies(this);
    contender_tracking.flushSlots(this);
    change_flush.flushEntries(this);
    change_flush.flushScopes(this);
    change_flush.flushStatuses(this);
    const change = this.change;
    this.change = undefined;
    if (change) change_flush.dropNotes(change);
    return change;
  }

  // ---------------------------------------------------------------- the Resolution

  /** Entries in Resolution order. */
  compareEntryPlaces(a: EntryPlace, b: EntryPlace): number {
    return change_flush.compareEntryPlaces(this, a, b);
  }

  /** Policies in Resolution order. */
  comparePolicyPlaces(a: PolicyPlace, b: PolicyPlace): number {
    return change_flush.comparePolicyPlaces(this, a, b);
  }

  /** Route results, in route-kind order, then route order, then listener and rule. */
  routes(): RouteResult[] {
    return resolution_output.routes(this);
  }

  /** Policies as Envoy Gateway lists them: in the order its passes first visit them. */
  policies(): PolicyResult[] {
    return resolution_output.policies(this);
  }

  /** What became of every policy's targets, one record per name, in policy order. */
  attachments(): PolicyAttachments[] {
    return resolution_output.attachments(this);
  }

  /** Findings of admission (a followed state: from the objects held), then of resolution. */
  diagnostics(admission?: readonly Diagnostic[]): Diagnostic[] {
    return resolution_output.diagnostics(this, admission);
  }

  /** Objects the API server refused, in input order. */
  rejected(): RejectedObject[] {
    return resolution_output.rejected(this);
  }
}
