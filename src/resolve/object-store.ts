/**
 * The objects held, by what they are: each object admitted on its own and filed by kind (records
 * ordered as the profile orders them), and the index entries a Namespace, Secret, ConfigMap or
 * ReferenceGrant is; changing one marks what reads it (owners, routes, policies).
 */
import { admitEntry, appliedTwice, keyOf, type AdmittedObject } from '../admit/admit.js';
import type { ReferenceGrant } from '../model/gateway-api.js';
import { nsName, readsListenerSetNamespaces, routeKey } from '../match/resource-index.js';
import { selectsNamespace } from '../match/route-attachment.js';
import type { InputEntry } from '../read/limits.js';
import type { Diagnostic } from './types.js';
import { type StoredObject, type Order, type RouteRecord, type PolicyState, timestamp, routeParents, gatewayId, listenerSetId, routeId } from './state-records.js';
import { insertSorted, removeItem } from '../lang/sorted-list.js';
import type { ResolutionState } from './resolution-state.js';
import * as policy_tracking from './policy-tracking.js';
import { isRecord, jsonEqual, type JsonObject } from '../lang/json.js';

/**
 * Takes objects (boundary copies, admitted one by one): each replaces the one of its key, which
 * keeps its place. In a snapshot of the harness profile a repeated key is a second object (the
 * first one counts), as Envoy Gateway's loader reads files; `diagnostics` hears of admission
 * findings in input order.
 */
export function put(rs: ResolutionState, entries: Iterable<InputEntry>, diagnostics?: Diagnostic[]): void {
  // The first path of each key applied more than once (the object held may be a later one); the
  // first object of a key is found in the store itself, so only a repeated key is filed here.
  const firstPaths = new Map<string, string>();
  // The next free `#n` of each repeated key: looking for it from 2 each time made n copies of one
  // name cost n² (a 100,000-copy list took minutes).
  const nextCopy = new Map<string, number>();
  for (const entry of entries) {
    const seq = rs.seq++;
    // The very object held, given again (a resync, a relist): admitted as it was, with the same
    // findings. Its admission was most of what a resync of a 25,000-object cluster cost.
    const same = rs.live ? rs.store.get(keyOf(entry.kind, entry.object)) : undefined;
    if (same && same.admitted.kind === entry.kind && jsonEqual(same.object, entry.object)) {
      for (const d of same.admitted.diagnostics) diagnostics?.push(d);
      continue;
    }
    const admitted = admitEntry(entry, seq, rs.options);
    if (!admitted) continue;
    for (const d of admitted.diagnostics) diagnostics?.push(d);
    let key = admitted.key;
    let before = rs.store.get(key);
    if (rs.live && before && unchangedForResolution(before, entry.object, admitted)) {
      // Nothing the state holds changes; `objects()` hands back the object as it is now.
      before.object = entry.object;
      continue;
    }
    if (!rs.live && before) {
      if (rs.options.apiServer && !admitted.rejected) {
        // A refused object is kept apart (below), so an admitted one held under the key came first.
        if (!before.admitted.rejected) {
          let first = firstPaths.get(key);
          if (first === undefined) firstPaths.set(key, (first = before.path!));
          diagnostics?.push(appliedTwice(admitted, first, entry.path));
        }
      } else {
        // The harness loader keeps every object (the first of a name counts); a refused object is never stored.
        let n = nextCopy.get(admitted.key) ?? 2;
        for (; rs.store.has(key); n++) key = `${admitted.key}#${n}`;
        nextCopy.set(admitted.key, n);
        before = undefined;
      }
    }
    // Both fields in the literal, so that every stored object has one shape with them in-object.
    const stored: StoredObject = { key, seq, path: rs.live ? undefined : entry.path, object: rs.live ? entry.object : undefined, admitted };
    if (before) stored.seq = before.seq;
    rs.store.set(key, stored);
    if (before) unindexObject(rs, before);
    indexObject(rs, stored);
  }
}

