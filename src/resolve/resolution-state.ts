/**
 * Resolution as state that follows changes: the admitted objects, the indexes, the attached
 * routes and their entries, the slots with their contenders, each policy's status — and, for each
 * of them, what it depends on, so that a change recomputes only what it can affect:
 *
 * - an object changes the index entries it is (a Namespace's labels, a Secret, a Gateway's
 *   listeners), and those mark the routes that attach through them and the policies that
 *   target them or select among them;
 * - a route is attached again: its entries, its candidacy for selectors, the facts its policies see;
 * - a policy's targets are composed again: its contenders move between slots;
 * - a slot whose contenders moved recomputes the entries it reaches (a route's, or every entry on
 *   a listener), the statuses of its contenders, and the scopes it records;
 * - the Overridden and Merged lists change with the scopes recorded under a Gateway or ListenerSet.
 *
 * The same code resolves a whole input at once (everything is new) and a change to it; the result
 * depends only on the objects held, not on the order of the changes that led there. Objects are
 * ordered as the profile says: by creationTimestamp (then namespace and name), or in the order
 * they were first given — each object keeps its place when it changes, and a deleted one given
 * again comes last.
 */
import equal from 'fast-deep-equal';
import { admitEntry, appliedTwice, type AdmittedObject } from '../admit/admit.js';
import { effectiveOptions, type EffectiveOptions } from '../admit/profile.js';
import type { PolicyInput, RouteInput } from '../admit/resources.js';
import type { Gateway, ListenerSet, ReferenceGrant } from '../model/gateway-api.js';
import type { LabelSelector } from '../model/label-selector.js';
import { GATEWAY_API_GROUP, ROUTE_KINDS } from '../model/kinds.js';
import { LIMITS } from '../model/limits.js';
import { deepFreeze } from '../lang/json.js';
import { OrderedList } from '../lang/ordered-list.js';
import { matchesLabelSelector } from '../match/label-selector.js';
import { listenerDiagnostic, readinessLookups } from '../match/listener-readiness.js';
import { groupOf, type PolicyTarget, type SelectableObject } from '../match/policy-targets.js';
import {
  allowsListenerSet,
  directListener,
  emptyIndex,
  gatewayListeners,
  listenerSetListeners,
  listenerSetParentKey,
  nsName,
  readsListenerSetNamespaces,
  readsRouteNamespaces,
  routeKey,
  type ListenerContext,
  type OwnerListeners,
  type ResourceIndex,
} from '../match/resource-index.js';
import { parentContexts } from '../match/route-attachment.js';
import { notAttachedMessage } from '../match/route-detachment.js';
import { attachRoute, overLimitMessage, plannedEntries } from '../match/route-entries.js';
import { SelectorWatch, type WatchedSelector } from '../match/selector-watch.js';
import { familyOfKind, selectable, TargetFamilies, type TargetFamily } from '../match/target-families.js';
import type { InputEntry } from '../read/limits.js';
import type { AncestorRef } from './ancestor-status.js';
import { foldEntries } from './entry-fold.js';
import { OutcomeRecorder } from './outcome-recorder.js';
import { foldPolicy, type PolicyFold, type PolicyGroup } from './policy-status.js';
import { PolicyRefs } from './policy-refs.js';
import { listenerSlots, parentFor, type PolicyRecord, type ResolveContext, type TargetedRoute } from './resolve-context.js';
import { sharedRefs, toRouteResult, type SharedRefs } from './route-result.js';
import { newRouteState, type RouteState } from './route-state.js';
import { listenerSetEdge, ScopeGraphs, scopeEdges, type Scope, type ScopeEdge } from './scope-graph.js';
import { addContender, gatewaySlot, removeContender, routeSlot, type Contender, type Slot, type SlotKind } from './slots.js';
import { TranslationCache } from './translation-cache.js';
import { conditionTime } from './policy-conditions.js';
import { timestampMillis } from '../values/timestamp.js';
import type { Diagnostic, PolicyResult, RejectedObject, ResolveOptions, RouteResult } from './types.js';
import type { PolicyAttachments } from './policy-outcomes.js';

export const DEFAULT_CONTROLLER_NAME = 'gateway.envoyproxy.io/gatewayclass-controller';

/** One object held: its admission, where it came from, and its place in input order. */
export interface StoredObject {
  key: string;
  seq: number;
  /** Where it was read in a whole input (a snapshot); a followed state names it by its position. */
  path?: string;
  /** The boundary's copy, kept when the state follows changes (`objects()`). */
  object?: unknown;
  admitted: AdmittedObject;
}

/** The order of objects of one kind: creationTimestamp, namespace, name (or input order), then input order. */
interface Order {
  ts: number;
  ns: string;
  name: string;
  seq: number;
}

interface GatewayRecord {
  stored: StoredObject;
  gateway: Gateway;
  order: Order;
}

interface ListenerSetRecord {
  stored: StoredObject;
  listenerSet: ListenerSet;
  order: Order;
}

type Candidate = SelectableObject & { order: Order };

interface RouteRecord {
  stored: StoredObject;
  input: RouteInput;
  order: Order;
  key: string;
  /** When it is the route of its key and attached. */
  targeted?: TargetedRoute;
  /** The public result of each entry of `targeted`. */
  results?: Map<RouteState, RouteResult>;
  /** Its entries made, but left out by the entry limit. */
  overLimit?: number;
  /** What the policies targeting it see of it (existence, ancestors, listeners, rule names). */
  signature?: string;
  /** Owners (`G:`/`L:` keys) its parentRefs name. */
  parents: string[];
}

interface PolicyState extends PolicyRecord {
  canonical: PolicyState;
  stored: StoredObject;
  order: Order;
  contenders: Array<{ slot: Slot<PolicyState>; contender: Contender<PolicyState> }>;
  /** Keys of the objects its targets name (`R:`, `G:`, `L:`), and its route-level target count per route. */
  watching: string[];
  routeTargets: Map<string, number>;
}

interface Group extends PolicyGroup {
  sources: PolicyState[];
  fold?: PolicyFold;
  result?: PolicyResult;
  /** Where `result` is listed. */
  place?: PolicyPlace;
}

/** The listeners of a Gateway or ListenerSet, and what they were read from. */
interface OwnerState {
  listeners: OwnerListeners;
  signature: string;
  secrets: Set<string>;
  grants: Set<string>;
  readsNamespaces: boolean;
}

/** Where a route entry is listed: route kind, its route's order, its place among the route's entries. */
export interface EntryPlace {
  kind: number;
  order: Order;
  index: number;
}

/** Where a policy is listed: the pass that first visits it, then its order. */
export interface PolicyPlace {
  firstPass: number;
  order: Order;
}

/** What a change did: the route entries and policy statuses before and after (and where each is listed), by key. */
export interface StateChange {
  entries: Map<string, { before?: RouteResult; beforeAt?: EntryPlace; after?: RouteResult; afterAt?: EntryPlace }>;
  policies: Map<string, { before?: PolicyResult; beforeAt?: PolicyPlace; after?: PolicyResult; afterAt?: PolicyPlace }>;
}

const entryKey = (s: RouteState): string => `${s.listener.irName}|${routeKey(s.route.kind, s.route.namespace, s.route.name)}|${s.ruleIndex}`;

function insertSorted<T>(list: T[], item: T, cmp: (a: T, b: T) => number): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cmp(list[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, item);
}

function removeItem<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set?.delete(value) && set.size === 0) map.delete(key);
}

const targetSignature = (t: PolicyTarget): string => `${t.group}|${t.kind}|${t.namespace}|${t.name}|${t.sectionName ?? ''}|${t.selector ?? ''}|${t.fromSelector}`;

export class ResolutionState {
  readonly options: EffectiveOptions;
  private readonly controllerName: string;
  private readonly now: string | undefined;
  /** What is wrong with the options (`options.now`), reported after everything else. */
  private readonly optionFindings: Diagnostic[] = [];
  private seq = 0;
  private readonly store = new Map<string, StoredObject>();
  readonly index: ResourceIndex;

