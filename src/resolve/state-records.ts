/**
 * What the resolution state holds, record by record (objects, routes, policies, owners, what a
 * change did), and the small rules they are compared and keyed by.
 */
import type { AdmittedObject } from '../admit/admit.js';
import type { PolicyInput, RouteInput } from '../admit/resources.js';
import type { Gateway, ListenerSet } from '../model/gateway-api.js';
import type { PolicyTarget, SelectableObject } from '../match/policy-targets.js';
import { nsName, type ListenerContext, type OwnerListeners, type ResourceIndex } from '../match/resource-index.js';
import { notAttachedMessage } from '../match/route-detachment.js';
import type { PolicyFold, PolicyGroup } from './policy-status.js';
import type { PolicyRecord, TargetedRoute } from './resolve-context.js';
import type { RouteState } from './route-state.js';
import type { Contender, Slot } from './slots.js';
import { timestampMillis } from '../values/timestamp.js';
import { flatKey } from '../lang/flat-key.js';
import type { Diagnostic, PolicyResult, RouteResult } from './types.js';

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
export interface Order {
  ts: number;
  ns: string;
  name: string;
  seq: number;
}

export interface GatewayRecord {
  stored: StoredObject;
  gateway: Gateway;
  order: Order;
}

export interface ListenerSetRecord {
  stored: StoredObject;
  listenerSet: ListenerSet;
  order: Order;
}

export type Candidate = SelectableObject & { order: Order };

export interface RouteRecord {
  stored: StoredObject;
  input: RouteInput;
  order: Order;
  key: string;
  /**
   * `routeId(key)`, made once: the id it is filed by as a selector candidate and as a policy's
   * target. A template literal made at each lookup is a new string to flatten and hash, and a
   * Namespace label change looks up each of its routes' ids a few times (5–11% of the change).
   */
  id: string;
  /** When it is the route of its key and attached. */
  targeted?: TargetedRoute;
  /** Its entries made, but left out by the entry limit. */
  overLimit?: number;
  /** What the policies targeting it see of it (existence, ancestors, rule names), and the listeners it reaches. */
  signature?: string;
  listeners?: string;
  /** Owners (their `gatewayId`/`listenerSetId`) its parentRefs name, for a later change to find it by (none in a snapshot). */
  parents: string[];
}

/**
 * The objects a policy's targets name, by their keys (route keys; `namespace/name` of ListenerSets
 * and Gateways): the keys its targets keep (`targetRouteKey`, `targetObjectKey`), where ids would
 * be joined and hashed anew for each of a policy's 500 targets each time it is composed.
 */
export interface Watched {
  routes: Set<string>;
  listenerSets: Set<string>;
  gateways: Set<string>;
}

export const nothingWatched = (): Watched => ({ routes: new Set(), listenerSets: new Set(), gateways: new Set() });

/** A new policy's watch list, shared and never changed (`setPasses` replaces a policy's list whole): a snapshot never fills one. */
export const NOTHING_WATCHED: Readonly<Watched> = nothingWatched();

export interface PolicyState extends PolicyRecord {
  canonical: PolicyState;
  stored: StoredObject;
  order: Order;
  contenders: Array<{ slot: Slot<PolicyState>; contender: Contender<PolicyState> }>;
  /** The keys of the objects its targets name, by kind (filed in `policiesByObject` by `routeId`, `listenerSetId`, `gatewayId`), and its route-level target count per route. */
  watching: Watched;
  routeTargets: Map<string, number>;
  /** Whether `routeTargets` are counted in `mergingTargetCount`: its canonical's spec sets `mergeType`. */
  mergeCounted: boolean;
  /** The objects its selectors matched, as counted in the selection budget (`selection-budget.ts`). */
  matched: number;
  /** Whether its selectors' matches did not fit in that budget, so that it picks nothing. */
  refused: boolean;
  /** The room it was refused with: with no more room, composing it again would refuse it again. */
  refusedRoom: number;
}

export interface Group extends PolicyGroup {
  sources: PolicyState[];
  fold?: PolicyFold;
  result?: PolicyResult;
  /** Where `result` is listed. */
  place?: PolicyPlace;
}