/**
 * Whether an object put again changes nothing resolution reads, so that the state can keep what
 * it holds. What admission said of it must be the same, and then:
 *
 * - a policy is read only as admission models it (identity, order, generation, spec): its labels,
 *   annotations and resourceVersion are not read;
 * - any other object may differ at most in `metadata.resourceVersion`, which admission checks
 *   only to be a string.
 *
 * The API server bumps the resourceVersion on every write, a status write too (the status is not
 * read either), so a controller that writes its policies' statuses gets each policy back in a
 * MODIFIED event: taken as an edit, each brought its policy's targets, entries and status to be
 * worked out again, a Gateway-wide policy's 9,000 entries.
 */
function unchangedForResolution(before: StoredObject, object: unknown, admitted: AdmittedObject): boolean {
  if (!jsonEqual(before.admitted.diagnostics, admitted.diagnostics) || !jsonEqual(before.admitted.rejected, admitted.rejected)) return false;
  const held = before.admitted.model;
  const next = admitted.model;
  // `index` is the position the policy was admitted at, which no step reads.
  if (held?.type === 'Policy' && next?.type === 'Policy') return jsonEqual({ ...held.policy, index: 0 }, { ...next.policy, index: 0 });
  if (!isRecord(before.object) || !isRecord(object) || !isRecord(before.object.metadata) || !isRecord(object.metadata)) return false;
  const isVersion = (v: unknown): boolean => v === undefined || typeof v === 'string';
  if (!isVersion(before.object.metadata.resourceVersion) || !isVersion(object.metadata.resourceVersion)) return false;
  const withoutVersion = (o: JsonObject, metadata: JsonObject): JsonObject => ({ ...o, metadata: { ...metadata, resourceVersion: undefined } });
  return jsonEqual(withoutVersion(before.object, before.object.metadata), withoutVersion(object, object.metadata));
}

/** Removes the objects of these keys. */
export function remove(rs: ResolutionState, keys: Iterable<string>): void {
  for (const key of keys) {
    const before = rs.store.get(key);
    if (!before) continue;
    rs.store.delete(key);
    unindexObject(rs, before);
  }
}

export function orderOf(meta: { namespace?: string; name?: string } | undefined, ts: number, seq: number): Order {
  return { ts, ns: meta?.namespace ?? '', name: meta?.name ?? '', seq };
}

/** Adds a record to the list of its key, in the profile's order (several per key only in a harness snapshot). */
function addRecord<R extends { order: Order }>(rs: ResolutionState, map: Map<string, R[]>, key: string, record: R): void {
  const list = map.get(key);
  if (list) insertSorted(list, record, (a, b) => rs.compare(a.order, b.order));
  else map.set(key, [record]);
}

export function indexObject(rs: ResolutionState, stored: StoredObject): void {
  const model = stored.admitted.model;
  if (!model) return;
  switch (model.type) {
    case 'Gateway': {
      const gw = model.gateway;
      const key = nsName(gw.metadata.namespace!, gw.metadata.name ?? '');
      addRecord(rs, rs.gatewayRecords, key, { stored, gateway: gw, order: orderOf(gw.metadata, timestamp(gw.metadata), stored.seq) });
      rs.dirtyOwners.add(gatewayId(key));
      break;
    }
    case 'ListenerSet': {
      const ls = model.listenerSet;
      const key = nsName(ls.metadata.namespace!, ls.metadata.name ?? '');
      addRecord(rs, rs.listenerSetRecords, key, { stored, listenerSet: ls, order: orderOf(ls.metadata, timestamp(ls.metadata), stored.seq) });
      if (rs.listenerSetCount++ === 0) listenerSetsToggled(rs);
      rs.dirtyOwners.add(listenerSetId(key));
      break;
    }
    case 'Route': {
      const r = model.route;
      const key = routeKey(r.kind, r.namespace, r.name);
      // Every field in the literal (those set when it attaches too): one shape, no out-of-object store.
      const record: RouteRecord = {
        stored,
        input: r,
        order: { ts: r.creationTimestamp, ns: r.namespace, name: r.name, seq: stored.seq },
        key,
        id: routeId(key),
        targeted: undefined,
        overLimit: undefined,
        signature: undefined,
        listeners: undefined,
        parents: rs.live ? routeParents(r) : [],
      };
      addRecord(rs, rs.routeRecords, key, record);
      rs.routesByKind.get(r.kind)!.add(record);
      rs.dirtyRoutes.add(key);
      break;
    }
    case 'Policy':
      policy_tracking.addPolicy(rs, stored, model.policy);
      break;
    case 'ReferenceGrant':
      keyed(rs, rs.grantObjects, model.grant.metadata.namespace!, stored, 1);
      break;
    case 'Namespace':
      keyed(rs, rs.namespaceObjects, model.namespace.metadata.name ?? '', stored, 1);
      break;
    case 'GatewayClass':
      keyed(rs, rs.gatewayClassObjects, model.gatewayClass.metadata.name ?? '', stored, 1);
      break;
    case 'Secret':
      keyed(rs, rs.secretObjects, nsName(model.secret.metadata.namespace ?? '', model.secret.metadata.name ?? ''), stored, 1);
      break;
    case 'ConfigMap':
      keyed(rs, rs.configMapObjects, nsName(model.configMap.metadata.namespace!, model.configMap.metadata.name ?? ''), stored, 1);
      break;
  }
}