  // Objects by what they are, several per key only when the input repeats a name (a snapshot in the harness profile).
  private readonly gatewayRecords = new Map<string, GatewayRecord[]>();
  private readonly listenerSetRecords = new Map<string, ListenerSetRecord[]>();
  private readonly routeRecords = new Map<string, RouteRecord[]>();
  /** Every route record of each kind, in order. */
  private readonly routesByKind = new Map<string, OrderedList<RouteRecord>>(ROUTE_KINDS.map((k) => [k, new OrderedList<RouteRecord>((a, b) => this.compare(a.order, b.order))]));
  private readonly groups = new Map<string, Group>();
  private readonly policyOrder = new OrderedList<PolicyState>((a, b) => this.compare(a.order, b.order));
  private readonly byInput = new Map<PolicyInput, PolicyState>();
  private readonly namespaceObjects = new Map<string, StoredObject[]>();
  private readonly secretObjects = new Map<string, StoredObject[]>();
  private readonly configMapObjects = new Map<string, StoredObject[]>();
  private readonly grantObjects = new Map<string, StoredObject[]>();
  private listenerSetCount = 0;

  // Derived state.
  private readonly owners = new Map<string, OwnerState>();
  private readonly attached = new Map<string, TargetedRoute>();
  private readonly slots = new Map<string, Slot<PolicyState>>();
  private readonly families: TargetFamilies;
  private readonly translations: TranslationCache;
  private readonly scopes = new ScopeGraphs();
  private refs = new PolicyRefs();
  private outcomes: OutcomeRecorder;
  /** What each translation would set, kept across changes so that unchanged outcomes compare by identity. */
  private readonly wouldSet: ConstructorParameters<typeof OutcomeRecorder>[1] = new WeakMap();
  private shared: SharedRefs = sharedRefs();

  // What depends on what.
  private readonly routesByOwner = new Map<string, Set<RouteRecord>>();
  private readonly routesByNamespace = new Map<string, Set<RouteRecord>>();
  private readonly listenerSetsByParent = new Map<string, Set<string>>();
  private readonly listenerSetsByNamespace = new Map<string, Set<string>>();
  private readonly ownersBySecret = new Map<string, Set<string>>();
  private readonly ownersByGrants = new Map<string, Set<string>>();
  private readonly policiesByObject = new Map<string, Set<PolicyState>>();
  private readonly routeTargetCount = new Map<string, number>();
  private readonly selectorWatch = new SelectorWatch<PolicyState>();
  private readonly namespaceWatch = new SelectorWatch<PolicyState>();
  private readonly namespaceSelecting = new Set<PolicyState>();
  private readonly crossNamespace = new Map<string, Set<PolicyState>>();
  private readonly listenerSetTargeting = new Set<PolicyState>();
  private readonly routesOnListener = new Map<string, Set<RouteRecord>>();
  private readonly routesAcceptedOn = new Map<string, Set<RouteRecord>>();
  /** Slots by owner: `Route|<route key>` (route and rule slots), `Gateway|ns/name`, `ListenerSet|ns/name`. */
  private readonly slotsByOwner = new Map<string, Set<Slot<PolicyState>>>();

  // What a change has marked.
  private readonly dirtyOwners = new Set<string>();
  private readonly dirtyRoutes = new Set<string>();
  private readonly dirtyPolicies = new Map<PolicyState, 'targets' | 'contenders'>();
  private readonly dirtyGroups = new Set<string>();
  private readonly dirtySlots = new Set<string>();
  private readonly dirtyEntries = new Map<RouteRecord, Set<string> | true>();
  private readonly dirtyScoping = new Set<string>();
  private readonly dirtyMerges = new Set<string>();
  private readonly dirtyHolders = new Set<string>();
  private readonly dirtyStatus = new Set<string>();
  private change: StateChange | undefined;

  private cached: { routes?: RouteResult[]; policies?: PolicyResult[]; attachments?: PolicyAttachments[] } = {};

  constructor(
    resolveOptions: ResolveOptions,
    /** Keep each object's copy and report what each change did (a resolver), or resolve one input (a snapshot). */
    readonly live: boolean,
  ) {
    this.options = effectiveOptions(resolveOptions);
    this.controllerName = resolveOptions.controllerName ?? DEFAULT_CONTROLLER_NAME;
    this.now = conditionTime(resolveOptions.now, this.optionFindings);
    this.index = emptyIndex(this.options.namespaces === 'declared');
    this.outcomes = new OutcomeRecorder(this.options.order);
    this.translations = new TranslationCache(this.index);
    const byOrder = (a: SelectableObject, b: SelectableObject) => this.compare((a as Candidate).order, (b as Candidate).order);
    this.families = new TargetFamilies(this.index, { routes: [], gateways: [], listenerSets: [] }, { routes: byOrder, gateways: byOrder, listenerSets: byOrder });
  }

  // ---------------------------------------------------------------- objects

  private compare(a: Order, b: Order): number {
    if (this.options.order === 'creationTimestamp') {
      if (a.ts !== b.ts) return a.ts < b.ts ? -1 : 1;
      if (a.ns !== b.ns) return a.ns < b.ns ? -1 : 1;
      if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    }
    return a.seq - b.seq;
  }