/** The listeners of a Gateway or ListenerSet, and what they were read from. */
export interface OwnerState {
  listeners: OwnerListeners;
  signature: string;
  secrets: Set<string>;
  grants: Set<string>;
  /** The namespace selectors of its listeners' `allowedRoutes`: what it reads of a route's Namespace. */
  routeNamespaceSelectors: readonly unknown[];
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

/**
 * An entry's first result in a change and its last. `differs`: noted once, by a fold that found
 * the two different, so the change need not compare them again (a second note clears it).
 */
export interface EntryNote {
  before?: RouteResult;
  beforeAt?: EntryPlace;
  after?: RouteResult;
  afterAt?: EntryPlace;
  differs?: boolean;
}

/** What a change did: the route entries and policy statuses before and after (and where each is listed). */
export interface StateChange {
  /**
   * Each entry's note, in the order first noted. An entry finds its note on itself
   * (`RouteState.note`), not by key: a Gateway-wide change notes tens of thousands of entries, and
   * a lookup in a Map that large cost more than the rest of the note.
   */
  entries: EntryNote[];
  /**
   * The notes of entries let go in this change, by route key, listener (`irName`) and rule index:
   * a route attached again makes new entries, and the one in a let-go entry's place continues its
   * note (one entry, changed). Keyed by strings the state holds already, not by one key string
   * per entry: a listener edit on a shared Gateway lets go of tens of thousands of entries, and
   * building and hashing a fresh string for each (to set it, then to find it) was a fifth of it.
   */
  released: Map<string, Map<string, EntryNote[]>>;
  /** The entries holding a note, which lose it when the change is done (or each would keep its old result alive). */
  noted: RouteState[];
  policies: Map<string, { before?: PolicyResult; beforeAt?: PolicyPlace; after?: PolicyResult; afterAt?: PolicyPlace }>;
}

export function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

export function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set?.delete(value) && set.size === 0) map.delete(key);
}

export const targetSignature = (t: PolicyTarget): string => `${t.group}|${t.kind}|${t.namespace}|${t.name}|${t.sectionName ?? ''}|${t.selector ?? ''}|${t.fromSelector}`;

export function timestamp(meta: { creationTimestamp?: unknown } | undefined): number {
  return timestampMillis(meta?.creationTimestamp);
}

/**
 * The ids the state files Gateways, ListenerSets and routes by where the three share a map (owners
 * to update, a policy's watch list, selector candidates): a kind letter, a colon, and the object's
 * key (`namespace/name` for an owner, the route key for a route). Made by these three functions
 * only, so the form is written once; `ownerKeyOf` reads an owner's key back.
 */
export const gatewayId = (key: string): string => `G:${key}`;
export const listenerSetId = (key: string): string => `L:${key}`;
/** Flat (`flatKey`): a route's id is made once per record and hashed at every lookup. */
export const routeId = (routeKey: string): string => flatKey('R:', routeKey);
export const isGatewayId = (id: string): boolean => id.startsWith('G:');
export const isListenerSetId = (id: string): boolean => id.startsWith('L:');
export const ownerKeyOf = (id: string): string => id.slice(2);

export const isMerging = (input: PolicyInput): boolean => {
  const m = (input.spec as { mergeType?: unknown }).mergeType;
  return typeof m === 'string' && m !== '';
};

/** The owners (their ids) a route's parentRefs name. */
export function routeParents(r: RouteInput): string[] {
  const out = new Set<string>();
  for (const ref of r.object.spec.parentRefs) {
    const key = nsName(ref.namespace || r.namespace, ref.name);
    out.add(ref.kind === 'ListenerSet' ? listenerSetId(key) : gatewayId(key));
  }
  return [...out];
}

/** What routes attach to of an owner: its listeners and which are ready (unready ones with why). */
export function ownerSignature(owner: Gateway | ListenerSet, listeners: OwnerListeners): string {
  return JSON.stringify([owner.apiVersion, owner.kind, owner.metadata.namespace, owner.metadata.name, owner.spec.listeners, listeners.ready.map((l) => l.irName), listeners.unready.map((u) => [u.position, u.condition])]);
}

/**
 * What policies see of a route: whether it exists and is attached, its ancestors, its rule names,
 * and, when no listener takes it, why (a policy's attachment says so). Which listeners it reaches
 * is apart (`routeListeners`): only a merging policy reads them.
 */
export function routeSignature(record: RouteRecord, index: ResourceIndex): string {
  const t = record.targeted;
  return JSON.stringify([
    t ? t.contexts.map((c) => [c.ancestorRef, c.listenerSetKey, c.gatewayKey]) : null,
    record.input.object.spec.rules.map((r) => r.name ?? null),
    t && t.entries.length > 0 ? null : notAttachedMessage(record.input, index),
  ]);
}

/**
 * The listeners each managed parentRef of an attached route reaches: a `mergeType` policy on the
 * route merges into the parent policy of each one (its Merged conditions name them).
 */
export function routeListeners(record: RouteRecord): string {
  const t = record.targeted;
  return t ? JSON.stringify(t.contexts.map((c) => c.listeners.map((l) => l.irName))) : '';
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

/**
 * Which of a route's listeners have entries to fold again: all of them (`true`), one (its
 * `irName`: a change mostly reaches a route through one listener, and a string costs no Set),
 * or several.
 */
export type DirtyListeners = true | string | Set<string>;

export const dirtyOn = (which: DirtyListeners, irName: string): boolean => which === true || which === irName || (typeof which !== 'string' && which.has(irName));

/** `which` with the listener `irName` marked too (undefined: none marked yet); a Set grows in place. */
export function withListener(which: DirtyListeners | undefined, irName: string): DirtyListeners {
  if (which === undefined) return irName;
  if (which === true || which === irName) return which;
  if (typeof which === 'string') return new Set([which, irName]);
  which.add(irName);
  return which;
}