export function unindexObject(rs: ResolutionState, stored: StoredObject): void {
  const model = stored.admitted.model;
  if (!model) return;
  switch (model.type) {
    case 'Gateway': {
      const key = nsName(model.gateway.metadata.namespace!, model.gateway.metadata.name ?? '');
      const list = rs.gatewayRecords.get(key)!;
      list.splice(list.findIndex((r) => r.stored === stored), 1);
      if (list.length === 0) rs.gatewayRecords.delete(key);
      rs.dirtyOwners.add(gatewayId(key));
      break;
    }
    case 'ListenerSet': {
      const key = nsName(model.listenerSet.metadata.namespace!, model.listenerSet.metadata.name ?? '');
      const list = rs.listenerSetRecords.get(key)!;
      list.splice(list.findIndex((r) => r.stored === stored), 1);
      if (list.length === 0) rs.listenerSetRecords.delete(key);
      if (--rs.listenerSetCount === 0) listenerSetsToggled(rs);
      rs.dirtyOwners.add(listenerSetId(key));
      break;
    }
    case 'Route': {
      const r = model.route;
      const key = routeKey(r.kind, r.namespace, r.name);
      const list = rs.routeRecords.get(key)!;
      const i = list.findIndex((x) => x.stored === stored);
      const record = list[i]!;
      list.splice(i, 1);
      if (list.length === 0) rs.routeRecords.delete(key);
      rs.routesByKind.get(r.kind)!.remove(record);
      rs.dirtyRoutes.add(key);
      break;
    }
    case 'Policy':
      policy_tracking.removePolicy(rs, rs.byInput.get(model.policy)!);
      break;
    case 'ReferenceGrant':
      keyed(rs, rs.grantObjects, model.grant.metadata.namespace!, stored, -1);
      break;
    case 'Namespace':
      keyed(rs, rs.namespaceObjects, model.namespace.metadata.name ?? '', stored, -1);
      break;
    case 'GatewayClass':
      keyed(rs, rs.gatewayClassObjects, model.gatewayClass.metadata.name ?? '', stored, -1);
      break;
    case 'Secret':
      keyed(rs, rs.secretObjects, nsName(model.secret.metadata.namespace ?? '', model.secret.metadata.name ?? ''), stored, -1);
      break;
    case 'ConfigMap':
      keyed(rs, rs.configMapObjects, nsName(model.configMap.metadata.namespace!, model.configMap.metadata.name ?? ''), stored, -1);
      break;
  }
}