  private readonly policyBefore = (a: PolicyState, b: PolicyState): number => this.compare(a.order, b.order);

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
    const firstPaths = new Map<string, string>();
    for (const entry of entries) {
      const seq = this.seq++;
      const admitted = admitEntry(entry, seq, this.options);
      if (!admitted) continue;
      for (const d of admitted.diagnostics) diagnostics?.push(d);
      let key = admitted.key;
      if (!this.live) {
        if (this.options.apiServer && !admitted.rejected) {
          const first = firstPaths.get(key);
          if (first === undefined) firstPaths.set(key, entry.path);
          else diagnostics?.push(appliedTwice(admitted, first, entry.path));
        } else {
          // The harness loader keeps every object (the first of a name counts); a refused object is never stored.
          for (let n = 2; this.store.has(key); n++) key = `${admitted.key}#${n}`;
        }
      }
      const stored: StoredObject = { key, seq, admitted };
      if (this.live) stored.object = entry.object;
      else stored.path = entry.path;
      const before = this.store.get(key);
      if (before) stored.seq = before.seq;
      this.store.set(key, stored);
      if (before) this.unindexObject(before);
      this.indexObject(stored);
    }
  }

  /** Removes the objects of these keys. */
  remove(keys: Iterable<string>): void {
    for (const key of keys) {
      const before = this.store.get(key);
      if (!before) continue;
      this.store.delete(key);
      this.unindexObject(before);
    }
  }

  private orderOf(meta: { namespace?: string; name?: string } | undefined, ts: number, seq: number): Order {
    return { ts, ns: meta?.namespace ?? '', name: meta?.name ?? '', seq };
  }

  private indexObject(stored: StoredObject): void {
    const model = stored.admitted.model;
    if (!model) return;
    switch (model.type) {
      case 'Gateway': {
        const gw = model.gateway;
        const key = nsName(gw.metadata.namespace!, gw.metadata.name ?? '');
        const list = this.gatewayRecords.get(key) ?? [];
        insertSorted(list, { stored, gateway: gw, order: this.orderOf(gw.metadata, timestamp(gw.metadata), stored.seq) }, (a, b) => this.compare(a.order, b.order));
        this.gatewayRecords.set(key, list);
        this.dirtyOwners.add(`G:${key}`);
        break;
      }
      case 'ListenerSet': {
        const ls = model.listenerSet;
        const key = nsName(ls.metadata.namespace!, ls.metadata.name ?? '');
        const list = this.listenerSetRecords.get(key) ?? [];
        insertSorted(list, { stored, listenerSet: ls, order: this.orderOf(ls.metadata, timestamp(ls.metadata), stored.seq) }, (a, b) => this.compare(a.order, b.order));
        this.listenerSetRecords.set(key, list);
        if (this.listenerSetCount++ === 0) this.listenerSetsToggled();
        this.dirtyOwners.add(`L:${key}`);
        break;
      }
      case 'Route': {
        const r = model.route;
        const key = routeKey(r.kind, r.namespace, r.name);
        const record: RouteRecord = { stored, input: r, order: { ts: r.creationTimestamp, ns: r.namespace, name: r.name, seq: stored.seq }, key, parents: routeParents(r) };
        const list = this.routeRecords.get(key) ?? [];
        insertSorted(list, record, (a, b) => this.compare(a.order, b.order));
        this.routeRecords.set(key, list);
        this.routesByKind.get(r.kind)!.add(record);
        this.dirtyRoutes.add(key);
        break;
      }
      case 'Policy':
        this.addPolicy(stored, model.policy);
        break;
      case 'ReferenceGrant':
        this.keyed(this.grantObjects, model.grant.metadata.namespace!, stored, 1);
        break;
      case 'Namespace':
        this.keyed(this.namespaceObjects, model.namespace.metadata.name ?? '', stored, 1);
        break;
      case 'Secret':
        this.keyed(this.secretObjects, nsName(model.secret.metadata.namespace ?? '', model.secret.metadata.name ?? ''), stored, 1);
        break;
      case 'ConfigMap':
        this.keyed(this.configMapObjects, nsName(model.configMap.metadata.namespace!, model.configMap.metadata.name ?? ''), stored, 1);
        break;
    }
  }

  private unindexObject(stored: StoredObject): void {
    const model = stored.admitted.model;
    if (!model) return;
    switch (model.type) {
      case 'Gateway': {
        const key = nsName(model.gateway.metadata.namespace!, model.gateway.metadata.name ?? '');
        const list = this.gatewayRecords.get(key)!;
        list.splice(list.findIndex((r) => r.stored === stored), 1);
        if (list.length === 0) this.gatewayRecords.delete(key);
        this.dirtyOwners.add(`G:${key}`);
        break;
      }
      case 'ListenerSet': {
        const key = nsName(model.listenerSet.metadata.namespace!, model.listenerSet.metadata.name ?? '');
        const list = this.listenerSetRecords.get(key)!;
        list.splice(list.findIndex((r) => r.stored === stored), 1);
        if (list.length === 0) this.listenerSetRecords.delete(key);
        if (--this.listenerSetCount === 0) this.listenerSetsToggled();
        this.dirtyOwners.add(`L:${key}`);
        break;
      }
      case 'Route': {
        const r = model.route;
        const key = routeKey(r.kind, r.namespace, r.name);
        const list = this.routeRecords.get(key)!;
        const i = list.findIndex((x) => x.stored === stored);
        const record = list[i]!;
        list.splice(i, 1);
        if (list.length === 0) this.routeRecords.delete(key);
        this.routesByKind.get(r.kind)!.remove(record);
        this.dirtyRoutes.add(key);
        break;
      }
      case 'Policy':
        this.removePolicy(this.byInput.get(model.policy)!);
        break;
      case 'ReferenceGrant':
        this.keyed(this.grantObjects, model.grant.metadata.namespace!, stored, -1);
        break;
      case 'Namespace':
        this.keyed(this.namespaceObjects, model.namespace.metadata.name ?? '', stored, -1);
        break;
      case 'Secret':
        this.keyed(this.secretObjects, nsName(model.secret.metadata.namespace ?? '', model.secret.metadata.name ?? ''), stored, -1);
        break;
      case 'ConfigMap':
        this.keyed(this.configMapObjects, nsName(model.configMap.metadata.namespace!, model.configMap.metadata.name ?? ''), stored, -1);
        break;
    }
  }

  /** Namespaces, Secrets, ConfigMaps and ReferenceGrants: held by key, in input order; the index is updated at once. */
  private keyed(map: Map<string, StoredObject[]>, key: string, stored: StoredObject, delta: 1 | -1): void {
    const list = map.get(key) ?? [];
    if (delta > 0) insertSorted(list, stored, (a, b) => a.seq - b.seq);
    else removeItem(list, stored);
    if (list.length > 0) map.set(key, list);
    else map.delete(key);
    const model = stored.admitted.model!;
    switch (model.type) {
      case 'Namespace': {
        const before = this.index.namespaceLabels.has(key) ? this.index.namespaceLabels.get(key) : null;
        // The last of a name, as a Map of them keeps it.
        const last = list[list.length - 1]?.admitted.model;
        if (last?.type === 'Namespace') this.index.namespaceLabels.set(key, last.namespace.metadata.labels);
        else this.index.namespaceLabels.delete(key);
        const after = this.index.namespaceLabels.has(key) ? this.index.namespaceLabels.get(key) : null;
        this.namespaceChanged(key, before, after);
        break;
      }
      case 'Secret': {
        // The first of a name.
        const first = list[0]?.admitted.model;
        if (first?.type === 'Secret') this.index.secrets.set(key, first.secret);
        else this.index.secrets.delete(key);
        for (const owner of this.ownersBySecret.get(key) ?? []) this.dirtyOwners.add(owner);
        break;
      }
      case 'ConfigMap': {
        const last = list[list.length - 1]?.admitted.model;
        if (last?.type === 'ConfigMap') this.index.configMaps.set(key, last.configMap);
        else this.index.configMaps.delete(key);
        for (const input of [...this.translations.readersOf(key)]) this.translationChanged(input);
        break;
      }
      case 'ReferenceGrant': {
        const grants: ReferenceGrant[] = [];
        for (const s of list) if (s.admitted.model?.type === 'ReferenceGrant') grants.push(s.admitted.model.grant);
        if (grants.length > 0) this.index.referenceGrants.set(key, grants);
        else this.index.referenceGrants.delete(key);
        for (const owner of this.ownersByGrants.get(key) ?? []) this.dirtyOwners.add(owner);
        for (const from of model.grant.spec.from) for (const p of this.crossNamespace.get(from.namespace) ?? []) this.markPolicy(p, 'targets');
        break;
      }
      default:
        break;
    }
  }

  // ---------------------------------------------------------------- what a change marks

  private namespaceChanged(name: string, before: Record<string, string> | undefined | null, after: Record<string, string> | undefined | null): void {
    if (before === after) return;
    const existence = (before === null) !== (after === null);
    for (const route of this.routesByNamespace.get(name) ?? []) {
      if ((existence && this.index.declaredNamespacesOnly) || route.parents.some((o) => this.owners.get(o)?.readsNamespaces)) this.dirtyRoutes.add(route.key);
    }
    for (const ls of this.listenerSetsByNamespace.get(name) ?? []) {
      const parent = this.index.listenerSetParent.get(ls);
      const gw = parent === undefined ? undefined : this.index.gateways.get(parent);
      if (gw && readsListenerSetNamespaces(gw)) this.dirtyOwners.add(`L:${ls}`);
    }
    const selecting = new Set<PolicyState>();
    if (existence) for (const p of this.namespaceSelecting) selecting.add(p);
    else this.namespaceWatch.collect('Namespace', '', [before ?? undefined, after ?? undefined], selecting);
    for (const p of selecting) this.markPolicy(p, 'targets');
  }

  private listenerSetsToggled(): void {
    for (const p of this.listenerSetTargeting) this.markPolicy(p, 'contenders');
  }

  private markPolicy(p: PolicyState, what: 'targets' | 'contenders'): void {
    if (this.dirtyPolicies.get(p) !== 'targets') this.dirtyPolicies.set(p, what);
    if (what === 'targets') this.families.forget(p.input);
  }

  private markGroupStatus(p: PolicyState): void {
    this.dirtyStatus.add(p.name);
  }

  private translationChanged(input: PolicyInput): void {
    this.translations.forget(input);
    const p = this.byInput.get(input);
    if (!p) return;
    for (const { slot } of p.contenders) this.dirtySlots.add(slot.key);
    this.markGroupStatus(p);
  }

  // ---------------------------------------------------------------- policies

  private addPolicy(stored: StoredObject, input: PolicyInput): void {
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
      watching: [],
      routeTargets: new Map(),
    } as unknown as PolicyState;
    p.canonical = p;
    this.byInput.set(input, p);
    this.policyOrder.add(p);
    let group = this.groups.get(name);
    if (!group) this.groups.set(name, (group = { name, sources: [] }));
    insertSorted(group.sources, p, this.policyBefore);
    this.watchSelectors(p);
    this.markPolicy(p, 'targets');
    this.dirtyGroups.add(name);
  }

  private removePolicy(p: PolicyState): void {
    this.byInput.delete(p.input);
    this.policyOrder.remove(p);
    const group = this.groups.get(p.name)!;
    removeItem(group.sources, p);
    this.dirtyPolicies.delete(p);
    this.families.forget(p.input);
    this.translations.forget(p.input);
    this.unwatchSelectors(p);
    this.setPasses(p, [[], [], [], [], [], []], []);
    this.updateContenders(p, true);
    this.dirtyGroups.add(p.name);
    this.dirtyStatus.add(p.name);
  }

  /** Files the policy's selectors, so that a candidate, a Namespace or a ReferenceGrant can find it. */
  private watchSelectors(p: PolicyState): void {
    const selectors = p.input.spec.targetSelectors ?? [];
    const watched: WatchedSelector[] = [];
    const namespaces: WatchedSelector[] = [];
    let cross = false;
    for (const sel of selectors) {
      if (!sel) continue;
      const labelSelector: LabelSelector = {};
      if (sel.matchLabels) labelSelector.matchLabels = sel.matchLabels;
      if (sel.matchExpressions) labelSelector.matchExpressions = sel.matchExpressions as LabelSelector['matchExpressions'];
      const from = sel.namespaces?.from ?? '';
      const same = from === '' || from === 'Same';
      if (typeof sel.kind === 'string') watched.push(same ? { kind: sel.kind, namespace: p.input.namespace, selector: labelSelector } : { kind: sel.kind, selector: labelSelector });
      const family = familyOfKind(sel.kind);
      if (family) this.selecting[family].add(p);
      if (!same) cross = true;
      if (from === 'Selector') {
        this.namespaceSelecting.add(p);
        const nsSelector = sel.namespaces?.selector as LabelSelector | undefined;
        if (nsSelector) namespaces.push({ kind: 'Namespace', selector: nsSelector });
      }
      if (sel.kind === 'ListenerSet') this.listenerSetTargeting.add(p);
    }
    this.selectorWatch.watch(p, watched);
    this.namespaceWatch.watch(p, namespaces);
    if (cross) addTo(this.crossNamespace, p.input.namespace, p);
    const spec = p.input.spec as { targetRef?: { kind?: unknown }; targetRefs?: Array<{ kind?: unknown } | null> };
    if ([spec.targetRef, ...(spec.targetRefs ?? [])].some((r) => r?.kind === 'ListenerSet')) this.listenerSetTargeting.add(p);
  }

  private unwatchSelectors(p: PolicyState): void {
    for (const family of ['routes', 'gateways', 'listenerSets'] as const) this.selecting[family].delete(p);
    this.selectorWatch.unwatch(p);
    this.namespaceWatch.unwatch(p);
    this.namespaceSelecting.delete(p);
    removeFrom(this.crossNamespace, p.input.namespace, p);
    this.listenerSetTargeting.delete(p);
  }

  /** A policy's targets per pass, from its plain refs and its selectors' picks. */
  private composePasses(p: PolicyState): void {
    const { input } = p;
    const plain = this.families.plain(input);
    const routes = this.families.of(input, 'routes');
    const listenerSets = this.families.of(input, 'listenerSets');
    const gateways = this.families.of(input, 'gateways');
    const lsPasses = this.listenerSetCount > 0;
    const passes: PolicyTarget[][] = [
      plain.filter((t) => t.kind !== 'Gateway' && t.sectionName),
      routes.filter((t) => t.kind !== 'Gateway' && !t.sectionName),
      lsPasses ? plain.filter((t) => t.kind === 'ListenerSet' && t.sectionName) : [],
      lsPasses ? listenerSets.filter((t) => t.kind === 'ListenerSet' && !t.sectionName) : [],
      plain.filter((t) => t.kind === 'Gateway' && t.sectionName),
      gateways.filter((t) => t.kind === 'Gateway' && !t.sectionName),
    ];
    this.setPasses(p, passes, lsPasses ? [] : plain.filter((t) => t.kind === 'ListenerSet'));
  }

  /** Sets a policy's pass lists, keeping the indexes of what its targets name up to date. */
  private setPasses(p: PolicyState, passes: PolicyTarget[][], listenerSetsMissing: PolicyTarget[]): void {
    for (const k of p.watching) removeFrom(this.policiesByObject, k, p);
    for (const [rk, n] of p.routeTargets) this.countRouteTargets(rk, -n);
    p.passes = passes;
    p.listenerSetsMissing = listenerSetsMissing;
    const watching = new Set<string>();
    const routeTargets = new Map<string, number>();
    passes.forEach((list, i) => {
      for (const t of list) {
        if (i <= 1) {
          const rk = routeKey(t.kind, t.namespace, t.name);
          watching.add(`R:${rk}`);
          routeTargets.set(rk, (routeTargets.get(rk) ?? 0) + 1);
        } else watching.add(`${i <= 3 ? 'L' : 'G'}:${nsName(t.namespace, t.name)}`);
      }
    });
    p.watching = [...watching];
    p.routeTargets = routeTargets;
    for (const k of p.watching) addTo(this.policiesByObject, k, p);
    for (const [rk, n] of routeTargets) this.countRouteTargets(rk, n);
    p.firstPass = 7;
    for (let i = 0; i < 6; i++) {
      if (passes[i]!.length > 0) {
        p.firstPass = i + 1;
        break;
      }
    }
  }

  private countRouteTargets(rk: string, delta: number): void {
    const before = this.routeTargetCount.get(rk) ?? 0;
    const after = before + delta;
    if (after === 0) this.routeTargetCount.delete(rk);
    else this.routeTargetCount.set(rk, after);
    if ((before === 0) !== (after === 0)) this.dirtyScoping.add(rk);
  }

  /** The slot a target of pass `pass` (1 to 6) contends for, if it resolves to one. */
  private slotOf(pass: number, t: PolicyTarget): { key: string; kind: SlotKind; owner: string; section?: string } | undefined {
    const section = t.sectionName;
    if (pass <= 2) {
      const rk = routeKey(t.kind, t.namespace, t.name);
      const route = this.attached.get(rk);
      if (!route) return undefined;
      if (pass === 1) {
        if (!route.route.object.spec.rules.some((r) => r.name !== undefined && r.name === section)) return undefined;
        return { key: routeSlot(rk, section), kind: 'RouteRule', owner: rk, section };
      }
      return { key: routeSlot(rk, undefined), kind: 'Route', owner: rk };
    }
    const key = nsName(t.namespace, t.name);
    if (pass <= 4) {
      const ls = this.index.listenerSets.get(key);
      if (!ls || (section && !ls.spec.listeners.some((l) => l.name === section))) return undefined;
      return { key: gatewaySlot('ListenerSet', key, section), kind: 'ListenerSet', owner: key, ...(section ? { section } : {}) };
    }
    if (!this.index.gateways.has(key) || (section && !directListener(this.index, key, section))) return undefined;
    return { key: gatewaySlot('Gateway', key, section), kind: 'Gateway', owner: key, ...(section ? { section } : {}) };
  }

  /**
   * Moves the policy's contenders to the slots its targets resolve to now. A slot where its
   * contenders are what they were (same targets, same places) is left as it is.
   */
  private updateContenders(p: PolicyState, orderChanged: boolean): void {
    const wanted = new Map<string, { slot: { key: string; kind: SlotKind; owner: string; section?: string }; list: Array<{ target: PolicyTarget; position: number }> }>();
    const lsPasses = this.listenerSetCount > 0;
    p.passes.forEach((list, i) => {
      if ((i === 2 || i === 3) && !lsPasses) return;
      list.forEach((t, position) => {
        const slot = this.slotOf(i + 1, t);
        if (!slot) return;
        let w = wanted.get(slot.key);
        if (!w) wanted.set(slot.key, (w = { slot, list: [] }));
        w.list.push({ target: t, position });
      });
    });
    const had = new Map<string, Array<{ slot: Slot<PolicyState>; contender: Contender<PolicyState> }>>();
    for (const c of p.contenders) {
      const list = had.get(c.slot.key) ?? [];
      list.push(c);
      had.set(c.slot.key, list);
    }
    const next: PolicyState['contenders'] = [];
    for (const [key, old] of had) {
      const w = wanted.get(key);
      const same =
        !orderChanged &&
        w !== undefined &&
        w.list.length === old.length &&
        w.list.every((x, i) => x.position === old[i]!.contender.position && targetSignature(x.target) === targetSignature(old[i]!.contender.target));
      if (same) {
        w.list.forEach((x, i) => {
          old[i]!.contender.target = x.target;
          next.push(old[i]!);
        });
        wanted.delete(key);
        continue;
      }
      for (const c of old) removeContender(c.slot, c.contender);
      this.slotChanged(old[0]!.slot);
    }
    for (const [key, w] of wanted) {
      let slot = this.slots.get(key);
      if (!slot) {
        slot = { key, kind: w.slot.kind, owner: w.slot.owner, contenders: [], ...(w.slot.section !== undefined ? { section: w.slot.section } : {}) };
        this.slots.set(key, slot);
        addTo(this.slotsByOwner, `${slot.kind === 'RouteRule' ? 'Route' : slot.kind}|${slot.owner}`, slot);
      }
      for (const x of w.list) {
        const contender: Contender<PolicyState> = { source: p, target: x.target, position: x.position };
        addContender(slot, contender, this.policyBefore);
        next.push({ slot, contender });
      }
      this.slotChanged(slot);
    }
    p.contenders = next;
  }

  private slotChanged(slot: Slot<PolicyState>): void {
    this.dirtySlots.add(slot.key);
    // Contenders that leave are marked by their own policy's change; those that stay are marked when the slot is processed.
  }

  // ---------------------------------------------------------------- flushing a change

  /** Recomputes everything the changes since the last flush can affect. */
  flush(track: boolean): StateChange | undefined {
    this.change = track ? { entries: new Map(), policies: new Map() } : undefined;
    // Refs are kept while they name about as many policies as there are, so that results of a
    // change compare by identity with those before it; made afresh when old names pile up.
    if (this.refs.names > 2 * this.groups.size + 1024) this.refs = new PolicyRefs();
    this.outcomes = new OutcomeRecorder(this.options.order, this.wouldSet);
    this.shared = sharedRefs();
    this.cached = {};
    this.flushOwners();
    this.flushRoutes();
    this.flushCandidates();
    this.flushPolicies();
    this.flushSlots();
    this.flushEntries();
    this.flushScopes();
    this.flushStatuses();
    const change = this.change;
    this.change = undefined;
    return change;
  }

  private lookups(deps?: OwnerState) {
    return readinessLookups(this.index, deps && { secret: (k) => deps.secrets.add(k), grants: (ns) => deps.grants.add(ns) });
  }

  private flushOwners(): void {
    // Gateways first: a ListenerSet reads its Gateway.
    for (const owner of [...this.dirtyOwners].filter((o) => o.startsWith('G:'))) this.updateGateway(owner.slice(2));
    for (const owner of [...this.dirtyOwners].filter((o) => o.startsWith('L:'))) this.updateListenerSet(owner.slice(2));
    this.dirtyOwners.clear();
  }

  private setOwner(id: string, state: OwnerState | undefined): boolean {
    const before = this.owners.get(id);
    for (const k of before?.secrets ?? []) removeFrom(this.ownersBySecret, k, id);
    for (const ns of before?.grants ?? []) removeFrom(this.ownersByGrants, ns, id);
    if (state) {
      for (const k of state.secrets) addTo(this.ownersBySecret, k, id);
      for (const ns of state.grants) addTo(this.ownersByGrants, ns, id);
    }
    if (before && state && before.signature === state.signature) {
      // Same listeners: keep the contexts routes hold, with what they were read from now.
      this.owners.set(id, { ...state, listeners: before.listeners });
      return false;
    }
    if (state) this.owners.set(id, state);
    else this.owners.delete(id);
    return true;
  }

  private updateGateway(key: string): void {
    const record = this.gatewayRecords.get(key)?.[0];
    const before = this.index.gateways.get(key);
    const gw = record?.gateway;
    let listenersChanged: boolean;
    if (record && gw) {
      this.index.gateways.set(key, gw);
      const state: OwnerState = { listeners: { all: [], ready: [], unready: [] }, signature: '', secrets: new Set(), grants: new Set(), readsNamespaces: readsRouteNamespaces(gw.spec.listeners) };
      state.listeners = gatewayListeners(gw, key, this.lookups(state));
      state.signature = ownerSignature(gw, state.listeners);
      listenersChanged = this.setOwner(`G:${key}`, state);
      this.index.ownListeners.set(key, this.owners.get(`G:${key}`)!.listeners.ready);
      if (before !== gw) this.candidateChanged('gateways', `G:${key}`, selectable(gw, 'Gateway'), { ts: timestamp(gw.metadata), ns: gw.metadata.namespace ?? '', name: gw.metadata.name ?? '', seq: record.stored.seq });
    } else {
      this.index.gateways.delete(key);
      this.index.ownListeners.delete(key);
      listenersChanged = this.setOwner(`G:${key}`, undefined);
      this.candidateChanged('gateways', `G:${key}`, undefined, undefined);
    }
    const existence = (before === undefined) !== (gw === undefined);
    if (listenersChanged || existence) {
      for (const route of this.routesByOwner.get(`G:${key}`) ?? []) this.dirtyRoutes.add(route.key);
      for (const p of this.policiesByObject.get(`G:${key}`) ?? []) this.markPolicy(p, 'contenders');
    }
    const allowed = (g: Gateway | undefined) => JSON.stringify((g?.spec as { allowedListeners?: unknown } | undefined)?.allowedListeners);
    if (existence || allowed(before) !== allowed(gw)) {
      for (const ls of this.listenerSetsByParent.get(key) ?? []) {
        this.dirtyOwners.add(`L:${ls}`);
        // A ListenerSet target is found only while its Gateway exists (attached or not).
        if (existence) for (const p of this.policiesByObject.get(`L:${ls}`) ?? []) this.markGroupStatus(p);
        // A held ListenerSet slot records its scopes only while the ListenerSet's Gateway exists.
        for (const slot of this.slotsByOwner.get(`ListenerSet|${ls}`) ?? []) this.dirtyHolders.add(slot.key);
      }
    }
  }

  private updateListenerSet(key: string): void {
    const record = this.listenerSetRecords.get(key)?.[0];
    const before = this.index.listenerSets.get(key);
    const parentBefore = this.index.listenerSetParent.get(key);
    let changed: boolean;
    if (record) {
      const ls = record.listenerSet;
      const parent = listenerSetParentKey(ls);
      this.index.listenerSets.set(key, ls);
      this.index.listenerSetParent.set(key, parent);
      if (parentBefore !== parent) {
        if (parentBefore !== undefined) removeFrom(this.listenerSetsByParent, parentBefore, key);
        addTo(this.listenerSetsByParent, parent, key);
      }
      if (before?.metadata.namespace !== ls.metadata.namespace) {
        if (before) removeFrom(this.listenerSetsByNamespace, before.metadata.namespace!, key);
        addTo(this.listenerSetsByNamespace, ls.metadata.namespace!, key);
      }
      const gw = this.index.gateways.get(parent);
      const attached = gw !== undefined && allowsListenerSet(gw, ls, this.index.namespaceLabels, (sel, labels) => matchesLabelSelector(sel as LabelSelector | undefined, labels));
      const state: OwnerState = { listeners: { all: [], ready: [], unready: [] }, signature: '', secrets: new Set(), grants: new Set(), readsNamespaces: readsRouteNamespaces(ls.spec.listeners) };
      if (attached) state.listeners = listenerSetListeners(ls, key, gw, parent, this.lookups(state));
      // Routes attach to a ListenerSet (with no listeners) while its Gateway exists, attached or not.
      state.signature = `${attached}|${gw !== undefined}|${parent}|${ownerSignature(ls, state.listeners)}`;
      changed = this.setOwner(`L:${key}`, state);
      if (attached) this.index.listenerSetListeners.set(key, this.owners.get(`L:${key}`)!.listeners.ready);
      else this.index.listenerSetListeners.delete(key);
      if (before !== ls) this.candidateChanged('listenerSets', `L:${key}`, selectable(ls, 'ListenerSet'), { ts: timestamp(ls.metadata), ns: ls.metadata.namespace ?? '', name: ls.metadata.name ?? '', seq: record.stored.seq });
    } else {
      this.index.listenerSets.delete(key);
      this.index.listenerSetParent.delete(key);
      this.index.listenerSetListeners.delete(key);
      if (parentBefore !== undefined) removeFrom(this.listenerSetsByParent, parentBefore, key);
      if (before) removeFrom(this.listenerSetsByNamespace, before.metadata.namespace!, key);
      changed = this.setOwner(`L:${key}`, undefined);
      this.candidateChanged('listenerSets', `L:${key}`, undefined, undefined);
    }
    if (!changed && (before === undefined) === (record === undefined) && parentBefore === this.index.listenerSetParent.get(key)) return;
    for (const route of this.routesByOwner.get(`L:${key}`) ?? []) this.dirtyRoutes.add(route.key);
    for (const p of this.policiesByObject.get(`L:${key}`) ?? []) this.markPolicy(p, 'contenders');
    for (const slot of this.slotsByOwner.get(`ListenerSet|${key}`) ?? []) this.dirtyHolders.add(slot.key);
  }

  // ---------------------------------------------------------------- candidates

  /** Selector candidates by family and id (`R:`, `G:`, `L:` and the key). */
  private readonly candidates: Record<TargetFamily, Map<string, Candidate>> = { routes: new Map(), gateways: new Map(), listenerSets: new Map() };
  /** Candidates changed since the families were last told, with what the family index holds of each. */
  private readonly pendingCandidates = new Map<string, { family: TargetFamily; before: Candidate | undefined }>();
  /** Policies with a selector of each family. */
  private readonly selecting: Record<TargetFamily, Set<PolicyState>> = { routes: new Set(), gateways: new Set(), listenerSets: new Set() };

  /** A selector candidate came, went or changed (labels, order). */
  private candidateChanged(family: TargetFamily, id: string, next: SelectableObject | undefined, order: Order | undefined): void {
    const current = this.candidates[family].get(id);
    const after = next && order ? ({ ...next, order } as Candidate) : undefined;
    if (current && after && equal(current, after)) return;
    if (!this.pendingCandidates.has(id)) this.pendingCandidates.set(id, { family, before: current });
    if (after) this.candidates[family].set(id, after);
    else this.candidates[family].delete(id);
  }

  /**
   * Tells the families of the changed candidates; the policies whose selectors may pick one,
   * before or after, compose that family again. Many changes at once (a whole input) index the
   * family anew instead, and every policy selecting in it composes again.
   */
  private flushCandidates(): void {
    const byFamily: Record<TargetFamily, Array<{ id: string; before: Candidate | undefined }>> = { routes: [], gateways: [], listenerSets: [] };
    for (const [id, { family, before }] of this.pendingCandidates) byFamily[family].push({ id, before });
    this.pendingCandidates.clear();
    for (const family of ['routes', 'gateways', 'listenerSets'] as const) {
      const changes = byFamily[family];
      if (changes.length === 0) continue;
      const current = this.candidates[family];
      if (changes.length > 32 && changes.length * 4 > current.size) {
        this.families.reset(family, [...current.values()].sort((a, b) => this.compare(a.order, b.order)));
        for (const p of this.selecting[family]) {
          this.families.forget(p.input, family);
          this.markPolicy(p, 'contenders');
        }
        continue;
      }
      const policies = new Set<PolicyState>();
      for (const { id, before } of changes) {
        const after = current.get(id);
        if (before) this.families.remove(family, before);
        if (after) this.families.add(family, after);
        for (const c of [before, after]) if (c) this.selectorWatch.collect(c.kind, c.namespace, [c.labels], policies);
      }
      for (const p of policies) {
        this.families.forget(p.input, family);
        this.markPolicy(p, 'contenders');
      }
    }
  }

  // ---------------------------------------------------------------- routes

  /** The record whose attachment is live, per route key (the first of the key, once attached). */
  private readonly routeOfKey = new Map<string, RouteRecord>();
  private totalEntries = 0;
  private overLimitCount = 0;

  private flushRoutes(): void {
    if (this.dirtyRoutes.size === 0) return;
    const keys = [...this.dirtyRoutes];
    this.dirtyRoutes.clear();
    for (const key of keys) this.reattach(key);
    if (this.overLimitCount > 0) this.attachInOrder();
  }

  private routeFactsChanged(key: string): void {
    for (const p of this.policiesByObject.get(`R:${key}`) ?? []) this.markPolicy(p, 'contenders');
    this.dirtyScoping.add(key);
    this.dirtyMerges.add(key);
  }

  /** Lets go of a record's entries and listeners (its results are noted as gone). */
  private release(record: RouteRecord): void {
    const t = record.targeted;
    if (t) {
      this.attached.delete(record.key);
      for (const irName of t.groups.keys()) removeFrom(this.routesOnListener, irName, record);
      for (const c of t.contexts) for (const l of c.listeners) removeFrom(this.routesAcceptedOn, l.irName, record);
      if (this.change) t.entries.forEach((s, i) => this.noteEntry(s, record.results?.get(s), this.placeOf(record, i), undefined, undefined));
      this.totalEntries -= t.entries.length;
      record.targeted = undefined;
      record.results = undefined;
      this.dirtyEntries.delete(record);
    }
    if (record.overLimit !== undefined) {
      this.overLimitCount--;
      record.overLimit = undefined;
    }
    for (const o of record.parents) removeFrom(this.routesByOwner, o, record);
    removeFrom(this.routesByNamespace, record.input.namespace, record);
  }

  /** Attaches the route of a key again: its object, its parents or what it reads changed. */
  private reattach(key: string): void {
    const record = this.routeRecords.get(key)?.[0];
    const previous = this.routeOfKey.get(key);
    if (previous && previous !== record) {
      this.release(previous);
      this.candidateChanged('routes', `R:${key}`, undefined, undefined);
      previous.signature = undefined;
      this.routeOfKey.delete(key);
      if (!record) this.routeFactsChanged(key);
    }
    if (record) this.index.routes.set(key, record.input);
    else this.index.routes.delete(key);
    if (!record) return;
    const signatureBefore = record.signature;
    this.release(record);
    this.routeOfKey.set(key, record);
    for (const o of record.parents) addTo(this.routesByOwner, o, record);
    addTo(this.routesByNamespace, record.input.namespace, record);
    const contexts = parentContexts(record.input, this.index);
    if (contexts.length > 0) {
      const planned = plannedEntries(record.input, contexts);
      if (this.totalEntries + planned > LIMITS.maxRouteResults) {
        record.overLimit = planned;
        this.overLimitCount++;
      } else {
        this.totalEntries += planned;
        const a = attachRoute(record.input, contexts, newRouteState);
        const groups = new Map<string, RouteState[]>();
        for (const s of a.entries) {
          let g = groups.get(s.listener.irName);
          if (!g) groups.set(s.listener.irName, (g = []));
          g.push(s);
        }
        const r = record.input;
        const targeted: TargetedRoute = { ...a, key, ancestors: a.contexts.map((c) => c.ancestorRef as AncestorRef), scope: { kind: 'Route', key: nsName(r.namespace, r.name), routeKind: r.kind }, groups };
        record.targeted = targeted;
        record.results = new Map();
        this.attached.set(key, targeted);
        for (const irName of groups.keys()) addTo(this.routesOnListener, irName, record);
        for (const c of a.contexts) for (const l of c.listeners) addTo(this.routesAcceptedOn, l.irName, record);
        this.dirtyEntries.set(record, true);
      }
    }
    const r = record.input;
    const candidate: SelectableObject | undefined = record.targeted
      ? { group: groupOf(r.object.apiVersion, GATEWAY_API_GROUP), kind: r.kind, namespace: r.namespace, name: r.name, labels: r.object.metadata.labels, creationTimestamp: r.creationTimestamp }
      : undefined;
    this.candidateChanged('routes', `R:${key}`, candidate, candidate && record.order);
    record.signature = routeSignature(record, this.index);
    if (record.signature !== signatureBefore) this.routeFactsChanged(key);
  }

  /**
   * Past `LIMITS.maxRouteResults` entries, which routes are left out depends on their order:
   * routes attach in route-kind order, then in order, until the limit, and one that would pass it
   * is left out. This attaches every route again in that order (only an input that large pays it).
   */
  private attachInOrder(): void {
    const records: RouteRecord[] = [];
    for (const kind of ROUTE_KINDS) for (const r of this.routesByKind.get(kind)!.list) if (this.routeOfKey.get(r.key) === r) records.push(r);
    for (const r of records) this.release(r);
    for (const r of records) this.reattach(r.key);
  }

  // ---------------------------------------------------------------- policies, slots

  private flushPolicies(): void {
    // Canonical objects of repeated names (a harness snapshot): the first one visited.
    const dirty = [...this.dirtyPolicies];
    this.dirtyPolicies.clear();
    const orderChanged = new Set<PolicyState>();
    for (const [p, what] of dirty) {
      if (!this.byInput.has(p.input)) continue;
      if (what === 'targets') this.families.forget(p.input);
      this.composePasses(p);
      this.dirtyGroups.add(p.name);
      this.markGroupStatus(p);
    }
    for (const name of this.dirtyGroups) {
      const group = this.groups.get(name);
      if (!group) continue;
      if (group.sources.length === 0) continue;
      let canonical = group.sources[0]!;
      for (const s of group.sources) if (s.firstPass < canonical.firstPass) canonical = s;
      for (const s of group.sources) {
        if (s.canonical !== canonical) orderChanged.add(s);
        s.canonical = canonical;
      }
      this.dirtyStatus.add(name);
    }
    this.dirtyGroups.clear();
    for (const [p] of dirty) if (this.byInput.has(p.input)) this.updateContenders(p, orderChanged.has(p));
    for (const p of orderChanged) if (!this.dirtyPolicies.has(p) && !dirty.some(([q]) => q === p)) this.updateContenders(p, true);
  }

  private flushSlots(): void {
    for (const key of this.dirtySlots) {
      const slot = this.slots.get(key);
      if (!slot) continue;
      for (const c of slot.contenders) this.markGroupStatus(c.source);
      if (slot.kind === 'Route' || slot.kind === 'RouteRule') {
        const route = this.routeOfKey.get(slot.owner);
        if (route?.targeted) this.dirtyEntries.set(route, true);
        this.dirtyMerges.add(slot.owner);
        // The route policy's Overridden list names the rules that are held.
        for (const c of this.slots.get(routeSlot(slot.owner, undefined))?.contenders ?? []) this.markGroupStatus(c.source);
      } else {
        this.dirtyHolders.add(key);
        for (const irName of this.slotListeners(slot)) {
          for (const route of this.routesOnListener.get(irName) ?? []) {
            const d = this.dirtyEntries.get(route);
            if (d === true) continue;
            if (d) d.add(irName);
            else this.dirtyEntries.set(route, new Set([irName]));
          }
          // Route and rule policies merged into this slot's holder there.
          for (const route of this.routesAcceptedOn.get(irName) ?? []) {
            for (const holder of route.targeted ? this.mergingHolders(route.targeted) : []) {
              this.dirtyMerges.add(route.key);
              this.markGroupStatus(holder.source);
            }
          }
        }
      }
      if (slot.contenders.length === 0) {
        this.slots.delete(key);
        removeFrom(this.slotsByOwner, `${slot.kind === 'RouteRule' ? 'Route' : slot.kind}|${slot.owner}`, slot);
      }
    }
    this.dirtySlots.clear();
  }

  /** The holders of a route's rule and route slots that merge (`mergeType`) into their listener's parent. */
  private mergingHolders(t: TargetedRoute): Array<Contender<PolicyState>> {
    const out: Array<Contender<PolicyState>> = [];
    for (const slot of this.slotsByOwner.get(`Route|${t.key}`) ?? []) {
      const holder = slot.contenders[0];
      if (holder && isMerging(holder.source.canonical.input)) out.push(holder);
    }
    return out;
  }

  /** The `irName`s of the listeners a Gateway or ListenerSet slot reaches. */
  private slotListeners(slot: Slot<PolicyState>): string[] {
    if (slot.kind === 'Gateway') {
      if (slot.section) return [`${slot.owner}/${slot.section}`];
      const out = (this.index.ownListeners.get(slot.owner) ?? []).map((l) => l.irName);
      for (const ls of this.listenerSetsByParent.get(slot.owner) ?? []) for (const l of this.index.listenerSetListeners.get(ls) ?? []) out.push(l.irName);
      return out;
    }
    const all = this.index.listenerSetListeners.get(slot.owner) ?? [];
    return all.filter((l) => !slot.section || l.listener.name === slot.section).map((l) => l.irName);
  }

  // ---------------------------------------------------------------- entries

  private context(): ResolveContext {
    return {
      index: this.index,
      routes: this.attached,
      slots: this.slots,
      translations: this.translations,
      refs: this.refs,
      outcomes: this.outcomes,
      scopes: this.scopes,
      listenerSetPasses: this.listenerSetCount > 0,
    };
  }

  private flushEntries(): void {
    const ctx = this.context();
    for (const [record, which] of this.dirtyEntries) {
      const t = record.targeted!;
      const results = record.results!;
      const positions = this.change ? new Map(t.entries.map((s, i) => [s, i])) : undefined;
      for (const [irName, entries] of t.groups) {
        if (which !== true && !which.has(irName)) continue;
        foldEntries(ctx, t, entries[0]!.listener, entries);
        for (const s of entries) {
          const after = toRouteResult(s, this.shared);
          if (this.live) deepFreeze(after);
          if (positions) {
            const place = this.placeOf(record, positions.get(s)!);
            const before = results.get(s);
            this.noteEntry(s, before, place, after, place);
          }
          results.set(s, after);
        }
      }
    }
    this.dirtyEntries.clear();
  }

  private placeOf(record: RouteRecord, index: number): EntryPlace {
    return { kind: ROUTE_KINDS.indexOf(record.input.kind as (typeof ROUTE_KINDS)[number]), order: record.order, index };
  }

  /** Notes an entry's result before (the first time it is noted in a change) and after (the last). */
  private noteEntry(s: RouteState, before: RouteResult | undefined, beforeAt: EntryPlace, after: RouteResult | undefined, afterAt: EntryPlace | undefined): void {
    const key = entryKey(s);
    const known = this.change!.entries.get(key);
    if (known) {
      known.after = after;
      known.afterAt = afterAt;
    } else this.change!.entries.set(key, before ? { before, beforeAt, after, afterAt } : { after, afterAt });
  }

  /** Entries in Resolution order. */
  compareEntryPlaces(a: EntryPlace, b: EntryPlace): number {
    return a.kind - b.kind || this.compare(a.order, b.order) || a.index - b.index;
  }

  /** Policies in Resolution order. */
  comparePolicyPlaces(a: PolicyPlace, b: PolicyPlace): number {
    return a.firstPass - b.firstPass || this.compare(a.order, b.order);
  }


  // ---------------------------------------------------------------- scopes

  private flushScopes(): void {
    for (const rk of this.dirtyScoping) {
      const t = this.attached.get(rk);
      const edges: ScopeEdge[] = [];
      if (t && (this.routeTargetCount.get(rk) ?? 0) > 0) {
        for (const c of t.contexts) {
          const section = c.parentRef.sectionName;
          let parent: Scope;
          if (c.listenerSetKey) {
            edges.push(listenerSetEdge(c.gatewayKey, c.listenerSetKey));
            parent = section ? { kind: 'ListenerSetListener', key: c.listenerSetKey, section } : { kind: 'ListenerSet', key: c.listenerSetKey };
          } else parent = section ? { kind: 'GatewayListener', key: c.gatewayKey, section } : { kind: 'Gateway', key: c.gatewayKey };
          scopeEdges('overrides', parent, t.scope, edges);
        }
      }
      this.scopes.set(`scope|${rk}`, edges);
    }
    this.dirtyScoping.clear();
    for (const rk of this.dirtyMerges) {
      const t = this.attached.get(rk);
      const edges: ScopeEdge[] = [];
      for (const holder of t ? this.mergingHolders(t) : []) {
        const input = holder.source.canonical.input;
        const mergeType = (input.spec as { mergeType: string }).mergeType;
        for (const c of t!.contexts) {
          for (const l of c.listeners) {
            const parent = parentFor({ slots: this.slots }, l);
            if (!parent) continue;
            const built = this.translations.mergedOf(input, parent.source.input, mergeType);
            if (built.errors.length === 0) scopeEdges('merged', parent.scope, t!.scope, edges);
          }
        }
      }
      this.scopes.set(`merge|${rk}`, edges);
    }
    this.dirtyMerges.clear();
    for (const key of this.dirtyHolders) {
      const slot = this.slots.get(key);
      const edges: ScopeEdge[] = [];
      if (slot && slot.contenders.length > 0) {
        const section = slot.section;
        if (slot.kind === 'Gateway') {
          if (section) scopeEdges('overrides', { kind: 'Gateway', key: slot.owner }, { kind: 'GatewayListener', key: slot.owner, section }, edges);
        } else {
          const gatewayKey = this.index.listenerSetParent.get(slot.owner);
          if (gatewayKey !== undefined && this.index.gateways.has(gatewayKey)) {
            if (section) {
              edges.push(listenerSetEdge(gatewayKey, slot.owner));
              scopeEdges('overrides', { kind: 'ListenerSet', key: slot.owner }, { kind: 'ListenerSetListener', key: slot.owner, section }, edges);
            } else scopeEdges('overrides', { kind: 'Gateway', key: gatewayKey }, { kind: 'ListenerSet', key: slot.owner }, edges);
          }
        }
      }
      this.scopes.set(`holder|${key}`, edges);
    }
    this.dirtyHolders.clear();
    // Policies whose Merged and Overridden lists may have changed: the holders of those owners' slots.
    for (const owner of this.scopes.takeChanged()) {
      for (const slot of this.slotsByOwner.get(owner) ?? []) {
        const holder = slot.contenders[0];
        if (holder) this.markGroupStatus(holder.source);
      }
    }
  }

  // ---------------------------------------------------------------- statuses

  private flushStatuses(): void {
    const ctx = this.context();
    for (const name of this.dirtyStatus) {
      const group = this.groups.get(name);
      const before = group?.result;
      const beforeAt = group?.place;
      if (!group || group.sources.length === 0) {
        if (this.change && before) this.change.policies.set(name, { before, beforeAt });
        this.groups.delete(name);
        continue;
      }
      group.fold = foldPolicy(ctx, group, this.controllerName, this.now, (p) => this.families.missesOf(p.input));
      const canonical = group.sources[0]!.canonical;
      group.result =
        group.fold.ancestors === undefined
          ? undefined
          : { ref: { group: 'gateway.envoyproxy.io', kind: 'BackendTrafficPolicy', namespace: canonical.input.namespace, name: canonical.input.name }, status: { ancestors: group.fold.ancestors } };
      group.place = group.result ? { firstPass: canonical.firstPass, order: canonical.order } : undefined;
      if (this.live && group.result) deepFreeze(group.result);
      if (this.live) deepFreeze(group.fold.attachments);
      if (this.change && (before !== undefined || group.result !== undefined)) {
        const known = this.change.policies.get(name);
        this.change.policies.set(name, { ...(known ?? { before, beforeAt }), after: group.result, afterAt: group.place });
      }
    }
    this.dirtyStatus.clear();
  }

  // ---------------------------------------------------------------- the Resolution

  /** Route results, in route-kind order, then route order, then listener and rule. */
  routes(): RouteResult[] {
    if (this.cached.routes) return this.cached.routes;
    const out: RouteResult[] = [];
    for (const kind of ROUTE_KINDS) {
      for (const record of this.routesByKind.get(kind)!.list) {
        if (record.targeted) for (const s of record.targeted.entries) out.push(record.results!.get(s)!);
      }
    }
    return (this.cached.routes = out);
  }

  /** Policies as Envoy Gateway lists them: in the order its passes first visit them. */
  policies(): PolicyResult[] {
    if (this.cached.policies) return this.cached.policies;
    const visited: Group[] = [];
    for (const g of this.groups.values()) if (g.result) visited.push(g);
    visited.sort((a, b) => this.comparePolicyPlaces(a.place!, b.place!));
    return (this.cached.policies = visited.map((g) => g.result!));
  }

  /** What became of every policy's targets, one record per name, in policy order. */
  attachments(): PolicyAttachments[] {
    if (this.cached.attachments) return this.cached.attachments;
    const out: PolicyAttachments[] = [];
    const seen = new Set<string>();
    for (const p of this.policyOrder.list) {
      if (seen.has(p.name)) continue;
      seen.add(p.name);
      const fold = this.groups.get(p.name)?.fold;
      if (fold) out.push(fold.attachments);
    }
    return (this.cached.attachments = out);
  }

  /** The path of an object in the input: where it was read, or its position among the objects held. */
  private pathsOf(): (stored: StoredObject) => string {
    if (!this.live) return (stored) => stored.path ?? '';
    const positions = new Map<StoredObject, number>();
    let i = 0;
    for (const s of this.store.values()) positions.set(s, i++);
    return (stored) => `[${positions.get(stored)}]`;
  }

  /** Findings of admission (a followed state: from the objects held), then of resolution. */
  diagnostics(admission?: readonly Diagnostic[]): Diagnostic[] {
    const out: Diagnostic[] = [];
    const pathOf = this.pathsOf();
    if (admission) for (const d of admission) out.push(d);
    else for (const s of this.store.values()) for (const d of s.admitted.diagnostics) out.push(rebase(d, pathOf(s)));
    // Listeners not programmed: each Gateway's own, in order, then those of each attached ListenerSet.
    const gateways = [...this.gatewayRecords.values()].map((l) => l[0]!).sort((a, b) => this.compare(a.order, b.order));
    for (const g of gateways) for (const u of this.owners.get(`G:${nsName(g.gateway.metadata.namespace!, g.gateway.metadata.name ?? '')}`)?.listeners.unready ?? []) out.push(listenerDiagnostic(u, pathOf(g.stored)));
    const listenerSets = [...this.listenerSetRecords.values()].map((l) => l[0]!).sort((a, b) => this.compare(a.order, b.order));
    for (const l of listenerSets) for (const u of this.owners.get(`L:${nsName(l.listenerSet.metadata.namespace!, l.listenerSet.metadata.name ?? '')}`)?.listeners.unready ?? []) out.push(listenerDiagnostic(u, pathOf(l.stored)));
    for (const kind of ROUTE_KINDS) {
      for (const r of this.routesByKind.get(kind)!.list) {
        if (r.overLimit !== undefined) out.push({ severity: 'error', path: '', message: overLimitMessage(r.input, r.overLimit), object: { kind: r.input.kind, namespace: r.input.namespace, name: r.input.name } });
      }
    }
    // A name the input repeats (harness snapshot): the first one visited acts for all.
    const repeated: Array<{ p: PolicyState; firstPass: number }> = [];
    for (const g of this.groups.values()) {
      const canonical = g.sources[0]!.canonical;
      let dup: PolicyState | undefined;
      for (const s of g.sources) if (s !== canonical && s.firstPass < 7 && (!dup || s.firstPass < dup.firstPass)) dup = s;
      if (dup) repeated.push({ p: dup, firstPass: dup.firstPass });
    }
    repeated.sort((a, b) => a.firstPass - b.firstPass || this.compare(a.p.order, b.p.order));
    for (const { p } of repeated) {
      out.push({
        severity: 'warning',
        path: '',
        message: `BackendTrafficPolicy ${p.name} appears more than once; the first one's spec is used for every target, as Envoy Gateway does`,
        object: { kind: 'BackendTrafficPolicy', namespace: p.input.namespace, name: p.input.name },
      });
    }
    // Stat names over their budget: one finding per policy translation and route, in route order.
    const findings = new Set<Diagnostic>();
    for (const kind of ROUTE_KINDS) {
      for (const r of this.routesByKind.get(kind)!.list) for (const s of r.targeted?.entries ?? []) if (s.statNameFinding) findings.add(s.statNameFinding);
    }
    for (const d of findings) out.push(d);
    for (const d of this.optionFindings) out.push(d);
    return out;
  }

  /** Objects the API server refused, in input order. */
  rejected(): RejectedObject[] {
    const out: RejectedObject[] = [];
    const pathOf = this.pathsOf();
    for (const s of this.store.values()) if (s.admitted.rejected) out.push(this.live ? { ...s.admitted.rejected, path: pathOf(s) } : s.admitted.rejected);
    return out;
  }
}

function timestamp(meta: { creationTimestamp?: unknown } | undefined): number {
  return timestampMillis(meta?.creationTimestamp);
}

const isMerging = (input: PolicyInput): boolean => {
  const m = (input.spec as { mergeType?: unknown }).mergeType;
  return typeof m === 'string' && m !== '';
};

/** The owners (`G:`/`L:` keys) a route's parentRefs name. */
function routeParents(r: RouteInput): string[] {
  const out = new Set<string>();
  for (const ref of r.object.spec.parentRefs) {
    const key = nsName(ref.namespace || r.namespace, ref.name);
    if (ref.kind === 'ListenerSet') out.add(`L:${key}`);
    else out.add(`G:${key}`);
  }
  return [...out];
}

/** What routes attach to of an owner: its listeners and which are ready (unready ones with why). */
function ownerSignature(owner: Gateway | ListenerSet, listeners: OwnerListeners): string {
  return JSON.stringify([owner.apiVersion, owner.kind, owner.metadata.namespace, owner.metadata.name, owner.spec.listeners, listeners.ready.map((l) => l.irName), listeners.unready.map((u) => [u.position, u.condition])]);
}

/**
 * What policies see of a route: whether it exists and is attached, its ancestors and listeners, its
 * rule names, and, when no listener takes it, why (a policy's attachment says so).
 */
function routeSignature(record: RouteRecord, index: ResourceIndex): string {
  const t = record.targeted;
  return JSON.stringify([
    t ? t.contexts.map((c) => [c.ancestorRef, c.listenerSetKey, c.gatewayKey, c.listeners.map((l) => l.irName)]) : null,
    record.input.object.spec.rules.map((r) => r.name ?? null),
    t && t.entries.length > 0 ? null : notAttachedMessage(record.input, index),
  ]);
}

/** A diagnostic of admission, read with `path` as the object's place (its paths start with the placeholder ''). */
export function rebase(d: Diagnostic, path: string): Diagnostic {
  if (d.path === PATH_PLACEHOLDER) return { ...d, path };
  if (d.path.startsWith(`${PATH_PLACEHOLDER}.`) || d.path.startsWith(`${PATH_PLACEHOLDER}[`)) return { ...d, path: path + d.path.slice(PATH_PLACEHOLDER.length) };
  return d;
}

/** The path objects are admitted under when their place is their position (a followed state), replaced on output. */
export const PATH_PLACEHOLDER = '\u0000';

export type { ListenerContext };