/** Namespaces, GatewayClasses, Secrets, ConfigMaps and ReferenceGrants: held by key, in input order; the index is updated at once. */
export function keyed(rs: ResolutionState, map: Map<string, StoredObject[]>, key: string, stored: StoredObject, delta: 1 | -1): void {
  const list = map.get(key) ?? [];
  if (delta > 0) insertSorted(list, stored, (a, b) => a.seq - b.seq);
  else removeItem(list, stored);
  if (list.length > 0) map.set(key, list);
  else map.delete(key);
  const model = stored.admitted.model!;
  switch (model.type) {
    case 'Namespace': {
      const before = rs.index.namespaceLabels.has(key) ? rs.index.namespaceLabels.get(key) : null;
      // The last of a name, as a Map of them keeps it.
      const last = list[list.length - 1]?.admitted.model;
      if (last?.type === 'Namespace') rs.index.namespaceLabels.set(key, last.namespace.metadata.labels);
      else rs.index.namespaceLabels.delete(key);
      // Told at the flush, from the labels before the change: a Namespace replaced (removed, then
      // added) is one change of labels, not a Namespace gone and back, which every policy with a
      // namespace selector would have to see.
      if (!rs.namespacesBefore.has(key)) rs.namespacesBefore.set(key, before);
      break;
    }
    case 'GatewayClass': {
      // The last of a name; every Gateway of the class is read again at the flush (it may become ours or not).
      const last = list[list.length - 1]?.admitted.model;
      if (last?.type === 'GatewayClass') rs.index.gatewayClasses.set(key, last.gatewayClass);
      else rs.index.gatewayClasses.delete(key);
      rs.classesChanged.add(key);
      break;
    }
    case 'Secret': {
      // The first of a name.
      const first = list[0]?.admitted.model;
      if (first?.type === 'Secret') rs.index.secrets.set(key, first.secret);
      else rs.index.secrets.delete(key);
      for (const owner of rs.ownersBySecret.get(key) ?? []) rs.dirtyOwners.add(owner);
      break;
    }
    case 'ConfigMap': {
      const last = list[list.length - 1]?.admitted.model;
      if (last?.type === 'ConfigMap') rs.index.configMaps.set(key, last.configMap);
      else rs.index.configMaps.delete(key);
      for (const input of [...rs.translations.readersOf(key)]) policy_tracking.translationChanged(rs, input);
      break;
    }
    case 'ReferenceGrant':
      // Indexed and told at the flush, once per Namespace however many of its grants changed.
      rs.grantsChanged.add(key);
      for (const from of model.grant.spec.from) rs.grantSourcesChanged.add(from.namespace);
      break;
    default:
      break;
  }
}

/**
 * Indexes the ReferenceGrants of each Namespace whose grants changed since the last flush, and
 * marks what reads them: the Gateways whose certificate refs they allow, and the policies of each
 * Namespace they allow from. Done once per Namespace here, not per grant as it comes: a whole input
 * brings every grant at once, and marking every cross-namespace policy of the grant's `from` again
 * for each grant made the work grants × policies.
 */
export function flushGrants(rs: ResolutionState): void {
  for (const namespace of rs.grantsChanged) {
    const grants: ReferenceGrant[] = [];
    for (const s of rs.grantObjects.get(namespace) ?? []) if (s.admitted.model?.type === 'ReferenceGrant') grants.push(s.admitted.model.grant);
    if (grants.length > 0) rs.index.referenceGrants.set(namespace, grants);
    else rs.index.referenceGrants.delete(namespace);
    for (const owner of rs.ownersByGrants.get(namespace) ?? []) rs.dirtyOwners.add(owner);
  }
  for (const from of rs.grantSourcesChanged) for (const p of rs.crossNamespace.get(from) ?? []) policy_tracking.markPolicy(rs, p, 'targets');
  rs.grantsChanged.clear();
  rs.grantSourcesChanged.clear();
}

/** Marks the Gateways of each GatewayClass changed since the last flush: one pass over the Gateways, however many classes changed. */
export function flushGatewayClasses(rs: ResolutionState): void {
  if (rs.classesChanged.size === 0) return;
  for (const [gatewayKey, records] of rs.gatewayRecords) {
    const className = records[0]?.gateway.spec.gatewayClassName;
    if (className !== undefined && rs.classesChanged.has(className)) rs.dirtyOwners.add(gatewayId(gatewayKey));
  }
  rs.classesChanged.clear();
}

/** Marks what reads the Namespaces changed since the last flush (`null`: no Namespace of the name). */
export function flushNamespaces(rs: ResolutionState): void {
  let comeOrGo = 0;
  for (const [name, before] of rs.namespacesBefore) if ((before === null) === rs.index.namespaceLabels.has(name)) comeOrGo++;
  const marks: NamespaceMarks = { everySelecting: false, marked: new Set(), manyComeOrGo: comeOrGo > MANY_NAMESPACES };
  for (const [name, before] of rs.namespacesBefore) namespaceChanged(rs, name, before, rs.index.namespaceLabels.has(name) ? rs.index.namespaceLabels.get(name) : null, marks);
  rs.namespacesBefore.clear();
}

/**
 * The policies one flush has marked for their namespace selectors. Each is marked once however many
 * Namespaces changed: a whole input brings every Namespace into existence at once, and marking every
 * namespace-selecting policy again for each of them made the work Namespaces × policies.
 */
interface NamespaceMarks {
  /** Every namespace-selecting policy is marked (Namespaces came or went). */
  everySelecting: boolean;
  marked: Set<PolicyState>;
  /** More than {@link MANY_NAMESPACES} Namespaces came or went: each of them would look at every namespace-selecting policy. */
  manyComeOrGo: boolean;
}

/** Namespaces coming or going in one flush past which every namespace-selecting policy is marked instead of those that pick in them. */
const MANY_NAMESPACES = 16;

function namespaceChanged(rs: ResolutionState, name: string, before: Record<string, string> | undefined | null, after: Record<string, string> | undefined | null, marks: NamespaceMarks): void {
  // A Namespace given again with the same labels changes nothing.
  if (before === after || (before && after && jsonEqual(before, after))) return;
  const existence = (before === null) !== (after === null);
  // A Namespace that comes or goes attaches again the routes of every listener that reads it (what
  // they say of a route they do not take names the Namespace). New labels on a Namespace that stays
  // attach again only the routes of a listener whose namespace selector takes it before and not
  // after, or the other way round: labels no listener reads leave its routes as they are.
  const flips = new Map<string, boolean>();
  const readsOn = (owner: string): boolean => {
    let f = flips.get(owner);
    if (f === undefined) {
      const selectors = rs.owners.get(owner)?.routeNamespaceSelectors ?? [];
      f = existence ? selectors.length > 0 : selectors.some((selector) => selectsNamespace(selector, before ?? undefined) !== selectsNamespace(selector, after ?? undefined));
      flips.set(owner, f);
    }
    return f;
  };
  for (const route of rs.routesByNamespace.get(name) ?? []) {
    if ((existence && rs.index.declaredNamespacesOnly) || route.parents.some(readsOn)) rs.dirtyRoutes.add(route.key);
  }
  for (const ls of rs.listenerSetsByNamespace.get(name) ?? []) {
    const parent = rs.index.listenerSetParent.get(ls);
    const gw = parent === undefined ? undefined : rs.index.gateways.get(parent);
    if (gw && readsListenerSetNamespaces(gw)) rs.dirtyOwners.add(listenerSetId(ls));
  }
  if (marks.everySelecting) return;
  const mark = (p: PolicyState): void => {
    marks.marked.add(p);
    policy_tracking.markPolicy(rs, p, 'targets');
  };
  if (existence && marks.manyComeOrGo) {
    marks.everySelecting = true;
    for (const p of rs.namespaceSelecting) if (!marks.marked.has(p)) mark(p);
    return;
  }
  if (existence) {
    // A Namespace that comes or goes changes what a namespace selector says of the objects in it,
    // so only the policies whose selectors match the labels of an object there. (Objects coming
    // or going with it mark the policies that may pick them, as candidates.) Marking every
    // namespace-selecting policy refolded a hundred of them for a Namespace none picked in.
    for (const p of rs.namespaceSelecting) if (!marks.marked.has(p) && rs.families.picksByLabelIn(p.input, name)) mark(p);
    return;
  }
  const selecting = new Set<PolicyState>();
  rs.namespaceWatch.collect('Namespace', '', [before ?? undefined, after ?? undefined], selecting);
  for (const p of selecting) {
    // New labels on a Namespace that stays: a policy whose namespace selectors pick it as before picks the same targets.
    if (!marks.marked.has(p) && policy_tracking.namespaceSelectionFlips(p, before ?? undefined, after ?? undefined)) mark(p);
  }
}

export function listenerSetsToggled(rs: ResolutionState): void {
  for (const p of rs.listenerSetTargeting) policy_tracking.markPolicy(rs, p, 'contenders');
}
